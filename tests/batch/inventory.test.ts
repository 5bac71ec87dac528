/**
 * The inventory's pairing (src/batch/inventory.ts): the serving Secrets the audit reports
 * (src/batch/chunk.ts) paired with the entries by the name dialled, only those needed kept
 * once the objects are known, a budget for those read before them, and which certificate of
 * a chain expires first.
 */
import { readFileSync } from 'node:fs';
import type { AuditContext } from '../../src/batch/audit.js';
import { auditChunk } from '../../src/batch/chunk.js';
import { Inventory, firstToExpire } from '../../src/batch/inventory.js';
import type { Item } from '../../src/batch/types.js';
import { readCertificates } from '../../src/facts/certificate.js';
import { plainStyle } from '../../src/render/style.js';
import { trustEntries } from '../../src/inputs/trust-objects.js';
import { makeCert, testKey } from '../helpers/certs.js';

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const facts = async (path: string) =>
  (await readCertificates(read(path), path)).map((cert) => cert.facts);

const context: AuditContext = {
  names: null,
  defaultNames: [],
  clients: ['go'],
  heapster: null,
  anchors: null,
  now: new Date('2024-06-01T00:00:00Z'),
  warnDays: 30,
  toolVersion: 'test',
};

const item = (namespace: string, name: string, path: string): Item => ({
  source: { kind: 'secret', file: 'list.json', namespace, name, key: 'tls.crt' },
  bytes: read(path),
  label: `list.json: Secret ${namespace}/${name} data["tls.crt"]`,
});

/** Audits the items as batch does and hands the inventory what the audit found. */
async function serve(inventory: Inventory, items: Item[]): Promise<void> {
  const result = await auditChunk(items, context, 'jsonl', plainStyle);
  inventory.addServing(items, result.serving ?? []);
}

const vwc = JSON.parse(
  readFileSync('fixtures/trust/webhook/validatingwebhookconfiguration.json', 'utf8'),
) as Record<string, unknown>;
const entries = {
  type: 'inventory',
  file: 'list.json',
  entries: trustEntries(vwc, 'list.json'),
} as const;

const SERVING = 'fixtures/trust/webhook/serving.crt';
const OTHER_NAMESPACE = 'fixtures/trust/webhook/serving-other-namespace.crt';
const ETCD = 'fixtures/trust/kubeadm/etc-kubernetes/pki/etcd/server.crt';

describe('Inventory', () => {
  test('pairs the entry with the Secret for the Service it dials, in either order', async () => {
    for (const secretsFirst of [false, true]) {
      const inventory = new Inventory();
      if (!secretsFirst) inventory.add(entries);
      await serve(inventory, [
        item('kube-system', 'etcd', ETCD),
        item('default', 'other-namespace', OTHER_NAMESPACE),
        item('ingress-nginx', 'admission', SERVING),
      ]);
      if (secretsFirst) inventory.add(entries);
      const { records, local } = await inventory.judge(context);
      expect(local).toBe(0);
      expect(records).toEqual([
        expect.objectContaining({
          type: 'trust',
          secret: 'ingress-nginx/admission',
          verdict: 'pass',
          host: 'ingress-nginx-controller-admission.ingress-nginx.svc',
        }),
      ]);
    }
  });

  test('without its Secret an entry is reported as such, not guessed at', async () => {
    const inventory = new Inventory();
    inventory.add(entries);
    await serve(inventory, [item('default', 'other-namespace', OTHER_NAMESPACE)]);
    const { records } = await inventory.judge(context);
    expect(records).toEqual([
      expect.objectContaining({
        verdict: 'absent',
        secret: null,
        note: 'no Secret in the input holds a certificate for ingress-nginx-controller-admission.ingress-nginx.svc',
      }),
    ]);
  });

  test('memory: Secrets that serve no Service are never held; those for another Service only within the budget', async () => {
    const inventory = new Inventory(32 * 1024);
    inventory.add(entries);
    await serve(inventory, [
      ...Array.from({ length: 100 }, (_, i) => item('kube-system', `etcd-${i}`, ETCD)),
      ...Array.from({ length: 100 }, (_, i) => item('default', `other-${i}`, OTHER_NAMESPACE)),
      item('ingress-nginx', 'admission', SERVING),
    ]);
    const { secrets, dropped } = inventory.held;
    // 32 KiB holds a dozen of the other Service's; the one needed is always kept.
    expect(secrets).toBeGreaterThan(1);
    expect(secrets).toBeLessThan(30);
    expect(secrets + dropped).toBe(101);
  });

  test('past the budget, an entry left without its Secret says why', async () => {
    const inventory = new Inventory(0);
    await serve(inventory, [item('ingress-nginx', 'admission', SERVING)]);
    expect(inventory.held).toEqual({ entries: 0, secrets: 0, dropped: 1 });
    inventory.add(entries);
    const { records } = await inventory.judge(context);
    expect(records).toEqual([
      expect.objectContaining({
        verdict: 'absent',
        note: 'no Secret kept holds a certificate for ingress-nginx-controller-admission.ingress-nginx.svc; 1 Secret naming a Service no webhook or APIService read until then dialled was not kept (past 0 MiB): if its Secret is among them, give the objects first, as kubectl lists them',
      }),
    ]);
  });
});

