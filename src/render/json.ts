/** The JSON format is the Report itself (docs/report-schema.md); dates become ISO strings. */
import type { Report } from '../report/report.js';

/**
 * Characters JSON.stringify leaves raw that a terminal or an editor acts on: DEL, the C1
 * controls (U+009B is CSI on terminals that take 8-bit controls), the line separators and
 * the bidirectional overrides. They can only occur inside strings, where `\uXXXX` is the
 * same value (RFC 8259 §7), so the parsed report is unchanged.
 */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function renderJson(report: Report): string {
  const json = JSON.stringify(report, null, 2).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${json}\n`;
}
