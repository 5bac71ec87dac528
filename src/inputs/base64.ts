/**
 * The base64 of a Secret's `data` and a kubeconfig's `*-data` fields: Go's
 * encoding/base64 StdEncoding (RFC 4648 §4, padded), which is what the API server
 * and client-go decode with — no line breaks, no URL-safe alphabet.
 */
// Padded StdEncoding is whole groups of four with at most two '=' at the end: this
// alphabet check plus the length is the same test as a regex of groups of four, which
// costs twice as much per Secret value in a batch.
const ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeStdBase64(text: string): Uint8Array | undefined {
  const compact = text.trim();
  if (compact.length % 4 !== 0 || !ALPHABET.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
