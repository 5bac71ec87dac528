/** probeEndpoint's choices over a scripted handshake, and describePresented's wording. */
import { readFileSync } from 'node:fs';
import { certificatesFrom } from '../../src/inputs/index.js';
import { describePresented } from '../../src/live/chain-order.js';
import { probeEndpoint } from '../../src/live/probe.js';
import type { HandshakeRequest, HandshakeResult } from '../../src/live/types.js';

const pem = (name: string): Uint8Array => new Uint8Array(readFileSync(`fixtures/inputs/${name}`));
const facts = async (...names: string[]) =>
  (await Promise.all(names.map((name) => certificatesFrom(pem(name), name))))
    .flat()
    .map((entry) => entry.facts);

describe('describePresented', () => {
  test('leaf only, in order, out of order, unrelated', async () => {
    expect((await facts('apiserver.crt')).length).toBe(1);
    expect(describePresented(await facts('apiserver.crt')).shape).toBe('leaf-only');
    expect(
      describePresented(await facts('apiserver.crt', 'intermediate-ca.crt', 'root-ca.crt')),
    ).toEqual({
      shape: 'in-order',
      includesRoot: true,
      note: 'the leaf and 2 issuers in issuing order, including a self-signed root',
    });
    expect(
      describePresented(await facts('apiserver.crt', 'root-ca.crt', 'intermediate-ca.crt')).shape,
    ).toBe('out-of-order');
    expect(describePresented(await facts('apiserver.crt', 'other.crt')).shape).toBe('unrelated');
  });
});

describe('probeEndpoint', () => {
  const leaf = new Uint8Array([0x30, 1]);
  const other = new Uint8Array([0x30, 2]);
  const result = (extra: Partial<HandshakeResult>): HandshakeResult => ({
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    sent: null,
    linked: [leaf],
    clientCertificateRequested: null,
    ...extra,
  });

  test('a TLS 1.3-only server: the chain as Node links it, and no SNI comparison without another name', async () => {
    const calls: HandshakeRequest[] = [];
    const probe = await probeEndpoint(
      (request) => {
        calls.push(request);
        return request.maxVersion === 'TLSv1.2'
          ? Promise.reject(new Error('protocol version'))
          : Promise.resolve(result({}));
      },
      { host: '10.0.0.1', port: 443, servername: null, timeoutMs: 1000, alternateServername: null },
    );
    expect(probe.order).toBe('linked');
    expect(probe.sni).toBeNull();
    expect(calls.map((call) => [call.servername, call.maxVersion ?? null])).toEqual([
      [null, null],
      [null, 'TLSv1.2'],
    ]);
  });

  test('with SNI: the comparison sends none and notices another leaf', async () => {
    const probe = await probeEndpoint(
      (request) =>
        Promise.resolve(
          request.servername === null
            ? result({ protocol: 'TLSv1.2', sent: [other], linked: [other] })
            : result({
                protocol: 'TLSv1.2',
                sent: [leaf],
                linked: [leaf],
                clientCertificateRequested: true,
              }),
        ),
      {
        host: '127.0.0.1',
        port: 6443,
        servername: 'kubernetes.default',
        timeoutMs: 1000,
        alternateServername: null,
      },
    );
    expect(probe).toMatchObject({
      endpoint: '127.0.0.1:6443',
      order: 'as-sent',
      clientCertificateRequested: true,
      sni: { servername: null, sameCertificate: false, error: null },
    });
  });
});
