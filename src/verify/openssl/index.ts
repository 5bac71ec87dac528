/**
 * The OpenSSL 3.0 profile: what
 *   openssl verify -CAfile <roots> [-untrusted <intermediates>] -attime <now>
 *     -verify_hostname <host> | -verify_ip <ip>   <leaf>
 * reports, with 3.0 defaults (no -purpose, no -x509_strict, no -partial_chain; the
 * security level only applies to TLS connections, not to `openssl verify`).
 *
 * Order of checks, X509_verify_cert → verify_chain (crypto/x509/x509_vfy.c, 3.0):
 *   build_chain (18, 19, 2, 20) → check_chain_extensions (34, 79, 25) → check_id, the
 *   host check (62, 64) → internal_verify (32, 7, then 9/10 per certificate, top down)
 *   → check_name_constraints (47, 48, 51–53, 1; name-constraints.ts).
 * The host check therefore comes BEFORE the validity period: an expired certificate for
 * the wrong name reports only `hostname mismatch`. apps/verify.c's callback lets
 * verification continue after 10, 18, 25, 34 and 79, and stops at anything else, so
 * `failures` is every error line in print order and failures[0] the first.
 */
import type { Failure } from '../failures.js';
import type { ClientProfile, ClientVerdict, MatchedBy, VerifyInput } from '../types.js';
import { buildChain } from './chain.js';
import { checkChainExtensions } from './extensions.js';
import { checkHostOrIp } from './hostname.js';
import { opensslError } from './messages.js';
import { VerifyRun, type ReportedError } from './run.js';
import { internalVerify } from './internal-verify.js';
import { opensslNameConstraintErrors } from './name-constraints.js';
import { toAttime } from './validity.js';

export { errorLine, opensslError, type OpensslError } from './messages.js';
export { isIpHost } from './hostname.js';

export interface OpensslVerdict extends ClientVerdict {
  /** Every `error N at D depth lookup:` line's N and D, aligned with `failures`. */
  readonly errors: readonly ReportedError[];
}

export function verifyOpenssl(input: VerifyInput): OpensslVerdict {
  const run = new VerifyRun();
  const now = toAttime(input.now);
  let matchedBy: MatchedBy | null = null;

  const verify = (): void => {
    const built = buildChain(input.leaf, input.intermediates, input.roots, now, run);
    if (run.stopped) return;
    if (!checkChainExtensions(built.chain, run)) return;
    const host = checkHostOrIp(input.leaf, input.host);
    if (host.ok) matchedBy = host.matchedBy;
    else if (!run.fail(host.failure, 0)) return;
    if (!internalVerify(built.chain, input.signatures, now, run)) return;
    for (const error of opensslNameConstraintErrors(built.chain)) {
      if (!run.fail(error.failure, error.depth)) return;
    }
  };
  verify();

  const failures: Failure[] = run.errors.map((error) => error.failure);
  const first = failures[0];
  return {
    client: 'openssl',
    host: input.host,
    ok: first === undefined,
    failures,
    message: first ? opensslError(first).text : null,
    nativeCode: first ? opensslError(first).number : null,
    matchedBy,
    errors: run.errors,
  };
}

export const opensslProfile: ClientProfile = {
  id: 'openssl',
  label: 'OpenSSL 3.0 (openssl verify)',
  usedBy: 'curl, wget, Python ssl and other OpenSSL-linked clients; `openssl verify`',
  oracle: 'openssl3.0',
  verify: verifyOpenssl,
};
