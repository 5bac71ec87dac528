/**
 * Name constraints as each Go era applies them in isValid, to a candidate root or
 * intermediate (RFC 5280 §4.2.1.10).
 *
 * - Go 1.2–1.9 (Go 1.2 verify.go; the Go 1.8/1.9 fork): only permitted dNSName subtrees
 *   are read (x509.go `generalSubtree.Name string "tag:2"`), and they are matched against
 *   the dialled host (opts.DNSName) — not the SANs — so dialling the Service IP under a
 *   DNS-constrained CA fails. Error: CANotAuthorizedForThisName without detail, "… sign in
 *   this domain". Go 1.2 matches `host == c || HasSuffix(host, "."+c)` case-sensitively;
 *   the 1.8/1.9 fork has matchNameConstraint (EqualFold, a leading `.` means "a subdomain").
 *   The recorded answers place matchNameConstraint in Go 1.8 (real go1.7.4 and go1.8 differ on
 *   the leading-dot and upper-case constraints, cases I-nc:*-nc-pdns-dot/-upper); 1.4–1.7 have
 *   Go 1.2's rule. Go 1.9 also reads excluded dNSName subtrees (real go1.9, I-nc:*-nc-edns*). A critical extension with excluded subtrees or a non-DNS
 *   permitted subtree makes ParseCertificate fail (UnhandledCriticalExtension), so the CA
 *   never enters a pool (AppendCertsFromPEM skips it): `parsesInEra`.
 * - Go 1.10 (gotee@79cb904e verify.go): every SAN of the leaf against DNS, IP, email and URI
 *   subtrees, excluded first, with detail; a leaf without a SAN extension fails with
 *   NameConstraintsWithoutSANs.
 * - Go 1.11–1.14 (verify.go after golang/go#24151): NameConstraintsWithoutSANs only when
 *   the leaf's CN would be used as a host name (no SAN extension, CN a valid hostname).
 *   Real go1.10.6 still has the Go 1.10 rule and go1.11 the new one (I-nc:ncl-cnonly-bad-*).
 * - Go 1.15–1.16: the CN is ignored by default (x509ignoreCN), so no such error.
 * - Go 1.18+ (Go 1.19 verify.go isValid): also the CA's own SANs against its own
 *   constraints. Real go1.16 does not, go1.19.8 does, and go1.21–1.23 no longer do (case
 *   I-nc:ncl-ok--nc-ownsan); Go 1.17 is given 1.19's rule, not run here.
 * Go 1.10+ counts comparisons per isValid call and gives up at 250000
 * (VerifyOptions.MaxConstraintComparisions' default) with TooManyConstraints.
 */
import type { CertFacts, NameConstraintsFacts } from '../../facts/types.js';
import { toLowerAscii } from '../../base/ascii.js';
import type { ConstrainedNameKind, Depth, Failure, NameMatchProblem } from '../failures.js';
import { goEra, type GoEra, type NameConstraintRules } from './eras.js';
import { goCommonName, parseIpGo, validHostname } from './hostname.js';
import { goQuote } from './quote.js';

type Rules = NameConstraintRules;

/** VerifyOptions.MaxConstraintComparisions' default (Go 1.10 and 1.19 verify.go). */
export const MAX_CONSTRAINT_COMPARISONS = 250_000;

/** The era's rules; exported for the tables in tests/verify/go. */
export function nameConstraintRules(era: GoEra): Rules {
  return era.nameConstraints;
}

/**
 * Whether this Go's ParseCertificate accepts the certificate's nameConstraints. A CA it
 * rejects is never in a pool. The recorded answers show such CAs skipped by the pool
 * (real go1.8.5: "unknown authority", not "unhandled critical extension"). A served leaf
 * with such constraints is in no recorded case; the model drops it from the pool too.
 */
export function parsesInEra(cert: CertFacts, era: GoEra): boolean {
  const nc = cert.nameConstraints;
  if (nc === null) return true;
  const rules = era.nameConstraints;
  if (rules.checks === 'host') {
    // Go 1.4–1.8 x509.go: excluded subtrees, or a permitted subtree without a dNSName,
    // in a critical extension → UnhandledCriticalExtension at parse time. Go 1.9 also
    // reads excluded dNSNames (real go1.9: a critical DNS-only exclusion parses).
    const { permitted, excluded } = nc;
    const nonDns = (side: typeof permitted): number =>
      side.ip.length + side.email.length + side.uri.length + side.other.length;
    const excludedUnread = rules.excludedDns
      ? nonDns(excluded) > 0
      : Object.values(excluded).some((list: readonly unknown[]) => list.length > 0);
    return !(
      nc.critical &&
      (excludedUnread || nonDns(permitted) > 0 || permitted.dns.includes(''))
    );
  }
  return nameConstraintsParseError(nc) === null;
}

