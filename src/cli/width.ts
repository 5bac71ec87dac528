/**
 * The width text output wraps to: the terminal's on a TTY; otherwise COLUMNS when it
 * holds a number (as shells export it, and as a user sets it for a pipe), else 80.
 */
import { DEFAULT_WIDTH } from '../render/format.js';
import type { Io } from './io.js';

export function outputWidth(io: Io): number {
  const terminal = io.stdoutIsTTY ? io.terminalColumns?.('stdout') : undefined;
  if (terminal !== undefined && terminal > 0) return terminal;
  const columns = Number.parseInt(io.env['COLUMNS'] ?? '', 10);
  return Number.isInteger(columns) && columns > 0 ? columns : DEFAULT_WIDTH;
}
