/**
 * Trust: the part of Go's Certificate.Verify after the host name — the Roots shortcut,
 * chain building, and the extended-key-usage filter.
 *
 * Two chain builders, chosen by the era:
 * - 'consider-candidates' (Go 1.10+, Go 1.19 verify.go buildChains): each candidate parent
 *   is signature-checked, then isValid; the hint is the first rejected candidate.
 * - 'verified-parents' (Go 1.2–1.9, findVerifiedParents in cert_pool.go): every candidate is
 *   signature-checked first; the hint is the last rejected root, else the last intermediate.
 * Go 1.10+ gives up after 100 signature checks per Verify (maxChainSignatureChecks in the
 * Go 1.10 and 1.19 verify.go), so a bundle of look-alike CAs cannot make it explode; Go 1.2–1.9
 * had no such limit, and the model bounds that builder with its own budget instead
 * (MODEL_CHECK_BUDGET). Name constraints: name-constraints.ts, called from isValidGo.
 */
import type { CertFacts } from '../../facts/types.js';
import {
  candidateNameOf,
  type Depth,
  type Failure,
  type KeyAlgorithm,
  type NotCaReason,
  type SignatureRejection,
} from '../failures.js';
import type { VerifyInput } from '../types.js';
import type { GoEra } from './eras.js';
import { ekuOid } from './messages.js';
import { checkNameConstraintsGo, parsesInEra } from './name-constraints.js';
import { goParseProblem, unhandledCriticalExtension } from './parse.js';
import { checkValidityGo } from './validity.js';

type Chain = readonly CertFacts[];

export interface ChainOutcome {
  /** Chains before the key-usage filter, leaf first; empty when `failure` is set. */
  readonly chains: readonly Chain[];
  /** What buildChains returned when no chain was found. */
  readonly failure: Failure | null;
}

/** The DER of the DSA algorithm OID 1.2.840.10040.4.1 inside a SubjectPublicKeyInfo. */
const DSA_OID_DER = '06072a8648ce380401';

/**
 * Whether this Go's ParseCertificate reads the certificate: a pool (AppendCertsFromPEM)
 * skips one it cannot parse.
 */
function entersPool(cert: CertFacts, era: GoEra): boolean {
  // A key Go cannot read (an unsupported curve, explicit or malformed EC parameters) fails
  // ParseCertificate or leaves PublicKey nil, which buildChains skips: never a candidate
  // (real Go 1.19 on x509-limbo invalid-issuer-key and forbidden-p192-root).
  // DSA keys Go does read (then "algorithm unimplemented" when one should verify a signature).
  if (cert.publicKey.algorithm === 'unknown' && !cert.publicKeyHex.includes(DSA_OID_DER)) {
    return false;
  }
  return goParseProblem(cert, era) === null && parsesInEra(cert, era);
}

/** Verify's trust step: the Roots shortcut (Go ≥ 1.8) or chain building. */
export function buildChainsGo(input: VerifyInput, era: GoEra): ChainOutcome {
  // A CA whose nameConstraints this Go cannot parse never enters a pool.
  const roots = unique(input.roots).filter((cert) => entersPool(cert, era));
  if (era.selfInRootsShortcut && roots.some((root) => sameCert(root, input.leaf))) {
    return { chains: [[input.leaf]], failure: null };
  }
  const search: Search = {
    roots,
    intermediates: unique(input.intermediates).filter((cert) => entersPool(cert, era)),
    input,
    era,
    budget: { checks: 0 },
  };
  return era.chainBuilder === 'consider-candidates'
    ? considerCandidates([input.leaf], search)
    : verifiedParents([input.leaf], search);
}

/** What stays the same through one Verify call's recursive chain building. */
interface Search {
  readonly roots: readonly CertFacts[];
  readonly intermediates: readonly CertFacts[];
  readonly input: VerifyInput;
  readonly era: GoEra;
  /** Signature checks made so far (Go's *sigChecks). */
  readonly budget: { checks: number };
}

