/**
 * docs/clients.md against the profiles: its tables name every profile in order, and the
 * host name rules it states for each Go era are the ones the era rows (src/verify/go/eras.ts)
 * carry. A row changed in one place and not the other fails here.
 */
import { readFileSync } from 'node:fs';
import { CLIENT_IDS } from '../../src/base/client-id.js';
import { GO_ERAS, type GoEra } from '../../src/verify/go/eras.js';

const DOC = readFileSync('docs/clients.md', 'utf8');

/** Every markdown table of the page: header cells, then the body rows' cells. */
function tables(): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  const lines = DOC.split('\n');
  const cells = (line: string): string[] =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim());
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (!lines[i]!.startsWith('|') || !/^\|\s*---/.test(lines[i + 1]!)) continue;
    const header = cells(lines[i]!);
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j += 1)
      rows.push(cells(lines[j]!));
    found.push({ header, rows });
  }
  return found;
}

/** The host name rule table: a row's cell per profile id, `same`/`as \`x\`` resolved. */
function hostnameRule(rule: string): Map<string, string> {
  const table = tables().find(
    (candidate) => candidate.header[0] === 'Rule' && candidate.rows.some((row) => row[0] === rule),
  );
  if (!table) throw new Error(`docs/clients.md has no rule row "${rule}"`);
  const row = table.rows.find((candidate) => candidate[0] === rule)!;
  const ids = table.header.slice(1).map((cell) => cell.replace(/`/g, ''));
  const resolved = new Map<string, string>();
  ids.forEach((id, column) => {
    let cell = row[column + 1]!.replace(/\s*\((UNCONFIRMED|see note \d)[^)]*\)/g, '');
    const reference = /^(?:same )?as `([\w.]+)`$/.exec(cell);
    if (reference) cell = resolved.get(reference[1]!) ?? cell;
    else if (cell === 'same' && column > 0) cell = resolved.get(ids[column - 1]!)!;
    resolved.set(id, cell);
  });
  return resolved;
}

const CN_FALLBACK: Record<GoEra['cnFallback'], string> = {
  never: 'never',
  'never-godebug-hint': 'never',
  'no-san-extension-valid-hostname': 'no SAN extension, and the CN is a valid hostname',
  'no-san-extension': 'no SAN extension at all',
  'no-dns-sans': 'no DNS SANs',
};

const WILDCARD: Record<GoEra['wildcard'], string> = {
  'left-most': 'whole left-most label',
  'any-label': 'whole label, any position',
};

const TRAILING_DOT: Record<GoEra['trailingDot'], RegExp> = {
  'strip-input': /^one dot trimmed from the host; a pattern ending in a dot only matches exactly$/,
  'strip-both': /^one dot trimmed from host and pattern$/,
  none: /^none$/,
};

describe('docs/clients.md', () => {
  test('the profile table lists every profile, in order, with the Go eras as labelled', () => {
    const table = tables().find((candidate) => candidate.header[0] === 'Profile')!;
    expect(table.rows.map((row) => row[0]!.replace(/`/g, ''))).toEqual([...CLIENT_IDS]);
    for (const era of GO_ERAS) {
      const row = table.rows.find((candidate) => candidate[0] === `\`${era.id}\``)!;
      expect(`${era.id}: ${row[1]}`).toBe(`${era.id}: ${era.label}`);
    }
  });

  test.each(GO_ERAS.map((era) => [era.id, era] as const))(
    'the host name rules of %s are its era row',
    (id, era) => {
      expect(hostnameRule('CN fallback condition').get(id)).toBe(CN_FALLBACK[era.cnFallback]);
      expect(hostnameRule('Wildcard position').get(id)).toBe(WILDCARD[era.wildcard]);
      expect(hostnameRule('Trailing dots').get(id)).toMatch(TRAILING_DOT[era.trailingDot]);
      expect(hostnameRule('Expiry message detail').get(id)).toBe(
        era.expiryDetail ? 'current time and bound' : 'none',
      );
    },
  );
});
