/**
 * The only module that knows about terminal colour. chalk is loaded only when colour is
 * on: output to a pipe or a file (scripts, CI, the benchmark) never needs it.
 */
import { plainStyle, type Style } from '../render/style.js';

/** Colour on a TTY unless NO_COLOR is set or --no-color was given (https://no-color.org). */
export async function terminalStyle(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  color: boolean,
): Promise<Style> {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!color || noColor || !isTTY) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { ok: chalk.green, fail: chalk.red, warn: chalk.yellow, dim: chalk.dim, bold: chalk.bold };
}
