/**
 * The chain differential corpus: served chains × trust anchors (the pod's ca.crt), one
 * case per way trust goes wrong in a cluster, built with fresh keys on every run and
 * relative to the real clock (Node's handshake cannot be told another time).
 *
 * The shapes follow what Kubernetes and its operators really produced:
 * - the apiserver's self-signed `<host>@<unix seconds>` certificate, as a non-CA (v1.0.x)
 *   and as its own CA (v1.1–v1.10, kubernetes/kubernetes#11285), regenerated on restart
 *   so that the pods' ca.crt holds an older one (kubernetes/kubernetes#54740, #19309);
 * - the Kubernetes 1.11+ split: a `<host>-ca@<unix seconds>` CA and a leaf it signs, served
 *   together (client-go@dd61bd25);
 * - custom PKIs with intermediates, as in kubernetes-retired/heapster#435: wrong CA, CA
 *   regenerated under the same name, intermediates that may not sign, EKU nesting, expiry
 *   anywhere, path length, missing or misplaced intermediates, SHA-1 signatures, and a
 *   hostile bundle of look-alike CAs;
 * - name constraints on a private CA (chains-name-constraints.ts).
 * Every structural case is built twice — RSA with key identifiers (what Go's
 * CreateCertificate and openssl add to CAs) and ECDSA without them — because candidate
 * lookup differs with and without key ids in every client.
 */
import * as asn1X509 from '@peculiar/asn1-x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Name, X509Certificate } from '@peculiar/x509';
import type { CertificateSpec, KeyPair, SanEntry } from '../../src/generate/certificate.js';
import { madeFrom, makeCert, testKey, type MadeCert } from '../helpers/certs.js';
import { nameConstraintChains } from './chains-name-constraints.js';

export interface ChainCase {
  readonly id: string;
  /** The served certificate. */
  readonly leaf: MadeCert;
  /** What the server sends after the leaf. */
  readonly intermediates: readonly MadeCert[];
  /** The trust anchors: the pod's ca.crt. */
  readonly roots: readonly MadeCert[];
  readonly host: string;
}

const DAY = 86_400_000;

const KUBE_SANS: SanEntry[] = [
  { ip: '10.10.56.65' },
  { ip: '10.0.0.1' },
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
];
const HOST = 'kubernetes.default';

const CA_USAGE = ['digitalSignature', 'keyEncipherment', 'keyCertSign'] as const;
const LEAF_USAGE = ['digitalSignature', 'keyEncipherment'] as const;

interface Variant {
  readonly id: string;
  readonly algorithm: 'rsa' | 'ec';
  readonly keyIds: boolean;
}

const VARIANTS: readonly Variant[] = [
  { id: 'rsa+kid', algorithm: 'rsa', keyIds: true },
  { id: 'ec', algorithm: 'ec', keyIds: false },
];

export async function buildChainCorpus(now: Date): Promise<ChainCase[]> {
  const cases: ChainCase[] = [];
  for (const variant of VARIANTS) cases.push(...(await customPki(now, variant)));
  cases.push(...(await kubernetesSelfSigned(now)));
  cases.push(...(await kubernetesSplitCa(now, true)));
  cases.push(...(await kubernetesSplitCa(now, false)));
  cases.push(...(await hostileBundles(now)));
  cases.push(...(await nameConstraintChains(now)));
  return cases;
}

function periods(now: Date) {
  return {
    valid: {
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 365 * DAY),
    },
    expired: {
      notBefore: new Date(now.getTime() - 400 * DAY),
      notAfter: new Date(now.getTime() - 35 * DAY),
    },
    future: {
      notBefore: new Date(now.getTime() + 2 * DAY),
      notAfter: new Date(now.getTime() + 400 * DAY),
    },
  };
}

