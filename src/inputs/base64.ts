/**
 * The base64 of a Secret's `data` and a kubeconfig's `*-data` fields: Go's
 * encoding/base64 StdEncoding (RFC 4648 §4, padded), which is what the API server
 * and client-go decode with — no line breaks, no URL-safe alphabet.
 */
const STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeStdBase64(text: string): Uint8Array | undefined {
  const compact = text.trim();
  if (!STD.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
