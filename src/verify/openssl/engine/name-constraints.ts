/**
 * check_name_constraints (crypto/x509/x509_vfy.c, OpenSSL 3.0) with NAME_CONSTRAINTS_check
 * and NAME_CONSTRAINTS_check_CN (crypto/x509/v3_ncons.c), run after internal_verify by both
 * `openssl verify` and libssl (so by Node too). From the top of the chain down, every
 * certificate except a self-issued CA is checked against the constraints of every
 * certificate above it (roots included); an error is reported at the depth of the
 * certificate carrying the name, and checking goes on if the callback allows.
 *
 * Per name (nc_match): permitted subtrees of the name's type first — if there are any,
 * one must match (47) — then excluded subtrees (48). Matching, unlike Go:
 * - DNS (nc_dns): a suffix on a label boundary, ASCII case-insensitive; `.example.com`
 *   needs at least one more label; an empty base matches everything;
 * - email (nc_email): `local@host` exactly (local part case-sensitive), `host` exactly —
 *   no subdomains — and `.domain` for any subdomain; a name without `@` is 53;
 * - URI (nc_uri): the host after `scheme://` up to `:` or `/`, exactly or under `.domain`;
 *   no `://` or an empty host is 53;
 * - IP (nc_ip): the address under the mask, IPv4 never matching IPv6.
 * The leaf's CN is checked as a DNS name too when the leaf has no DNS SAN and the CN looks
 * like a host name of two or more labels (cn2dnsid), as `-verify_hostname` leaves
 * hostflags at 0. Other GeneralName kinds with a base of the same kind are 51.
 * The subject is checked against directoryName subtrees first (nc_dn, name-canon.ts).
 * Not modelled: emailAddress attributes of the subject, minimum/maximum (49), SmtpUTF8Mailbox otherNames. The
 * NAME_CHECK_MAX guard counts every subject attribute and every SAN entry.
 */
import type {
  CertFacts,
  GeneralSubtreesFacts,
  NameConstraintsFacts,
} from '../../../facts/types.js';
import { children, readTlv } from '../../../facts/der.js';
import { toLowerAscii } from '../../../base/ascii.js';
import { directoryNameMatches } from './name-canon.js';
import type { ConstrainedNameKind, Depth, Failure } from '../../failures.js';

export interface NameConstraintError {
  readonly failure: Failure;
  /** The depth OpenSSL reports: the certificate carrying the name. */
  readonly depth: Depth;
}

/** v3_ncons.c NAME_CHECK_MAX. */
export const NAME_CHECK_MAX = 1 << 20;

/** Every error check_name_constraints reports, in order, for a chain (leaf first). */
export function opensslNameConstraintErrors(
  chain: readonly CertFacts[],
): readonly NameConstraintError[] {
  const errors: NameConstraintError[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const cert = chain[i] as CertFacts;
    // "Ignore self issued certs unless last in chain" (the leaf is always checked).
    if (i !== 0 && cert.selfIssued) continue;
    for (let j = chain.length - 1; j > i; j--) {
      const nc = (chain[j] as CertFacts).nameConstraints;
      if (!nc) continue;
      const at = { depth: j, nameDepth: i };
      let result = checkCertificate(cert, nc, at);
      if (result === null && i === 0 && (cert.san?.dns.length ?? 0) === 0) {
        result = checkCommonNames(cert, nc, at);
      }
      if (result) errors.push({ failure: result, depth: i });
    }
  }
  return errors;
}

interface At {
  readonly depth: Depth;
  readonly nameDepth: Depth;
}

type Outcome =
  | { readonly code: 'ok' | 'permitted' }
  | { readonly code: 'excluded'; readonly base: string }
  | { readonly code: 'constraint-type' | 'constraint-syntax' | 'name-syntax' };

type Kind = 'dns' | 'email' | 'uri' | 'ip' | 'other';

/**
 * NAME_CONSTRAINTS_check: the guard, then the subject (when it has attributes) against
 * the directoryName subtrees, then every SAN in order.
 */
