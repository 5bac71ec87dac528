/**
 * Batch output: one line per certificate (a summary table row, or a JSON Lines
 * object) and the final tally. Pure functions of records; colour comes in as a Style.
 */
import { escapeControl } from '../render/escape.js';
import { plainStyle, type Style } from '../render/style.js';
import type { CertRecord, ItemError, Tally } from './types.js';
import { sourceLabel } from './types.js';

export const BATCH_FORMATS = ['text', 'jsonl'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** Codes of a record's errors and warnings (info findings are left out of the table). */
export function problems(record: CertRecord): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const entry of [...record.findings, ...record.checks]) {
    const list =
      entry.severity === 'error' ? errors : entry.severity === 'warning' ? warnings : null;
    if (list && !list.includes(entry.code)) list.push(entry.code);
  }
  return { errors, warnings };
}

export function textRow(record: CertRecord, style: Style = plainStyle): string {
  const verdict =
    record.verdict === 'pass'
      ? style.ok('PASS')
      : record.verdict === 'unchecked'
        ? style.warn('NOCA')
        : style.fail('FAIL');
  const where = escapeControl(
    `${sourceLabel(record.source)}${record.index > 0 ? `#${record.index + 1}` : ''}`,
  );
  const { errors, warnings } = problems(record);
  const list = [...errors, ...warnings.map((code) => style.warn(`${code} (warning)`))];
  const mode = record.mode === 'names' ? 'names ' : 'checks';
  return `${verdict}  ${record.notAfter.slice(0, 10)}  ${style.dim(mode)}  ${where}  ${escapeControl(record.subject) || '(empty subject)'}${list.length > 0 ? `  ${list.join(', ')}` : ''}\n`;
}

export function jsonLine(record: CertRecord | ItemError): string {
  return `${JSON.stringify(record)}\n`;
}

/** Counts one record into a tally. */
export function count(tally: Tally, record: CertRecord): void {
  tally.certificates++;
  if (record.verdict === 'pass') tally.pass++;
  else tally.fail++;
  if (record.mode === 'names') tally.names++;
  else tally.checks++;
  const { errors, warnings } = problems(record);
  for (const code of errors) tally.codes[code] = (tally.codes[code] ?? 0) + 1;
  for (const code of warnings) tally.warnings[code] = (tally.warnings[code] ?? 0) + 1;
}

export function tallyText(tally: Tally, style: Style = plainStyle): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${style.bold(plural(tally.certificates, 'certificate'))}: ${style.ok(`${tally.pass} pass`)}, ${tally.fail > 0 ? style.fail(`${tally.fail} fail`) : '0 fail'} (${tally.names} diagnosed for the apiserver names, ${tally.checks} by their own checks)`,
  ];
  const sorted = (codes: Record<string, number>): string =>
    Object.entries(codes)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
  if (Object.keys(tally.codes).length > 0) lines.push(`errors:   ${sorted(tally.codes)}`);
  if (Object.keys(tally.warnings).length > 0) lines.push(`warnings: ${sorted(tally.warnings)}`);
  if (tally.errors > 0)
    lines.push(style.warn(`${plural(tally.errors, 'input')} could not be read`));
  if (tally.skipped > 0)
    lines.push(`${plural(tally.skipped, 'file')} without certificates skipped`);
  return `${lines.join('\n')}\n`;
}

export function tallyLine(tally: Tally): string {
  return `${JSON.stringify({ type: 'tally', ...tally })}\n`;
}
