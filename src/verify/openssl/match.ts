/**
 * OpenSSL 3.0's name comparison for X509_check_host with the default flags (0), as
 * `openssl verify -verify_hostname` uses it: crypto/x509/v3_utl.c equal_nocase,
 * skip_prefix, valid_star, wildcard_match and equal_wildcard (behaviour of 3.0.x,
 * confirmed against `openssl verify` 3.0.19 by tests/differential/openssl.test.ts).
 *
 * All arguments are byte strings (see bytes.ts): `pattern` is the certificate's
 * dNSName or CN (as UTF-8), `subject` the host being checked.
 */
import { foldOctet, isAlnumOctet, startsWithNocase } from './bytes.js';

export interface WildcardMatch {
  readonly matched: boolean;
  /** The pattern was used as a wildcard (valid_star accepted its `*`). */
  readonly wildcard: boolean;
}

/**
 * A host that starts with '.' and has more octets is a "sub-domain pattern": it matches
 * any certificate name that ends with it (the internal _X509_CHECK_FLAG_DOT_SUBDOMAINS,
 * set by do_x509_check for DNS checks). `openssl verify -verify_hostname .default`
 * accepts a certificate for kubernetes.default.
 */
export function isDotSubdomainHost(subject: string): boolean {
  return subject.length > 1 && subject.startsWith('.');
}

/**
 * skip_prefix: for a sub-domain host, drop leading pattern octets (stopping at a NUL)
 * until the lengths agree; if they cannot be made to agree the pattern is unchanged.
 */
function skipPrefix(pattern: string, subjectLength: number, dotSubdomains: boolean): string {
  if (!dotSubdomains) return pattern;
  let start = 0;
  while (pattern.length - start > subjectLength && pattern.charCodeAt(start) !== 0) start++;
  return pattern.length - start === subjectLength ? pattern.slice(start) : pattern;
}

/**
 * equal_nocase: same length, octet-equal after ASCII case folding, and the pattern may
 * contain no NUL (so a dNSName with an embedded NUL never matches).
 */
export function equalNocase(pattern: string, subject: string, dotSubdomains = false): boolean {
  const candidate = skipPrefix(pattern, subject.length, dotSubdomains);
  if (candidate.length !== subject.length) return false;
  for (let i = 0; i < candidate.length; i++) {
    const left = candidate.charCodeAt(i);
    if (left === 0) return false;
    if (foldOctet(left) !== foldOctet(subject.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * valid_star: the index of the pattern's one usable `*`, or -1 when the pattern is not
 * a wildcard pattern at all (it is then compared literally, `*` included). The `*` must
 * be in the first label, at that label's start or end (`*.x.y`, `k*.x.y`, `*s.x.y`; not
 * `k*s.x.y`), only once, not in an `xn--` label; labels may hold only letters, digits
 * and inner hyphens; the pattern may not end in '.' or '-' and must have at least two
 * dots — so `*.default` and `k*.default` are literal names, not wildcards.
 */
export function validStar(pattern: string): number {
  let star = -1;
  let atLabelStart = true;
  let afterHyphen = false;
  let idnaLabel = false;
  let dots = 0;
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === 0x2a /* '*' */) {
      const atStart = atLabelStart;
      const atEnd = i === pattern.length - 1 || pattern[i + 1] === '.';
      if (star !== -1 || idnaLabel || dots > 0) return -1;
      if (!atStart && !atEnd) return -1;
      star = i;
      atLabelStart = false;
    } else if (isAlnumOctet(code)) {
      if (atLabelStart && startsWithNocase(pattern.slice(i), 'xn--')) idnaLabel = true;
      atLabelStart = false;
      afterHyphen = false;
    } else if (code === 0x2e /* '.' */) {
      if (atLabelStart || afterHyphen) return -1;
      atLabelStart = true;
      afterHyphen = false;
      idnaLabel = false;
      dots++;
    } else if (code === 0x2d /* '-' */) {
      if (atLabelStart) return -1;
      afterHyphen = true;
    } else {
      return -1;
    }
  }
  if (atLabelStart || afterHyphen || dots < 2) return -1;
  return star;
}

/**
 * wildcard_match: prefix and suffix around the `*` must match case-insensitively; a
 * whole-label `*` must cover at least one octet; a partial wildcard (`k*`, `*s`) may
 * cover none but never matches a host starting with `xn--`; the covered octets must be
 * letters, digits or '-' (one label only), except that a `*` may cover a literal `*`.
 */
function wildcardMatch(prefix: string, suffix: string, subject: string): boolean {
  if (subject.length < prefix.length + suffix.length) return false;
  if (!equalNocase(prefix, subject.slice(0, prefix.length))) return false;
  const coveredEnd = subject.length - suffix.length;
  if (!equalNocase(subject.slice(coveredEnd), suffix)) return false;
  const covered = subject.slice(prefix.length, coveredEnd);
  let allowIdna = false;
  if (prefix.length === 0 && suffix.startsWith('.')) {
    if (covered.length === 0) return false;
    allowIdna = true;
  }
  if (!allowIdna && startsWithNocase(subject, 'xn--')) return false;
  if (covered === '*') return true;
  for (let i = 0; i < covered.length; i++) {
    const code = covered.charCodeAt(i);
    if (!isAlnumOctet(code) && code !== 0x2d) return false;
  }
  return true;
}

/**
 * equal_wildcard: hosts starting with '.' never use the pattern's `*` (only the
 * sub-domain suffix rule); otherwise a pattern with a valid `*` is matched as a
 * wildcard and any other pattern literally.
 */
export function equalWildcard(pattern: string, subject: string): WildcardMatch {
  const dotSubdomains = isDotSubdomainHost(subject);
  const star = dotSubdomains ? -1 : validStar(pattern);
  if (star === -1)
    return { matched: equalNocase(pattern, subject, dotSubdomains), wildcard: false };
  return {
    matched: wildcardMatch(pattern.slice(0, star), pattern.slice(star + 1), subject),
    wildcard: true,
  };
}