/** Custom PKI: root → intermediate(s) → apiserver leaf, in every broken variation. */
async function customPki(now: Date, variant: Variant): Promise<ChainCase[]> {
  const { valid, expired, future } = periods(now);
  const key = (label: string): Promise<KeyPair> =>
    testKey(`chains-${variant.id}-${label}`, variant.algorithm);
  const [rootKey, interKey, inter2Key, leafKey, otherKey, newRootKey] = await Promise.all(
    ['root', 'inter', 'inter2', 'leaf', 'other', 'new-root'].map(key),
  );
  const keyIds = variant.keyIds;
  const ca = (subject: string, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
    subject,
    serialHex: '01',
    ...valid,
    basicConstraints: { ca: true },
    keyUsage: CA_USAGE,
    keyIds,
    ...extra,
  });
  const leafSpec = (issuer: string, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
    subject: 'CN=kube-apiserver',
    issuer,
    serialHex: '10',
    ...valid,
    san: KUBE_SANS,
    basicConstraints: { ca: false },
    keyUsage: LEAF_USAGE,
    extKeyUsage: ['serverAuth'],
    keyIds,
    ...extra,
  });
  const make = (spec: CertificateSpec, subject: KeyPair, signer: KeyPair) =>
    makeCert(spec, subject, signer);

  const root = await make(ca('CN=kube-root-ca'), rootKey!, rootKey!);
  const interSpec = ca('CN=kube-intermediate-ca', { issuer: 'CN=kube-root-ca', serialHex: '02' });
  const inter = await make(interSpec, interKey!, rootKey!);
  const leafUnderRoot = await make(leafSpec('CN=kube-root-ca'), leafKey!, rootKey!);
  const leafUnderInter = await make(leafSpec('CN=kube-intermediate-ca'), leafKey!, interKey!);
  const otherRoot = await make(ca('CN=other-ca'), otherKey!, otherKey!);
  // The same CA name regenerated with a new key, as a re-run of a CA script does.
  const regeneratedRoot = await make(
    ca('CN=kube-root-ca', { serialHex: '03' }),
    newRootKey!,
    newRootKey!,
  );

  /** An intermediate variant signed by the root; the leaf under it is re-signed to match. */
  const viaInter = async (
    interExtra: Partial<CertificateSpec>,
    leafExtra: Partial<CertificateSpec> = {},
  ) => ({
    inter: await make({ ...interSpec, ...interExtra }, interKey!, rootKey!),
    leaf: await make(leafSpec('CN=kube-intermediate-ca', leafExtra), leafKey!, interKey!),
  });

  const c = (
    id: string,
    leaf: MadeCert,
    intermediates: readonly MadeCert[],
    roots: readonly MadeCert[],
    host = HOST,
  ): ChainCase => ({ id: `${variant.id}: ${id}`, leaf, intermediates, roots, host });

  const interNotCa = await viaInter({ basicConstraints: { ca: false } });
  const interNoBc = {
    inter: await make(without(interSpec, 'basicConstraints'), interKey!, rootKey!),
    leaf: interNotCa.leaf,
  };
  // A version 1 intermediate (RSA only: makeV1Cert signs with RSA).
  const interV1 =
    variant.algorithm === 'rsa'
      ? await makeV1Cert(
          {
            subject: 'CN=kube-intermediate-ca',
            issuer: 'CN=kube-root-ca',
            serialHex: '05',
            ...valid,
          },
          interKey!,
          rootKey!,
        )
      : null;
  const interNoCertSign = await viaInter({ keyUsage: ['digitalSignature', 'cRLSign'] });
  const interNoKeyUsage = {
    inter: await make(without(interSpec, 'keyUsage'), interKey!, rootKey!),
    leaf: interNotCa.leaf,
  };
  const interClientAuth = await viaInter({ extKeyUsage: ['clientAuth'] });
  const interServerAuth = await viaInter({ extKeyUsage: ['serverAuth'] });
  const interExpired = await viaInter(expired);
  const interFuture = await viaInter(future);
  const interSha1 = await viaInter({ hash: 'SHA-1' });
  const rootPathLen0 = await make(
    ca('CN=kube-root-ca', { basicConstraints: { ca: true, pathLen: 0 } }),
    rootKey!,
    rootKey!,
  );
  const rootClientAuth = await make(
    ca('CN=kube-root-ca', { extKeyUsage: ['clientAuth'] }),
    rootKey!,
    rootKey!,
  );
  const rootExpired = await make(ca('CN=kube-root-ca', expired), rootKey!, rootKey!);
  const rootFuture = await make(ca('CN=kube-root-ca', future), rootKey!, rootKey!);
  const rootSha1 = await make(ca('CN=kube-root-ca', { hash: 'SHA-1' }), rootKey!, rootKey!);
  const rootNotCa = await make(
    ca('CN=kube-root-ca', { basicConstraints: { ca: false } }),
    rootKey!,
    rootKey!,
  );
  const rootNoCertSign = await make(
    ca('CN=kube-root-ca', { keyUsage: ['digitalSignature'] }),
    rootKey!,
    rootKey!,
  );

  // Two intermediates: root → inter (pathLen 0) → inter2 → leaf.
  const interPathLen0 = await make(
    { ...interSpec, basicConstraints: { ca: true, pathLen: 0 } },
    interKey!,
    rootKey!,
  );
  const inter2 = await make(
    ca('CN=kube-issuing-ca', { issuer: 'CN=kube-intermediate-ca', serialHex: '04' }),
    inter2Key!,
    interKey!,
  );
  const leafUnderInter2 = await make(leafSpec('CN=kube-issuing-ca'), leafKey!, inter2Key!);

  const leafExpired = await make(leafSpec('CN=kube-root-ca', expired), leafKey!, rootKey!);
  const leafFuture = await make(leafSpec('CN=kube-root-ca', future), leafKey!, rootKey!);
  const leafSha1 = await make(leafSpec('CN=kube-root-ca', { hash: 'SHA-1' }), leafKey!, rootKey!);
  const leafClientAuth = await make(
    leafSpec('CN=kube-root-ca', { extKeyUsage: ['clientAuth'] }),
    leafKey!,
    rootKey!,
  );
  const selfSignedLeaf = await make(
    { ...leafSpec('CN=kube-apiserver'), basicConstraints: { ca: true }, keyUsage: CA_USAGE },
    leafKey!,
    leafKey!,
  );

  return [
    c('leaf ← root, root trusted', leafUnderRoot, [], [root]),
    c('leaf ← root, dialled by IP', leafUnderRoot, [], [root], '10.0.0.1'),
    c('leaf ← intermediate ← root, intermediate sent', leafUnderInter, [inter], [root]),
    c('leaf ← intermediate ← root, whole chain sent', leafUnderInter, [inter, root], [root]),
    c('two intermediates sent in reverse order', leafUnderInter2, [inter2, inter], [root]),
    // Wrong CA (heapster#435): the pods trust a CA that did not sign the served cert.
    c('wrong CA', leafUnderRoot, [], [otherRoot]),
    c('wrong CA, intermediate sent', leafUnderInter, [inter], [otherRoot]),
    c('wrong CA and wrong host', leafUnderRoot, [], [otherRoot], 'wrong.example'),
    // Same-subject CA with a new key (kubernetes/dns#244).
    c('CA regenerated with the same name', leafUnderRoot, [], [regeneratedRoot]),
    c(
      'CA regenerated with the same name, intermediate sent',
      leafUnderInter,
      [inter],
      [regeneratedRoot],
    ),
    c('old and regenerated CA both trusted', leafUnderRoot, [], [regeneratedRoot, root]),
    // Intermediates that may not sign.
    c('intermediate CA:FALSE', interNotCa.leaf, [interNotCa.inter], [root]),
    c('intermediate without basicConstraints', interNoBc.leaf, [interNoBc.inter], [root]),
    c(
      'intermediate keyUsage without keyCertSign',
      interNoCertSign.leaf,
      [interNoCertSign.inter],
      [root],
    ),
    c('intermediate without keyUsage', interNoKeyUsage.leaf, [interNoKeyUsage.inter], [root]),
    ...(interV1 ? [c('version 1 intermediate', leafUnderInter, [interV1], [root])] : []),
    // Anchors that may not sign.
    c('root CA:FALSE', leafUnderRoot, [], [rootNotCa]),
    c('root keyUsage without keyCertSign', leafUnderRoot, [], [rootNoCertSign]),
    // EKU nesting.
    c(
      'intermediate restricted to clientAuth',
      interClientAuth.leaf,
      [interClientAuth.inter],
      [root],
    ),
    c(
      'intermediate restricted to serverAuth',
      interServerAuth.leaf,
      [interServerAuth.inter],
      [root],
    ),
    c('root restricted to clientAuth', leafUnderRoot, [], [rootClientAuth]),
    c('leaf restricted to clientAuth', leafClientAuth, [], [root]),
    // Validity anywhere in the chain.
    c('expired leaf', leafExpired, [], [root]),
    c('not-yet-valid leaf', leafFuture, [], [root]),
    c('expired intermediate', interExpired.leaf, [interExpired.inter], [root]),
    c('not-yet-valid intermediate', interFuture.leaf, [interFuture.inter], [root]),
    c('expired root', leafUnderRoot, [], [rootExpired]),
    c('not-yet-valid root', leafUnderRoot, [], [rootFuture]),
    c('expired root, intermediate sent', leafUnderInter, [inter], [rootExpired]),
    c('expired leaf and wrong host', leafExpired, [], [root], 'wrong.example'),
    // Path length.
    c('root pathLen 0 above an intermediate', leafUnderInter, [inter], [rootPathLen0]),
    c('intermediate pathLen 0 above another', leafUnderInter2, [interPathLen0, inter2], [root]),
    // Missing and misplaced intermediates.
    c('intermediate not sent', leafUnderInter, [], [root]),
    c('second intermediate not sent', leafUnderInter2, [inter2], [root]),
    c('leaf only, intermediate in ca.crt with the root', leafUnderInter, [], [inter, root]),
    c('leaf only, only the intermediate in ca.crt', leafUnderInter, [], [inter]),
    c(
      'leaf and intermediate sent, only the intermediate in ca.crt',
      leafUnderInter,
      [inter],
      [inter],
    ),
    // SHA-1 signatures.
    c('SHA-1 signed leaf', leafSha1, [], [root]),
    c('SHA-1 signed intermediate', interSha1.leaf, [interSha1.inter], [root]),
    c('SHA-1 self-signature on the root', leafUnderRoot, [], [rootSha1]),
    // Self-signed certificates.
    c('self-signed leaf not in ca.crt', selfSignedLeaf, [], [root]),
    c('served chain ends in an untrusted root', leafUnderInter, [inter, root], [otherRoot]),
    c('served root trusted, intermediate missing', leafUnderInter, [root], [root]),
  ];
}

