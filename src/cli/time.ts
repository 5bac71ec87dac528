/** --at: RFC 3339 (or any ISO 8601 date-time) or unix seconds, as `openssl verify -attime`. */
import { UsageError } from '../base/errors.js';

export function parseAt(value: string): Date {
  const text = value.trim();
  if (/^\d{1,12}$/.test(text)) return new Date(Number(text) * 1000);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
    const date = new Date(text.replace(' ', 'T'));
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(
    `--at: ${JSON.stringify(value)} is not a time; use RFC 3339 (2016-03-01T00:00:00Z) or unix seconds`,
  );
}
