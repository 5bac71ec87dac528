/** `diagnose completion bash|zsh|fish`: a shell completion script on stdout. */
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { SHELLS } from './settings.js';

export const completionCommand: Command = {
  command: 'completion [shell]',
  describe: 'print a shell completion script (bash, zsh or fish)',
  builder: (yargs: Argv) =>
    yargs.positional('shell', {
      type: 'string',
      choices: SHELLS,
      describe: `${SHELLS.join(', ')}; e.g. source <(diagnose completion bash)`,
    }),
  run: async (args, io, _argv, commands) =>
    (await import('./run.js')).runCompletion(args, io, commands),
};