/** The apiserver's own self-signed certificate (Kubernetes ≤ 1.10), regenerated. */
async function kubernetesSelfSigned(now: Date): Promise<ChainCase[]> {
  const { valid } = periods(now);
  const t2 = Math.floor(now.getTime() / 1000) - 3600;
  const t1 = t2 - 86_400 * 3;
  const [oldKey, newKey, sameSecondKey] = await Promise.all(
    ['old', 'new', 'same-second'].map((label) => testKey(`chains-kube-${label}`, 'rsa')),
  );
  const rowD = (unix: number, extra: Partial<CertificateSpec> = {}): CertificateSpec => ({
    subject: `CN=vm-56-65@${unix}`,
    serialHex: '01',
    ...valid,
    san: KUBE_SANS,
    basicConstraints: { ca: true },
    keyUsage: CA_USAGE,
    extKeyUsage: ['serverAuth'],
    ...extra,
  });
  const rowC = (unix: number): CertificateSpec =>
    rowD(unix, { basicConstraints: { ca: false }, keyUsage: LEAF_USAGE });
  const self = (spec: CertificateSpec, key: KeyPair) => makeCert(spec, key, key);

  const oldD = await self(rowD(t1), oldKey!);
  const newD = await self(rowD(t2), newKey!);
  const oldC = await self(rowC(t1), oldKey!);
  const newC = await self(rowC(t2), newKey!);
  const sameSecondD = await self(rowD(t2), sameSecondKey!);
  const sameSecondC = await self(rowC(t2), sameSecondKey!);
  // Kubernetes v1.1+ under Go ≥ 1.15 adds a subject key id to CA certificates.
  const newDKid = await self(rowD(t2, { keyIds: true }), newKey!);
  const oldDKid = await self(rowD(t1, { keyIds: true }), oldKey!);
  const sameSecondDKid = await self(rowD(t2, { keyIds: true }), sameSecondKey!);

  const c = (id: string, leaf: MadeCert, roots: readonly MadeCert[], host = HOST): ChainCase => ({
    id: `kube self-signed: ${id}`,
    leaf,
    intermediates: [],
    roots,
    host,
  });
  return [
    c('ca.crt is the served cert (v1.1+)', newD, [newD]),
    c('ca.crt is the served cert (v1.0.x, CA:FALSE)', newC, [newC]),
    c('stale ca.crt host@T1, served host@T2 (v1.1+)', newD, [oldD]),
    c('stale ca.crt host@T1, served host@T2 (v1.1+), by IP', newD, [oldD], '10.0.0.1'),
    c('stale ca.crt host@T1, served host@T2 (v1.0.x)', newC, [oldC]),
    c('stale ca.crt, regenerated in the same second (v1.1+)', newD, [sameSecondD]),
    c('stale ca.crt, regenerated in the same second (v1.0.x)', newC, [sameSecondC]),
    c('stale ca.crt with key ids', newDKid, [oldDKid]),
    c('stale ca.crt with key ids, same second', newDKid, [sameSecondDKid]),
    c('old and new certificate both in ca.crt', newD, [oldD, newD]),
    c('stale ca.crt and wrong host', newD, [oldD], 'kubernetes.default.svc.cluster.local'),
  ];
}

