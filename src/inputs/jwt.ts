/**
 * The non-secret claims of a service-account token, so a report can say whose token it
 * is and when it expires without ever printing the token (RFC 7519 §4.1: iss, sub, exp).
 * The signature is not checked: the claims are only shown, never trusted.
 */
import { isRecord } from './structured.js';

export interface TokenClaims {
  readonly iss: string | null;
  readonly sub: string | null;
  /** Expiry in unix seconds; legacy Secret-based tokens have none. */
  readonly exp: number | null;
}

export function tokenClaims(token: string): TokenClaims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    if (!isRecord(payload)) return null;
    return {
      iss: typeof payload['iss'] === 'string' ? payload['iss'] : null,
      sub: typeof payload['sub'] === 'string' ? payload['sub'] : null,
      exp: typeof payload['exp'] === 'number' ? payload['exp'] : null,
    };
  } catch {
    return null;
  }
}

/** "token present (JWT iss=…, sub=…, exp=…)": what may be said about a token. */
export function tokenText(token: string): string {
  const claims = tokenClaims(token);
  if (!claims) return 'token present (not a JWT)';
  const exp = claims.exp === null ? 'none' : new Date(claims.exp * 1000).toISOString();
  return `token present (JWT iss=${claims.iss ?? '?'}, sub=${claims.sub ?? '?'}, exp=${exp})`;
}
