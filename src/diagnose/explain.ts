/**
 * `diagnose explain <code>`: the long form of every reason and finding code. What a code
 * means, its fix and sources come from explanations.ts (one place for the report and
 * for this page); this module adds when it happens, which bundled fixture shows it, and
 * each client's exact words — produced by the profiles' own wording tables from an
 * example failure, never retyped.
 */
import type { CertFacts } from '../facts/types.js';
import { FAILURE_CODES, type Failure, type FailureCode } from '../verify/failures.js';
import { goEra, GO_ERAS, type GoEra } from '../verify/go/eras.js';
import { goMessage } from '../verify/go/messages.js';
import { nameConstraintRules } from '../verify/go/name-constraints.js';
import {
  chainMessage,
  identityMessage,
  OPENSSL_ERRORS,
  reportedBy,
} from '../verify/node/messages.js';
import type { IdentityFailure, OpenSslError } from '../verify/node/messages.js';
import { opensslError } from '../verify/openssl/messages.js';
import type { ClientId } from '../verify/types.js';
import { EXPLANATIONS } from './explanations.js';
import type { FindingCode } from './findings.js';

export interface LongForm {
  /** When it happens, in the clusters this tool is about. */
  readonly when: string;
  /** Bundled fixtures that show it (fixtures/<name>/scenario.json). */
  readonly fixtures?: readonly string[];
}

const HOST = 'kubernetes.default';
const IP = '10.0.0.1';
const T0 = new Date('2015-11-04T04:45:45Z');
const T1 = new Date('2016-11-03T04:45:45Z');
const LATER = new Date('2016-11-10T00:00:00Z');
const CN = 'vm-56-65@1446612345';

/** The certificate the example messages speak of: the seed's shape (row C, Kubernetes v1.0). */
const EXAMPLE_LEAF: CertFacts = {
  index: 0,
  version: 3,
  serialHex: '01',
  serialDecimal: '1',
  subject: { dn: `CN=${CN}`, commonNames: [CN], organizations: [], rawHex: '' },
  issuer: { dn: `CN=${CN}`, commonNames: [CN], organizations: [], rawHex: '' },
  notBefore: T0,
  notAfter: T1,
  san: {
    critical: false,
    order: ['dns', 'dns', 'dns', 'ip', 'ip'],
    dns: ['kubernetes.default.svc', 'kubernetes.default', 'kubernetes'],
    ip: [
      { text: '10.10.56.65', bytesHex: '0a0a3841' },
      { text: '10.0.0.1', bytesHex: '0a000001' },
    ],
    uri: [],
    email: [],
    other: [],
  },
  nameConstraints: null,
  publicKey: { algorithm: 'RSA', bits: 2048, curve: null },
  publicKeyHex: '',
  signatureAlgorithm: { oid: '1.2.840.113549.1.1.11', name: 'SHA256-RSA', hash: 'SHA256' },
  basicConstraints: { critical: true, ca: false, pathLen: null },
  keyUsage: { critical: true, usages: ['digitalSignature', 'keyEncipherment'] },
  extKeyUsage: { critical: false, usages: ['serverAuth'] },
  subjectKeyId: null,
  authorityKeyId: null,
  fingerprintSha256: '',
  selfIssued: true,
  selfSigned: true,
  criticalExtensions: [],
  kubernetes: null,
};

