/**
 * One model of OpenSSL 3.0's X509_verify_cert (crypto/x509/x509_vfy.c verify_chain),
 * used by the `openssl` profile (apps/verify.c: no purpose, no auth level, -verify_hostname
 * or -verify_ip, a callback that stops at most errors) and by the `node` profile (libssl
 * inside Node: the SSL-server purpose, security level 1, no host in the parameters, every
 * error let through). Order of checks:
 *   build_chain (18, 19, 2, 20, 22; build.ts) → check_chain_extensions (34, 79, 94, 1, 26,
 *   25; extensions.ts) → check_auth_level (68; auth-level.ts) → check_id, the host
 *   (62, 64; ../hostname.ts) → internal_verify (21, 32, 6, 7, then 9/10 per certificate,
 *   top down; internal-verify.ts) → check_name_constraints (47, 48, 51–53, 1;
 *   name-constraints.ts).
 * Not modelled: revocation, policies, DANE, Suite B, proxy certificates, aux trust.
 */
import type { CertFacts } from '../../../facts/types.js';
import type { MatchedBy, VerifyInput } from '../../types.js';
import { checkHostOrIp } from '../hostname.js';
import { checkAuthLevel } from './auth-level.js';
import { buildChain } from './build.js';
import { checkChainExtensions, type Purpose } from './extensions.js';
import { internalVerify } from './internal-verify.js';
import { opensslNameConstraintErrors } from './name-constraints.js';
import { VerifyRun, type ReportedError, type VerifyCallback } from './run.js';
import { toAttime } from './validity.js';

export type { ReportedError, VerifyCallback } from './run.js';
export type { Purpose } from './extensions.js';
export { isTimeValid, toAttime } from './validity.js';
export { dnsIdOfCommonName, NAME_CHECK_MAX } from './name-constraints.js';
export { opensslSelfSigned } from './flags.js';

export interface EngineOptions {
  /** X509_VERIFY_PARAM purpose: none for `openssl verify`, ssl-server for a TLS client. */
  readonly purpose: Purpose;
  /** X509_VERIFY_PARAM auth_level: 0 for `openssl verify`, the security level for TLS. */
  readonly authLevel: number;
  /** Whether check_id checks `input.host` (set1_host / set1_ip), as `openssl verify -verify_*` does. */
  readonly checkHost: boolean;
  /** The verify callback: whether to go on after each error number. */
  readonly callback: VerifyCallback;
}

export interface EngineResult {
  /** Leaf first. */
  readonly chain: readonly CertFacts[];
  readonly trusted: boolean;
  /** Every error the callback saw, in order. */
  readonly errors: readonly ReportedError[];
  /** How check_id matched the host; null when not checked or not matched. */
  readonly matchedBy: MatchedBy | null;
}

export function x509VerifyCert(input: VerifyInput, options: EngineOptions): EngineResult {
  const run = new VerifyRun(options.callback);
  const now = toAttime(input.now);
  const built = buildChain(input.leaf, input.intermediates, input.roots, now, run);
  let matchedBy: MatchedBy | null = null;
  const result = (): EngineResult => ({
    chain: built.chain,
    trusted: built.trusted,
    errors: run.errors,
    matchedBy,
  });
  if (run.stopped) return result();
  if (!checkChainExtensions(built.chain, options.purpose, run)) return result();
  if (!checkAuthLevel(built.chain, options.authLevel, run)) return result();
  if (options.checkHost) {
    const host = checkHostOrIp(input.leaf, input.host);
    if (host.ok) matchedBy = host.matchedBy;
    else if (!run.fail(host.failure, 0)) return result();
  }
  if (!internalVerify(built.chain, input.signatures, now, run)) return result();
  for (const error of opensslNameConstraintErrors(built.chain)) {
    if (!run.fail(error.failure, error.depth)) return result();
  }
  return result();
}
