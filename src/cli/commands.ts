/** Every subcommand, default (`diagnose <certificate>`) last so named commands win. */
import type { Command } from '../command.js';
import { batchCommand } from './batch.js';
import { diagnoseCommand } from './diagnose.js';
import { explainCommand } from './explain.js';
import { generateCommand } from './generate.js';
import { simulateRestartCommand } from './simulate-restart.js';

export const COMMANDS: readonly Command[] = [
  generateCommand,
  simulateRestartCommand,
  explainCommand,
  batchCommand,
  diagnoseCommand,
];