/** Kubernetes 1.11+ (client-go@dd61bd25): `<host>-ca@T` signs `<host>@T`; both are served. */
async function kubernetesSplitCa(now: Date, keyIds: boolean): Promise<ChainCase[]> {
  const { valid } = periods(now);
  const t = Math.floor(now.getTime() / 1000) - 3600;
  const t0 = t - 86_400 * 10;
  const label = keyIds ? 'kid' : 'nokid';
  const [caKey, leafKey, oldCaKey, oldLeafKey, sameSecondCaKey] = await Promise.all(
    ['ca', 'leaf', 'old-ca', 'old-leaf', 'same-second-ca'].map((name) =>
      testKey(`chains-split-${label}-${name}`, 'rsa'),
    ),
  );
  const caSpec = (unix: number): CertificateSpec => ({
    subject: `CN=vm-56-65-ca@${unix}`,
    serialHex: '01',
    ...valid,
    basicConstraints: { ca: true },
    keyUsage: CA_USAGE,
    keyIds,
  });
  const leafSpec = (unix: number): CertificateSpec => ({
    subject: `CN=vm-56-65@${unix}`,
    issuer: `CN=vm-56-65-ca@${unix}`,
    serialHex: '02',
    ...valid,
    san: KUBE_SANS,
    basicConstraints: { ca: false },
    keyUsage: LEAF_USAGE,
    extKeyUsage: ['serverAuth'],
    keyIds,
  });
  const ca = await makeCert(caSpec(t), caKey, caKey);
  const leaf = await makeCert(leafSpec(t), leafKey, caKey);
  const oldCa = await makeCert(caSpec(t0), oldCaKey, oldCaKey);
  const oldLeaf = await makeCert(leafSpec(t0), oldLeafKey, oldCaKey);
  const sameSecondCa = await makeCert(caSpec(t), sameSecondCaKey, sameSecondCaKey);

  const c = (
    id: string,
    intermediates: readonly MadeCert[],
    roots: readonly MadeCert[],
  ): ChainCase => ({
    id: `kube split CA (${label}): ${id}`,
    leaf,
    intermediates,
    roots,
    host: HOST,
  });
  return [
    c('leaf + CA served, CA trusted', [ca], [ca]),
    c('leaf only served, CA trusted', [], [ca]),
    c('leaf + CA served, stale CA host-ca@T0 trusted', [ca], [oldCa]),
    c('leaf only served, stale CA host-ca@T0 trusted', [], [oldCa]),
    c('leaf + CA served, CA regenerated in the same second trusted', [ca], [sameSecondCa]),
    c('leaf only served, CA regenerated in the same second trusted', [], [sameSecondCa]),
    c('leaf + CA served, the served leaf copied as ca.crt', [ca], [leaf]),
    c('leaf only served, the served leaf copied as ca.crt', [], [leaf]),
    c('leaf + CA served, an old leaf copied as ca.crt', [ca], [oldLeaf]),
    c('leaf + CA served, old and new CA trusted', [ca], [oldCa, ca]),
  ];
}

