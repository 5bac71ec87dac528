/**
 * Invariants of the host name checks, over random names and SAN sets, for every profile.
 * The facts are those of one real self-signed CA that every profile trusts; only its SAN
 * lists vary (the profiles read facts, never the DER), so each verdict differs only by the
 * name rules. The expected trailing-dot behaviour per client is the table of
 * docs/clients.md ("Trailing dots").
 */
import fc from 'fast-check';
import type { CertFacts } from '../../src/facts/types.js';
import { formatIpGo, ipToBytes } from '../../src/base/ip.js';
import { PROFILES } from '../../src/verify/profiles.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { ClientId, ClientVerdict, VerifyInput } from '../../src/verify/types.js';
import { makeCert } from '../helpers/certs.js';

const NOW = new Date('2020-06-01T00:00:00Z');
const RUNS = { numRuns: 150, seed: Number(process.env['PROPERTY_SEED'] ?? 7007) };

let base: CertFacts;
let signatures: VerifyInput['signatures'];

beforeAll(async () => {
  const ca = await makeCert({
    subject: 'CN=property-ca',
    serialHex: '05',
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2030-01-01T00:00:00Z'),
    basicConstraints: { ca: true },
    keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
    extKeyUsage: ['serverAuth'],
    san: [{ dns: 'placeholder.example' }],
  });
  base = ca.facts;
  signatures = await computeSignatureChecks([ca.read]);
});

function withSans(dns: readonly string[], ips: readonly string[] = []): CertFacts {
  return {
    ...base,
    san: {
      critical: false,
      order: [...dns.map(() => 'dns' as const), ...ips.map(() => 'ip' as const)],
      dns,
      ip: ips.map((text) => {
        const bytes = ipToBytes(text) as Uint8Array;
        return { text: formatIpGo(bytes), bytesHex: Buffer.from(bytes).toString('hex') };
      }),
      uri: [],
      email: [],
      other: [],
    },
  };
}

function verdicts(leaf: CertFacts, host: string): Map<ClientId, ClientVerdict> {
  const input: VerifyInput = { leaf, intermediates: [], roots: [leaf], host, now: NOW, signatures };
  return new Map(PROFILES.map((profile) => [profile.id, profile.verify(input)]));
}

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const hostname = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
const ipv4 = fc.tuple(
  fc.integer({ min: 1, max: 223 }),
  fc.nat(255),
  fc.nat(255),
  fc.integer({ min: 1, max: 254 }),
);