/**
 * Go 1.19 parser.go parseNameConstraintsExtension's rejections (assumed the same since
 * Go 1.10, whose x509.go has the same checks).
 */
export function nameConstraintsParseError(nc: NameConstraintsFacts): string | null {
  const sides = [nc.permitted, nc.excluded];
  const total = sides.reduce(
    (sum, side) =>
      sum +
      side.dns.length +
      side.ip.length +
      side.email.length +
      side.uri.length +
      side.other.length,
    0,
  );
  if (total === 0) return 'x509: empty name constraints extension';
  for (const side of sides) {
    for (const text of [...side.dns, ...side.email, ...side.uri]) {
      if ([...text].some((char) => char.charCodeAt(0) >= 0x80)) {
        return 'x509: invalid constraint value: x509: string is not IA5';
      }
    }
    for (const domain of side.dns) {
      if (reverseLabels(domain.startsWith('.') ? domain.slice(1) : domain) === null) {
        return `x509: failed to parse dnsName constraint ${goQuote(domain)}`;
      }
    }
    for (const ip of side.ip) {
      const length = ip.bytesHex.length / 2;
      if (length !== 8 && length !== 32) {
        return `x509: IP constraint contained value of length ${length}`;
      }
      const mask = Buffer.from(ip.bytesHex, 'hex').subarray(length / 2);
      if (!ip.text.match(/\/\d+$/) || !isPrefixMask(mask)) {
        return `x509: IP constraint contained invalid mask ${mask.toString('hex')}`;
      }
    }
    for (const email of side.email) {
      const ok = email.includes('@')
        ? parseMailbox(email) !== null
        : reverseLabels(email.startsWith('.') ? email.slice(1) : email) !== null;
      if (!ok) return `x509: failed to parse rfc822Name constraint ${goQuote(email)}`;
    }
    for (const uri of side.uri) {
      if (parseIpGo(uri, goEra('go')) !== undefined) {
        return `x509: failed to parse URI constraint ${goQuote(uri)}: cannot be IP address`;
      }
      if (reverseLabels(uri.startsWith('.') ? uri.slice(1) : uri) === null) {
        return `x509: failed to parse URI constraint ${goQuote(uri)}`;
      }
    }
  }
  return null;
}

function isPrefixMask(mask: Uint8Array): boolean {
  let seenZero = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      if ((byte >> bit) & 1) {
        if (seenZero) return false;
      } else seenZero = true;
    }
  }
  return true;
}

/**
 * isValid's name-constraint step for candidate `ca` at `depth` above `chain` (leaf first),
 * with `host` the dialled name (opts.DNSName). Null when the CA may sign for the names.
 */
export function checkNameConstraintsGo(
  ca: CertFacts,
  depth: Depth,
  chain: readonly CertFacts[],
  host: string,
  era: GoEra,
): Failure | null {
  const nc = ca.nameConstraints;
  if (nc === null) return null;
  const rules = era.nameConstraints;
  const leaf = chain[0] ?? ca;
  if (rules.checks === 'host') {
    const match = rules.match === 'suffix' ? suffixMatch : leadingDotMatch;
    // Go 1.9 isValid: the excluded domains first, then the permitted ones.
    if (rules.excludedDns) {
      const excluded = nc.excluded.dns.find(
        (constraint) => constraint !== '' && match(host, constraint),
      );
      if (excluded !== undefined) {
        const name = host;
        return {
          code: 'name-excluded',
          depth,
          nameDepth: 0,
          kind: 'host',
          name,
          constraint: excluded,
        };
      }
    }
    const permitted = nc.permitted.dns.filter((domain) => domain !== '');
    if (permitted.length === 0) return null;
    if (permitted.some((constraint) => match(host, constraint))) return null;
    return { code: 'name-not-permitted', depth, nameDepth: 0, kind: 'host', name: host };
  }
  if (leaf.san === null) {
    const cnIsHostname = validHostname(goCommonName(leaf), { trimDot: true, wildcard: true });
    if (
      rules.withoutSans === 'always-error' ||
      (rules.withoutSans === 'error-if-cn-is-hostname' && cnIsHostname)
    ) {
      return { code: 'name-constraints-without-sans', depth };
    }
  }
  const count = { comparisons: 0 };
  const toCheck: [CertFacts, Depth][] = [];
  if (leaf.san !== null) toCheck.push([leaf, 0]);
  if (rules.caOwnSans && ca.san !== null) toCheck.push([ca, depth]);
  for (const [cert, nameDepth] of toCheck) {
    for (const entry of sanEntries(cert)) {
      const failure = checkEntry(entry, nc, { depth, nameDepth, count, era });
      if (failure) return failure;
    }
  }
  return null;
}