describe('a Secret that names the Service only without .svc', () => {
  const NOT_BEFORE = new Date('2024-01-01T00:00:00Z');
  const NOT_AFTER = new Date('2025-01-01T00:00:00Z');

  /** A webhook dialling webhook.demo.svc, its CA, and serving certificates naming `names`. */
  async function demo() {
    const caKey = await testKey('inventory-short-ca');
    const ca = await makeCert(
      {
        subject: 'CN=demo-webhook-ca',
        serialHex: '01',
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        basicConstraints: { ca: true, critical: true },
        keyUsage: ['keyCertSign', 'cRLSign'],
        keyIds: true,
      },
      caKey,
    );
    const serving = async (serial: string, names: string[]) =>
      (
        await makeCert(
          {
            subject: 'CN=webhook',
            issuer: 'CN=demo-webhook-ca',
            serialHex: serial,
            notBefore: NOT_BEFORE,
            notAfter: NOT_AFTER,
            keyUsage: ['digitalSignature', 'keyEncipherment'],
            extKeyUsage: ['serverAuth'],
            san: names.map((dns) => ({ dns })),
            keyIds: true,
          },
          await testKey('inventory-short-leaf'),
          caKey,
        )
      ).pem;
    const webhook = {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'demo' },
      webhooks: [
        {
          name: 'check.demo.example.com',
          clientConfig: {
            caBundle: Buffer.from(ca.pem).toString('base64'),
            service: { name: 'webhook', namespace: 'demo', path: '/validate' },
          },
        },
      ],
    };
    const secret = (namespace: string, name: string, pem: string): Item => ({
      source: { kind: 'secret', file: 'list.json', namespace, name, key: 'tls.crt' },
      bytes: new TextEncoder().encode(pem),
      label: `list.json: Secret ${namespace}/${name} data["tls.crt"]`,
    });
    return {
      entries: {
        type: 'inventory',
        file: 'list.json',
        entries: trustEntries(webhook, 'list.json'),
      } as const,
      serving,
      secret,
    };
  }

  test("in its namespace it is paired, noted, and fails with the client's words", async () => {
    const { entries: demoEntries, serving, secret } = await demo();
    const inventory = new Inventory();
    inventory.add(demoEntries);
    await serve(inventory, [
      secret('demo', 'webhook-tls', await serving('02', ['webhook', 'webhook.demo'])),
      // The short names of another namespace, or of another Service, are not this one's.
      secret('default', 'elsewhere', await serving('03', ['webhook', 'webhook.demo'])),
      secret('demo', 'other', await serving('04', ['other', 'other.demo'])),
    ]);
    const { records } = await inventory.judge({
      ...context,
      now: new Date('2024-06-01T00:00:00Z'),
    });
    expect(records).toEqual([
      expect.objectContaining({
        secret: 'demo/webhook-tls',
        verdict: 'fail',
        host: 'webhook.demo.svc',
        message: 'x509: certificate is valid for webhook, webhook.demo, not webhook.demo.svc',
        note: 'paired by webhook.demo: the Service without .svc; the kube-apiserver dials webhook.demo.svc',
      }),
    ]);
  });

  test('a Secret that names it in full is the one paired', async () => {
    const { entries: demoEntries, serving, secret } = await demo();
    const inventory = new Inventory();
    await serve(inventory, [
      secret('demo', 'short', await serving('05', ['webhook.demo'])),
      secret('demo', 'full', await serving('06', ['webhook.demo.svc'])),
    ]);
    inventory.add(demoEntries);
    const { records } = await inventory.judge(context);
    expect(records).toEqual([
      expect.objectContaining({ secret: 'demo/full', verdict: 'pass', note: null }),
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
    const leafLater = await facts(SERVING);
    // Leaf and CA end together: the first of equals, the leaf.
    expect(firstToExpire(leafLater, ca)?.where).toBe('tls.crt');
    const shortCa = [{ ...ca[0]!, notAfter: new Date('2025-01-01T00:00:00Z') }];
    expect(firstToExpire(leafLater, shortCa)?.where).toBe('caBundle');
    const shortRegenerated = [{ ...regenerated[0]!, notAfter: new Date('2025-01-01T00:00:00Z') }];
    expect(firstToExpire(leafLater, shortRegenerated)?.where).toBe('tls.crt');
  });
});