/** Swaps the case of random ASCII letters. */
const recased = (name: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((flips) =>
      [...name]
        .map((char, index) => (flips[index] ? char.toUpperCase() : char.toLowerCase()))
        .join(''),
    );

test('the fixture CA passes every profile for a name it holds (so only name rules vary)', () => {
  for (const verdict of verdicts(withSans(['a.example']), 'a.example').values()) {
    expect([verdict.client, verdict.ok]).toEqual([verdict.client, true]);
  }
});

test('every profile: ASCII case never changes a verdict', () => {
  fc.assert(
    fc.property(
      fc.array(hostname, { minLength: 1, maxLength: 4 }),
      hostname.chain((host) => fc.tuple(fc.constant(host), recased(host))),
      fc.boolean(),
      (sans, [host, mixed], holdsHost) => {
        const leaf = withSans(holdsHost ? [...sans, host] : sans);
        const plain = verdicts(leaf, host);
        const cased = verdicts(leaf, mixed);
        for (const [client, verdict] of plain) {
          expect([client, cased.get(client)?.ok]).toEqual([client, verdict.ok]);
        }
        const upperSans = verdicts(withSans(leaf.san?.dns.map((s) => s.toUpperCase()) ?? []), host);
        for (const [client, verdict] of plain) {
          expect([client, upperSans.get(client)?.ok]).toEqual([client, verdict.ok]);
        }
      },
    ),
    RUNS,
  );
});

// docs/clients.md, "Trailing dots": which clients accept host `a.b.` for SAN `a.b`, and SAN `a.b.`
// for host `a.b` (Go per release: the recorded answers in fixtures/go-releases, cases
// C-dns:dns-dot-pattern and B-cn:cn-valid with a dotted host).
const HOST_ONLY = { hostDot: true, patternDot: false };
const BOTH = { hostDot: true, patternDot: true };
const NEITHER = { hostDot: false, patternDot: false };
const TRAILING_DOT: Record<ClientId, { hostDot: boolean; patternDot: boolean }> = {
  'go1.24': HOST_ONLY,
  'go1.23': HOST_ONLY,
  'go1.21': HOST_ONLY,
  go: HOST_ONLY,
  'go1.18': HOST_ONLY,
  'go1.17': HOST_ONLY,
  'go1.16': HOST_ONLY,
  'go1.15': HOST_ONLY,
  'go1.14': BOTH,
  'go1.13': BOTH,
  'go1.11.6': BOTH,
  'go1.11.3': BOTH,
  'go1.11.1': BOTH,
  'go1.11': BOTH,
  'go1.10.6': BOTH,
  'go1.10.3': BOTH,
  'go1.10.1': BOTH,
  // Go 1.10.0 refuses to parse a dotted DNS SAN ("x509: cannot parse dnsName").
  'go1.10': HOST_ONLY,
  'go1.9.2': BOTH,
  'go1.9': BOTH,
  'go1.8.5': BOTH,
  'go1.8': BOTH,
  'go1.6': BOTH,
  'go1.5': BOTH,
  'go1.4': NEITHER,
  openssl: NEITHER,
  node: BOTH,
};

test('trailing dots: each client follows its own rule', () => {
  fc.assert(
    fc.property(hostname, (name) => {
      const hostDot = verdicts(withSans([name]), `${name}.`);
      const patternDot = verdicts(withSans([`${name}.`]), name);
      for (const [client, rule] of Object.entries(TRAILING_DOT)) {
        expect([client, 'host', hostDot.get(client as ClientId)?.ok]).toEqual([
          client,
          'host',
          rule.hostDot,
        ]);
        expect([client, 'pattern', patternDot.get(client as ClientId)?.ok]).toEqual([
          client,
          'pattern',
          rule.patternDot,
        ]);
      }
    }),
    { ...RUNS, numRuns: 60 },
  );
});

test('a wildcard never matches an IP, and neither does a DNS SAN spelling it', () => {
  fc.assert(
    fc.property(ipv4, fc.nat(3), fc.array(ipv4, { maxLength: 3 }), ([a, b, c, d], star, others) => {
      const ip = `${a}.${b}.${c}.${d}`;
      const octets = [a, b, c, d].map(String);
      octets[star] = '*';
      const dns = ['*', octets.join('.'), `*.${b}.${c}.${d}`, `${a}*.${b}.${c}.${d}`, ip];
      const ips = others.map((o) => o.join('.')).filter((text) => text !== ip);
      for (const [client, verdict] of verdicts(withSans(dns, ips), ip)) {
        expect([client, verdict.ok]).toEqual([client, false]);
      }
      for (const [client, verdict] of verdicts(withSans(dns, [...ips, ip]), ip)) {
        expect([client, verdict.ok, verdict.matchedBy?.kind]).toEqual([client, true, 'ip-san']);
      }
    }),
    RUNS,
  );
});

test('where the rules agree (plain lower-case names, no wildcards, no dots at the end), every profile agrees', () => {
  fc.assert(
    fc.property(
      fc.array(hostname, { maxLength: 5 }),
      fc.array(ipv4, { maxLength: 3 }),
      fc.oneof(
        hostname,
        ipv4.map((o) => o.join('.')),
      ),
      fc.boolean(),
      (dns, ipTuples, host, include) => {
        const ips = ipTuples.map((o) => o.join('.'));
        const isIp = ipToBytes(host) !== undefined;
        const leaf = withSans(
          include && !isIp ? [...dns, host] : dns,
          include && isIp ? [...ips, host] : ips,
        );
        const expected = isIp
          ? (leaf.san?.ip ?? []).some((san) => san.text === host)
          : (leaf.san?.dns ?? []).includes(host);
        for (const [client, verdict] of verdicts(leaf, host)) {
          expect([client, verdict.ok]).toEqual([client, expected]);
        }
      },
    ),
    RUNS,
  );
});

test('random names against random SAN sets: every profile answers, with a message when it refuses', () => {
  const anyName = fc.string({
    unit: fc.constantFrom(...'abz019.-*_:[]%\0 \u00e9\u0130KXN'.split(''), 'xn--'),
    maxLength: 24,
  });
  fc.assert(
    fc.property(
      fc.array(anyName, { maxLength: 6 }),
      fc.array(ipv4, { maxLength: 2 }),
      anyName,
      (dns, ips, host) => {
        for (const verdict of verdicts(
          withSans(
            dns,
            ips.map((o) => o.join('.')),
          ),
          host,
        ).values()) {
          if (!verdict.ok) expect(typeof verdict.message).toBe('string');
        }
      },
    ),
    { ...RUNS, numRuns: 300 },
  );
});
