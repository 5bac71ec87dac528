/**
 * URLs without their userinfo. A kubeconfig's `server`, Heapster's `--source` and an
 * endpoint argument may carry `user:password@` (RFC 3986 §3.2.1 deprecates a password
 * there; people still write one); no client sends it in a TLS handshake, and it must
 * never reach a report, an error line or a log. Applied where such text is read, before
 * anything keeps it.
 */

/** `scheme://user:pass@host…` → `scheme://host…`, wherever a `//` authority appears. */
const AUTHORITY_USERINFO = /(\/\/)[^/?#\s]*@/g;
/** A scheme-less `user:pass@host:port` (client-go adds https:// to such a server). */
const LEADING_USERINFO = /^[^/?#\s:]*(?::[^/?#\s]*)?@(?=[^@]*$)/;

export function withoutUserinfo(text: string): string {
  if (text.includes('//')) return text.replace(AUTHORITY_USERINFO, '$1');
  return text.replace(LEADING_USERINFO, '');
}
