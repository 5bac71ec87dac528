/**
 * Formatting that the text and markdown reports, the restart story and `explain` share,
 * so that a certificate or a paragraph reads the same wherever it is shown.
 */
import type { ResultEntry } from '../report/report.js';
import type { CertFacts } from '../facts/types.js';

/** Words filled into lines of at most `width` columns, each line starting with `indent`. */
export function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** One client's answer for one name. */
export function resultFor(
  results: readonly ResultEntry[],
  client: string,
  name: string,
): ResultEntry | undefined {
  return results.find((result) => result.client === client && result.name === name);
}

/** basicConstraints as `openssl x509 -text` puts it, and whether the certificate signed itself. */
export function caText(cert: CertFacts): string {
  const bc = cert.basicConstraints;
  if (!bc) return 'no basicConstraints';
  return `${bc.ca ? 'CA:TRUE' : 'CA:FALSE'}${bc.pathLen !== null ? `, pathlen ${bc.pathLen}` : ''}${cert.selfSigned ? ', self-signed' : ''}`;
}

/** The name a person knows a certificate by: its last CN, else its whole subject DN. */
export function cnOrDn(cert: CertFacts): string {
  return cert.subject.commonNames.at(-1) ?? cert.subject.dn;
}

/**
 * Lists and client messages are capped so a hostile certificate (10,000 SANs) still
 * gives a readable report; the JSON report keeps every entry and every message verbatim.
 */
const LIST_CAP = 20;
const MESSAGE_CAP = 400;

export function capped(values: readonly string[], separator: string): string {
  if (values.length <= LIST_CAP) return values.join(separator);
  const shown = [...values.slice(0, LIST_CAP - 2), `… ${values.length - LIST_CAP + 1} more …`];
  return [...shown, values.at(-1) ?? ''].join(separator);
}

/**
 * A client's message cut in the middle (Go's HostnameError lists every SAN before the
 * dialled name, which comes last), saying how many list entries were left out.
 */
export function clip(message: string, max = MESSAGE_CAP): string {
  if (message.length <= max) return message;
  const headEnd = message.lastIndexOf(', ', Math.floor(max * 0.7));
  const tailStart = message.indexOf(', ', message.length - Math.floor(max * 0.25));
  const head = message.slice(0, headEnd > 0 ? headEnd : Math.floor(max * 0.7));
  const tail = message.slice(
    tailStart > 0 ? tailStart + 2 : message.length - Math.floor(max * 0.25),
  );
  const middle = message.slice(head.length, message.length - tail.length);
  const entries = middle.split(', ').length - 1;
  const omitted = entries > 1 ? `${entries - 1} more entries` : `${middle.length} more characters`;
  return `${head}, … (${omitted}; the JSON report has the whole message) …, ${tail}`;
}