function checkCertificate(cert: CertFacts, nc: NameConstraintsFacts, at: At): Failure | null {
  const san = cert.san;
  const names = subjectEntryCount(cert) + (san?.order.length ?? 0);
  const constraints = count(nc.permitted) + count(nc.excluded);
  if (names > 0 && constraints > NAME_CHECK_MAX / names) {
    return { code: 'name-constraint-limit', depth: at.depth, limit: NAME_CHECK_MAX };
  }
  if (subjectEntryCount(cert) > 0) {
    // The failure names the subject DN as a CN-kind name: the cause union has no DN kind.
    const failure = toFailure(
      matchDirectoryName(cert.subject.rawHex, nc),
      'cn',
      cert.subject.dn,
      at,
    );
    if (failure) return failure;
  }
  if (!san) return null;
  const next = { dns: 0, email: 0, uri: 0, ip: 0, other: 0 };
  for (const kind of san.order) {
    const index = next[kind]++;
    const value = kind === 'ip' ? (san.ip[index]?.bytesHex ?? '') : (san[kind][index] ?? '');
    const shown = kind === 'ip' ? (san.ip[index]?.text ?? '') : value;
    const failure = toFailure(match(kind, value, nc), kind, shown, at);
    if (failure) return failure;
  }
  return null;
}

/** nc_match for a directoryName: permitted subtrees of that kind first, then excluded. */
function matchDirectoryName(nameHex: string, nc: NameConstraintsFacts): Outcome {
  const permitted = nc.permitted.directoryNames ?? [];
  if (
    permitted.length > 0 &&
    !permitted.some((base) => directoryNameMatches(nameHex, base) === 'ok')
  ) {
    return { code: 'permitted' };
  }
  for (const base of nc.excluded.directoryNames ?? []) {
    if (directoryNameMatches(nameHex, base) === 'ok')
      return { code: 'excluded', base: 'directoryName' };
  }
  return { code: 'ok' };
}

/** X509_NAME_entry_count: every attribute of every RDN of the subject. */
function subjectEntryCount(cert: CertFacts): number {
  const der = Buffer.from(cert.subject.rawHex, 'hex');
  try {
    const name = readTlv(der, 0, der.length);
    return children(der, name).reduce((sum, rdn) => sum + children(der, rdn).length, 0);
  } catch {
    return cert.subject.commonNames.length + cert.subject.organizations.length;
  }
}

function count(side: GeneralSubtreesFacts): number {
  return side.dns.length + side.ip.length + side.email.length + side.uri.length + side.other.length;
}

/** NAME_CONSTRAINTS_check_CN: each CN that looks like a host name, as a DNS name. */
function checkCommonNames(cert: CertFacts, nc: NameConstraintsFacts, at: At): Failure | null {
  for (const cn of cert.subject.commonNames) {
    const id = dnsIdOfCommonName(cn);
    if (id.kind === 'name-syntax') {
      return { code: 'name-constraint-unsupported', ...at, reason: 'name-syntax', problem: null };
    }
    if (id.kind === 'none') continue;
    const failure = toFailure(match('dns', id.id, nc), 'cn', id.id, at);
    if (failure) return failure;
  }
  return null;
}

/**
 * cn2dnsid: the CN as UTF-8 without trailing NULs if it has two or more labels of
 * letters, digits, `_` and inner `-`; null when it does not look like a host name.
 */
export function dnsIdOfCommonName(cn: string): CommonNameId {
  const bytes = [...Buffer.from(cn, 'utf8')];
  while (bytes.length > 0 && bytes.at(-1) === 0) bytes.pop();
  if (bytes.includes(0)) return { kind: 'name-syntax' };
  let isDnsName = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    const char = String.fromCharCode(c);
    if (/[a-zA-Z0-9_]/.test(char)) continue;
    if (i > 0 && i < bytes.length - 1) {
      if (char === '-') continue;
      const before = bytes[i - 1];
      const after = bytes[i + 1];
      if (char === '.' && after !== 0x2e && before !== 0x2d && after !== 0x2d) {
        isDnsName = true;
        continue;
      }
    }
    isDnsName = false;
    break;
  }
  return isDnsName ? { kind: 'dns', id: Buffer.from(bytes).toString('latin1') } : { kind: 'none' };
}

export type CommonNameId =
  | { readonly kind: 'dns'; readonly id: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'name-syntax' };

function toFailure(outcome: Outcome, kind: Kind | 'cn', name: string, at: At): Failure | null {
  const named: ConstrainedNameKind = kind === 'other' ? 'dns' : kind;
  switch (outcome.code) {
    case 'ok':
      return null;
    case 'permitted':
      return { code: 'name-not-permitted', ...at, kind: named, name };
    case 'excluded':
      return { code: 'name-excluded', ...at, kind: named, name, constraint: outcome.base };
    case 'constraint-type':
    case 'constraint-syntax':
    case 'name-syntax':
      return { code: 'name-constraint-unsupported', ...at, reason: outcome.code, problem: null };
  }
}

