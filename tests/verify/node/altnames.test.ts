/**
 * Node's `subjectaltname` string and IP canonicalization, pinned against node:crypto's
 * X509Certificate (the same printer getPeerCertificate uses) and tls.checkServerIdentity.
 */
import { X509Certificate as NodeX509 } from 'node:crypto';
import { checkServerIdentity as nodeCheckServerIdentity } from 'node:tls';
import type { SanEntry } from '../../../src/generate/certificate.js';
import {
  canonicalIpText,
  quoteAltValue,
  subjectAltNameString,
} from '../../../src/verify/node/altnames.js';
import { parseIpLiteral } from '../../../src/verify/node/ip-literal.js';
import { makeCert } from '../../helpers/certs.js';

const DAY = 86_400_000;
const now = Date.now();

async function both(san: SanEntry[]) {
  const made = await makeCert({
    subject: 'CN=x',
    serialHex: '01',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + DAY),
    san,
  });
  return { real: new NodeX509(made.pem).subjectAltName, facts: made.facts };
}

const IP_SANS: SanEntry[] = [
  { ip: '10.0.0.1' },
  { ip: '2001:db8:0:0:1:0:0:1' },
  { ipBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1] },
  { ip: '::ffff:0:1' },
  { ip: '::' },
  { ip: '1::' },
  { ip: 'fe80::' },
  { ip: '1:2:3:4:5:6:7:0' },
  { ip: '0:0:1:0:0:0:1:0' },
  { ip: '::ffff:10.0.0.1' },
  { ipBytes: [1, 2, 3] },
  { ipBytes: [] },
];

describe("Node's subjectaltname string", () => {
  test('every character of DNS, URI and email values is printed or escaped as Node does', async () => {
    const values: string[] = [];
    for (let code = 1; code < 256; code++) values.push(`a${String.fromCharCode(code)}b`);
    const san: SanEntry[] = [
      ...values.map((value) => ({ dns: value })),
      ...values.map((value) => ({ uri: value })),
      ...values.map((value) => ({ email: value })),
      { dns: '' },
    ];
    const { real, facts } = await both(san);
    expect(subjectAltNameString(facts.san)).toBe(real);
  });

  test('IP addresses print OpenSSL-style, invalid lengths included', async () => {
    const { real, facts } = await both(IP_SANS);
    expect(subjectAltNameString(facts.san)).toBe(real);
    expect(real).toContain('IP Address:2001:DB8:0:0:1:0:0:1');
    expect(real).toContain('IP Address:<invalid length=3>');
  });

  test('entries keep certificate order across kinds', async () => {
    const { real, facts } = await both([
      { ip: '10.0.0.1' },
      { dns: 'a.example' },
      { uri: 'u:x' },
      { dns: 'b' },
    ]);
    expect(real).toBe('IP Address:10.0.0.1, DNS:a.example, URI:u:x, DNS:b');
    expect(subjectAltNameString(facts.san)).toBe(real);
  });

  test('entries keep certificate order across kinds, as Node prints them', async () => {
    const { real, facts } = await both([
      { uri: 'u:x' },
      { ip: '10.0.0.1' },
      { email: 'e@x' },
      { dns: 'a.example' },
    ]);
    expect(real).toBe('URI:u:x, IP Address:10.0.0.1, email:e@x, DNS:a.example');
    expect(subjectAltNameString(facts.san)).toBe(real);
  });

  test('no SAN extension: no string', () => {
    expect(subjectAltNameString(null)).toBeUndefined();
  });

  test('quoting', () => {
    expect(quoteAltValue('a.example')).toBe('a.example');
    expect(quoteAltValue("it's")).toBe(`"it's"`);
    expect(quoteAltValue('a,b')).toBe('"a\\u002cb"');
    expect(quoteAltValue('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe("Node's IP canonicalization (the list in 'IP: … is not in the cert's list')", () => {
  test('matches the list checkServerIdentity prints', async () => {
    const { real, facts } = await both(IP_SANS);
    const error = nodeCheckServerIdentity('192.0.2.1', {
      subject: {},
      subjectaltname: real,
    } as never);
    const ours = (facts.san?.ip ?? []).map((ip) =>
      canonicalIpText(Uint8Array.from(Buffer.from(ip.bytesHex, 'hex'))),
    );
    expect(error?.message).toBe(
      `Hostname/IP does not match certificate's altnames: IP: 192.0.2.1 is not in the cert's list: ${ours.join(', ')}`,
    );
    expect(ours).toContain('::10.0.0.1');
    expect(ours).toContain('::ffff:0.0.0.1');
    expect(ours).toContain('0:0:1::1:0');
  });

  test.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::10.0.0.1', '::10.0.0.1'],
    ['::ffff:a00:1', '::ffff:10.0.0.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['kubernetes', ''],
    ['010.0.0.1', ''],
  ])('%s → %s', (host, canonical) => {
    expect(canonicalIpText(parseIpLiteral(host))).toBe(canonical);
  });
});
