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

/** The per-profile Go table (one column per era row): a rule's cell per profile id. */
function goRule(rule: string): Map<string, string> {
  const table = tables().find(
    (candidate) => candidate.header[0] === 'Rule' && candidate.header[1] === '`go1.4`',
  );
  if (!table) throw new Error('docs/clients.md has no per-profile Go table');
  const row = table.rows.find((candidate) => candidate[0] === rule);
  if (!row) throw new Error(`docs/clients.md's Go table has no row "${rule}"`);
  const ids = table.header.slice(1).map((cell) => cell.replace(/`/g, ''));
  return new Map(ids.map((id, column) => [id, row[column + 1]!]));
}

const CN_FALLBACK: Record<GoEra['cnFallback'], string> = {
  never: 'never',
  'never-godebug-hint': 'never (GODEBUG hint)',
  'no-san-extension-valid-hostname': 'no SAN ext., valid host',
  'no-san-extension': 'no SAN ext.',
  'no-dns-sans': 'no DNS SANs',
};

const WILDCARD: Record<GoEra['wildcard'], string> = {
  'left-most': 'left-most',
  'any-label': 'any label',
};

const TRAILING_DOT: Record<GoEra['trailingDot'], string> = {
  'strip-input': 'host only',
  'strip-both': 'host and pattern',
  none: 'none',
};

describe('docs/clients.md', () => {
  test('the profile table lists every profile once, each Go era with the releases it models', () => {
    const table = tables().find((candidate) => candidate.header[0] === 'Profile')!;
    const listed = table.rows.map((row) => row[0]!.replace(/`/g, ''));
    expect([...listed].sort()).toEqual([...CLIENT_IDS].sort());
    const release = (name: string): string => name.replace(/^go/, '');
    for (const era of GO_ERAS) {
      const row = table.rows.find((candidate) => candidate[0] === `\`${era.id}\``)!;
      const models = `Go ${release(era.releases.first)}–${era.releases.last === null ? 'today' : release(era.releases.last)}`;
      expect(`${era.id}: ${row[1]}`).toBe(`${era.id}: ${models}`);
    }
  });

  test('the per-profile Go table has a column for every Go era, oldest first', () => {
    expect([...goRule('Releases').keys()]).toEqual(GO_ERAS.map((era) => era.id).reverse());
  });

  test.each(GO_ERAS.map((era) => [era.id, era] as const))(
    'the host name rules of %s are its era row',
    (id, era) => {
      expect(goRule('CN as host name').get(id)).toBe(CN_FALLBACK[era.cnFallback]);
      const wildcard = WILDCARD[era.wildcard] + (era.bareStarMatches ? '' : ', bare `*` never');
      expect(goRule('Wildcard').get(id)).toBe(wildcard);
      expect(goRule('Trailing dot').get(id)).toBe(TRAILING_DOT[era.trailingDot]);
      expect(goRule('Expiry detail').get(id)).toBe(era.expiryDetail ? 'yes' : 'no');
    },
  );

  test.each(GO_ERAS.map((era) => [era.id, era] as const))(
    'the releases, oracle, signature, parser and constraint cells of %s are its era row',
    (id, era) => {
      const release = (name: string): string => name.replace(/^go/, '');
      expect(goRule('Releases').get(id)).toBe(
        `${release(era.releases.first)}–${era.releases.last === null ? 'today' : release(era.releases.last)}`,
      );
      expect(goRule('Checked against').get(id)).toBe(
        era.checkedAgainst === null ? 'release notes (not run here)' : `real ${era.checkedAgainst}`,
      );
      expect(goRule('SHA-1').get(id)).toBe(
        era.sha1Always ? 'rejected' : era.sha1Insecure ? 'rejected (GODEBUG)' : 'accepted',
      );
      const parse = goRule('Parse errors').get(id) ?? '';
      expect(parse.includes('dup. ext.')).toBe(era.duplicateExtensions !== 'accepted');
      expect(parse.includes('dup. ext. (OID)')).toBe(
        era.duplicateExtensions === 'refused-naming-oid',
      );
      expect(goRule('Name constraints').get(id)?.includes('CA SANs')).toBe(
        era.nameConstraints.checks === 'sans' && era.nameConstraints.caOwnSans,
      );
    },
  );
});