/** Go 1.10 and 1.19 verify.go: maxChainSignatureChecks. */
export const MAX_CHAIN_SIGNATURE_CHECKS = 100;

/**
 * Go 1.2–1.9 had no limit: real Go would go on checking. The model stops there so that a
 * hostile bundle cannot make the tool itself explode; far beyond any real chain.
 */
export const MODEL_CHECK_BUDGET = 10_000;

interface Rejected {
  readonly candidate: CertFacts;
  readonly rejection: SignatureRejection;
}

/** Go 1.10+ buildChains. */
function considerCandidates(chain: Chain, search: Search): ChainOutcome {
  const { input, era, budget } = search;
  const child = chain.at(-1) as CertFacts;
  const chains: Chain[] = [];
  // Mutated by `consider`, as Go's closure assigns the enclosing err and hint.
  const state: { failure: Failure | null; hint: Rejected | null } = { failure: null, hint: null };
  const consider = (kind: 'root' | 'intermediate', candidate: CertFacts): void => {
    if (alreadyInChain(candidate, chain, era)) return;
    const limit = era.signatureCheckLimit ? MAX_CHAIN_SIGNATURE_CHECKS : MODEL_CHECK_BUDGET;
    if (++budget.checks > limit) {
      // Without Go's limit (Go 1.10–1.10.5, 1.11–1.11.2) the model stops at its own bound.
      if (era.signatureCheckLimit) state.failure = { code: 'signature-check-limit', limit };
      return;
    }
    const rejection = checkSignatureFrom(child, candidate, input, era);
    if (rejection) {
      // Go 1.10–1.11.2 overwrite the hint with each rejected candidate; later keep the first.
      if (era.hint === 'last' || state.hint === null) state.hint = { candidate, rejection };
      return;
    }
    state.failure = isValidGo(candidate, kind, chain, era, input.now, input.host);
    if (state.failure) return;
    if (kind === 'root') {
      chains.push([...chain, candidate]);
      return;
    }
    const below = considerCandidates([...chain, candidate], search);
    state.failure = below.failure;
    chains.push(...below.chains);
  };
  for (const root of potentialParents(search.roots, child, era)) consider('root', root);
  for (const inter of potentialParents(search.intermediates, child, era)) {
    consider('intermediate', inter);
  }
  if (chains.length > 0) return { chains, failure: null };
  return { chains, failure: state.failure ?? unknownAuthority(chain, state.hint, input) };
}

/** Go 1.2–1.9 buildChains over findVerifiedParents. */
function verifiedParents(chain: Chain, search: Search): ChainOutcome {
  const { input, era } = search;
  const child = chain.at(-1) as CertFacts;
  const chains: Chain[] = [];
  let failure: Failure | null = null;
  const roots = findVerifiedParents(search.roots, child, search);
  for (const root of roots.parents) {
    // The Go 1.8/1.9 fork skips a root already in the chain (the leaf itself, which the
    // Roots shortcut has handled). Go ≤ 1.7 had no shortcut and must chain a self-signed
    // CA leaf to itself, or no Kubernetes v1.1+ self-signed cert would ever have verified
    // (kubernetes/kubernetes#11285 fixed Heapster by making the cert a CA).
    if (era.selfInRootsShortcut && chain.some((cert) => sameCert(cert, root))) continue;
    failure = isValidGo(root, 'root', chain, era, input.now, input.host);
    if (!failure) chains.push([...chain, root]);
  }
  const inters = findVerifiedParents(search.intermediates, child, search);
  for (const inter of inters.parents) {
    if (chain.some((cert) => sameCert(cert, inter))) continue;
    failure = isValidGo(inter, 'intermediate', chain, era, input.now, input.host);
    if (failure) continue;
    const below = verifiedParents([...chain, inter], search);
    failure = below.failure;
    chains.push(...below.chains);
  }
  if (chains.length > 0) return { chains, failure: null };
  return {
    chains,
    failure: failure ?? unknownAuthority(chain, roots.rejected ?? inters.rejected, input),
  };
}

