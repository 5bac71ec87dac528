/**
 * OpenSSL compares host names as C byte strings. These helpers turn the facts' JS
 * strings into "byte strings" (one char per octet, code points 0–255) so the rules in
 * match.ts can be written octet for octet, as crypto/x509/v3_utl.c does.
 */

/** UTF-8 octets of `text`, one char per octet: how argv and ASN1_STRING_to_UTF8 see it. */
export function utf8Octets(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * A C string stops at its first NUL: `openssl verify -verify_hostname` hands the name to
 * X509_VERIFY_PARAM_set1_host(…, 0), which measures it with strlen (crypto/x509/x509_vpm.c).
 */
export function cString(octets: string): string {
  const nul = octets.indexOf('\0');
  return nul === -1 ? octets : octets.slice(0, nul);
}

/** OpenSSL's ASCII-only case folding for one octet (v3_utl.c equal_nocase). */
export function foldOctet(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

export function isAlnumOctet(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

/** OPENSSL_strncasecmp(text, prefix, prefix.length) === 0, for an ASCII prefix. */
export function startsWithNocase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (foldOctet(text.charCodeAt(i)) !== foldOctet(prefix.charCodeAt(i))) return false;
  }
  return true;
}
