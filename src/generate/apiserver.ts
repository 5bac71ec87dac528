/**
 * The kube-apiserver's self-signed certificate, as each Kubernetes era generated it
 * (rows A–H of src/kube/eras.ts). What every era shares (pkg/util/crypto.go
 * GenerateSelfSignedCert, later client-go util/cert GenerateSelfSignedCertKey*):
 *  - an RSA-2048 key, written as PKCS#1 `RSA PRIVATE KEY`;
 *  - CN `<host>@<unix seconds>`, nothing else in the subject;
 *  - `host` itself as a SAN: an IP SAN when net.ParseIP accepts it, else a DNS SAN;
 *  - serverAuth, basicConstraints present (critical, as Go's CreateCertificate marks it);
 *  - one year (365 × 24 h) of validity.
 * Go's CreateCertificate writes all DNS SANs before all IP SANs (marshalSANs), whatever
 * order the template lists them in, so the certificates here do too.
 */
import { createPrivateKey } from 'node:crypto';
import { ipVersion } from '../base/ip.js';
import { SubjectKeyIdentifierExtension, type X509Certificate } from '../base/x509.js';
import { UsageError } from '../base/errors.js';
import {
  buildCertificate,
  generateKeyPair,
  type CertificateSpec,
  type KeyPair,
} from './certificate.js';
import { ERAS, type Era, type EraRow } from '../kube/eras.js';

export const YEAR_MS = 365 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
/** The names the apiserver passes (row C on) or hard-codes (row B) since kubernetes/kubernetes#10643. */
export const KUBERNETES_NAMES = ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'];

export interface ApiserverCertOptions {
  readonly row: EraRow;
  /** The host the apiserver passes: its public/advertise address (kube-apiserver server.go). */
  readonly host: string;
  /** The kubernetes Service IP (first IP of --service-cluster-ip-range); unused by row A. */
  readonly serviceIp: string;
  /** The moment the generator runs (time.Now() in Go). */
  readonly generatedAt: Date;
  /**
   * Kubernetes built with Go ≥ 1.15 (Kubernetes 1.19+): CreateCertificate gives a CA a
   * subject key id and the certificates it signs the matching authority key id.
   */
  readonly goKeyIds?: boolean;
}

/** The templates of one generator run: `ca` is null before the 1.11 split. */
export interface ApiserverSpecs {
  readonly ca: CertificateSpec | null;
  readonly serving: CertificateSpec;
}

/**
 * Serial numbers: 1 (and 2 for the serving certificate after the split) until client-go@a3b4cd32
 * (Kubernetes 1.28) made them uniformly random in [1, 2^63 − 1).
 */
export interface Serials {
  readonly ca: bigint;
  readonly serving: bigint;
}

