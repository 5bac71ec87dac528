/**
 * The host check `openssl verify` runs in check_id (crypto/x509/x509_vfy.c, 3.0):
 * X509_check_host for `-verify_hostname`, X509_check_ip for `-verify_ip`, both with the
 * default flags 0 (X509_check_host(3), OpenSSL 3.0; v3_utl.c do_x509_check).
 */
import type { CertFacts } from '../../facts/types.js';
import type { Failure } from '../failures.js';
import { bytesEqual, ipToBytes } from '../../base/ip.js';
import type { MatchedBy } from '../types.js';
import { cString, utf8Octets } from './bytes.js';
import { equalNocase, equalWildcard } from './match.js';

export type HostCheck =
  | { readonly ok: true; readonly matchedBy: MatchedBy | null }
  | { readonly ok: false; readonly failure: Failure };

/**
 * Whether the dialled host is checked as an IP address (`-verify_ip`) rather than as a
 * name: dotted-quad IPv4 without leading zeros, or IPv6. The oracle uses the same
 * predicate to choose the flag, as a client choosing between X509_VERIFY_PARAM_set1_ip
 * and set1_host would.
 */
export function isIpHost(host: string): boolean {
  return ipToBytes(host) !== undefined;
}

export function checkHostOrIp(leaf: CertFacts, host: string): HostCheck {
  const ip = ipToBytes(host);
  return ip ? checkIp(leaf, host, ip) : checkHost(leaf, host);
}

/**
 * X509_check_ip, flags 0: only iPAddress SANs count, compared octet for octet with equal
 * lengths (so 10.0.0.1 never matches the 16-octet ::ffff:10.0.0.1); DNS SANs and the
 * subject CN are never consulted, even if they spell the address ("IP addresses stored
 * in DNS names and Common Names are ignored", X509_check_host(3)).
 */
export function checkIp(leaf: CertFacts, host: string, address: Uint8Array): HostCheck {
  const ipSans = leaf.san?.ip ?? [];
  const hit = ipSans.find((san) => bytesEqual(Buffer.from(san.bytesHex, 'hex'), address));
  if (hit) return { ok: true, matchedBy: { kind: 'ip-san', address: hit.text } };
  if (ipSans.length === 0) {
    const spelled = (leaf.san?.dns ?? []).some((dns) => equalNocase(dns, host));
    return { ok: false, failure: { code: 'no-ip-sans', host, dnsSpellingIp: spelled } };
  }
  return {
    ok: false,
    failure: { code: 'ip-not-in-sans', host, ipSans: ipSans.map((san) => san.text) },
  };
}

/**
 * X509_check_host, flags 0:
 * - the host is taken as a C string (cut at a NUL); an empty host means no host was set,
 *   and check_id then skips the check altogether (x509_vpm.c int_x509_param_set_hosts);
 * - every dNSName is tried in order (equal_wildcard, match.ts); if the certificate has
 *   any dNSName (even an empty one) and none matches, the check fails — the CN is used
 *   only when there is no dNSName at all ("the subject DN when no corresponding subject
 *   alternative names are present", X509_check_host(3)); IP and URI SANs do not count;
 * - otherwise every CN in the subject, in DER order, is converted to UTF-8 and tried
 *   with the same wildcard rules; empty CNs are skipped.
 */
export function checkHost(leaf: CertFacts, host: string): HostCheck {
  const subject = cString(utf8Octets(host));
  if (subject.length === 0) return { ok: true, matchedBy: null };

  const dnsSans = leaf.san?.dns ?? [];
  for (const dns of dnsSans) {
    if (dns.length === 0) continue;
    const result = equalWildcard(dns, subject);
    if (result.matched) {
      return { ok: true, matchedBy: { kind: 'dns-san', pattern: dns, wildcard: result.wildcard } };
    }
  }
  if (dnsSans.length > 0)
    return { ok: false, failure: { code: 'name-not-in-sans', host, dnsSans } };

  const commonNames = leaf.subject.commonNames;
  for (const cn of commonNames) {
    if (cn.length === 0) continue;
    const result = equalWildcard(utf8Octets(cn), subject);
    if (result.matched) {
      return {
        ok: true,
        matchedBy: { kind: 'common-name', pattern: cn, wildcard: result.wildcard },
      };
    }
  }
  const last = commonNames.at(-1);
  if (last === undefined) return { ok: false, failure: { code: 'no-names', host } };
  return { ok: false, failure: { code: 'cn-mismatch', host, commonName: last } };
}
