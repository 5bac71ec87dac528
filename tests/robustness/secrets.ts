/**
 * What must never appear in any output: private keys (their PEM armour, their base64
 * body, their DER in hex), bearer tokens (JWTs start `eyJ`, the base64 of `{"`), and the
 * values of a Secret other than its certificates. `collectSecrets` finds the concrete
 * secret values in a set of input files so the scan can look for those exact bytes too.
 */

/** Markers that no output may contain, whatever the input. */
export const SECRET_MARKERS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/,
  /-----BEGIN OPENSSH PRIVATE KEY-----/,
  // A JWT: base64url JSON header, payload, signature.
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  // The base64 of '{"alg"' / '{"kid"' as a JWT header starts, even without dots.
  /eyJhbGciOi|eyJraWQiOi/,
  // A URL with userinfo (`https://user:password@host`): the password is a credential.
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@"'<>]+@/i,
];

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BASE64_VALUE = /[A-Za-z0-9+/]{40,}={0,2}/g;

/**
 * Secret values in `text` (a fixture file), in every spelling an output could leak them:
 * private-key bodies (base64 and hex of the DER), JWTs, and base64 values (a Secret's
 * `data`) that decode to either.
 */
export function collectSecrets(text: string, depth = 0): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [, label = '', body = ''] = match;
    if (!label.includes('PRIVATE KEY')) continue;
    const compact = body.replace(/\s+/g, '');
    found.push(compact, Buffer.from(compact, 'base64').toString('hex'));
  }
  for (const match of text.matchAll(JWT)) found.push(match[0]);
  if (depth === 0) {
    for (const match of text.matchAll(BASE64_VALUE)) {
      const decoded = Buffer.from(match[0], 'base64').toString('latin1');
      const inner = collectSecrets(decoded, 1);
      if (inner.length > 0) found.push(match[0], ...inner);
    }
  }
  return [...new Set(found)];
}

/**
 * Certificates in `text` as base64 and as DER hex. A private key holds its public half
 * (an RSA key its modulus), which the report shows as publicKeyHex; windows of a secret
 * that also occur here are public and are not looked for.
 */
export function collectPublic(text: string): string {
  const found: string[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [, label = '', body = ''] = match;
    if (label.includes('PRIVATE KEY')) continue;
    const compact = body.replace(/\s+/g, '');
    found.push(compact, Buffer.from(compact, 'base64').toString('hex'));
  }
  return found.join('\n');
}

/**
 * What leaked into `output`: a marker, or a 32-character window of a known secret that is
 * not also public (a window is too long to appear by chance, short enough to catch a part).
 */
export function leaks(output: string, secrets: readonly string[] = [], publicText = ''): string[] {
  const found: string[] = [];
  for (const marker of SECRET_MARKERS) {
    const hit = marker.exec(output);
    if (hit) found.push(`marker ${marker}: …${hit[0].slice(0, 40)}…`);
  }
  for (const secret of secrets) {
    for (let start = 0; start + 32 <= secret.length; start += 16) {
      const window = secret.slice(start, start + 32);
      if (output.includes(window) && !publicText.includes(window)) {
        found.push(`a piece of a secret value: ${window.slice(0, 12)}…`);
        break;
      }
    }
  }
  return found;
}
