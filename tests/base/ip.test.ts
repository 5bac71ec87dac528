/**
 * ipVersion is node:net's isIP with its own IPv4 test and node:net's IPv6 test only for text
 * with a ':' (so a host name never loads node:net): the same answer on addresses,
 * near-addresses and arbitrary text.
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
  '0.0.0.0',
  '255.255.255.255',
  '1.2.3',
  '1.2.3.4.5',
  '1..2.3',
  '1.2.3.04',
  '1.2.3.4\n',
  ' 1.2.3.4',
  '1.2.3.4.',
  '+1.2.3.4',
  '1e2.0.0.1',
  '0x1.0.0.1',
  '\u0661.2.3.4',
];

test.each(SAMPLES)('ipVersion(%j) is net.isIP', (text) => {
  expect(ipVersion(text)).toBe(isIP(text));
});

test('ipVersion agrees with net.isIP on generated text', () => {
  const ipish = fc.stringMatching(/^[0-9a-fA-F:.%]{0,24}$/);
  const dotted = fc.stringMatching(/^[0-9.]{0,16}$/);
  fc.assert(
    fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), ipish, dotted, fc.string()), (text) => {
      expect(ipVersion(text)).toBe(isIP(text));
    }),
    { numRuns: 2000 },
  );
});
