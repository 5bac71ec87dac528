/** `diagnose completion bash|zsh|fish`: a shell completion script on stdout. */
import { defineCommand } from '../command.js';
import { COMPLETION_POSITIONALS } from './settings.js';

export const completionCommand = defineCommand({
  command: 'completion [shell]',
  describe: 'print a shell completion script (bash, zsh or fish)',
  positionals: COMPLETION_POSITIONALS,
  options: {},
  run: async (options, io, _argv, commands) =>
    (await import('./run.js')).runCompletion(options, io, commands),
});
