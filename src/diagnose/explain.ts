/**
 * `diagnose explain <code>`: the long form of every reason and finding code. What a code
 * means, its fix and sources come from explanations.ts (one place for the report and
 * for this page); this module adds when it happens, which bundled fixture shows it, and
 * each client's exact words — asked of each profile (src/verify/words.ts) for an example
 * failure, never retyped; a profile that never reports a cause says nothing.
 */
import { COMPONENT_IDS } from '../base/component-id.js';
import { adviceFor, type FixContext } from './fixes.js';
import type { CertFacts } from '../facts/types.js';
import { FAILURE_CODES, type Failure, type FailureCode } from '../verify/failures.js';
import { PROFILES } from '../verify/profiles.js';
import { profileWords } from '../verify/words.js';
import type { ClientId } from '../verify/types.js';
import { EXPLANATIONS } from './explanations.js';
import type { FindingCode } from '../report/findings.js';

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
      return { code, depth: 0, problem: { kind: 'ip-san-length', length: 3 } };
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
        problem: { kind: 'uri-host-ip', uri: `https://${IP}/` },
      };
    case 'name-constraints-without-sans':
      return { code, depth: 1 };
    case 'name-constraint-limit':
      return { code, depth: 1, limit: 250_000 };
  }
}

export interface ClientWords {
  readonly clients: readonly ClientId[];
  readonly message: string;
}

/** Each client's exact words for the example failure of `code`, grouped by message. */
export function clientWords(code: FailureCode): ClientWords[] {
  const failure = exampleFailure(code);
  const words: { client: ClientId; message: string }[] = [];
  for (const { id } of PROFILES) {
    const message = profileWords(id, failure, EXAMPLE_LEAF);
    if (message !== null) words.push({ client: id, message });
  }
  const grouped = new Map<string, ClientId[]>();
  for (const { client, message } of words)
    grouped.set(message, [...(grouped.get(message) ?? []), client]);
  return [...grouped].map(([message, clients]) => ({ message, clients }));
}

export interface CodeExplanation {
  readonly code: FindingCode;
  readonly kind: 'reason' | 'finding';
  readonly title: string;
  readonly meaning: string;
  readonly when: string;
  readonly words: readonly ClientWords[];
  readonly fix: string;
  /** The fix where the component (today's clusters) makes it another one (src/diagnose/fixes.ts). */
  readonly byComponent: readonly { readonly component: string; readonly fix: string }[];
  readonly sources: readonly string[];
  readonly fixtures: readonly string[];
}

/** The shapes `explain` spells out: each component of a kubeadm cluster today, and k3s. */
const EXPLAINED: readonly { readonly label: string; readonly context: FixContext }[] = [
  ...COMPONENT_IDS.filter((id) => id !== 'other' && id !== 'ca').map((id) => ({
    label: id,
    context: { component: id, era: 'today', distro: 'kubeadm', caSigned: true } as const,
  })),
  {
    label: 'kubelet (its own self-signed certificate)',
    context: { component: 'kubelet', era: 'today', distro: 'generated', caSigned: true },
  },
  {
    label: 'kube-apiserver (k3s, RKE2)',
    context: { component: 'kube-apiserver', era: 'today', distro: 'k3s', caSigned: true },
  },
];

function byComponent(code: FindingCode): CodeExplanation['byComponent'] {
  const seen = new Set<string>();
  return EXPLAINED.flatMap(({ label, context }) => {
    const fix = adviceFor(code, context)?.fix;
    // A shape whose fix is its component's already listed adds nothing.
    if (fix === undefined || seen.has(`${context.component}:${fix}`)) return [];
    seen.add(`${context.component}:${fix}`);
    return [{ component: label, fix }];
  });
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
  return {
    code: findingCode,
    kind: isFailureCode(code) ? 'reason' : 'finding',
    title: short.title,
    meaning: short.explanation,
    when: short.when,
    words: isFailureCode(code) ? clientWords(code) : [],
    fix: short.fix,
    byComponent: byComponent(findingCode),
    sources: short.sources,
    fixtures: short.fixtures,
  };
}
