/**
 * Formatting that the text and markdown reports, the restart story and `explain` share,
 * so that a certificate or a paragraph reads the same wherever it is shown.
 */
import type { ResultEntry } from '../report/report.js';
import type { CertFacts } from '../facts/types.js';

/** The width reports wrap to when the CLI does not say (a terminal's usual 80 columns). */
export const DEFAULT_WIDTH = 80;

/** SGR colour sequences the Style adds: they take no columns. */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a line takes on a terminal (colour codes take none). */
export function visibleLength(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
  // Code points, not UTF-16 units; only a text with a surrogate needs counting them.
  return SURROGATE.test(plain) ? [...plain].length : plain.length;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Words filled into lines of at most `width` columns, each line starting with `indent`.
 * A word is never broken: a token longer than the line (a fingerprint, a URL) stands
 * whole on a line of its own. Each word is measured once: columns add up word by word
 * (a colour code or a surrogate pair never spans a space).
 */
export function wrap(text: string, indent: string, width = DEFAULT_WIDTH): string {
  const room = width - visibleLength(indent);
  const lines: string[] = [];
  let words: string[] = [];
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const size = visibleLength(word);
    if (words.length > 0 && used + 1 + size > room) {
      lines.push(indent + words.join(' '));
      words = [word];
      used = size;
    } else {
      used += words.length > 0 ? 1 + size : size;
      words.push(word);
    }
  }
  if (words.length > 0) lines.push(indent + words.join(' '));
  return lines.join('\n');
}

/**
 * One line already laid out (its inner spacing aligns columns) folded at spaces to
 * `width`; continuation lines start with `hanging`. Words are never broken.
 */
export function fold(line: string, width: number, hanging: string): string {
  if (visibleLength(line) <= width) return line;
  const parts = line.split(/( +)/);
  const out: string[] = [];
  let current = '';
  let currentSize = 0;
  let pendingSpace = '';
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i] ?? '';
    const space = parts[i + 1] ?? '';
    if (word === '') {
      // Leading indentation (or the line's end).
      current += space;
      currentSize += space.length;
      continue;
    }
    const size = visibleLength(word);
    const candidateSize = currentSize + pendingSpace.length + size;
    // A line holding no more than its lead (a label, a mark) keeps its first word, however long.
    if (currentSize > hanging.length && candidateSize > width) {
      out.push(current);
      current = hanging + word;
      currentSize = visibleLength(hanging) + size;
    } else {
      current += pendingSpace + word;
      currentSize = candidateSize;
    }
    pendingSpace = space;
  }
  out.push(current);
  return out.join('\n');
}

/** A label: value row whose value wraps under itself. */
export function field(label: string, value: string, labelWidth: number, width: number): string {
  const lead = `  ${label.padEnd(labelWidth)}  `;
  return fold(`${lead}${value}`, width, ' '.repeat(lead.length));
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
 * A component's log line around a client's message, cut only where the message alone would
 * be: the wrapper (the webhook's name, the URL called) is what a search needs whole.
 */
export function clipLogged(logged: string, message: string | null): string {
  return clip(logged, MESSAGE_CAP + Math.max(0, logged.length - (message?.length ?? 0)));
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