/**
 * Bundles that make naive chain building explode: many look-alike CAs with the issuer's
 * name but other keys. Go 1.19 stops after 100 signature checks (verify.go,
 * maxChainSignatureChecks); OpenSSL picks one issuer per step without checking signatures.
 */
async function hostileBundles(now: Date): Promise<ChainCase[]> {
  const { valid } = periods(now);
  const [rootKey, leafKey, decoyKey] = await Promise.all(
    ['root', 'leaf', 'decoy'].map((name) => testKey(`chains-hostile-${name}`, 'ec')),
  );
  const caSpec = (serial: number): CertificateSpec => ({
    subject: 'CN=kube-root-ca',
    serialHex: serial.toString(16).padStart(2, '0'),
    ...valid,
    basicConstraints: { ca: true },
    keyUsage: CA_USAGE,
  });
  const root = await makeCert(caSpec(1), rootKey, rootKey);
  const leaf = await makeCert(
    {
      subject: 'CN=kube-apiserver',
      issuer: 'CN=kube-root-ca',
      serialHex: '10',
      ...valid,
      san: KUBE_SANS,
      basicConstraints: { ca: false },
      keyUsage: LEAF_USAGE,
      extKeyUsage: ['serverAuth'],
    },
    leafKey,
    rootKey,
  );
  const decoys: MadeCert[] = [];
  for (let serial = 2; decoys.length < 120; serial++) {
    decoys.push(await makeCert(caSpec(serial), decoyKey, decoyKey));
  }
  const c = (
    id: string,
    intermediates: readonly MadeCert[],
    roots: readonly MadeCert[],
  ): ChainCase => ({ id: `hostile: ${id}`, leaf, intermediates, roots, host: HOST });
  return [
    c('20 look-alike CAs in ca.crt before the real one', [], [...decoys.slice(0, 20), root]),
    c('99 look-alike CAs in ca.crt, then the real one', [], [...decoys.slice(0, 99), root]),
    c('120 look-alike CAs in ca.crt, then the real one', [], [...decoys, root]),
    c('120 look-alike CAs served, real one trusted', decoys, [root]),
    c('120 look-alike CAs in ca.crt, real one missing', [], decoys),
  ];
}