/** nc_match: permitted subtrees of the same type (one must match), then excluded ones. */
function match(kind: Kind, value: string, nc: NameConstraintsFacts): Outcome {
  const bases = (side: GeneralSubtreesFacts): readonly { key: string; shown: string }[] => {
    if (kind === 'ip') return side.ip.map((ip) => ({ key: ip.bytesHex, shown: ip.text }));
    // A directoryName (nc_dn compares canonical encodings) is not modelled: skipped.
    if (kind === 'other') {
      return side.other.filter((o) => o === value && o !== 'directoryName').map(plain);
    }
    return side[kind].map(plain);
  };
  let matched = 0;
  for (const base of bases(nc.permitted)) {
    if (matched === 2) continue;
    matched = 1;
    const result = single(kind, value, base.key);
    if (result === 'ok') matched = 2;
    else if (result !== 'permitted') return { code: result };
  }
  if (matched === 1) return { code: 'permitted' };
  for (const base of bases(nc.excluded)) {
    const result = single(kind, value, base.key);
    if (result === 'ok') return { code: 'excluded', base: base.shown };
    if (result !== 'permitted') return { code: result };
  }
  return { code: 'ok' };
}

const plain = (text: string) => ({ key: text, shown: text });

type Single = 'ok' | 'permitted' | 'constraint-type' | 'name-syntax';

/** nc_match_single; other kinds than these four (and directoryName) are 51. */
function single(kind: Kind, value: string, base: string): Single {
  switch (kind) {
    case 'dns':
      return ncDns(value, base);
    case 'email':
      return ncEmail(value, base);
    case 'uri':
      return ncUri(value, base);
    case 'ip':
      return ncIp(value, base);
    case 'other':
      return 'constraint-type';
  }
}

const sameNoCase = (a: string, b: string): boolean => toLowerAscii(a) === toLowerAscii(b);

function ncDns(dns: string, base: string): Single {
  if (base.length === 0) return 'ok';
  if (dns.length < base.length) return 'permitted';
  let tail = dns;
  if (dns.length > base.length) {
    tail = dns.slice(dns.length - base.length);
    if (!base.startsWith('.') && dns[dns.length - base.length - 1] !== '.') return 'permitted';
  }
  return sameNoCase(tail, base) ? 'ok' : 'permitted';
}

function ncEmail(email: string, base: string): Single {
  const baseAt = base.lastIndexOf('@');
  const emailAt = email.lastIndexOf('@');
  if (emailAt === -1) return 'name-syntax';
  if (baseAt === -1 && base.startsWith('.')) {
    return email.length > base.length && sameNoCase(email.slice(email.length - base.length), base)
      ? 'ok'
      : 'permitted';
  }
  let baseHost = base;
  if (baseAt !== -1) {
    if (baseAt !== 0) {
      if (baseAt !== emailAt) return 'permitted';
      const baseLocal = base.slice(0, baseAt);
      const emailLocal = email.slice(0, emailAt);
      if (baseLocal.includes('\0') || emailLocal.includes('\0')) return 'name-syntax';
      if (baseLocal !== emailLocal) return 'permitted';
    }
    baseHost = base.slice(baseAt + 1);
  }
  const emailHost = email.slice(emailAt + 1);
  return baseHost.length === emailHost.length && sameNoCase(baseHost, emailHost)
    ? 'ok'
    : 'permitted';
}

function ncUri(uri: string, base: string): Single {
  const colon = uri.indexOf(':');
  if (colon === -1 || uri.length - colon < 3 || uri[colon + 1] !== '/' || uri[colon + 2] !== '/') {
    return 'name-syntax';
  }
  const hostStart = colon + 3;
  let end = uri.indexOf(':', hostStart);
  if (end === -1) end = uri.indexOf('/', hostStart);
  const host = end === -1 ? uri.slice(hostStart) : uri.slice(hostStart, end);
  if (host.length === 0) return 'name-syntax';
  if (base.startsWith('.')) {
    return host.length > base.length && sameNoCase(host.slice(host.length - base.length), base)
      ? 'ok'
      : 'permitted';
  }
  return host.length === base.length && sameNoCase(host, base) ? 'ok' : 'permitted';
}

function ncIp(ipHex: string, baseHex: string): Single {
  const ip = Buffer.from(ipHex, 'hex');
  const base = Buffer.from(baseHex, 'hex');
  if (ip.length !== 4 && ip.length !== 16) return 'name-syntax';
  if (base.length !== 8 && base.length !== 32) return 'name-syntax';
  if (ip.length * 2 !== base.length) return 'permitted';
  for (let i = 0; i < ip.length; i++) {
    const mask = base[ip.length + i] ?? 0;
    if (((ip[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return 'permitted';
  }
  return 'ok';
}
