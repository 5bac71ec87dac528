/**
 * The nameConstraints decoder (src/facts/name-constraints.ts) through both readers: the
 * generator's extension (src/generate/certificate.ts) read back by the full parser's path
 * and by the DER reader, which must agree.
 */
import { readCertificate } from '../../src/facts/read.js';
import { decodeNameConstraints } from '../../src/facts/name-constraints.js';
import { encodeNameConstraints } from '../../src/generate/certificate.js';
import { makeCert, testKey } from '../helpers/certs.js';

const now = new Date('2020-01-01T00:00:00Z');

test('DNS, IP, email and URI bases come back as written, from both readers', async () => {
  const made = await makeCert(
    {
      subject: 'CN=nc-ca',
      serialHex: '01',
      notBefore: now,
      notAfter: new Date(now.getTime() + 86_400_000),
      basicConstraints: { ca: true },
      nameConstraints: {
        permitted: [
          { dns: '.cluster.local' },
          { dns: 'kubernetes.default' },
          { ip: '10.0.0.0/24' },
          { ip: 'fd00::/8' },
          { email: 'admin@cluster.local' },
          { uri: '.cluster.local' },
        ],
        excluded: [{ ip: '10.0.0.1/32' }, { ipBytes: [10, 0, 0, 0, 255, 0, 255, 0] }],
      },
    },
    await testKey('nc-facts', 'ec'),
  );
  const expected = {
    critical: true,
    permitted: {
      dns: ['.cluster.local', 'kubernetes.default'],
      ip: [
        { text: '10.0.0.0/24', bytesHex: '0a000000ffffff00' },
        { text: 'fd00::/8', bytesHex: `fd${'00'.repeat(15)}ff${'00'.repeat(15)}` },
      ],
      email: ['admin@cluster.local'],
      uri: ['.cluster.local'],
      other: [],
    },
    excluded: {
      dns: [],
      ip: [
        { text: '10.0.0.1/32', bytesHex: '0a000001ffffffff' },
        // Not a prefix: Go's IPNet.String() prints the mask in hex.
        { text: '10.0.0.0/ff00ff00', bytesHex: '0a000000ff00ff00' },
      ],
      email: [],
      uri: [],
      other: [],
    },
  };
  expect(made.facts.nameConstraints).toEqual(expected);
  expect(readCertificate(made.der, 0)?.facts.nameConstraints).toEqual(expected);
});

test('no extension is null; a non-critical one says so', async () => {
  const key = await testKey('nc-facts', 'ec');
  const spec = { subject: 'CN=x', serialHex: '02', notBefore: now, notAfter: now };
  expect((await makeCert(spec, key)).facts.nameConstraints).toBeNull();
  const nonCritical = await makeCert(
    { ...spec, nameConstraints: { critical: false, excluded: [{ dns: 'example.com' }] } },
    key,
  );
  expect(nonCritical.facts.nameConstraints?.critical).toBe(false);
  expect(nonCritical.facts.nameConstraints?.excluded.dns).toEqual(['example.com']);
});

test('malformed DER is refused, other GeneralName kinds are described', () => {
  const good = encodeNameConstraints({ permitted: [{ dns: 'a.example' }] });
  expect(() => decodeNameConstraints(Uint8Array.from([...good, 0]), true)).toThrow(/trailing/);
  expect(() => decodeNameConstraints(Uint8Array.from([0x31, 0x00]), true)).toThrow();
  // [0] { SEQUENCE { [4] directoryName { SEQUENCE {} } } }
  const directoryName = Uint8Array.from([
    0x30, 0x08, 0xa0, 0x06, 0x30, 0x04, 0xa4, 0x02, 0x30, 0x00,
  ]);
  expect(decodeNameConstraints(directoryName, false).permitted.other).toEqual(['directoryName']);
});
