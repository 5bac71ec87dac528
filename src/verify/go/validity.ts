/**
 * The validity-period part of Go's `isValid` (Go 1.19 verify.go; the same comparison in
 * the Go 1.2 and 1.10 copies): `now.Before(NotBefore)` is not yet valid,
 * `now.After(NotAfter)` is expired, both bounds themselves are inside the period.
 */
import type { CertFacts } from '../../facts/types.js';
import type { Depth, Failure } from '../failures.js';

export function checkValidityGo(cert: CertFacts, depth: Depth, now: Date): Failure | null {
  if (now.getTime() < cert.notBefore.getTime()) {
    return { code: 'not-yet-valid', depth, notBefore: cert.notBefore, now };
  }
  if (now.getTime() > cert.notAfter.getTime()) {
    return { code: 'expired', depth, notAfter: cert.notAfter, now };
  }
  return null;
}

/**
 * Go's `t.Format(time.RFC3339)` of a UTC time: seconds precision, `Z` suffix. toISOString
 * always ends in milliseconds and `Z` (`.000Z`), which are cut.
 */
export function formatRfc3339(date: Date): string {
  return `${date.toISOString().slice(0, -5)}Z`;
}
