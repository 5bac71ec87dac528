/**
 * The OpenSSL 3.0 profile: what
 *   openssl verify -CAfile <roots> [-untrusted <intermediates>] -attime <now>
 *     -verify_hostname <host> | -verify_ip <ip>   <leaf>
 * reports, with 3.0 defaults (no -purpose, no -x509_strict, no -partial_chain; the
 * security level only applies to TLS connections, not to `openssl verify`).
 *
 * X509_verify_cert is the shared engine (engine/index.ts); what is `openssl verify`'s own
 * is its options: no purpose, no auth level, the host checked by check_id — so the host
 * check comes BEFORE the validity period, and an expired certificate for the wrong name
 * reports only `hostname mismatch` — and apps/verify.c's callback, which lets
 * verification continue after 10, 18, 25, 26, 34 and 79 and stops at anything else.
 * `failures` is every error line in print order and failures[0] the first.
 */
import type { Failure } from '../failures.js';
import type { ClientProfile, ClientVerdict, VerifyInput } from '../types.js';
import { x509VerifyCert, type ReportedError } from './engine/index.js';
import { continuesAfter, opensslErrorByNumber } from './messages.js';

export { errorLine, opensslError, type OpensslError } from './messages.js';
export { isIpHost } from './hostname.js';

export interface OpensslVerdict extends ClientVerdict {
  /** Every `error N at D depth lookup:` line's N and D, aligned with `failures`. */
  readonly errors: readonly ReportedError[];
}

export function verifyOpenssl(input: VerifyInput): OpensslVerdict {
  const { errors, matchedBy } = x509VerifyCert(input, {
    purpose: 'none',
    authLevel: 0,
    checkHost: true,
    callback: continuesAfter,
  });
  const failures: Failure[] = errors.map((error) => error.failure);
  const first = errors[0];
  return {
    client: 'openssl',
    host: input.host,
    ok: first === undefined,
    failures,
    message: first ? opensslErrorByNumber(first.number).text : null,
    nativeCode: first ? first.number : null,
    matchedBy,
    errors,
  };
}

export const opensslProfile: ClientProfile = {
  id: 'openssl',
  label: 'OpenSSL 3.0 (openssl verify)',
  usedBy: 'curl, wget, Python ssl and other OpenSSL-linked clients; `openssl verify`',
  oracle: 'openssl3.0',
  verify: verifyOpenssl,
};
