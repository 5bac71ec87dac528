/** The clear-text TLS reader and the failure wording, on hand-built bytes. */
import { describeFailure, notTlsText, type FailureContext } from '../../src/live/failure.js';
import { looksLikeTls, readClearTextHandshake } from '../../src/live/records.js';

const u24 = (n: number): number[] => [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const handshake = (type: number, body: number[]): number[] => [type, ...u24(body.length), ...body];
const record = (type: number, payload: number[]): number[] => [
  type,
  3,
  3,
  (payload.length >> 8) & 0xff,
  payload.length & 0xff,
  ...payload,
];
const certificateMessage = (certs: number[][]): number[] => {
  const list = certs.flatMap((cert) => [...u24(cert.length), ...cert]);
  return handshake(11, [...u24(list.length), ...list]);
};

describe('readClearTextHandshake', () => {
  test('reads the Certificate message across records, in order, and sees a CertificateRequest', () => {
    const stream = [
      ...handshake(2, [3, 3]),
      ...certificateMessage([
        [0x30, 1, 2],
        [0x30, 9],
      ]),
      ...handshake(13, [1, 1]),
    ];
    const bytes = Uint8Array.from([
      ...record(22, stream.slice(0, 7)),
      ...record(21, [1, 112]), // a warning alert (unrecognized_name) between records
      ...record(22, stream.slice(7)),
      ...record(20, [1]),
      ...record(22, [0xde, 0xad]), // encrypted after ChangeCipherSpec: ignored
    ]);
    const read = readClearTextHandshake(bytes);
    expect(read.tls).toBe(true);
    expect(read.serverHello).toBe(true);
    expect(read.certificates?.map((cert) => [...cert])).toEqual([
      [0x30, 1, 2],
      [0x30, 9],
    ]);
    expect(read.certificateRequest).toBe(true);
  });

  test('TLS 1.3: no clear Certificate message', () => {
    const bytes = Uint8Array.from([
      ...record(22, handshake(2, [3, 3])),
      ...record(20, [1]),
      ...record(23, [1, 2, 3]),
    ]);
    expect(readClearTextHandshake(bytes).certificates).toBeNull();
  });

  test('plain text is not TLS', () => {
    const http = new Uint8Array(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(looksLikeTls(http)).toBe(false);
    expect(notTlsText(http)).toBe(
      'does not speak TLS: it answered with plain HTTP ("HTTP/1.1 400 Bad Request"); try http:// or the TLS port',
    );
    expect(notTlsText(new Uint8Array([0x53, 0x53, 0x48, 0x2d]))).toBe(
      'does not speak TLS: its answer does not start with a TLS record (first bytes 53 53 48 2d)',
    );
  });
});

describe('describeFailure', () => {
  const context: FailureContext = {
    host: 'apiserver.example',
    port: 6443,
    timeoutMs: 10_000,
    connected: false,
    received: new Uint8Array(),
    timedOut: false,
  };
  const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

  test.each([
    ['ECONNREFUSED', 'connection refused: nothing listens on that port'],
    ['EHOSTUNREACH', 'host unreachable (EHOSTUNREACH): no route to the host'],
    ['ENETUNREACH', 'network unreachable (ENETUNREACH): no route to that network'],
    ['ENOTFOUND', 'DNS lookup of apiserver.example failed (ENOTFOUND): no such host'],
    [
      'EAI_AGAIN',
      'DNS lookup of apiserver.example failed (EAI_AGAIN): the resolver did not answer',
    ],
  ])('%s', (code, text) => {
    expect(describeFailure(errno(code), context)).toBe(text);
  });

  test('timeouts say which phase stalled', () => {
    expect(describeFailure(new Error('t'), { ...context, timedOut: true })).toBe(
      'no TCP connection within 10 s (--timeout)',
    );
    expect(
      describeFailure(new Error('t'), { ...context, timedOut: true, connected: true }),
    ).toMatch(/^the TLS handshake did not complete within 10 s/);
  });
});
