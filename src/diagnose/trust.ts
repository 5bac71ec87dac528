/**
 * Trust findings that need the certificates themselves, not only the verdicts:
 *
 * - closest-miss: where the path from the served certificate stops, every certificate that
 *   could have signed it (from --ca and from the served chain) and why each one did not —
 *   the comparison a person makes by hand with `openssl x509 -noout -subject -issuer`.
 * - stale-ca: the served certificate and a ca.crt certificate both come from the
 *   apiserver's self-signing code for the same host, but are not the same generation
 *   (kubernetes/kubernetes#54740, #19309; the #11285 thread: after a reboot "the service
 *   account secret will have the old ca.crt").
 * - ca-not-a-ca: ca.crt holds a certificate that may not sign (CA:FALSE, v3 without
 *   basicConstraints, keyUsage without keyCertSign), e.g. the served leaf copied as
 *   --root-ca-file or a Kubernetes v1.0.x certificate; the Go eras disagree about it.
 *
 * Pure: the moment and the signature checks come in.
 */
import type { CertFacts } from '../facts/types.js';
import type { FailureCode, NotCaReason } from '../verify/failures.js';
import type { SignatureChecks } from '../verify/signatures.js';
import type { ClientId, ClientVerdict } from '../verify/types.js';
import type { ObservationFinding, Severity } from '../report/findings.js';
import {
  rejectionText,
  type CandidateRejection,
  type CertRef,
  type IssuerCandidate,
  type KubeCertRef,
} from '../report/trust.js';

export interface TrustFindingsInput {
  readonly leaf: CertFacts;
  readonly chain: readonly CertFacts[];
  /** The --ca certificates; null when the leaf trusts itself. */
  readonly roots: readonly CertFacts[] | null;
  readonly verdicts: readonly ClientVerdict[];
  readonly primary: ClientId;
  readonly decisive: ReadonlySet<string>;
  readonly now: Date;
  readonly signatures: SignatureChecks;
}

/** The failure codes that mean "no trusted path", whatever the client calls it. */
const TRUST_FAILURES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'unknown-authority',
  'self-signed-untrusted',
  'untrusted-root',
  'anchor-not-self-signed',
  'signature-invalid',
  'issuer-name-mismatch',
  'signature-check-limit',
]);

/** At most this many candidates are listed (a hostile bundle may hold thousands). */
export const MAX_LISTED_CANDIDATES = 20;

export function trustFindings(input: TrustFindingsInput): ObservationFinding[] {
  const trustHit = input.verdicts.filter((verdict) =>
    verdict.failures.some((failure) => TRUST_FAILURES.has(failure.code)),
  );
  const found: ObservationFinding[] = [];
  if (trustHit.length > 0) {
    const severity = severityOf(trustHit, input);
    const miss = closestMiss(input, severity);
    if (miss) found.push(miss);
    const stale = staleCa(input, severity);
    if (stale) found.push(stale);
  }
  const notCa = caNotACa(input);
  if (notCa) found.push(notCa);
  return found;
}

function severityOf(hit: readonly ClientVerdict[], input: TrustFindingsInput): Severity {
  if (hit.some((v) => v.client === input.primary && input.decisive.has(v.host))) return 'error';
  if (hit.some((v) => v.client === input.primary || input.decisive.has(v.host))) return 'warning';
  return 'info';
}

interface Located {
  readonly cert: CertFacts;
  readonly ref: CertRef;
}

function located(input: TrustFindingsInput): { served: Located[]; anchors: Located[] } {
  const served = [input.leaf, ...input.chain].map((cert, index) => ({
    cert,
    ref: refOf(cert, 'served', index),
  }));
  const anchors = (input.roots ?? [input.leaf]).map((cert, index) => ({
    cert,
    ref: input.roots ? refOf(cert, 'ca', index) : refOf(cert, 'served', 0),
  }));
  return { served, anchors };
}

export function refOf(cert: CertFacts, source: 'served' | 'ca', index: number): CertRef {
  return {
    name: nameOf(cert),
    source,
    index,
    fingerprintSha256: cert.fingerprintSha256,
  };
}

function nameOf(cert: CertFacts): string {
  return cert.subject.commonNames.at(-1) ?? (cert.subject.dn || '(empty subject)');
}

function issuerNameOf(cert: CertFacts): string {
  return cert.issuer.commonNames.at(-1) ?? (cert.issuer.dn || '(empty issuer)');
}

const same = (a: CertFacts, b: CertFacts): boolean => a.fingerprintSha256 === b.fingerprintSha256;

