/**
 * The Go family: one profile per era of crypto/x509, all run by the same evaluator in
 * Certificate.Verify's order (Go 1.2, 1.10 and 1.19 verify.go): the leaf's own checks (unhandled
 * critical extensions, validity period), then VerifyHostname, then the chain, then the
 * key-usage filter. Every failing check is collected; failures[0] is what Go returns.
 */
import type { Failure } from '../failures.js';
import type { ClientProfile, ClientVerdict, MatchedBy, VerifyInput } from '../types.js';
import { GO_ERAS, type GoEra } from './eras.js';
import { verifyHostnameGo } from './hostname.js';
import { goMessage } from './messages.js';
import { goParseProblem, unhandledCriticalExtension } from './parse.js';
import { buildChainsGo, keyUsageFailure, leafKeyUsageFailure } from './trust.js';
import { checkValidityGo } from './validity.js';

export { GO_ERAS, goEra, type GoClientId, type GoEra } from './eras.js';

export function verifyGo(input: VerifyInput, era: GoEra): ClientVerdict {
  const failures: Failure[] = [];
  // A leaf this Go cannot parse never reaches Verify: crypto/tls fails with the parse error.
  const problem = goParseProblem(input.leaf, era);
  if (problem !== null) {
    return verdictOf(input, era, [{ code: 'certificate-unparseable', depth: 0, problem }], null);
  }
  const leafOid = unhandledCriticalExtension(input.leaf, era);
  if (leafOid !== null) {
    failures.push({ code: 'unhandled-critical-extension', depth: 0, oid: leafOid });
  }
  const validity = checkValidityGo(input.leaf, 0, input.now);
  if (validity) failures.push(validity);

  // Verify only calls VerifyHostname when opts.DNSName is set.
  let matchedBy: MatchedBy | null = null;
  if (input.host.length > 0) {
    const hostname = verifyHostnameGo(input.leaf, input.host, era);
    matchedBy = hostname.matchedBy;
    if (hostname.failure) failures.push(hostname.failure);
  }
  // Go 1.10.0–1.10.2 judged the leaf's EKUs here, before building chains.
  const leafUsage = leafKeyUsageFailure(input.leaf, era);
  if (leafUsage) failures.push(leafUsage);

  const trust = buildChainsGo(input, era);
  if (trust.failure && !repeatsLeafValidity(trust.failure, failures, input)) {
    failures.push(trust.failure);
  }
  const usage = keyUsageFailure(trust.chains, input.leaf, era);
  if (usage) failures.push(usage);

  return verdictOf(input, era, failures, matchedBy);
}

function verdictOf(
  input: VerifyInput,
  era: GoEra,
  failures: readonly Failure[],
  matchedBy: MatchedBy | null,
): ClientVerdict {
  const first = failures[0];
  return {
    client: era.id,
    host: input.host,
    ok: first === undefined,
    failures,
    message: first === undefined ? null : goMessage(first, era, input.leaf),
    nativeCode: null,
    matchedBy,
  };
}

/**
 * Go ≤ 1.7 re-checks a self-anchored leaf as its own root; its validity failure is then
 * the leaf's again and is reported once.
 */
function repeatsLeafValidity(
  failure: Failure,
  failures: readonly Failure[],
  input: VerifyInput,
): boolean {
  if (failure.code !== 'expired' && failure.code !== 'not-yet-valid') return false;
  const leafIsRoot = input.roots.some(
    (root) => root.fingerprintSha256 === input.leaf.fingerprintSha256,
  );
  return leafIsRoot && failures.some((earlier) => earlier.code === failure.code);
}

function profileFor(era: GoEra): ClientProfile {
  return {
    id: era.id,
    label: era.label,
    usedBy: era.usedBy,
    oracle: era.checkedAgainst === null ? 'documented' : `real ${era.checkedAgainst}`,
    verify: (input) => verifyGo(input, era),
  };
}

/** One profile per Go ClientId, newest first. */
export const goProfiles: readonly ClientProfile[] = GO_ERAS.map(profileFor);
