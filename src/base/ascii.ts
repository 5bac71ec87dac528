/**
 * ASCII-only case folding, as every modelled client does for host names
 * (RFC 6125 §6.4.1; Go's toLowerCaseASCII, OpenSSL's equal_nocase, Node's toLowerCase
 * after its own ASCII checks). Non-ASCII code points are left alone.
 */
export function toLowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 32));
}
