/**
 * PEM framing (RFC 7468), lenient about the text around blocks, strict about the
 * blocks themselves. Block bodies other than certificates are never returned or
 * echoed: only their labels, so that a private key pasted by mistake can be named
 * ("found an RSA PRIVATE KEY block") without its contents going anywhere.
 */

export interface PemBlock {
  readonly label: string;
  /** Base64 body with whitespace removed; for non-certificate blocks this stays internal. */
  readonly body: string;
}

export interface PemScan {
  readonly blocks: PemBlock[];
  /** A BEGIN line with no matching END line, if any. */
  readonly unterminated?: string;
}

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;

export function containsPem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  BEGIN.lastIndex = 0;
  for (let match = BEGIN.exec(text); match; match = BEGIN.exec(text)) {
    const label = match[1] ?? '';
    const end = `-----END ${label}-----`;
    const bodyStart = match.index + match[0].length;
    const endAt = text.indexOf(end, bodyStart);
    if (endAt < 0) return { blocks, unterminated: label };
    blocks.push({ label, body: text.slice(bodyStart, endAt).replace(/\s+/g, '') });
    BEGIN.lastIndex = endAt + end.length;
  }
  return { blocks };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (standard alphabet, padded or not); `undefined` when it is not base64. */
export function decodeBase64(body: string): Uint8Array | undefined {
  // Base64 may be wrapped into lines, but a line never has spaces inside it.
  const lines = body.trim().split(/\r?\n/);
  if (lines.some((line) => /\S\s+\S/.test(line))) return undefined;
  const compact = body.replace(/\s+/g, '');
  if (compact.length === 0 || !BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** The labels that carry certificates. OpenSSL's TRUSTED CERTIFICATE adds trust data after the DER. */
export const CERTIFICATE_LABELS: ReadonlySet<string> = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