export function apiserverSpecs(
  options: ApiserverCertOptions,
  serials: Serials = { ca: 1n, serving: options.row >= 'F' ? 2n : 1n },
  /** The CA's subject key id (hex), when goKeyIds: the serving certificate's AKID. */
  caKeyIdHex?: string,
): ApiserverSpecs {
  const { row, host } = options;
  const seconds = Math.floor(options.generatedAt.getTime() / 1000);
  // client-go@ad896870 (1.12): "valid an hour earlier to avoid flakes due to clock skew";
  // NotAfter counts from the back-dated NotBefore.
  const notBefore = new Date(seconds * 1000 - (row >= 'G' ? HOUR_MS : 0));
  const notAfter = new Date(notBefore.getTime() + YEAR_MS);
  const dns: string[] = [];
  const ips: string[] = [];
  (ipVersion(host) ? ips : dns).push(host);
  if (row !== 'A') {
    ips.push(options.serviceIp);
    dns.push(...KUBERNETES_NAMES);
  }
  const san = [...dns.map((name) => ({ dns: name })), ...ips.map((ip) => ({ ip }))];
  const serving = `CN=${host}@${seconds}`;

  if (row < 'F') {
    // Rows A–C: not a CA (kubernetes/kubernetes#11285 made it one in v1.1: rows D–E).
    const isCa = row === 'D' || row === 'E';
    return {
      ca: null,
      serving: {
        subject: serving,
        serialHex: serials.serving.toString(16),
        notBefore,
        notAfter,
        san,
        basicConstraints: { ca: isCa },
        keyUsage: isCa
          ? ['keyEncipherment', 'digitalSignature', 'keyCertSign']
          : ['keyEncipherment', 'digitalSignature'],
        extKeyUsage: ['serverAuth'],
      },
    };
  }
  // Rows F–H (client-go@dd61bd25): a CA without SANs or EKU signs the serving certificate.
  const caSubject = `CN=${host}-ca@${seconds}`;
  return {
    ca: {
      subject: caSubject,
      serialHex: serials.ca.toString(16),
      notBefore,
      notAfter,
      basicConstraints: { ca: true },
      keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
      keyIds: options.goKeyIds === true,
    },
    serving: {
      subject: serving,
      issuer: caSubject,
      serialHex: serials.serving.toString(16),
      notBefore,
      notAfter,
      san,
      basicConstraints: { ca: false },
      keyUsage: ['keyEncipherment', 'digitalSignature'],
      extKeyUsage: ['serverAuth'],
      extraExtensions:
        options.goKeyIds === true && caKeyIdHex
          ? [{ oid: '2.5.29.35', critical: false, value: authorityKeyId(caKeyIdHex) }]
          : [],
    },
  };
}

/** The options of the first version of this module, kept for the seed in scripts/fixtures.ts. */
export interface SelfSignedOptions {
  readonly row: 'A' | 'B' | 'C' | 'D' | 'E';
  readonly cnHost: string;
  /** The seed keeps its 2015 story's SAN host apart from the CN host. */
  readonly sanHost?: string;
  readonly serviceIp: string;
  readonly generatedAt: Date;
}

/**
 * The single self-signed certificate of rows A–E for a CN host that differs from the
 * SAN host (the seed's `vm-56-65` CN with its IP in the SANs). SANs in the order Go's
 * CreateCertificate marshals them: DNS names, then IP addresses.
 */
export function selfSignedApiserverSpec(options: SelfSignedOptions): CertificateSpec {
  const spec = apiserverSpecs({
    row: options.row,
    host: options.cnHost,
    serviceIp: options.serviceIp,
    generatedAt: options.generatedAt,
  }).serving;
  const sanHost = options.sanHost ?? options.cnHost;
  const dns = ipVersion(sanHost) ? [] : [sanHost];
  const ips = ipVersion(sanHost) ? [sanHost] : [];
  if (options.row !== 'A') {
    ips.push(options.serviceIp);
    dns.push(...KUBERNETES_NAMES);
  }
  return { ...spec, san: [...dns.map((name) => ({ dns: name })), ...ips.map((ip) => ({ ip }))] };
}

// ---------------------------------------------------------------------------------------
// Kubernetes releases → rows.

export interface KubernetesRelease {
  /** Normalised, e.g. `v1.2`. */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  readonly era: Era;
  /** When the apiserver regenerates the certificate (kube-apiserver / k8s.io/apiserver serving options). */
  readonly regenerates: 'every-start' | 'when-missing';
  /** Built with Go ≥ 1.15, whose CreateCertificate adds key identifiers to CAs. */
  readonly goKeyIds: boolean;
}

/**
 * `--k8s-version` → era. v0.8 is the first release that served HTTPS with a self-signed
 * certificate (kubernetes/kubernetes#3224); row B only ever existed in early-July-2015
 * builds between v0.21 and v1.0 and is reachable through `--row` alone.
 */
