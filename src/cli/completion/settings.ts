/** What `completion`'s declaration and its run share: the shells and the argument's type. */
import type { Parsed } from '../command.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const COMPLETION_POSITIONALS = {
  shell: {
    type: 'string',
    choices: SHELLS,
    describe: `${SHELLS.join(', ')}; e.g. source <(diagnose completion bash)`,
  },
} as const;

export type CompletionOptions = Parsed<typeof COMPLETION_POSITIONALS>;
