/**
 * The Go column of x509-limbo (fixtures/limbo-go, a sample with every parser error): what
 * real Go 1.19.8 answered, replayed through the `go` profile. Same verdict, and where both
 * fail the byte-identical message.
 * Parser errors among them: IP SAN lengths, URIs, duplicate extensions, mismatched signature
 * algorithm identifiers, a SAN that is not GeneralNames, non-IA5 dNSNames, explicit and
 * unsupported curves, a malformed AIA.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificates, type Certificate } from '../../../src/facts/certificate.js';
import { goEra, verifyGo } from '../../../src/verify/go/index.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';

interface LimboCase {
  readonly id: string;
  readonly name: string;
  readonly at: string;
  readonly ok: boolean;
  readonly message: string | null;
  readonly extendedKeyUsage: readonly string[];
  readonly peer: string;
  readonly intermediates: readonly string[];
  readonly trusted: readonly string[];
}

const CASES = readFileSync(join('fixtures', 'limbo-go', 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LimboCase);

const WRAP = 'tls: failed to parse certificate from server: ';

async function read(pem: string): Promise<Certificate[]> {
  return readCertificates(Buffer.from(pem), 'limbo');
}

/** What the profile says, or why the tool could not read the certificates at all. */
async function ours(c: LimboCase): Promise<{ ok: boolean; message: string | null }> {
  let leaf: Certificate | undefined;
  let intermediates: Certificate[];
  try {
    [leaf] = await read(c.peer);
    intermediates = (await Promise.all(c.intermediates.map(read))).flat();
  } catch (error) {
    return { ok: false, message: `unreadable: ${(error as Error).message}` };
  }
  const roots: Certificate[] = [];
  // AppendCertsFromPEM skips what does not parse; so does the tool's reader here.
  for (const pem of c.trusted) roots.push(...(await read(pem).catch(() => [])));
  const verdict = verifyGo(
    {
      leaf: leaf!.facts,
      intermediates: intermediates.map((cert) => cert.facts),
      roots: roots.map((cert) => cert.facts),
      host: c.name,
      now: new Date(c.at),
      signatures: await computeSignatureChecks([leaf!, ...intermediates, ...roots]),
    },
    goEra('go'),
  );
  // Certificate.Verify's error: a leaf that does not parse without crypto/tls's wrapper.
  return { ok: verdict.ok, message: verdict.message?.replace(WRAP, '') ?? null };
}

test('the sample holds limbo cases with Go answers, parser errors among them', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(400);
  expect(CASES.filter((c) => c.message?.includes('cannot parse')).length).toBeGreaterThan(10);
});

test('the go profile gives real Go 1.19 verdicts and messages', async () => {
  // Only the serverAuth cases: the profile models a TLS client's default key usages.
  const serverAuth = CASES.filter(
    (c) =>
      c.extendedKeyUsage.length === 0 ||
      (c.extendedKeyUsage.length === 1 && c.extendedKeyUsage[0] === 'serverAuth'),
  );
  const disagreeing: string[] = [];
  for (const c of serverAuth) {
    const verdict = await ours(c);
    if (verdict.ok !== c.ok || (!c.ok && verdict.message !== c.message)) disagreeing.push(c.id);
  }
  expect(serverAuth.length).toBeGreaterThanOrEqual(400);
  expect(disagreeing).toEqual([]);
});