function findVerifiedParents(
  pool: readonly CertFacts[],
  child: CertFacts,
  { input, era, budget }: Search,
): { parents: CertFacts[]; rejected: Rejected | null } {
  const parents: CertFacts[] = [];
  let rejected: Rejected | null = null;
  for (const candidate of potentialParents(pool, child, era)) {
    // The model's own bound (see MODEL_CHECK_BUDGET): further candidates are not tried.
    if (++budget.checks > MODEL_CHECK_BUDGET) break;
    const rejection = checkSignatureFrom(child, candidate, input, era);
    if (rejection) rejected = { candidate, rejection };
    else parents.push(candidate);
  }
  return { parents, rejected };
}

/** UnknownAuthorityError for the last certificate of `chain`, or Go ≤ 1.7's self-anchor case. */
function unknownAuthority(chain: Chain, hint: Rejected | null, input: VerifyInput): Failure {
  const depth: Depth = chain.length - 1;
  if (
    hint &&
    hint.rejection.kind === 'constraint' &&
    depth === 0 &&
    sameCert(hint.candidate, input.leaf)
  ) {
    return { code: 'self-signed-not-ca', reason: notCaReason(input.leaf) };
  }
  return {
    code: 'unknown-authority',
    depth,
    hint: hint && { rejection: hint.rejection, candidate: candidateNameOf(hint.candidate) },
  };
}

function notCaReason(cert: CertFacts): NotCaReason {
  if (cert.basicConstraints === null) return 'no-basic-constraints';
  if (!cert.basicConstraints.ca) return 'ca-false';
  return 'no-key-cert-sign';
}

/**
 * Candidate parents in the order Go tries them. 'akid-then-name' is Go 1.2's
 * findVerifiedParents / Go 1.10's findPotentialParents; 'name-ranked' is Go 1.19's.
 */
function potentialParents(pool: readonly CertFacts[], child: CertFacts, era: GoEra): CertFacts[] {
  const akid = child.authorityKeyId ?? '';
  const byName = pool.filter((cert) => cert.subject.rawHex === child.issuer.rawHex);
  if (era.parentLookup === 'akid-then-name' || era.parentLookup === 'akid-only') {
    const byKeyId = akid === '' ? [] : pool.filter((cert) => cert.subjectKeyId === akid);
    // Go 1.10.6–1.10.8 and 1.11.3–1.11.5 (real answers): a child with an AKID that no
    // SKID matches has no candidate at all, so a stale CA leaves a bare unknown authority.
    if (era.parentLookup === 'akid-only' && akid !== '') return byKeyId;
    return byKeyId.length > 0 ? byKeyId : byName;
  }
  const rank = (cert: CertFacts): number => {
    const skid = cert.subjectKeyId ?? '';
    if (skid === akid) return 0;
    return skid === '' || akid === '' ? 1 : 2;
  };
  return [0, 1, 2].flatMap((wanted) => byName.filter((cert) => rank(cert) === wanted));
}

/** Go 1.19 alreadyInChain (subject, key and SAN); older Go compares the raw bytes. */
function alreadyInChain(candidate: CertFacts, chain: Chain, era: GoEra): boolean {
  if (era.alreadyInChain === 'raw') return chain.some((cert) => sameCert(cert, candidate));
  return chain.some(
    (cert) =>
      cert.subject.rawHex === candidate.subject.rawHex &&
      cert.publicKeyHex === candidate.publicKeyHex &&
      JSON.stringify(cert.san) === JSON.stringify(candidate.san),
  );
}

