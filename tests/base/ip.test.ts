/**
 * ipVersion is node:net's isIP with a shortcut for text that cannot be IPv6: the same answer
 * on addresses, near-addresses and arbitrary text.
 */
import { isIP } from 'node:net';
import fc from 'fast-check';
import { ipVersion } from '../../src/base/ip.js';

const SAMPLES = [
  '',
  '10.0.0.1',
  '010.0.0.1',
  '256.0.0.1',
  '::1',
  '::',
  '[::1]',
  '::ffff:10.0.0.1',
  'fe80::1%eth0',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  'kubernetes.default',
  'kubernetes:443',
  '10.0.0.1:443',
  ':',
];

test.each(SAMPLES)('ipVersion(%j) is net.isIP', (text) => {
  expect(ipVersion(text)).toBe(isIP(text));
});

test('ipVersion agrees with net.isIP on generated text', () => {
  const ipish = fc.stringMatching(/^[0-9a-fA-F:.%]{0,24}$/);
  fc.assert(
    fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), ipish, fc.string()), (text) => {
      expect(ipVersion(text)).toBe(isIP(text));
    }),
    { numRuns: 2000 },
  );
});
