/**
 * One certificate reader: the DER reader (src/facts/read.ts) must give exactly what the
 * full parser gives — the same CertFacts, the same input errors, the same signature
 * answers — or decline. Compared over every certificate under fixtures/, the whole
 * robustness corpus, the benchmark corpus, certificates from the shared generator with
 * the shapes the verifiers care about, and keys and algorithms node:crypto and WebCrypto
 * treat differently (secp256k1, MD5, Ed25519).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCorpus } from '../../bench/generate.js';
import { readCertificates, type Certificate } from '../../src/facts/certificate.js';
import { fullCertificate, parseCertificate, type FullCertificate } from '../../src/facts/full.js';
import { readCertificate } from '../../src/facts/read.js';
import { defaultLoadLimits, splitCertificates } from '../../src/load/split.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import { makeCert, testKey } from '../helpers/certs.js';
import { buildCorpus } from '../robustness/corpus.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const YEAR = 365 * 24 * 60 * 60 * 1000;

/** Dates and all, as plain data. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

type Outcome =
  | { readonly ok: true; readonly certificates: readonly Certificate[] }
  | { readonly ok: false; readonly error: string };

async function outcome(run: () => Promise<readonly Certificate[]>): Promise<Outcome> {
  try {
    return { ok: true, certificates: await run() };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** The full parser alone, for every certificate: what every run did before the DER reader. */
async function fullOnly(bytes: Uint8Array, source: string): Promise<FullCertificate[]> {
  const ders = splitCertificates(bytes, source);
  const certs = ders.map((der, i) =>
    parseCertificate(der, source, i, ders.length, defaultLoadLimits),
  );
  const out: FullCertificate[] = [];
  for (const [i, cert] of certs.entries()) {
    out.push(await fullCertificate(cert, ders[i] as Uint8Array, source, i, ders.length, i));
  }
  return out;
}

interface Compared {
  /** Certificates the DER reader read (the rest went to the full parser). */
  readonly fast: number;
  readonly total: number;
}

/**
 * Same outcome both ways — facts or error text — and, where both read the input, the
 * same answer for every signature pair (node:crypto for what the DER reader read).
 */
async function expectSame(bytes: Uint8Array, source: string): Promise<Compared> {
  const reader = await outcome(() => readCertificates(bytes, source));
  const full = await outcome(() => fullOnly(bytes, source));
  if (!reader.ok || !full.ok) {
    expect({ source, ...(reader.ok ? { facts: 'read' } : reader) }).toEqual({
      source,
      ...(full.ok ? { facts: 'read' } : full),
    });
    return { fast: 0, total: 0 };
  }
  expect(plain(reader.certificates.map((cert) => cert.facts))).toEqual(
    plain(full.certificates.map((cert) => cert.facts)),
  );
  reader.certificates.forEach((cert, i) =>
    expect(cert.facts.notBefore.getTime()).toBe(full.certificates[i]?.facts.notBefore.getTime()),
  );
  const fast = reader.certificates.filter((cert) => cert.signed !== null).length;
  if (reader.certificates.length <= 12 && fast > 0) {
    const byReader = await computeSignatureChecks(reader.certificates);
    const byFull = await computeSignatureChecks(
      (full.certificates as FullCertificate[]).map(({ facts, cert }) => ({ facts, cert })),
    );
    for (const child of reader.certificates) {
      for (const parent of reader.certificates) {
        const pair = `${source}: ${child.facts.subject.dn} by ${parent.facts.subject.dn}`;
        expect([pair, byReader.verifies(child.facts, parent.facts)]).toEqual([
          pair,
          byFull.verifies(child.facts, parent.facts),
        ]);
      }
    }
  }
  return { fast, total: reader.certificates.length };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));

