/**
 * The base64 of a Secret's `data` and a kubeconfig's `*-data` fields: Go's
 * encoding/base64 StdEncoding (RFC 4648 §4, padded), which is what the API server
 * and client-go decode with — no line breaks, no URL-safe alphabet.
 */
import { isBase64Alphabet } from '../load/pem.js';

export function decodeStdBase64(text: string): Uint8Array | undefined {
  const compact = text.trim();
  // Padded: whole groups of four, at most two '=' and only at the end.
  if (compact.length % 4 !== 0 || !isBase64Alphabet(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