/** One example failure per code: the hosts and names in-cluster clients use. */
function exampleFailure(code: FailureCode): Failure {
  switch (code) {
    case 'expired':
      return { code, depth: 0, notAfter: T1, now: LATER };
    case 'not-yet-valid':
      return { code, depth: 0, notBefore: T0, now: new Date(T0.getTime() - 60_000) };
    case 'ip-not-in-sans':
      return { code, host: '10.100.0.1', ipSans: ['10.10.56.65', IP] };
    case 'no-ip-sans':
      return { code, host: IP, dnsSpellingIp: false };
    case 'name-not-in-sans':
      return {
        code,
        host: 'kubernetes.default.svc.cluster.local',
        dnsSans: EXAMPLE_LEAF.san?.dns ?? [],
      };
    case 'cn-mismatch':
      return { code, host: HOST, commonName: CN };
    case 'no-names':
      return { code, host: HOST };
    case 'legacy-common-name':
      return { code, host: HOST, commonName: HOST };
    case 'cn-not-hostname':
      return { code, host: HOST, commonName: 'kubernetes.default@1446612345' };
    case 'eku-incompatible':
      return { code, depth: 0, usages: ['clientAuth'] };
    case 'unhandled-critical-extension':
      return { code, depth: 0, oid: '1.3.6.1.4.1.99999.1' };
    case 'certificate-unparseable':
      return { code, depth: 0, goError: 'x509: cannot parse IP address of length 3' };
    case 'unknown-authority':
      return { code, depth: 0, hint: null };
    case 'self-signed-not-ca':
      return { code, reason: 'ca-false' };
    case 'self-signed-untrusted':
      return { code };
    case 'intermediate-not-ca':
    case 'issuer-name-mismatch':
    case 'signature-invalid':
    case 'issuer-key-usage-no-cert-sign':
    case 'untrusted-root':
    case 'anchor-not-self-signed':
      return { code, depth: 1 };
    case 'path-length-exceeded':
      return { code, depth: 2, pathLen: 0 };
    case 'key-usage-incompatible':
      return { code, depth: 0, usages: ['keyCertSign'] };
    case 'signature-check-limit':
      return { code, limit: 100 };
    case 'weak-signature-digest':
      return { code, depth: 1, algorithm: 'SHA1-RSA' };
    case 'name-not-permitted':
      return { code, depth: 1, nameDepth: 0, kind: 'ip', name: IP };
    case 'name-excluded':
      return { code, depth: 1, nameDepth: 0, kind: 'dns', name: HOST, constraint: '.default' };
    case 'name-constraint-unsupported':
      return {
        code,
        depth: 1,
        nameDepth: 0,
        reason: 'name-syntax',
        goError: `x509: a root or intermediate certificate is not authorized to sign for this name: URI with IP ("https://${IP}/") cannot be matched against constraints`,
      };
    case 'name-constraints-without-sans':
      return { code, depth: 1 };
    case 'name-constraint-limit':
      return { code, depth: 1, limit: 250_000 };
  }
}

/** Whether a Go era can report this code at all (its rules, src/verify/go/eras.ts). */
function goReports(code: FailureCode, era: GoEra): boolean {
  if (code === 'cn-mismatch')
    return era.cnFallback !== 'never' && era.cnFallback !== 'never-godebug-hint';
  if (code === 'legacy-common-name')
    return era.cnMessage === 'legacy-godebug' || era.cnMessage === 'legacy-sans-instead';
  if (code === 'cn-not-hostname') return era.cnMessage === 'cn-not-hostname';
  if (code === 'self-signed-not-ca') return !era.selfInRootsShortcut;
  if (code === 'signature-check-limit') return era.chainBuilder === 'consider-candidates';
  // Go 1.2–1.9 read permitted DNS domains only (src/verify/go/name-constraints.ts).
  if (
    code === 'name-excluded' ||
    code === 'name-constraint-unsupported' ||
    code === 'name-constraint-limit'
  )
    return nameConstraintRules(era).checks === 'sans';
  if (code === 'name-constraints-without-sans')
    return era.nameConstraints.checks === 'sans' && era.nameConstraints.withoutSans !== 'ignore';
  return !NOT_GO.has(code);
}

/** Folded into other Go errors, never reported as such (src/verify/go/messages.ts). */
const NOT_GO: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'signature-invalid',
  'issuer-key-usage-no-cert-sign',
  'untrusted-root',
  'anchor-not-self-signed',
  'key-usage-incompatible',
  'weak-signature-digest',
]);

/** Codes `openssl verify` (the openssl profile) never reports. */
const NOT_OPENSSL: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'name-constraints-without-sans',
  'legacy-common-name',
  'cn-not-hostname',
  'self-signed-not-ca',
  'signature-check-limit',
  'weak-signature-digest',
]);

export interface ClientWords {
  readonly clients: readonly ClientId[];
  readonly message: string;
}