/** Go 1.2 isValid: `DNSName == c || HasSuffix(DNSName, c) && DNSName[len-len(c)-1] == '.'`. */
function suffixMatch(host: string, constraint: string): boolean {
  if (host === constraint) return true;
  return (
    host.endsWith(constraint) &&
    host.length >= constraint.length + 1 &&
    host[host.length - constraint.length - 1] === '.'
  );
}

/** Go 1.8/1.9 matchNameConstraint: EqualFold suffix; a leading `.` requires a subdomain. */
function leadingDotMatch(host: string, constraint: string): boolean {
  if (constraint.length === 0) return true;
  if (host.length < constraint.length) return false;
  const prefixLen = host.length - constraint.length;
  if (toLowerAscii(host.slice(prefixLen)) !== toLowerAscii(constraint)) return false;
  if (prefixLen === 0) return true;
  const isSubdomain = host[prefixLen - 1] === '.';
  return isSubdomain !== constraint.startsWith('.');
}

type SanEntry =
  | { readonly kind: 'dns' | 'email' | 'uri'; readonly text: string }
  | { readonly kind: 'ip'; readonly text: string; readonly bytes: Uint8Array };

/** forEachSAN: the SAN entries in certificate order (other kinds are ignored by Go). */
function sanEntries(cert: CertFacts): SanEntry[] {
  const san = cert.san;
  if (!san) return [];
  const next = { dns: 0, email: 0, uri: 0, ip: 0, other: 0 };
  const entries: SanEntry[] = [];
  for (const kind of san.order) {
    const index = next[kind]++;
    if (kind === 'other') continue;
    if (kind === 'ip') {
      const ip = san.ip[index];
      if (ip) entries.push({ kind, text: ip.text, bytes: Buffer.from(ip.bytesHex, 'hex') });
    } else {
      const text = san[kind][index];
      if (text !== undefined) entries.push({ kind, text });
    }
  }
  return entries;
}

interface Context {
  readonly depth: Depth;
  readonly nameDepth: Depth;
  readonly count: { comparisons: number };
  readonly era: GoEra;
}

/** A matcher's verdict, or the error Go's matcher returned. */
type Match = boolean | { readonly error: NameMatchProblem };

function checkEntry(entry: SanEntry, nc: NameConstraintsFacts, context: Context): Failure | null {
  // A SAN the matcher cannot parse: forEachSAN's callback returns the error as is.
  const unparseable = (problem: NameMatchProblem): Failure => ({
    code: 'name-constraint-unsupported',
    depth: context.depth,
    nameDepth: context.nameDepth,
    reason: 'name-syntax',
    problem,
  });
  switch (entry.kind) {
    case 'email': {
      const mailbox = parseMailbox(entry.text);
      if (!mailbox) return unparseable({ kind: 'email-san-unparseable' });
      return checkList('email', entry.text, nc.permitted.email, nc.excluded.email, context, (c) =>
        matchEmail(mailbox, c),
      );
    }
    case 'dns': {
      const leading = context.era.strictParse;
      if (reverseLabels(entry.text, leading) === null) {
        return unparseable({ kind: 'dns-san-unparseable', name: entry.text });
      }
      return checkList('dns', entry.text, nc.permitted.dns, nc.excluded.dns, context, (c) =>
        matchDomain(entry.text, c, leading),
      );
    }
    case 'uri': {
      const uri = parseUri(entry.text);
      if (uri === null) return unparseable({ kind: 'uri-san-unparseable', uri: entry.text });
      return checkList('uri', entry.text, nc.permitted.uri, nc.excluded.uri, context, (c) =>
        matchUri(entry.text, uri, c, context.era),
      );
    }
    case 'ip': {
      if (entry.bytes.length !== 4 && entry.bytes.length !== 16) {
        const bytesHex = Buffer.from(entry.bytes).toString('hex');
        return unparseable({ kind: 'ip-san-unparseable', bytesHex });
      }
      return checkList(
        'ip',
        entry.text,
        nc.permitted.ip,
        nc.excluded.ip,
        context,
        (c) => matchIp(entry.bytes, c.bytesHex),
        (c) => c.text,
      );
    }
  }
}

