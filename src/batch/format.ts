/**
 * Batch output: one line per certificate (a summary table row, or a JSON Lines
 * object) and the final tally. Pure functions of records; colour comes in as a Style.
 */
import { escapeControl } from '../render/escape.js';
import { plainStyle, type Style } from '../render/style.js';
import type { CertRecord, ItemError, Tally, TrustRecord } from './types.js';
import { sourceLabel } from './types.js';

export const BATCH_FORMATS = ['text', 'jsonl'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

/** Codes of a record's errors and warnings (info findings are left out of the table). */
export function problems(record: CertRecord | TrustRecord): {
  errors: string[];
  warnings: string[];
} {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const entry of [
    ...record.findings,
    ...(record.type === 'certificate' ? record.checks : []),
  ]) {
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
  const first =
    record.expiresFirst === true ? `  ${style.dim('(expires first in its chain)')}` : '';
  return `${verdict}  ${record.notAfter.slice(0, 10)}  ${style.dim(mode)}  ${record.component}  ${where}  ${escapeControl(record.subject) || '(empty subject)'}${list.length > 0 ? `  ${list.join(', ')}` : ''}${first}\n`;
}

/**
 * An inventory row: a webhook, conversion webhook or APIService against its serving Secret
 * — the verdict, the date its chain stops working, the component, what it dials, the
 * Secret and the codes; then the deciding client's words and the certificate that expires
 * first. MISS: the Secret is not in the input.
 */
export function trustRow(record: TrustRecord, style: Style = plainStyle): string {
  const verdict =
    record.verdict === 'pass'
      ? style.ok('PASS')
      : record.verdict === 'unchecked'
        ? style.warn('NOCA')
        : record.verdict === 'absent'
          ? style.warn('MISS')
          : style.fail('FAIL');
  const date = record.expiresFirst ? record.expiresFirst.notAfter.slice(0, 10) : '----------';
  const what = escapeControl(
    `${record.object}${record.webhook === null ? '' : `, webhook ${JSON.stringify(record.webhook)}`} → ${record.host}`,
  );
  const { errors, warnings } = problems(record);
  const list = [...errors, ...warnings.map((code) => style.warn(`${code} (warning)`))];
  const secret = escapeControl(
    record.secret === null
      ? (record.note ?? '')
      : `Secret ${record.secret}${record.note === null ? '' : ` (${record.note})`}`,
  );
  const lines = [
    `${verdict}  ${date}  ${style.dim(record.component)}  ${what}  ${secret}${list.length > 0 ? `  ${list.join(', ')}` : ''}`,
  ];
  if (record.message !== null)
    lines.push(
      `      ${record.primaryClient ?? ''}: ${escapeControl(record.message.replace(/\s*\n\s*/g, ' '))}`,
    );
  if (record.expiresFirst)
    lines.push(
      `      expires first: ${record.expiresFirst.where} ${escapeControl(record.expiresFirst.subject) || '(empty subject)'} ${record.expiresFirst.notAfter.slice(0, 10)}`,
    );
  return `${lines.join('\n')}\n`;
}

/** Counts one inventory record into a tally. */
export function countTrust(tally: Tally, record: TrustRecord): void {
  if (record.verdict === 'absent') tally.trust.absent++;
  else tally.trust[record.verdict]++;
  if (record.verdict === 'absent') return;
  const { errors, warnings } = problems(record);
  for (const code of errors) tally.codes[code] = (tally.codes[code] ?? 0) + 1;
  for (const code of warnings) tally.warnings[code] = (tally.warnings[code] ?? 0) + 1;
}

export function jsonLine(record: CertRecord | TrustRecord | ItemError): string {
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
  const component = (tally.components[record.component] ??= { certificates: 0, fail: 0 });
  component.certificates++;
  if (record.verdict !== 'pass') component.fail++;
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
  const components = Object.entries(tally.components).sort(
    (a, b) => b[1].certificates - a[1].certificates || a[0].localeCompare(b[0]),
  );
  // One component (a directory of apiserver certificates) says nothing a line more would.
  if (components.length > 1)
    lines.push(
      `by component: ${components.map(([id, n]) => `${id} ${n.certificates}${n.fail > 0 ? ` (${n.fail} fail)` : ''}`).join(', ')}`,
    );
  const { trust } = tally;
  const objects = trust.pass + trust.fail + trust.unchecked + trust.absent;
  if (objects > 0 || trust.local > 0) {
    const parts = [
      style.ok(`${trust.pass} pass`),
      trust.fail > 0 ? style.fail(`${trust.fail} fail`) : '0 fail',
      ...(trust.unchecked > 0 ? [style.warn(`${trust.unchecked} unchecked`)] : []),
      ...(trust.absent > 0
        ? [style.warn(`${trust.absent} without their Secret in the input`)]
        : []),
    ];
    lines.push(
      `${style.bold(`${plural(objects, 'webhook or APIService caBundle')}`)} against the serving Secret: ${parts.join(', ')}${trust.local > 0 ? `; ${plural(trust.local, 'APIService')} served by the kube-apiserver itself` : ''}`,
    );
  }
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