/** Each client's exact words for the example failure of `code`, grouped by message. */
export function clientWords(code: FailureCode): ClientWords[] {
  const failure = exampleFailure(code);
  const words: { client: ClientId; message: string }[] = [];
  for (const era of GO_ERAS) {
    if (goReports(code, era))
      words.push({ client: era.id, message: goMessage(failure, goEra(era.id), EXAMPLE_LEAF) });
  }
  if (!NOT_OPENSSL.has(code)) {
    const error = opensslError(failure);
    words.push({
      client: 'openssl',
      message: `error ${error.number} at ${depthOf(failure)} depth lookup: ${error.text}`,
    });
  }
  const node = reportedBy(code);
  if (node === 'identity') {
    words.push({
      client: 'node',
      message: identityMessage(failure as IdentityFailure, EXAMPLE_LEAF),
    });
  } else if (node === 'chain') {
    const name = opensslError(failure).name.replace(/^X509_V_ERR_/, '');
    if (name in OPENSSL_ERRORS) {
      const { message, nativeCode } = chainMessage(name as OpenSslError);
      words.push({ client: 'node', message: `${message} (err.code ${nativeCode})` });
    }
  }
  const grouped = new Map<string, ClientId[]>();
  for (const { client, message } of words)
    grouped.set(message, [...(grouped.get(message) ?? []), client]);
  return [...grouped].map(([message, clients]) => ({ message, clients }));
}

function depthOf(failure: Failure): number {
  return 'depth' in failure ? failure.depth : 0;
}

export interface CodeExplanation {
  readonly code: FindingCode;
  readonly kind: 'reason' | 'finding';
  readonly title: string;
  readonly meaning: string;
  readonly when: string;
  readonly words: readonly ClientWords[];
  readonly fix: string;
  readonly sources: readonly string[];
  readonly fixtures: readonly string[];
}

/** Every code the tool can emit: the failure reasons, then the other finding codes. */
export function allCodes(): FindingCode[] {
  const failures: FindingCode[] = [...FAILURE_CODES];
  const others = (Object.keys(EXPLANATIONS) as FindingCode[]).filter(
    (code) => !failures.includes(code),
  );
  return [...failures, ...others];
}

export function isFailureCode(code: string): code is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(code);
}

/** The long explanation of `code`, or null when the tool has no such code. */
export function explainCode(code: string): CodeExplanation | null {
  const codes: readonly string[] = allCodes();
  if (!codes.includes(code)) return null;
  const findingCode = code as FindingCode;
  const short = EXPLANATIONS[findingCode];
  const long = LONG_FORMS[findingCode];
  return {
    code: findingCode,
    kind: isFailureCode(code) ? 'reason' : 'finding',
    title: short.title,
    meaning: short.explanation,
    when: long?.when ?? '',
    words: isFailureCode(code) ? clientWords(code) : [],
    fix: short.fix,
    sources: short.sources,
    fixtures: long?.fixtures ?? [],
  };
}

/**
 * When each code happens. Partial on purpose: codes are added by several people at once,
 * and tests/cli/explain.test.ts fails for any code the tool can emit without an entry.
 */
