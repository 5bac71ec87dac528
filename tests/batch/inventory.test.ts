/**
 * The inventory's pairing (src/batch/inventory.ts): which certificate names stand for the
 * Service the kube-apiserver dials, which Secrets are kept until the end of the input (only
 * those that can name a Service), and which certificate of a chain expires first.
 */
import { readFileSync } from 'node:fs';
import { Inventory, covers, firstToExpire, mayNameService } from '../../src/batch/inventory.js';
import { readCertificates } from '../../src/facts/certificate.js';
import type { SecretView } from '../../src/inputs/secret.js';
import { trustEntries } from '../../src/inputs/trust-objects.js';

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const facts = async (path: string) =>
  (await readCertificates(read(path), path)).map((cert) => cert.facts);

const secret = (name: string, path: string): SecretView => ({
  name,
  type: 'kubernetes.io/tls',
  ca: null,
  tls: { bytes: read(path), label: `${name}: tls.crt` },
  others: [],
});

describe('covers: a certificate name for the Service host the kube-apiserver dials', () => {
  test.each([
    ['svc.ns.svc', true],
    ['svc.ns.svc.cluster.local', true],
    ['svc.ns.svc.corp.example', true],
    ['*.ns.svc', true],
    ['svc.ns', false],
    ['svc.other.svc', false],
    ['*.svc', false],
    ['*.other.svc', false],
    ['other-svc.ns.svc', false],
    ['svc.ns.svcx', false],
  ])('%s → %s', (name, expected) => {
    expect(covers(name, 'svc.ns.svc')).toBe(expected);
  });
});

describe('mayNameService: kept until the end only when the bytes .svc are in the DER', () => {
  test('a webhook serving certificate and a CN-only one may; an etcd one may not; garbage may not', () => {
    expect(mayNameService(read('fixtures/trust/webhook/serving.crt'))).toBe(true);
    expect(mayNameService(read('fixtures/trust/webhook/serving-cn-only.crt'))).toBe(true);
    expect(mayNameService(read('fixtures/trust/kubeadm/etc-kubernetes/pki/etcd/server.crt'))).toBe(
      false,
    );
    expect(mayNameService(new Uint8Array(Buffer.from('not a certificate .svc')))).toBe(false);
  });
});

describe('Inventory', () => {
  const vwc = JSON.parse(
    readFileSync('fixtures/trust/webhook/validatingwebhookconfiguration.json', 'utf8'),
  ) as Record<string, unknown>;
  const context = {
    names: null,
    defaultNames: [],
    clients: [],
    heapster: null,
    anchors: null,
    now: new Date('2024-06-01T00:00:00Z'),
    warnDays: 30,
    toolVersion: 'test',
  } as const;

  test('keeps the entries and only the Secrets that can name a Service; pairs by the name dialled', async () => {
    const inventory = new Inventory();
    inventory.add({
      type: 'inventory',
      file: 'list.json',
      entries: [],
      secrets: [
        secret('kube-system/etcd', 'fixtures/trust/kubeadm/etc-kubernetes/pki/etcd/server.crt'),
        secret('default/other-namespace', 'fixtures/trust/webhook/serving-other-namespace.crt'),
      ],
    });
    expect(inventory.holdsTrustObjects).toBe(false);
    inventory.add({
      type: 'inventory',
      file: 'list.json',
      entries: trustEntries(vwc, 'list.json'),
      secrets: [secret('ingress-nginx/admission', 'fixtures/trust/webhook/serving.crt')],
    });
    // The etcd Secret is not kept; the Secret for the other namespace is, but pairs with nothing.
    expect(inventory.held).toEqual({ entries: 1, secrets: 2 });
    const { records, local } = await inventory.judge(context);
    expect(local).toBe(0);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'trust',
      secret: 'ingress-nginx/admission',
      verdict: 'pass',
      host: 'ingress-nginx-controller-admission.ingress-nginx.svc',
    });
  });

  test('without its Secret an entry is reported as such, not guessed at', async () => {
    const inventory = new Inventory();
    inventory.add({
      type: 'inventory',
      file: 'list.json',
      entries: trustEntries(vwc, 'list.json'),
      secrets: [
        secret('default/other-namespace', 'fixtures/trust/webhook/serving-other-namespace.crt'),
      ],
    });
    const { records } = await inventory.judge(context);
    expect(records).toEqual([
      expect.objectContaining({
        verdict: 'absent',
        secret: null,
        note: 'no Secret in the input holds a certificate for ingress-nginx-controller-admission.ingress-nginx.svc',
      }),
    ]);
  });
});

describe('firstToExpire', () => {
  test('the caBundle CA counts only when it issued the chain (name and key), not a regenerated one', async () => {
    const served = await facts('fixtures/trust/webhook/serving-expired.crt');
    const ca = await facts('fixtures/trust/webhook/ca.crt');
    const regenerated = await facts('fixtures/trust/webhook/regenerated-ca.crt');
    expect(firstToExpire(served, ca)).toEqual({
      subject: 'CN=nil2, O=nil2',
      notAfter: '2024-03-01T00:00:00.000Z',
      where: 'tls.crt',
    });
    const leafLater = await facts('fixtures/trust/webhook/serving.crt');
    // Leaf and CA end together: the first of equals, the leaf.
    expect(firstToExpire(leafLater, ca)?.where).toBe('tls.crt');
    expect(firstToExpire(leafLater, regenerated)?.where).toBe('tls.crt');
    const shortCa = [{ ...ca[0]!, notAfter: new Date('2025-01-01T00:00:00Z') }];
    expect(firstToExpire(leafLater, shortCa)?.where).toBe('caBundle');
    const shortRegenerated = [{ ...regenerated[0]!, notAfter: new Date('2025-01-01T00:00:00Z') }];
    expect(firstToExpire(leafLater, shortRegenerated)?.where).toBe('tls.crt');
  });
});
