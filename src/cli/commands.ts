/** Every subcommand, default (`diagnose <certificate>`) last so named commands win. */
import type { Command } from './command.js';
import { batchCommand } from './batch/declare.js';
import { completionCommand } from './completion/declare.js';
import { diagnoseCommand } from './diagnose/declare.js';
import { explainCommand } from './explain/declare.js';
import { generateCommand } from './generate/declare.js';
import { simulateRestartCommand } from './simulate-restart/declare.js';

export const COMMANDS: readonly Command[] = [
  generateCommand,
  simulateRestartCommand,
  explainCommand,
  batchCommand,
  completionCommand,
  diagnoseCommand,
];