describe('the DER reader gives what the full parser gives', () => {
  test('every certificate file under fixtures/', async () => {
    const files = filesUnder('fixtures').filter((path) => path.endsWith('.crt'));
    expect(files.length).toBeGreaterThan(30);
    let fast = 0;
    let total = 0;
    for (const path of files) {
      const compared = await expectSame(new Uint8Array(readFileSync(path)), path);
      fast += compared.fast;
      total += compared.total;
    }
    // The fixtures are what Go, OpenSSL and the generator write: the DER reader reads them all.
    expect(fast).toBe(total);
    expect(total).toBeGreaterThan(30);
  });

  test('every input of the robustness corpus: the same facts or the same error', async () => {
    const corpus = await buildCorpus();
    let inputs = 0;
    let fast = 0;
    for (const entry of corpus) {
      for (const [path, bytes] of Object.entries(entry.files)) {
        inputs++;
        fast += (await expectSame(bytes, `${entry.id}/${path}`)).fast;
      }
    }
    expect(inputs).toBeGreaterThan(50);
    expect(fast).toBeGreaterThan(0);
  });

  test('the benchmark corpus: every kind of certificate it makes, all read by the DER reader', async () => {
    const corpus = makeCorpus();
    let fast = 0;
    let total = 0;
    for (const pem of [corpus.caPem, ...Array.from({ length: 60 }, (_, i) => corpus.pem(i))]) {
      const compared = await expectSame(bytesOf(pem), 'bench.pem');
      fast += compared.fast;
      total += compared.total;
    }
    expect(fast).toBe(total);
  });

  test('certificates from the shared generator: RSA, SHA-1, CA, IPv6, odd SANs, key ids', async () => {
    const rsa = await testKey('read-rsa', 'rsa');
    const ec = await testKey('read-ec');
    const base = {
      serialHex: '00ff01',
      notBefore: new Date(NOW.getTime() - YEAR),
      notAfter: new Date(NOW.getTime() + YEAR),
    };
    const specs = [
      {
        ...base,
        subject: 'CN=vm-56-65@1446612345',
        san: [{ dns: 'kubernetes' }, { ip: '10.0.0.1' }],
      },
      { ...base, subject: 'CN=a,O=system:masters', san: [{ ip: '::1' }, { ipBytes: [10, 0, 0] }] },
      {
        ...base,
        subject: 'CN=ca',
        basicConstraints: { ca: true, pathLen: 2, critical: true },
        keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'] as const,
        keyIds: true,
      },
      {
        ...base,
        subject: 'CN=sha1',
        hash: 'SHA-1' as const,
        extKeyUsage: ['serverAuth', '1.2.3.4'],
      },
      { ...base, subject: 'CN=no-san,OU=x+L=y', keyUsage: ['decipherOnly'] as const },
      {
        ...base,
        subject: 'CN=*.example.com',
        san: [{ dns: '*.example.com' }, { uri: 'spiffe://x' }, { email: 'a@b' }],
      },
    ];
    let fast = 0;
    for (const [i, spec] of specs.entries()) {
      for (const key of [rsa, ec]) {
        const made = await makeCert(spec, key, i % 2 === 0 ? key : rsa);
        fast += (await expectSame(made.der, `generated-${i}`)).fast;
      }
    }
    expect(fast).toBe(specs.length * 2);
  });

  test('secp256k1 and MD5 (node:crypto verifies them, WebCrypto never does), Ed25519 (declined)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-test-'));
    const openssl = (...args: string[]): void => {
      execFileSync('openssl', args, { stdio: 'ignore' });
    };
    const make = (name: string, ...keyArgs: string[]): Uint8Array => {
      openssl(
        'req',
        '-x509',
        ...keyArgs,
        '-nodes',
        '-keyout',
        join(dir, `${name}.key`),
        '-out',
        join(dir, `${name}.crt`),
        '-subj',
        `/CN=${name}`,
        '-days',
        '10',
      );
      return new Uint8Array(readFileSync(join(dir, `${name}.crt`)));
    };
    const k256 = make('k256', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1');
    const md5 = make('md5', '-newkey', 'rsa:2048', '-md5');
    const ed25519 = make('ed25519', '-newkey', 'ed25519');
    const p384 = make('p384', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-sha384');

    expect(await expectSame(k256, 'k256.crt')).toEqual({ fast: 1, total: 1 });
    expect(await expectSame(md5, 'md5.crt')).toEqual({ fast: 1, total: 1 });
    expect(await expectSame(ed25519, 'ed25519.crt')).toEqual({ fast: 0, total: 1 });
    expect(await expectSame(p384, 'p384.crt')).toEqual({ fast: 1, total: 1 });
    // The answers the two agree on, spelled out.
    const [k256Cert] = await readCertificates(k256, 'k256.crt');
    expect(k256Cert?.facts.selfSigned).toBe(false);
    const [p384Cert] = await readCertificates(p384, 'p384.crt');
    expect(p384Cert?.facts.selfSigned).toBe(true);
    const [edCert] = await readCertificates(ed25519, 'ed25519.crt');
    expect(edCert?.facts.selfSigned).toBe(true);
    // A chain mixing the readers: an Ed25519 CA (full parser) over a P-384 leaf it did not sign.
    const mixed = new Uint8Array(Buffer.concat([p384, ed25519]));
    expect(await expectSame(mixed, 'mixed.pem')).toEqual({ fast: 1, total: 2 });
  });
});

describe('what the DER reader declines', () => {
  test('a truncated or non-minimal encoding is declined, never misread', () => {
    const [der] = splitCertificates(bytesOf(makeCorpus().caPem), 'ca.pem');
    const bytes = der as Uint8Array;
    expect(readCertificate(bytes.subarray(0, bytes.length - 1), 0)).toBeNull();
    expect(readCertificate(new Uint8Array([0x30, 0x81, 0x03, 0x02, 0x01, 0x00]), 0)).toBeNull();
    expect(readCertificate(bytes, 3)?.facts.index).toBe(3);
  });

  test('a plain run of the built CLI never loads the full parser', () => {
    // Asked when the run is over: the bin runs the bundle asynchronously.
    const script = [
      "process.argv = [process.argv[0], 'diagnose', 'fixtures/seed/apiserver.crt', '--at', '2015-11-04T12:00:00Z', '--client', 'all'];",
      'process.stdout.write = () => true;',
      "process.on('exit', () => console.error(JSON.stringify({ reflect: typeof Reflect.getMetadata, exit: process.exitCode })));",
      "require('./bin/diagnose.js');",
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    // reflect-metadata is loaded just before @peculiar/x509 (src/facts/certificate.ts).
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1) ?? '')).toEqual({
      reflect: 'undefined',
      exit: 0,
    });
  });
});