/** Why `candidate` did not sign `child` (empty: it did, and may). */
export function rejectionsOf(
  child: CertFacts,
  candidate: CertFacts,
  now: Date,
  signatures: SignatureChecks,
): CandidateRejection[] {
  const rejections: CandidateRejection[] = [];
  const nameMatches = candidate.subject.rawHex === child.issuer.rawHex;
  const keyIdKnown = child.authorityKeyId !== null && candidate.subjectKeyId !== null;
  const keyIdMatches = keyIdKnown && child.authorityKeyId === candidate.subjectKeyId;
  if (!nameMatches) rejections.push('subject-mismatch');
  if (keyIdKnown && !keyIdMatches) rejections.push('key-id-mismatch');
  // Signatures were checked for every pair matching by name or key id (verify/signatures.ts).
  if ((nameMatches || keyIdMatches) && !signatures.verifies(child, candidate)) {
    rejections.push('bad-signature');
  }
  if (notCaReason(candidate) !== null) rejections.push('not-a-ca');
  if (now.getTime() > candidate.notAfter.getTime()) rejections.push('expired');
  if (now.getTime() < candidate.notBefore.getTime()) rejections.push('not-yet-valid');
  return rejections;
}

/** RFC 5280 §4.2.1.9 / §4.2.1.3 as Go's CheckSignatureFrom applies them. */
export function notCaReason(cert: CertFacts): NotCaReason | null {
  if (cert.basicConstraints === null) return cert.version >= 3 ? 'no-basic-constraints' : null;
  if (!cert.basicConstraints.ca) return 'ca-false';
  const usages = cert.keyUsage?.usages ?? [];
  if (usages.length > 0 && !usages.includes('keyCertSign')) return 'no-key-cert-sign';
  return null;
}

/** How far a candidate is from signing: name first, then key, then the rest. */
const WEIGHT: Record<CandidateRejection, number> = {
  'subject-mismatch': 100,
  'bad-signature': 40,
  'key-id-mismatch': 20,
  'not-a-ca': 5,
  expired: 2,
  'not-yet-valid': 2,
};
const distance = (candidate: IssuerCandidate): number =>
  candidate.rejections.reduce((sum, rejection) => sum + WEIGHT[rejection], 0);

/**
 * Follows the served certificate upwards through every usable issuer (served or trusted,
 * as the clients do) and stops where no candidate is usable: that certificate's issuer is
 * the one missing. A self-signed certificate stops the walk; it is the answer when it is
 * not itself trusted.
 */
function stuckAt(
  input: TrustFindingsInput,
  served: readonly Located[],
  anchors: readonly Located[],
): Located | null {
  const everyone = [...anchors, ...served];
  let current = served[0] as Located;
  const path: CertFacts[] = [current.cert];
  for (let steps = 0; steps < 100; steps++) {
    // A trusted self-signed certificate ends the path. A trusted one that is not
    // self-signed satisfies Go but not OpenSSL and Node, which look for its issuer.
    const trusted = anchors.some((anchor) => same(anchor.cert, current.cert));
    if (current.cert.selfSigned) return trusted ? null : current;
    const next = everyone.find(
      (other) =>
        !path.some((cert) => same(cert, other.cert)) &&
        rejectionsOf(current.cert, other.cert, input.now, input.signatures).length === 0,
    );
    if (!next) return current;
    path.push(next.cert);
    current = next;
  }
  return current;
}

function closestMiss(input: TrustFindingsInput, severity: Severity): ObservationFinding | null {
  const { served, anchors } = located(input);
  const child = stuckAt(input, served, anchors);
  if (!child) return null;
  const pool = [...anchors, ...served].filter(
    (other, index, all) =>
      !same(other.cert, child.cert) &&
      all.findIndex((first) => same(first.cert, other.cert)) === index,
  );
  const candidates: IssuerCandidate[] = pool
    .map((other) => ({
      cert: other.ref,
      rejections: rejectionsOf(child.cert, other.cert, input.now, input.signatures),
    }))
    .map((candidate, position) => ({ candidate, position }))
    .sort((a, b) => distance(a.candidate) - distance(b.candidate) || a.position - b.position)
    .map(({ candidate }) => candidate);
  const closest = candidates[0];
  return {
    code: 'closest-miss',
    severity,
    child: child.ref,
    childSelfSigned: child.cert.selfSigned,
    wantedIssuer: issuerNameOf(child.cert),
    wantedKeyId: child.cert.authorityKeyId,
    candidates: candidates.slice(0, MAX_LISTED_CANDIDATES),
    omitted: Math.max(0, candidates.length - MAX_LISTED_CANDIDATES),
    note: missSentence(input, child, closest, anchors),
  };
}

