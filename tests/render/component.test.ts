/**
 * Every format says what was recognised and why, and who decides: the text and markdown
 * certificate sections carry a Component line, JSON the component object; the text shows the
 * component's log line and, for a CA-signed certificate without --ca, that trust was not
 * checked, first.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import type { Report } from '../../src/report/report.js';
import { fakeIo } from '../helpers/fake-io.js';

const AT = '2024-06-01T00:00:00Z';

/** The text with its wrapping undone: every line break and indent as one space. */
function flat(text: string): string {
  return text.replace(/ *\n */g, ' ');
}

async function diagnoseFixture(
  dir: string,
  args: readonly string[],
  format: 'text' | 'markdown' | 'json',
): Promise<{ code: number; out: string }> {
  const files = {
    'served.crt': readFileSync(`fixtures/${dir}/apiserver.crt`, 'utf8'),
    'ca.crt': readFileSync(`fixtures/${dir}/ca.crt`, 'utf8'),
  };
  const io = fakeIo(files);
  const code = await run(['served.crt', ...args, '--at', AT, '--format', format], io);
  return { code, out: io.out() };
}

test('text: the Component line with its evidence, the deciding client, the logged line', async () => {
  const { code, out } = await diagnoseFixture('webhook-cn-only', ['--ca', 'ca.crt'], 'text');
  expect(code).toBe(1);
  expect(out).toMatch(/^ {2}Component {7}webhook \(the CN \(no SANs\) my-webhook\.my-ns\.svc: /m);
  expect(out).toMatch(/^ {2}Decided by {6}go1\.23: the kube-apiserver calling the webhook/m);
  expect(flat(out)).toContain(
    'logged as: failed calling webhook "<webhook name>": failed to call webhook: Post "https://my-webhook.my-ns.svc:443/',
  );
});

test('markdown and JSON carry the component', async () => {
  const md = await diagnoseFixture('kubeadm-apiserver', ['--ca', 'ca.crt'], 'markdown');
  expect(md.code).toBe(0);
  expect(md.out).toMatch(/\| Component \| `kube-apiserver` \(/);
  expect(md.out).toMatch(/\| Service IP \| `10\.96\.0\.1`: the certificate's IP SAN 10\.96\.0\.1 /);
  const json = JSON.parse(
    (await diagnoseFixture('kubeadm-apiserver', ['--ca', 'ca.crt'], 'json')).out,
  ) as Report;
  expect(json.component?.id).toBe('kube-apiserver');
  expect(json.decidingClient).toMatchObject({ client: 'go1.23' });
  expect(json.serviceIp).toMatchObject({ address: '10.96.0.1', source: 'inferred' });
  expect(json.clients.map((c) => c.id)).toEqual(['go1.23', 'go1.8']);
});

test('no --ca for a CA-signed certificate: the first lines say trust was not checked, exit 4', async () => {
  const { code, out } = await diagnoseFixture('kubeadm-apiserver', [], 'text');
  expect(code).toBe(4);
  expect(out).toMatch(/^NAMES OK, TRUST NOT CHECKED {2}served\.crt/);
  const screen = flat(out.split('\n').slice(0, 20).join('\n'));
  expect(screen).toContain('trust: not checked (a CA-signed certificate and no --ca)');
  expect(screen).toContain('--ca <kubernetes CA> (kubeadm: /etc/kubernetes/pki/ca.crt');
});

test('Heapster and today’s Go disagreeing is said up front when the component chose them', async () => {
  const files = { 'seed.crt': readFileSync('fixtures/seed/apiserver.crt', 'utf8') };
  const io = fakeIo(files);
  await run(
    ['seed.crt', '--ca', 'seed.crt', '--heapster-version', 'v0.18', '--at', '2015-11-04T12:00:00Z'],
    io,
  );
  // On the first screen, before the cause.
  const screen = flat(io.out().split('\n').slice(0, 8).join('\n'));
  expect(screen).toMatch(
    /Heapster v0\.18–v1\.0 \(Go 1\.5\.1\) rejects kubernetes\.default: x509: certificate signed by unknown/,
  );
});
