/**
 * Go's words for the name-constraint failures (CertificateInvalidError.Error()):
 * - Go 1.2–1.9: CANotAuthorizedForThisName "x509: a root or intermediate certificate is not
 *   authorized to sign in this domain", no detail (Go 1.2 verify.go, the Go 1.8/1.9 fork);
 * - Go 1.10+: "… is not authorized to sign for this name: " + Detail, the detail being
 *   `%s %q is excluded by constraint %q` or `%s %q is not permitted by any constraint`
 *   (checkNameConstraints, Go 1.10 gotee@79cb904e and Go 1.19 verify.go);
 * - NameConstraintsWithoutSANs (Go 1.10–1.14); TooManyConstraints, which Error() has no
 *   case for, so it prints "x509: unknown error" (Go 1.10 and 1.19 verify.go).
 */
import type { ConstrainedNameKind, Failure, NameMatchProblem } from '../failures.js';
import type { GoEra } from './eras.js';
import { goQuote } from './quote.js';
import { nameConstraintRules } from './name-constraints.js';

type NameConstraintFailure = Extract<
  Failure,
  {
    readonly code:
      | 'name-not-permitted'
      | 'name-excluded'
      | 'name-constraint-unsupported'
      | 'name-constraints-without-sans'
      | 'name-constraint-limit';
  }
>;

const NOT_AUTHORIZED = 'x509: a root or intermediate certificate is not authorized to sign';

/** The nameType argument of checkNameConstraints for each kind of name. */
const NAME_TYPES: Readonly<Record<ConstrainedNameKind, string>> = {
  dns: 'DNS name',
  ip: 'IP address',
  email: 'email address',
  uri: 'URI',
  // Go never checks the CN against constraints; the dialled host is Go ≤ 1.9's only name.
  cn: 'DNS name',
  host: 'DNS name',
};

export function nameConstraintMessage(failure: NameConstraintFailure, era: GoEra): string {
  const legacy = nameConstraintRules(era).checks === 'host';
  switch (failure.code) {
    case 'name-not-permitted':
      if (legacy) return `${NOT_AUTHORIZED} in this domain`;
      return `${NOT_AUTHORIZED} for this name: ${NAME_TYPES[failure.kind]} ${goQuote(failure.name)} is not permitted by any constraint`;
    case 'name-excluded':
      if (legacy) return `${NOT_AUTHORIZED} in this domain`;
      return `${NOT_AUTHORIZED} for this name: ${NAME_TYPES[failure.kind]} ${goQuote(failure.name)} is excluded by constraint ${goQuote(failure.constraint)}`;
    case 'name-constraint-unsupported':
      // Go's own error when it produced this failure; OpenSSL's causes Go reports as it can.
      return failure.problem === null
        ? `${NOT_AUTHORIZED} for this name: ${failure.reason}`
        : nameMatchErrorText(failure.problem);
    case 'name-constraints-without-sans':
      return "x509: issuer has name constraints but leaf doesn't have a SAN extension";
    case 'name-constraint-limit':
      return 'x509: unknown error';
  }
}

/**
 * checkNameConstraints' errors (Go 1.10 and 1.19 verify.go): a SAN forEachSAN's callback
 * cannot parse is returned as is; a matcher's error is wrapped as CANotAuthorizedForThisName
 * with the error as its detail.
 */
export function nameMatchErrorText(problem: NameMatchProblem): string {
  switch (problem.kind) {
    case 'email-san-unparseable':
      // Go formats the zero rfc2821Mailbox it failed to fill with %q: {"" ""}.
      return 'x509: cannot parse rfc822Name {"" ""}';
    case 'dns-san-unparseable':
      return `x509: cannot parse dnsName ${goQuote(problem.name)}`;
    case 'uri-san-unparseable':
      return `x509: internal error: URI SAN ${goQuote(problem.uri)} failed to parse`;
    case 'ip-san-unparseable':
      return `x509: internal error: IP SAN ${problem.bytesHex} failed to parse`;
    case 'domain-unparseable':
      return `${NOT_AUTHORIZED} for this name: x509: internal error: cannot parse domain ${goQuote(problem.domain)}`;
    case 'email-constraint-unparseable':
      return `${NOT_AUTHORIZED} for this name: x509: internal error: cannot parse constraint ${goQuote(problem.constraint)}`;
    case 'uri-without-host':
      return `${NOT_AUTHORIZED} for this name: URI with empty host (${goQuote(problem.uri)}) cannot be matched against constraints`;
    case 'uri-host-too-many-colons':
      // net.SplitHostPort's AddrError.
      return `${NOT_AUTHORIZED} for this name: address ${problem.host}: too many colons in address`;
    case 'uri-host-ip':
      return `${NOT_AUTHORIZED} for this name: URI with IP (${goQuote(problem.uri)}) cannot be matched against constraints`;
  }
}
