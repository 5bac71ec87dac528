/** Every subcommand, default (`diagnose <certificate>`) last so named commands win. */
import type { Command } from '../command.js';
import { diagnoseCommand } from './diagnose.js';

export const COMMANDS: readonly Command[] = [diagnoseCommand];
