/**
 * wrap and fold measure each word once and add the columns up. These references measure
 * the whole line again at every word, the plain reading of the rule; on any text (colour
 * codes, astral characters, runs of spaces, words wider than the line) both give the same.
 */
import fc from 'fast-check';
import { clip, clipLogged, fold, visibleLength, wrap } from '../../src/render/format.js';

function wrapByLine(text: string, indent: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (
      line.length > 0 &&
      visibleLength(indent) + visibleLength(line) + 1 + visibleLength(word) > width
    ) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function foldByLine(line: string, width: number, hanging: string): string {
  if (visibleLength(line) <= width) return line;
  const parts = line.split(/( +)/);
  const out: string[] = [];
  let current = '';
  let pendingSpace = '';
  for (let i = 0; i < parts.length; i += 2) {
    const word = parts[i] ?? '';
    const space = parts[i + 1] ?? '';
    if (word === '') {
      current += space;
      continue;
    }
    const candidate = current + pendingSpace + word;
    if (visibleLength(current) > hanging.length && visibleLength(candidate) > width) {
      out.push(current);
      current = hanging + word;
    } else {
      current = candidate;
    }
    pendingSpace = space;
  }
  out.push(current);
  return out.join('\n');
}

const piece = fc.oneof(
  fc.constantFrom(
    ' ',
    '  ',
    '   ',
    '\n',
    '\t',
    '\u001b[1m',
    '\u001b[31;1m',
    '\u001b[0m',
    '😀',
    '✓',
    '—',
  ),
  fc.stringMatching(/^[a-z0-9.:/-]{1,14}$/),
);
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

test('visibleLength counts code points without colour codes', () => {
  expect(visibleLength('\u001b[31mFAIL\u001b[0m 😀')).toBe(6);
  expect(visibleLength('kubernetes.default')).toBe(18);
});

test('wrap gives what measuring the whole line at every word gives', () => {
  fc.assert(
    fc.property(
      text,
      fc.constantFrom('', '  ', '      ', '\u001b[2m  '),
      fc.integer({ min: 1, max: 90 }),
      (t, indent, width) => {
        expect(wrap(t, indent, width)).toBe(wrapByLine(t, indent, width));
      },
    ),
    { numRuns: 1000 },
  );
});

test('fold gives what measuring the whole line at every word gives', () => {
  fc.assert(
    fc.property(
      text,
      fc.integer({ min: 1, max: 90 }),
      fc.constantFrom('', '  ', '        '),
      (t, width, hanging) => {
        const line = t.replace(/[\n\t]/g, ' ');
        expect(fold(line, width, hanging)).toBe(foldByLine(line, width, hanging));
      },
    ),
    { numRuns: 1000 },
  );
});

test('a log line is cut only where the message it wraps would be', () => {
  const wrapper =
    'failed calling webhook "validate.nginx.ingress.kubernetes.io": failed to call webhook: Post "https://ingress-nginx-controller-admission.ingress-nginx.svc:443/networking/v1/ingresses?timeout=10s": tls: failed to verify certificate: ';
  const short = 'x509: certificate signed by unknown authority';
  expect(clipLogged(wrapper + short, short)).toBe(wrapper + short);
  const sans = Array.from({ length: 80 }, (_, i) => `name-${i}.example.com`).join(', ');
  const long = `x509: certificate is valid for ${sans}, not webhook.demo.svc`;
  const cut = clipLogged(wrapper + long, long);
  expect(cut.startsWith(wrapper)).toBe(true);
  expect(cut.endsWith('not webhook.demo.svc')).toBe(true);
  expect(cut.length).toBeLessThan((wrapper + long).length);
  expect(cut.length - wrapper.length).toBeLessThanOrEqual(clip(long).length + 8);
});