/** Certificate.checkNameConstraints: excluded first, then permitted, counting comparisons. */
function checkList<T>(
  kind: ConstrainedNameKind,
  name: string,
  permitted: readonly T[],
  excluded: readonly T[],
  context: Context,
  match: (constraint: T) => Match,
  show: (constraint: T) => string = String,
): Failure | null {
  const { depth, nameDepth } = context;
  const limit: Failure = {
    code: 'name-constraint-limit',
    depth,
    limit: MAX_CONSTRAINT_COMPARISONS,
  };
  // checkNameConstraints wraps a matcher's error as CANotAuthorizedForThisName.
  const matcherError = (problem: NameMatchProblem): Failure => ({
    code: 'name-constraint-unsupported',
    depth,
    nameDepth,
    reason: 'name-syntax',
    problem,
  });
  context.count.comparisons += excluded.length;
  if (context.count.comparisons > MAX_CONSTRAINT_COMPARISONS) return limit;
  for (const constraint of excluded) {
    const result = match(constraint);
    if (typeof result === 'object') return matcherError(result.error);
    if (result) {
      return { code: 'name-excluded', depth, nameDepth, kind, name, constraint: show(constraint) };
    }
  }
  context.count.comparisons += permitted.length;
  if (context.count.comparisons > MAX_CONSTRAINT_COMPARISONS) return limit;
  let ok = true;
  for (const constraint of permitted) {
    const result = match(constraint);
    if (typeof result === 'object') return matcherError(result.error);
    ok = result;
    if (ok) break;
  }
  return ok ? null : { code: 'name-not-permitted', depth, nameDepth, kind, name };
}

/**
 * domainToReverseLabels: labels right to left; no empty label, bytes 33–126 only. It splits
 * from the right and stops when nothing is left, so before Go 1.23 one leading dot costs no
 * label (real go1.19–1.22 accept a `.example.com` SAN under a DNS constraint); Go 1.23 counts
 * the empty label in front (real go1.23.5: "cannot parse dnsName").
 */
function reverseLabels(domain: string, emptyLeadingLabel = true): string[] | null {
  if (domain === '') return [];
  const text =
    !emptyLeadingLabel && domain.length > 1 && domain.startsWith('.') ? domain.slice(1) : domain;
  const labels = text.split('.').reverse();
  for (const label of labels) {
    if (label === '') return null;
    if ([...label].some((char) => char.charCodeAt(0) < 33 || char.charCodeAt(0) > 126)) return null;
  }
  return labels;
}

/** matchDomainConstraint (Go 1.10 and 1.19 verify.go). */
function matchDomain(domain: string, constraint: string, emptyLeadingLabel = true): Match {
  if (constraint.length === 0) return true;
  const domainLabels = reverseLabels(domain, emptyLeadingLabel);
  if (domainLabels === null) return { error: { kind: 'domain-unparseable', domain } };
  const mustHaveSubdomains = constraint.startsWith('.');
  const bare = mustHaveSubdomains ? constraint.slice(1) : constraint;
  const constraintLabels = reverseLabels(bare);
  if (constraintLabels === null) return { error: { kind: 'domain-unparseable', domain: bare } };
  if (
    domainLabels.length < constraintLabels.length ||
    (mustHaveSubdomains && domainLabels.length === constraintLabels.length)
  ) {
    return false;
  }
  return constraintLabels.every(
    (label, index) => toLowerAscii(label) === toLowerAscii(domainLabels[index] ?? ''),
  );
}

interface Mailbox {
  readonly local: string;
  readonly domain: string;
}