export function kubernetesRelease(text: string): KubernetesRelease {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][\w.-]+)?$/.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `--k8s-version: ${JSON.stringify(text)} is not a Kubernetes version like 1.2, v1.0.6 or 1.28`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  let row: EraRow | undefined;
  if (major === 0 && minor >= 8 && minor <= 21) row = 'A';
  else if (major === 1) {
    if (minor === 0) row = 'C';
    else if (minor <= 5) row = 'D';
    else if (minor <= 10) row = 'E';
    else if (minor === 11) row = 'F';
    else if (minor <= 27) row = 'G';
    else row = 'H';
  }
  if (!row) {
    throw new UsageError(
      `--k8s-version: ${text} is outside the modelled releases (v0.8, the first self-signing apiserver, to today's v1.x)`,
    );
  }
  return {
    version: `v${major}.${minor}`,
    major,
    minor,
    era: ERAS[row],
    // kubernetes/kubernetes#20313 (after v1.2.0): generate only when the files cannot be read.
    regenerates: major === 0 || minor <= 2 ? 'every-start' : 'when-missing',
    // Kubernetes 1.19 was the first minor release built with Go 1.15.
    goKeyIds: major === 1 && minor >= 19,
  };
}

// ---------------------------------------------------------------------------------------
// Running the generator.

export interface GenerateOptions extends ApiserverCertOptions {
  /** Key source: WebCrypto by default, `seededRsaKey` for reproducible output. */
  readonly key?: (label: 'ca' | 'serving') => Promise<KeyPair>;
  /** Random serials for row H (cryptorand.Int in client-go); defaults to WebCrypto randomness. */
  readonly randomSerial?: () => bigint;
}

export interface GeneratedApiserver {
  readonly row: EraRow;
  readonly serving: X509Certificate;
  readonly ca: X509Certificate | null;
  readonly servingKey: KeyPair;
  /** apiserver.crt as written to --cert-dir: the serving certificate, then the CA if any. */
  readonly certPem: string;
  /** apiserver.key: the serving key as PKCS#1 `RSA PRIVATE KEY`. */
  readonly keyPem: string;
}

export async function generateApiserver(options: GenerateOptions): Promise<GeneratedApiserver> {
  const key = options.key ?? (() => generateKeyPair());
  const serials: Serials | undefined =
    options.row === 'H'
      ? {
          ca: (options.randomSerial ?? randomSerial)(),
          serving: (options.randomSerial ?? randomSerial)(),
        }
      : undefined;
  if (options.row < 'F') {
    const servingKey = await key('serving');
    const serving = await buildCertificate(apiserverSpecs(options, serials).serving, servingKey);
    return finish(options.row, serving, null, servingKey);
  }
  const caKey = await key('ca');
  const caKeyId = options.goKeyIds
    ? (await SubjectKeyIdentifierExtension.create(caKey.publicKey)).keyId
    : undefined;
  const specs = apiserverSpecs(options, serials, caKeyId);
  if (!specs.ca) throw new Error('rows F–H always have a CA');
  const ca = await buildCertificate(specs.ca, caKey);
  const servingKey = await key('serving');
  const serving = await buildCertificate(specs.serving, servingKey, caKey);
  return finish(options.row, serving, ca, servingKey);
}

async function finish(
  row: EraRow,
  serving: X509Certificate,
  ca: X509Certificate | null,
  servingKey: KeyPair,
): Promise<GeneratedApiserver> {
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', servingKey.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs1', format: 'pem' })
    .toString();
  const pems = [serving, ...(ca ? [ca] : [])].map((cert) => `${cert.toString('pem')}\n`);
  return { row, serving, ca, servingKey, certPem: pems.join(''), keyPem };
}

/** client-go: cryptorand.Int(max = MaxInt64 − 1) + 1, uniform in [1, 2^63 − 1). */
function randomSerial(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`) & ((1n << 63n) - 1n);
  return (value % ((1n << 63n) - 2n)) + 1n;
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING } (RFC 5280 §4.2.1.1). */
function authorityKeyId(keyIdHex: string): Uint8Array {
  const id = Buffer.from(keyIdHex, 'hex');
  return Uint8Array.from([0x30, id.length + 2, 0x80, id.length, ...id]);
}
