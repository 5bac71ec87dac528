import { InputError } from '../../src/base/errors.js';
import { loadCertificates } from '../../src/load/index.js';
import { makeCert, toPem } from '../helpers/certs.js';

const now = new Date('2020-01-01T00:00:00Z');
const spec = {
  subject: 'CN=a',
  serialHex: '01',
  notBefore: now,
  notAfter: now,
  san: [{ dns: 'a' }],
};

async function twoCerts(): Promise<[string, string, Uint8Array, Uint8Array]> {
  const a = await makeCert(spec);
  const b = await makeCert({ ...spec, subject: 'CN=b' });
  return [a.pem, b.pem, a.der, b.der];
}

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

function problem(input: Uint8Array): string {
  try {
    loadCertificates(input, 'in.pem');
  } catch (error) {
    if (error instanceof InputError) return error.problem;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('loadCertificates', () => {
  test('reads every CERTIFICATE block in order, with text around them and CRLF line ends', async () => {
    const [a, b] = await twoCerts();
    const text = `subject=CN a\r\n${a.replace(/\n/g, '\r\n')}some words\n${b}trailer`;
    const loaded = loadCertificates(bytes(text), 'in.pem');
    expect(loaded.map((entry) => entry.cert.subject)).toEqual(['CN=a', 'CN=b']);
  });

  test('reads DER, concatenated DER, and base64 of PEM or DER', async () => {
    const [a, , derA, derB] = await twoCerts();
    expect(loadCertificates(derA, 'a.der')).toHaveLength(1);
    expect(loadCertificates(new Uint8Array([...derA, ...derB]), 'ab.der')).toHaveLength(2);
    expect(loadCertificates(bytes(Buffer.from(a).toString('base64')), 'secret')).toHaveLength(1);
    expect(
      loadCertificates(bytes(Buffer.from(derA).toString('base64') + '\n'), 'secret'),
    ).toHaveLength(1);
  });

  test('names what it found instead of a certificate, without echoing it', () => {
    const key = toPem('RSA PRIVATE KEY', new Uint8Array([1, 2, 3, 4, 5, 6]));
    const message = problem(bytes(key));
    expect(message).toBe('found an RSA PRIVATE KEY block but no CERTIFICATE');
    expect(message).not.toContain('AQIDBAUG');
  });

  test.each([
    ['empty input', '', 'is empty'],
    ['white space', ' \n\t', 'is empty (only white space)'],
    ['plain text', 'hello world', 'holds no certificate: it is not PEM, DER or base64'],
    [
      'a truncated block',
      '-----BEGIN CERTIFICATE-----\nMIIB',
      'has a truncated PEM block: BEGIN CERTIFICATE without END',
    ],
    [
      'bad base64 in a block',
      '-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n',
      'CERTIFICATE block 1 is not valid base64',
    ],
  ])('%s → one clear problem', (_label, text, expected) => {
    expect(problem(bytes(text))).toBe(expected);
  });

  test('truncated and malformed DER are refused with the reason', async () => {
    const [, , der] = await twoCerts();
    expect(problem(der.subarray(0, der.length - 10))).toMatch(
      /^is not a valid DER certificate \(truncated DER/,
    );
    expect(problem(new Uint8Array([...der, 0x01, 0x02]))).toMatch(
      /trailing data after certificate 1/,
    );
    expect(problem(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toMatch(
      /cannot be parsed as X\.509/,
    );
  });
});