/** Certificate.CheckSignatureFrom(parent): null when `child` verifies under `parent`. */
export function checkSignatureFrom(
  child: CertFacts,
  parent: CertFacts,
  input: VerifyInput,
  era: GoEra,
): SignatureRejection | null {
  // RFC 5280 §4.2.1.9 as Go applies it (Go 1.2 and 1.19 x509.go).
  const constraints = parent.basicConstraints;
  if ((parent.version === 3 && constraints === null) || (constraints !== null && !constraints.ca)) {
    return { kind: 'constraint' };
  }
  const usages = parent.keyUsage?.usages ?? [];
  if (usages.length > 0 && !usages.includes('keyCertSign')) return { kind: 'constraint' };
  const keyAlgorithm = goKeyAlgorithm(parent, era);
  if (keyAlgorithm === null) return { kind: 'unsupported' };
  const { hash, name } = child.signatureAlgorithm;
  // Go 1.4–1.5 had no MD5 verifier; Go 1.6 made it an InsecureAlgorithmError.
  if (hash === 'MD5' && era.md5 === 'unimplemented') return { kind: 'unsupported' };
  if (hash === 'MD5' || (hash === 'SHA1' && era.sha1Insecure)) {
    return { kind: 'insecure', algorithm: name };
  }
  // Go 1.24 crypto/rsa: keys under 1024 bits are refused (GODEBUG rsa1024min=0 allows them).
  const bits = parent.publicKey.bits;
  if (era.rsaMin1024 && keyAlgorithm === 'RSA' && bits !== null && bits < 1024) {
    return { kind: 'rsa-too-small', bits };
  }
  const expected = expectedKeyAlgorithm(name);
  if (expected === null) return { kind: 'unsupported' };
  if (expected !== keyAlgorithm && era.chainBuilder === 'consider-candidates') {
    // signaturePublicKeyAlgoMismatchError (Go 1.19 x509.go). Older eras just fail to verify.
    return { kind: 'key-mismatch', expected, actual: keyAlgorithm };
  }
  if (expected !== keyAlgorithm || !input.signatures.verifies(child, parent)) {
    return { kind: 'bad-signature', keyAlgorithm };
  }
  return null;
}

function goKeyAlgorithm(cert: CertFacts, era: GoEra): KeyAlgorithm | null {
  switch (cert.publicKey.algorithm) {
    case 'RSA':
    case 'ECDSA':
      return cert.publicKey.algorithm;
    case 'Ed25519':
      return era.ed25519 ? 'Ed25519' : null;
    case 'Ed448':
    case 'RSA-PSS':
    case 'unknown':
      return null;
  }
}

/** The key type a signature algorithm (Go's SignatureAlgorithm.String()) needs. */
function expectedKeyAlgorithm(name: string): KeyAlgorithm | null {
  if (name.includes('ECDSA')) return 'ECDSA';
  if (name === 'Ed25519') return 'Ed25519';
  if (name.includes('RSA')) return 'RSA';
  return null;
}

/** isValid for a candidate parent (Go 1.19 verify.go; Go 1.2/1.10 copies for older rows). */
function isValidGo(
  cert: CertFacts,
  kind: 'root' | 'intermediate',
  chain: Chain,
  era: GoEra,
  now: Date,
  host: string,
): Failure | null {
  const depth: Depth = chain.length;
  if (era.unhandledCritical === 'every-certificate') {
    const oid = unhandledCriticalExtension(cert, era);
    if (oid !== null) return { code: 'unhandled-critical-extension', depth, oid };
  }
  const child = chain.at(-1) as CertFacts;
  if (era.chainBuilder === 'consider-candidates' && child.issuer.rawHex !== cert.subject.rawHex) {
    return { code: 'issuer-name-mismatch', depth };
  }
  const validity = checkValidityGo(cert, depth, now);
  if (validity) return validity;
  // Name constraints come between the validity period and the CA checks in every era.
  const names = checkNameConstraintsGo(cert, depth, chain, host, era);
  if (names) return names;
  if (era.ekuCheck === 'leaf-then-intermediates' && kind === 'intermediate') {
    const refused = ekuNotPermitted(cert, chain[0] as CertFacts);
    if (refused !== null)
      return { code: 'eku-incompatible', depth, usages: [], notPermitted: refused };
  }
  const constraints = cert.basicConstraints;
  if (kind === 'intermediate' && (constraints === null || !constraints.ca)) {
    return { code: 'intermediate-not-ca', depth };
  }
  if (constraints?.pathLen != null && chain.length - 1 > constraints.pathLen) {
    return { code: 'path-length-exceeded', depth, pathLen: constraints.pathLen };
  }
  return null;
}

