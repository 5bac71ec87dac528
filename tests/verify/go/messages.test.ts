import {
  candidateNameOf,
  FAILURE_CODES,
  type Failure,
  type FailureCode,
} from '../../../src/verify/failures.js';
import { GO_ERAS } from '../../../src/verify/go/index.js';
import { candidateName, goMessage, goQuote } from '../../../src/verify/go/messages.js';
import { factsOf } from './facts.js';

const NOW = new Date('2016-03-01T12:00:00Z');
const AT = new Date('2016-01-01T00:00:00Z');

/** One sample failure per code; the Record type fails to compile when a code is missing. */
const SAMPLES: Record<FailureCode, Failure> = {
  expired: { code: 'expired', depth: 0, notAfter: AT, now: NOW },
  'not-yet-valid': { code: 'not-yet-valid', depth: 0, notBefore: NOW, now: AT },
  'ip-not-in-sans': { code: 'ip-not-in-sans', host: '10.0.0.2', ipSans: ['10.0.0.1'] },
  'no-ip-sans': { code: 'no-ip-sans', host: '10.0.0.1', dnsSpellingIp: false },
  'name-not-in-sans': { code: 'name-not-in-sans', host: 'a', dnsSans: ['b', 'c'] },
  'cn-mismatch': { code: 'cn-mismatch', host: 'a', commonName: 'b' },
  'no-names': { code: 'no-names', host: 'a' },
  'legacy-common-name': { code: 'legacy-common-name', host: 'a', commonName: 'a' },
  'cn-not-hostname': { code: 'cn-not-hostname', host: 'a b', commonName: 'a b' },
  'eku-incompatible': { code: 'eku-incompatible', depth: 0, usages: ['clientAuth'] },
  'unhandled-critical-extension': { code: 'unhandled-critical-extension', depth: 0, oid: '1.2.3' },
  'certificate-unparseable': {
    code: 'certificate-unparseable',
    depth: 0,
    problem: { kind: 'ip-san-length', length: 3 },
  },
  'unknown-authority': { code: 'unknown-authority', depth: 0, hint: null },
  'self-signed-not-ca': { code: 'self-signed-not-ca', reason: 'ca-false' },
  'self-signed-untrusted': { code: 'self-signed-untrusted' },
  'intermediate-not-ca': { code: 'intermediate-not-ca', depth: 1 },
  'path-length-exceeded': { code: 'path-length-exceeded', depth: 2, pathLen: 0 },
  'issuer-name-mismatch': { code: 'issuer-name-mismatch', depth: 1 },
  'signature-invalid': { code: 'signature-invalid', depth: 0 },
  'issuer-key-usage-no-cert-sign': { code: 'issuer-key-usage-no-cert-sign', depth: 1 },
  'untrusted-root': { code: 'untrusted-root', depth: 1 },
  'anchor-not-self-signed': { code: 'anchor-not-self-signed', depth: 1 },
  'key-usage-incompatible': { code: 'key-usage-incompatible', depth: 0, usages: [] },
  'signature-check-limit': { code: 'signature-check-limit', limit: 100 },
  'weak-signature-digest': { code: 'weak-signature-digest', depth: 0, algorithm: 'SHA1-RSA' },
  'name-not-permitted': {
    code: 'name-not-permitted',
    depth: 1,
    nameDepth: 0,
    kind: 'dns',
    name: 'kubernetes',
  },
  'name-excluded': {
    code: 'name-excluded',
    depth: 1,
    nameDepth: 0,
    kind: 'ip',
    name: '10.0.0.1',
    constraint: '10.0.0.0/24',
  },
  'name-constraint-unsupported': {
    code: 'name-constraint-unsupported',
    depth: 1,
    nameDepth: 0,
    reason: 'name-syntax',
    problem: null,
  },
  'name-constraints-without-sans': { code: 'name-constraints-without-sans', depth: 1 },
  'name-constraint-limit': { code: 'name-constraint-limit', depth: 1, limit: 250_000 },
};

test.each(GO_ERAS.map((era) => era.id))('%s words every failure code as a Go error', (id) => {
  const era = GO_ERAS.find((row) => row.id === id)!;
  for (const code of FAILURE_CODES) {
    expect(goMessage(SAMPLES[code], era, factsOf({ cn: 'x' }))).toMatch(
      /^(x509|crypto\/rsa|tls): /,
    );
  }
});

test('the expiry detail appears from Go 1.14 on', () => {
  const messages = GO_ERAS.map((era) => goMessage(SAMPLES.expired, era, factsOf({})));
  const detailed = GO_ERAS.filter((_, index) => messages[index]?.includes('current time'));
  expect(detailed.map((era) => era.id)).toEqual([
    'go1.24',
    'go1.23',
    'go1.21',
    'go',
    'go1.18',
    'go1.17',
    'go1.16',
    'go1.15',
    'go1.14',
  ]);
  expect(messages[0]).toBe(
    'x509: certificate has expired or is not yet valid: current time 2016-03-01T12:00:00Z is after 2016-01-01T00:00:00Z',
  );
});

test('goQuote is strconv.Quote', () => {
  expect(goQuote('plain')).toBe('"plain"');
  expect(goQuote('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
  expect(goQuote('tab\tnl\n\u0001')).toBe('"tab\\tnl\\n\\x01"');
  expect(goQuote('Bücher')).toBe('"Bücher"');
  expect(goQuote('\u00a0')).toBe('"\\u00a0"');
});

test('candidateName: CN, else Organization, else serial', () => {
  const go = GO_ERAS[0]!;
  expect(candidateName(candidateNameOf(factsOf({ cn: 'kube-ca' })), go)).toBe('kube-ca');
  const org = { ...factsOf({}), subject: { ...factsOf({}).subject, organizations: ['org'] } };
  expect(candidateName(candidateNameOf(org), go)).toBe('org');
  expect(candidateName(candidateNameOf(factsOf({})), go)).toBe('serial:1');
});
