/** The JSON format is the Report itself (docs/report-schema.md); dates become ISO strings. */
import type { Report } from '../report/report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