export const LONG_FORMS: Partial<Readonly<Record<FindingCode, LongForm>>> = {
  expired: {
    when: 'A self-signed apiserver certificate a year after it was generated: from Kubernetes 1.3 on it is no longer regenerated while apiserver.crt/.key exist, so an apiserver that runs (or restarts) for a year serves an expired one. Also any chain certificate past its NotAfter.',
    fixtures: ['expired'],
  },
  'not-yet-valid': {
    when: "Right after an apiserver restart, on a node whose clock is behind the master's: before Kubernetes 1.12 self-signed certificates start at the second they were generated (client-go@ad896870 added one hour of back-dating).",
    fixtures: ['not-yet-valid'],
  },
  'ip-not-in-sans': {
    when: 'The pods dial the kubernetes Service IP (KUBERNETES_SERVICE_HOST) but the certificate lists other IPs: the Service kept its old ClusterIP after --service-cluster-ip-range changed, or the certificate was made for another range.',
    fixtures: ['service-ip-changed'],
  },
  'no-ip-sans': {
    when: 'The certificate has no IP SANs and a client dials an IP: Kubernetes v0.x self-signed certificates for a host name, kubelet serving certificates (node name only) dialled by node IP, hand-made certificates with DNS names only, or an IP written as a DNS SAN.',
    fixtures: ['missing-service-ip-san', 'kubelet-https', 'ip-as-dns-san'],
  },
  'name-not-in-sans': {
    when: "Heapster dials https://kubernetes.default (v0.19+) or https://kubernetes, or a client uses the service FQDN, and the certificate's DNS SANs do not cover it: certificates made for the master's host name only, or no self-signed version's missing kubernetes.default.svc.cluster.local.",
    fixtures: ['dns-name-missing', 'wildcard-go-rejects'],
  },
  'cn-mismatch': {
    when: 'Old clients (Go ≤ 1.9, Node, OpenSSL) fall back to the CN when there are no DNS SANs; a Kubernetes v0.x certificate for an IP host has none, and its CN host@time never matches.',
    fixtures: ['row-a-ip-host'],
  },
  'no-names': {
    when: 'Go 1.10+ with a certificate that has SANs but no DNS SANs (only IPs), dialled by a DNS name.',
    fixtures: ['row-a-ip-host'],
  },
  'legacy-common-name': {
    when: 'A hand-made certificate without a subjectAltName extension, CN = the dialled name, checked by Go 1.15 or later (client-go, kubectl today).',
    fixtures: ['cn-only'],
  },
  'cn-not-hostname': {
    when: 'Go 1.11–1.14 with a certificate without SANs whose CN is not a valid host name.',
  },
  'eku-incompatible': {
    when: 'A serving certificate issued with clientAuth only (a client certificate reused as server certificate), or a CA whose EKUs exclude serverAuth.',
    fixtures: ['eku-client-only'],
  },
  'unhandled-critical-extension': {
    when: 'A certificate from a private PKI that marks a vendor extension critical.',
  },
  'unknown-authority': {
    when: "The pod's ca.crt does not hold the certificate (or CA) that signs what the apiserver serves: a stale copy after the apiserver regenerated its self-signed certificate, a --root-ca-file that is not the apiserver's issuer, HA masters with their own certificates, or controller-managers with different --root-ca-file.",
    fixtures: [
      'stale-ca',
      'wrong-root-ca',
      'ha-masters',
      'controller-manager-ca-flip',
      'sha1-signature',
    ],
  },
  'self-signed-not-ca': {
    when: "A Kubernetes v1.0.x apiserver (self-signed, CA:FALSE) whose certificate is the pods' ca.crt, checked by Heapster up to v1.3 (Go 1.4–1.7). Go 1.8+ accepts it.",
    fixtures: ['self-signed-not-ca'],
  },
  'self-signed-untrusted': {
    when: 'OpenSSL and Node name a self-signed served certificate that is not in ca.crt this way: the regenerated certificate of a self-signing apiserver.',
    fixtures: ['stale-ca'],
  },
  'intermediate-not-ca': {
    when: 'A custom chain whose middle certificate is an ordinary (CA:FALSE) certificate that was used to sign the serving certificate.',
    fixtures: ['intermediate-not-ca'],
  },
  'path-length-exceeded': {
    when: 'A CA with pathlen:0 above another intermediate.',
  },
  'issuer-name-mismatch': {
    when: "A certificate whose AKID points at a CA with a different subject than the certificate's issuer field.",
  },
  'signature-invalid': {
    when: 'The CA was regenerated with the same name and a new key (a CA recreated by a script), so the old ca.crt has the right name but the wrong key.',
    fixtures: ['same-subject-ca'],
  },
  'issuer-key-usage-no-cert-sign': {
    when: 'A CA certificate whose keyUsage lacks keyCertSign: a Kubernetes v1.0.x certificate used as the CA of another.',
  },
  'untrusted-root': {
    when: 'The apiserver sends its whole chain including a root that is not in ca.crt.',
  },
  'anchor-not-self-signed': {
    when: 'ca.crt holds only an intermediate CA: Go and Node accept it, OpenSSL (without -partial_chain) does not.',
  },
  'key-usage-incompatible': {
    when: 'A serving certificate whose keyUsage has neither digitalSignature nor keyEncipherment.',
  },
  'certificate-unparseable': {
    when: 'A hand-made apiserver certificate with an IP SAN of 3 or 5 octets, a DNS SAN with a trailing dot or a space (Go 1.10.0), or, for Go 1.23+, a negative serial number or a critical subject key identifier; Go then fails the TLS handshake with "tls: failed to parse certificate from server".',
  },
  'signature-check-limit': {
    when: 'A ca.crt bundle with very many look-alike CAs (same name, different keys): Go 1.10+ gives up after 100 signature checks.',
  },
  'name-not-permitted': {
    when: 'A private CA limited with nameConstraints (e.g. permitted DNS .cluster.local, IP 10.96.0.0/12) signs an apiserver certificate whose SANs — the Service IP, kubernetes.default — fall outside; or Heapster on Go ≤ 1.9 dials the Service IP under a DNS-only constrained CA.',
  },
  'name-excluded': {
    when: 'A CA whose nameConstraints exclude a domain or range that the apiserver certificate names.',
  },
  'name-constraint-unsupported': {
    when: 'A URI SAN with an IP host (or no host) under URI constraints, or an email SAN without @, under a name-constrained CA.',
  },
  'name-constraints-without-sans': {
    when: 'A CN-only apiserver certificate under a name-constrained CA, checked by Go 1.10–1.14.',
  },
  'name-constraint-limit': {
    when: 'A hostile certificate with huge numbers of names or constraints.',
  },
  'weak-signature-digest': {
    when: 'A chain signed with SHA-1 below the anchor: OpenSSL 3.0 at security level 1 (Debian/Ubuntu default) rejects it during the TLS handshake; Go 1.18+ rejects SHA-1 as insecure.',
    fixtures: ['sha1-signature'],
  },
  'kube-generated-cn': {
    when: 'Every certificate the kube-apiserver made for itself (started without --tls-cert-file). The CN is host@unix-time; it changes at every regeneration, which is a clue to a stale ca.crt, not a cause.',
    fixtures: ['stale-ca', 'self-signed-not-ca', 'service-ip-changed'],
  },
  'self-trust': {
    when: 'Whenever no --ca is given: the certificate is checked as its own trust anchor, as when ca.crt is a copy of a self-signed apiserver certificate.',
  },
  'signature-budget': {
    when: 'A --ca bundle or a served chain with thousands of certificates sharing names or key identifiers.',
  },
  'ip-in-dns-san': {
    when: 'A hand-made certificate with DNS:10.0.0.1 instead of IP:10.0.0.1 (an OpenSSL config mistake).',
    fixtures: ['ip-as-dns-san'],
  },
  'no-san-extension': {
    when: 'A hand-made certificate with only a CN (openssl req -subj "/CN=…" without subjectAltName).',
    fixtures: ['cn-only'],
  },
  'closest-miss': {
    when: 'With every unknown authority: it names what ca.crt holds instead — e.g. vm-56-65@1446612345 in ca.crt while the server presents vm-56-65@1446699999 — and why each candidate issuer was rejected.',
    fixtures: ['wrong-root-ca', 'same-subject-ca', 'ha-masters'],
  },
  'stale-ca': {
    when: 'After an apiserver without --tls-cert-file regenerated its certificate: on every start up to Kubernetes 1.2, and later whenever --cert-dir (/var/run/kubernetes, often tmpfs) was lost. `diagnose simulate-restart` shows it happening.',
    fixtures: ['stale-ca'],
  },
  'ca-not-a-ca': {
    when: 'The served certificate (or any CA:FALSE certificate) was copied into ca.crt via --root-ca-file, typically with a Kubernetes v1.0.x self-signed certificate; it only breaks Go 1.4–1.7 clients (Heapster up to v1.3).',
    fixtures: ['self-signed-not-ca'],
  },
  'insecure-skip-tls-verify': {
    when: 'A kubeconfig with insecure-skip-tls-verify: true, or Heapster with insecure=true where it is honoured (v0.19+): verification is off, the symptom hidden and the cause still there.',
  },
  'system-roots': {
    when: 'No ca.crt in the pod (token secrets created before Kubernetes put ca.crt in them, or a controller-manager without --root-ca-file talking to the insecure port), so client-go falls back to the system roots — which do not know a private apiserver CA, or do not exist in a scratch image ("x509: failed to load system roots and no roots provided").',
  },
  'serviceaccount-token-missing': {
    when: 'The tokens controller is not running (kube-controller-manager without --service-account-private-key-file) or ServiceAccount admission is off: InClusterConfig fails before any TLS.',
  },
  'heapster-url-ignored': {
    when: 'Heapster v0.15–v0.16 with inClusterConfig: the URL in --source is ignored and the Service IP from the environment is dialled (fixed in v0.17, 1b3d77d8).',
  },
  'heapster-insecure-ignored': {
    when: 'Heapster before v0.19 with inClusterConfig: insecure=true is silently ignored (fixed in 8361a306).',
  },
  'sni-dependent': {
    when: 'A load balancer or apiserver with several certificates chooses by SNI, so clients that dial an IP (no SNI) see another certificate than those that dial a name.',
  },
};
