/**
 * --timeout (src/cli/diagnose/run.ts): a sane range, and one budget for the whole live
 * run — each handshake of the probe gets what is left of it, not a fresh --timeout.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../../src/cli/run.js';
import type { HandshakeRequest, TlsHandshake } from '../../../src/live/types.js';
import { fakeIo } from '../../helpers/fake-io.js';

const seedDer = new Uint8Array(
  Buffer.from(
    readFileSync('fixtures/seed/apiserver.crt', 'utf8').replace(/-----[^-]+-----|\s/g, ''),
    'base64',
  ),
);

test.each([['3000000'], ['1e9'], ['0'], ['-1'], ['601'], ['NaN']])(
  '--timeout %s is a usage error',
  async (value) => {
    const io = fakeIo();
    expect(await run(['https://127.0.0.1:6443', '--timeout', value], io)).toBe(2);
    expect(io.err()).toBe(
      'diagnose: --timeout must be a number of seconds above 0 and at most 600\n',
    );
  },
);

test('every handshake of a live run shares one --timeout budget', async () => {
  let clock = Date.parse('2015-11-04T12:00:00Z');
  const asked: HandshakeRequest[] = [];
  // Each handshake takes 1.2 s of the fake clock and answers as a TLS 1.3 server (chain
  // encrypted), so the probe asks again with TLS 1.2 and then with the other SNI.
  const handshake: TlsHandshake = (request) => {
    asked.push(request);
    clock += 1200;
    return Promise.resolve({
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      sent: null,
      linked: [seedDer],
      clientCertificateRequested: null,
    });
  };
  const base = fakeIo({}, { tlsHandshake: handshake });
  const io = { ...base, now: () => new Date(clock) };
  const code = await run(
    ['https://kubernetes.default:6443', '--timeout', '2', '--at', '2015-11-04T12:00:00Z'],
    io,
  );
  expect(base.err()).toBe('');
  expect([0, 1]).toContain(code);
  // 2 s in all: the first gets 2 s, the second what is left (0.8 s), the third nothing.
  expect(asked.map((request) => request.timeoutMs)).toEqual([2000, 800]);
});