function missSentence(
  input: TrustFindingsInput,
  child: Located,
  closest: IssuerCandidate | undefined,
  anchors: readonly Located[],
): string {
  const presents = child.cert.selfSigned
    ? `the server presents ${child.ref.name} (self-signed)`
    : `the server presents ${child.ref.name}, issued by ${issuerNameOf(child.cert)}`;
  if (input.roots === null) return `${presents}; no --ca was given, so only it is trusted.`;
  if (anchors.length === 0) return `${presents}; the trust store holds no certificate at all.`;
  const holds = `your ca.crt holds ${anchors.map((anchor) => anchor.ref.name).join(', ')}`;
  if (!closest || input.roots.length + input.chain.length < 2) return `${holds}; ${presents}.`;
  return `${holds}; ${presents}. Closest: ${closest.cert.name} (${closest.cert.source === 'ca' ? 'ca.crt' : 'served'} #${closest.cert.index}): ${closest.rejections.length === 0 ? 'usable' : closest.rejections.map(rejectionText).join(', ')}.`;
}

function kubeRef(cert: CertFacts, ref: CertRef): KubeCertRef | null {
  const kube = cert.kubernetes;
  if (!kube) return null;
  return { ...ref, role: kube.role, host: kube.host, generatedAt: kube.generatedAt };
}

/** The generation the server presents: its self-signed cert, or the `<host>-ca@T` above it. */
function servedGeneration(served: readonly Located[]): KubeCertRef | null {
  const leaf = served[0] as Located;
  if (!leaf.cert.kubernetes) return null;
  if (leaf.cert.selfIssued) return kubeRef(leaf.cert, leaf.ref);
  const ca = served.find(
    (other) =>
      other.cert.kubernetes?.role === 'ca' && other.cert.subject.rawHex === leaf.cert.issuer.rawHex,
  );
  if (ca) return kubeRef(ca.cert, ca.ref);
  return kubeRef(leaf.cert, leaf.ref);
}

function staleCa(input: TrustFindingsInput, severity: Severity): ObservationFinding | null {
  if (input.roots === null) return null;
  const { served, anchors } = located(input);
  const current = servedGeneration(served);
  if (!current) return null;
  const trusted = anchors
    .map((anchor) => kubeRef(anchor.cert, anchor.ref))
    .filter((ref): ref is KubeCertRef => ref !== null && ref.host === current.host);
  const older = trusted.filter((ref) => ref.fingerprintSha256 !== current.fingerprintSha256);
  if (older.length === 0 || older.length < trusted.length) return null;
  const newest = older.reduce((a, b) => (a.generatedAt > b.generatedAt ? a : b));
  const seconds = (current.generatedAt.getTime() - newest.generatedAt.getTime()) / 1000;
  const when =
    seconds === 0
      ? 'in the same second, with a new key'
      : seconds > 0
        ? `${describeSeconds(seconds)} later`
        : `${describeSeconds(-seconds)} earlier (ca.crt is the newer one)`;
  return {
    code: 'stale-ca',
    severity,
    host: current.host,
    served: current,
    trusted: older,
    note: `your ca.crt holds ${older.map((ref) => ref.name).join(', ')}, the server presents ${current.name}: the apiserver on ${current.host} generated its certificate again ${when}.`,
  };
}

function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

function caNotACa(input: TrustFindingsInput): ObservationFinding | null {
  if (input.roots === null) return null;
  const { served, anchors } = located(input);
  const entries = anchors.flatMap((anchor) => {
    const reason = notCaReason(anchor.cert);
    if (reason === null) return [];
    const servedCopy = served.some((cert) => same(cert.cert, anchor.cert));
    const signsServed = served.some(
      (cert) =>
        !same(cert.cert, anchor.cert) &&
        cert.cert.issuer.rawHex === anchor.cert.subject.rawHex &&
        input.signatures.verifies(cert.cert, anchor.cert),
    );
    if (!servedCopy && !signsServed) return [];
    return [
      { cert: anchor.ref, reason, servedCopy, signsServed, selfSigned: anchor.cert.selfSigned },
    ];
  });
  if (entries.length === 0) return null;
  const failing = input.verdicts.filter((verdict) => !verdict.ok);
  const severity: Severity = failing.some(
    (v) => v.client === input.primary && input.decisive.has(v.host),
  )
    ? 'error'
    : 'warning';
  const first = entries[0]!;
  const what =
    first.reason === 'ca-false'
      ? 'CA:FALSE'
      : first.reason === 'no-basic-constraints'
        ? 'no basicConstraints'
        : 'keyUsage without keyCertSign';
  return {
    code: 'ca-not-a-ca',
    severity,
    anchors: entries,
    note: `ca.crt holds ${first.cert.name} (${what}), ${first.servedCopy ? 'a copy of a certificate the server presents' : 'which signed a certificate the server presents'}.`,
  };
}
