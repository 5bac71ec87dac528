/**
 * The live handshake against real servers on 127.0.0.1: what it captures (protocol, cipher,
 * the chain as sent), and the one-line failures, each bounded in time.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { X509Certificate } from '@peculiar/x509';
import { toArrayBuffer } from '../../src/base/bytes.js';
import { InputError } from '../../src/base/errors.js';
import { tlsHandshake } from '../../src/live/handshake.js';
import { probeEndpoint } from '../../src/live/probe.js';
import type { HandshakeRequest } from '../../src/live/types.js';
import { MAX_RECEIVED_BYTES } from '../../src/live/handshake.js';
import {
  closedPort,
  floodingServer,
  nodeTlsServer,
  opensslAvailable,
  opensslServer,
  plainHttpServer,
  read,
  stallingServer,
  type Running,
} from './servers.js';
import { gate } from '../oracle/require.js';

const seedCert = (): string => readFileSync('fixtures/seed/apiserver.crt', 'utf8');
const seedKey = (): string => readFileSync('fixtures/seed/apiserver.key', 'utf8');

const request = (port: number, extra: Partial<HandshakeRequest> = {}): HandshakeRequest => ({
  host: '127.0.0.1',
  port,
  servername: null,
  timeoutMs: 3000,
  ...extra,
});

const subject = (der: Uint8Array): string => new X509Certificate(toArrayBuffer(der)).subject;

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected the handshake to fail');
}

let servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});
const start = async (server: Promise<Running>): Promise<Running> => {
  const running = await server;
  servers.push(running);
  return running;
};

describe('tlsHandshake against Node tls.createServer', () => {
  test('the self-signed seed certificate: TLS 1.3 by default, TLS 1.2 shows the Certificate message as sent', async () => {
    const { port } = await start(nodeTlsServer({ cert: seedCert(), key: seedKey() }));
    const modern = await tlsHandshake(request(port));
    expect(modern.protocol).toBe('TLSv1.3');
    expect(modern.cipher).toMatch(/^TLS_/);
    expect(modern.sent).toBeNull();
    expect(modern.linked.map(subject)).toEqual(['CN=vm-56-65@1446612345']);
    const clear = await tlsHandshake(request(port, { maxVersion: 'TLSv1.2' }));
    expect(clear.protocol).toBe('TLSv1.2');
    expect(clear.sent?.map(subject)).toEqual(['CN=vm-56-65@1446612345']);
    expect(clear.clientCertificateRequested).toBe(false);
  });

  test('a chain sent out of order is reported in the order sent, not as Node re-links it', async () => {
    const { port } = await start(
      nodeTlsServer({
        cert: read('apiserver.crt') + read('root-ca.crt') + read('intermediate-ca.crt'),
        key: read('apiserver.key'),
      }),
    );
    const clear = await tlsHandshake(request(port, { maxVersion: 'TLSv1.2' }));
    expect(clear.sent?.map(subject)).toEqual([
      'CN=kube-apiserver',
      'CN=cluster-root-ca',
      'CN=cluster-intermediate-ca',
    ]);
    // Node re-links by issuer, so the order the server used is lost there.
    expect(clear.linked.map(subject).slice(0, 2)).toEqual([
      'CN=kube-apiserver',
      'CN=cluster-intermediate-ca',
    ]);
  });

  test('SNI-dependent certificates: the probe notices the other answer', async () => {
    const { port } = await start(
      nodeTlsServer({
        cert: read('apiserver.crt'),
        key: read('apiserver.key'),
        SNICallback: (name, callback) =>
          callback(
            null,
            name === 'other.example'
              ? createSecureContext({ cert: read('other.crt'), key: read('other.key') })
              : undefined,
          ),
      }),
    );
    const probe = await probeEndpoint(tlsHandshake, {
      host: '127.0.0.1',
      port,
      servername: 'other.example',
      timeoutMs: 3000,
      alternateServername: null,
    });
    expect(probe.presented.map(subject)).toEqual(['CN=other-apiserver']);
    expect(probe.order).toBe('as-sent');
    expect(probe.sni).toEqual({ servername: null, sameCertificate: false, error: null });
  });

  test('a server that requires a client certificate: one line, in TLS 1.3 and in TLS 1.2', async () => {
    const { port } = await start(
      nodeTlsServer({
        cert: seedCert(),
        key: seedKey(),
        requestCert: true,
        rejectUnauthorized: true,
        ca: [seedCert()],
      }),
    );
    for (const maxVersion of ['TLSv1.3', 'TLSv1.2'] as const) {
      const error = await failure(tlsHandshake(request(port, { maxVersion })));
      expect(error.message).toMatch(/^127\.0\.0\.1:\d+: the server requires a client certificate/);
    }
  });
});

describe('tlsHandshake failures, each one line and bounded in time', () => {
  test('plain HTTP on the port', async () => {
    const { port } = await start(plainHttpServer());
    const error = await failure(tlsHandshake(request(port)));
    expect(error.problem).toBe(
      'does not speak TLS: it answered with plain HTTP ("HTTP/1.1 400 Bad Request"); try http:// or the TLS port',
    );
  });

  test('a closed port', async () => {
    const port = await closedPort();
    const error = await failure(tlsHandshake(request(port)));
    expect(error.problem).toBe('connection refused: nothing listens on that port');
  });

  test('a server that accepts and stalls: the timeout ends it', async () => {
    const { port } = await start(stallingServer());
    const started = Date.now();
    const error = await failure(tlsHandshake(request(port, { timeoutMs: 300 })));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.problem).toBe(
      'the TLS handshake did not complete within 0.3 s (--timeout): the server accepted the connection but did not answer',
    );
  });

  test('a server flooding TLS records is cut off after MAX_RECEIVED_BYTES, long before the timeout', async () => {
    const { port } = await start(floodingServer());
    const started = Date.now();
    const error = await failure(tlsHandshake(request(port, { timeoutMs: 60_000 })));
    expect(error.problem).toBe(
      `the server sent more than ${MAX_RECEIVED_BYTES / 1024 / 1024} MiB during the handshake; no certificate chain is that large`,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  test('a DNS name that does not resolve', async () => {
    const error = await failure(
      tlsHandshake({ host: 'no-such-host.invalid', port: 443, servername: null, timeoutMs: 3000 }),
    );
    expect(error.problem).toMatch(
      /^DNS lookup of no-such-host\.invalid failed \(E[A-Z_]+\)|^no TCP connection/,
    );
  });
});

const openssl = gate(opensslAvailable()).describe;
openssl('tlsHandshake against openssl s_server', () => {
  const base = ['-cert', `fixtures/inputs/apiserver.crt`, '-key', 'fixtures/inputs/apiserver.key'];

  test('a CA-signed chain: leaf and intermediate, in issuing order', async () => {
    const { port } = await start(
      opensslServer([...base, '-cert_chain', 'fixtures/inputs/intermediate-ca.crt']),
    );
    const probe = await probeEndpoint(tlsHandshake, {
      host: '127.0.0.1',
      port,
      servername: 'kubernetes.default',
      timeoutMs: 3000,
      alternateServername: null,
    });
    expect(probe.protocol).toBe('TLSv1.3');
    expect(probe.order).toBe('as-sent');
    expect(probe.presented.map(subject)).toEqual([
      'CN=kube-apiserver',
      'CN=cluster-intermediate-ca',
    ]);
    expect(probe.sni?.sameCertificate).toBe(true);
  });

  test('the leaf without its intermediate', async () => {
    const { port } = await start(opensslServer(base));
    const clear = await tlsHandshake(request(port, { maxVersion: 'TLSv1.2' }));
    expect(clear.sent?.map(subject)).toEqual(['CN=kube-apiserver']);
  });

  test('SNI-dependent certificates (-servername/-cert2)', async () => {
    const { port } = await start(
      opensslServer([
        ...base,
        '-servername',
        'other.example',
        '-cert2',
        'fixtures/inputs/other.crt',
        '-key2',
        'fixtures/inputs/other.key',
      ]),
    );
    const withSni = await tlsHandshake(request(port, { servername: 'other.example' }));
    const without = await tlsHandshake(request(port));
    expect(withSni.linked.map(subject)).toEqual(['CN=other-apiserver']);
    expect(without.linked.map(subject)).toEqual(['CN=kube-apiserver']);
  });

  test('-Verify 1: a client certificate is required', async () => {
    const { port } = await start(opensslServer([...base, '-Verify', '1']));
    const error = await failure(tlsHandshake(request(port)));
    expect(error.problem).toMatch(/^the server requires a client certificate/);
  });
});
