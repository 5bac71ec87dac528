/**
 * What `openssl verify` prints for a failure (apps/verify.c's callback: `error N at D depth
 * lookup: text`), or null for causes it never reports.
 */
import type { Failure, FailureCode } from '../failures.js';
import { opensslError } from './messages.js';

export function opensslWords(failure: Failure): string | null {
  if (NOT_OPENSSL.has(failure.code)) return null;
  const error = opensslError(failure);
  const depth = 'depth' in failure ? failure.depth : 0;
  return `error ${error.number} at ${depth} depth lookup: ${error.text}`;
}

/** Codes `openssl verify` (the openssl profile) never reports. */
const NOT_OPENSSL: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'name-constraints-without-sans',
  'legacy-common-name',
  'cn-not-hostname',
  'self-signed-not-ca',
  'signature-check-limit',
  'weak-signature-digest',
]);
