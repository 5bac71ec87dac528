/** The only module that knows about terminal colour. */
import { Chalk } from 'chalk';
import { plainStyle, type Style } from '../render/style.js';

/** Colour on a TTY unless NO_COLOR is set or --no-color was given (https://no-color.org). */
export function terminalStyle(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  color: boolean,
): Style {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!color || noColor || !isTTY) return plainStyle;
  const chalk = new Chalk({ level: 1 });
  return { ok: chalk.green, fail: chalk.red, warn: chalk.yellow, dim: chalk.dim, bold: chalk.bold };
}