const ATEXT = /^[0-9A-Za-z!#$%&'*+\-/=?^_`{|}~.]$/;

/** parseRFC2821Mailbox (Go 1.10 and 1.19 verify.go), byte for byte. */
export function parseMailbox(input: string): Mailbox | null {
  if (input.length === 0) return null;
  let local = '';
  let at = 0;
  const code = (index: number): number => input.charCodeAt(index);
  if (input[0] === '"') {
    at = 1;
    for (;;) {
      if (at >= input.length) return null;
      const c = code(at++);
      if (c === 0x22) break;
      if (c === 0x5c) {
        if (at >= input.length) return null;
        const n = code(at);
        if (n === 11 || n === 12 || (n >= 1 && n <= 9) || (n >= 14 && n <= 127)) {
          local += input[at++];
        } else return null;
      } else if (
        c === 11 ||
        c === 12 ||
        c === 32 ||
        c === 33 ||
        c === 127 ||
        (c >= 1 && c <= 8) ||
        (c >= 14 && c <= 31) ||
        (c >= 35 && c <= 91) ||
        (c >= 93 && c <= 126)
      ) {
        local += input[at - 1];
      } else return null;
    }
  } else {
    while (at < input.length) {
      const char = input[at] as string;
      if (char === '\\') {
        at++;
        if (at >= input.length) return null;
        // `fallthrough` into the atext case appends the escaped byte, whatever it is.
        local += input[at] as string;
        at++;
        continue;
      }
      if (!ATEXT.test(char)) break;
      local += char;
      at++;
    }
    if (local.length === 0) return null;
    if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  }
  if (at >= input.length || input[at] !== '@') return null;
  const domain = input.slice(at + 1);
  if (reverseLabels(domain) === null) return null;
  return { local, domain };
}

/** matchEmailConstraint: a mailbox constraint exactly (domain case-folded), else a domain. */
function matchEmail(mailbox: Mailbox, constraint: string): Match {
  if (constraint.includes('@')) {
    const wanted = parseMailbox(constraint);
    if (!wanted) return { error: { kind: 'email-constraint-unparseable', constraint } };
    return (
      mailbox.local === wanted.local && toLowerAscii(mailbox.domain) === toLowerAscii(wanted.domain)
    );
  }
  return matchDomain(mailbox.domain, constraint);
}

/**
 * The Host of net/url.Parse for the URI forms certificates carry: `scheme://[user@]host[:port]…`
 * gives host[:port]; an opaque URI (`urn:…`) has none. Null when url.Parse would fail
 * (control characters, a bad %-escape, no scheme) — an approximation of net/url.
 */
function parseUri(text: string): { readonly host: string } | null {
  const control = [...text].some((char) => char.charCodeAt(0) <= 0x20 || char === '\x7f');
  if (control || /%(?![0-9A-Fa-f]{2})/.test(text)) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (!scheme) return text.startsWith('//') ? { host: authorityHost(text.slice(2)) } : { host: '' };
  const rest = text.slice(scheme[0].length);
  if (!rest.startsWith('//')) return { host: '' };
  return { host: authorityHost(rest.slice(2)) };
}

function authorityHost(afterSlashes: string): string {
  const end = afterSlashes.search(/[/?#]/);
  const authority = end === -1 ? afterSlashes : afterSlashes.slice(0, end);
  const atSign = authority.lastIndexOf('@');
  return atSign === -1 ? authority : authority.slice(atSign + 1);
}

/** matchURIConstraint: the URI's host must be a domain (RFC 5280 §4.2.1.10). */
function matchUri(
  text: string,
  uri: { readonly host: string },
  constraint: string,
  era: GoEra,
): Match {
  let host = uri.host;
  if (host.length === 0) {
    return { error: { kind: 'uri-without-host', uri: text } };
  }
  if (host.includes(':') && !host.endsWith(']')) {
    const colon = host.lastIndexOf(':');
    const name = host.slice(0, colon);
    if (name.includes(':')) {
      return { error: { kind: 'uri-host-too-many-colons', host } };
    }
    host = name;
  }
  if ((host.startsWith('[') && host.endsWith(']')) || parseIpGo(host, era) !== undefined) {
    return { error: { kind: 'uri-host-ip', uri: text } };
  }
  return matchDomain(host, constraint);
}

/** matchIPConstraint: same length, then every octet under the mask. */
function matchIp(ip: Uint8Array, constraintHex: string): Match {
  const constraint = Buffer.from(constraintHex, 'hex');
  const half = constraint.length / 2;
  if (ip.length !== half) return false;
  for (let i = 0; i < ip.length; i++) {
    const mask = constraint[half + i] ?? 0;
    if (((ip[i] ?? 0) & mask) !== ((constraint[i] ?? 0) & mask)) return false;
  }
  return true;
}