function without<K extends keyof CertificateSpec>(
  spec: CertificateSpec,
  key: K,
): Omit<CertificateSpec, K> {
  const rest = { ...spec };
  delete rest[key];
  return rest;
}

/**
 * A version 1 certificate (no extensions at all), RSA SHA-256. The generator only writes
 * v3; Go's CheckSignatureFrom lets a v1 parent sign (only v3 needs basicConstraints), so a
 * v1 intermediate reaches isValid's NotAuthorizedToSign.
 */
export async function makeV1Cert(
  spec: Pick<CertificateSpec, 'subject' | 'issuer' | 'serialHex' | 'notBefore' | 'notAfter'>,
  subjectKey: KeyPair,
  signer: KeyPair,
): Promise<MadeCert> {
  const spki = await crypto.subtle.exportKey('spki', subjectKey.publicKey);
  const algorithm = new asn1X509.AlgorithmIdentifier({
    algorithm: '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
    parameters: new Uint8Array([5, 0]).buffer,
  });
  const name = (dn: string) => AsnConvert.parse(new Name(dn).toArrayBuffer(), asn1X509.Name);
  const tbs = new asn1X509.TBSCertificate({
    version: asn1X509.Version.v1,
    serialNumber: Uint8Array.from(Buffer.from(spec.serialHex, 'hex')).buffer,
    signature: algorithm,
    issuer: name(spec.issuer ?? spec.subject),
    validity: new asn1X509.Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: name(spec.subject),
    subjectPublicKeyInfo: AsnConvert.parse(spki, asn1X509.SubjectPublicKeyInfo),
  });
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    signer.privateKey,
    AsnConvert.serialize(tbs),
  );
  const der = AsnConvert.serialize(
    new asn1X509.Certificate({
      tbsCertificate: tbs,
      signatureAlgorithm: algorithm,
      signatureValue: signature,
    }),
  );
  return madeFrom(new X509Certificate(der), subjectKey);
}
