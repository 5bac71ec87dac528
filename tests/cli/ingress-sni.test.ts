/**
 * The ingress fake certificate through the live path: a server on 127.0.0.1 that answers
 * like ingress-nginx — shop.example.com's certificate for SNI shop.example.com, its
 * default "fake" certificate otherwise (fixtures/ingress-fake-certificate). A client that
 * dials the address sends no SNI and gets the fake one; the report names the ingress and
 * says the answer depends on SNI.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { nodeTlsServer, type Running } from '../live/servers.js';

const DIR = 'fixtures/ingress-fake-certificate';
const text = (file: string): string => readFileSync(`${DIR}/${file}`, 'utf8');

async function cli(args: readonly string[]): Promise<{ code: number; out: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    ...processIo,
    stdout: (chunk) => void (out += chunk),
    stderr: (chunk) => void (err += chunk),
    env: {},
    stdoutIsTTY: false,
  };
  const code = await run(args, io);
  expect(err).toBe('');
  return { code, out };
}

async function diagnose(args: readonly string[]): Promise<{ code: number; report: Report }> {
  const { code, out } = await cli([...args, '--format', 'json']);
  return { code, report: JSON.parse(out) as Report };
}

let server: Running;
beforeAll(async () => {
  const shop = createSecureContext({ cert: text('shop.crt'), key: text('shop.key') });
  server = await nodeTlsServer({
    cert: text('apiserver.crt'),
    key: text('apiserver.key'),
    SNICallback: (name, callback) => callback(null, name === 'shop.example.com' ? shop : undefined),
  });
});
afterAll(() => server.close());

// The live path verifies at the real clock; the fixture's certificates live one year.
const AT = ['--at', '2024-06-01T00:00:00Z'];

test('no SNI: the fake certificate, recognised as the ingress, and the SNI-dependence line', async () => {
  const noSni = [
    `https://127.0.0.1:${server.port}`,
    '--sni',
    '',
    '--ca',
    `${DIR}/ca.crt`,
    '--name',
    'shop.example.com',
    ...AT,
  ];
  const { code, report } = await diagnose(noSni);
  expect(code).toBe(1);
  expect(report.certificate.subject.dn).toContain('Kubernetes Ingress Controller Fake Certificate');
  expect(report.component?.id).toBe('ingress');
  expect(report.connection?.servername).toBeNull();
  expect(report.connection?.sni).toMatchObject({
    servername: 'shop.example.com',
    sameCertificate: false,
  });
  const sni = report.findings.find((finding) => finding.code === 'sni-dependent');
  const note = sni?.detail && 'note' in sni.detail ? sni.detail.note : '';
  expect(note).toContain(
    'presents one certificate with no SNI and another with SNI shop.example.com',
  );
  // The fix is the ingress's, for the SNI finding too (not the apiserver's --tls-cert-file).
  expect(sni?.fix).toContain('--default-ssl-certificate');
  const names = report.findings.find((finding) => finding.code === 'name-not-in-sans');
  expect(names?.fix).toContain('--default-ssl-certificate');
  const text = await cli(noSni);
  expect(text.out).toMatch(/Component: ingress/);
  expect(text.out).toMatch(/SNI +a different certificate with SNI shop\.example\.com/);
});

test('the name sent as SNI: its own certificate, which passes; the other answer still noted', async () => {
  const { code, report } = await diagnose([
    `https://127.0.0.1:${server.port}`,
    '--ca',
    `${DIR}/ca.crt`,
    '--name',
    'shop.example.com',
    ...AT,
  ]);
  expect(report.connection?.servername).toBe('shop.example.com');
  expect(report.certificate.subject.dn).toBe('CN=shop.example.com');
  expect(code).toBe(0);
  expect(report.connection?.sni).toMatchObject({ servername: null, sameCertificate: false });
  expect(report.findings.map((finding) => finding.code)).toContain('sni-dependent');
});