const SGC = ['netscapeServerGatedCrypto', 'microsoftServerGatedCrypto'];

/** Whether one certificate's EKUs admit serverAuth (checkChainForKeyUsage, per certificate). */
function allowsServerAuth(usages: readonly string[], era: GoEra): boolean {
  if (usages.length === 0 || usages.includes('any') || usages.includes('serverAuth')) return true;
  return era.sgcIsServerAuth && usages.some((usage) => SGC.includes(usage));
}

/**
 * Verify's last step: keep the chains whose every certificate admits serverAuth (the
 * default KeyUsages). With no chain at all the leaf alone is judged, so the report still
 * names a leaf EKU problem behind a trust failure.
 */
export function keyUsageFailure(
  chains: readonly Chain[],
  leaf: CertFacts,
  era: GoEra,
): Failure | null {
  // Go 1.10.0–1.10.2 judged the leaf before chain building instead (leafKeyUsageFailure).
  if (era.ekuCheck === 'leaf-then-intermediates') return null;
  const judged = chains.length > 0 ? chains : [[leaf]];
  if (
    judged.some((chain) =>
      chain.every((cert) => allowsServerAuth(cert.extKeyUsage?.usages ?? [], era)),
    )
  )
    return null;
  const first = judged[0] ?? [leaf];
  // checkChainForKeyUsage walks from the root down; report the first certificate that fails.
  for (let depth = first.length - 1; depth >= 0; depth--) {
    const cert = first[depth] as CertFacts;
    if (!allowsServerAuth(cert.extKeyUsage?.usages ?? [], era)) {
      return { code: 'eku-incompatible', depth, usages: cert.extKeyUsage?.usages ?? [] };
    }
  }
  return null;
}

function sameCert(a: CertFacts, b: CertFacts): boolean {
  return a.fingerprintSha256 === b.fingerprintSha256;
}

/** A CertPool holds each certificate once (Go 1.19 AddCert skips duplicates). */
function unique(certs: readonly CertFacts[]): CertFacts[] {
  return certs.filter((cert, index) => certs.findIndex((other) => sameCert(other, cert)) === index);
}

/** Recognised EKUs by name (Go's ExtKeyUsage constants); unknown ones stay dotted OIDs. */
function recognized(cert: CertFacts): string[] {
  return (cert.extKeyUsage?.usages ?? []).filter((usage) => !/^\d/.test(usage));
}

/**
 * Go 1.10.0–1.10.2 Verify: a leaf with recognised EKUs must have serverAuth (or any)
 * among them, checked before chains are built; unknown EKUs alone pass.
 */
export function leafKeyUsageFailure(leaf: CertFacts, era: GoEra): Failure | null {
  if (era.ekuCheck !== 'leaf-then-intermediates') return null;
  const usages = recognized(leaf);
  if (usages.length === 0 || usages.some((usage) => allowsServerAuth([usage], era))) return null;
  return { code: 'eku-incompatible', depth: 0, usages };
}

/**
 * Go 1.10.0–1.10.2 isValid for an intermediate with EKUs: each of the leaf's recognised EKUs
 * must be one of the intermediate's (or it has any); the OID of the first that is not.
 */
function ekuNotPermitted(ca: CertFacts, leaf: CertFacts): string | null {
  const caUsages = ca.extKeyUsage?.usages ?? [];
  if (caUsages.length === 0 || caUsages.includes('any')) return null;
  const serverLike = (usage: string): string => (SGC.includes(usage) ? 'serverAuth' : usage);
  for (const usage of recognized(leaf)) {
    if (!caUsages.some((caUsage) => serverLike(caUsage) === serverLike(usage))) {
      return ekuOid(usage);
    }
  }
  return null;
}
