import { makeCert, testKey } from '../helpers/certs.js';

const now = new Date('2015-11-04T04:45:45Z');

test('extracts the apiserver fingerprint, SANs by type and CA flags', async () => {
  const made = await makeCert(
    {
      subject: 'CN=vm-56-65@1446612345',
      serialHex: '01',
      notBefore: now,
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      san: [
        { ip: '10.10.56.65' },
        { ip: '10.0.0.1' },
        { dns: 'kubernetes.default.svc' },
        { dns: 'kubernetes.default' },
        { dns: 'kubernetes' },
      ],
      basicConstraints: { ca: true },
      keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
      extKeyUsage: ['serverAuth'],
    },
    await testKey('facts', 'rsa'),
  );
  const facts = made.facts;
  expect(facts.subject.commonNames).toEqual(['vm-56-65@1446612345']);
  expect(facts.san?.ip.map((ip) => ip.text)).toEqual(['10.10.56.65', '10.0.0.1']);
  expect(facts.san?.dns).toEqual(['kubernetes.default.svc', 'kubernetes.default', 'kubernetes']);
  expect(facts.basicConstraints).toEqual({ critical: true, ca: true, pathLen: null });
  expect(facts.keyUsage?.usages).toEqual(['digitalSignature', 'keyEncipherment', 'keyCertSign']);
  expect(facts.extKeyUsage?.usages).toEqual(['serverAuth']);
  expect(facts.publicKey).toEqual({ algorithm: 'RSA', bits: 2048, curve: null });
  expect(facts.signatureAlgorithm.name).toBe('SHA256-RSA');
  expect(facts.selfIssued).toBe(true);
  expect(facts.selfSigned).toBe(true);
  expect(facts.version).toBe(3);
  expect(facts.kubernetes).toMatchObject({
    role: 'serving',
    host: 'vm-56-65',
    unixSeconds: 1446612345,
    hostInSans: false,
  });
  expect(facts.kubernetes?.eras.map((era) => era.row)).toEqual(['D', 'E']);
});

test('keeps the octets of an IPv4-mapped IPv6 SAN and signs with SHA-1 on request', async () => {
  const made = await makeCert(
    {
      subject: 'CN=x',
      serialHex: '02',
      notBefore: now,
      notAfter: now,
      san: [{ ip: '::ffff:10.0.0.1' }],
      hash: 'SHA-1',
    },
    await testKey('facts', 'rsa'),
  );
  expect(made.facts.san?.ip).toEqual([
    { text: '10.0.0.1', bytesHex: '00000000000000000000ffff0a000001' },
  ]);
  expect(made.facts.signatureAlgorithm.name).toBe('SHA1-RSA');
  expect(made.facts.kubernetes).toBeNull();
});
