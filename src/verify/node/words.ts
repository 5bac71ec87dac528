/**
 * What Node's `tls.connect` reports for a failure: checkServerIdentity's message for a
 * host name failure, OpenSSL's chain error with its err.code otherwise, null for causes
 * Node never reports.
 */
import type { CertFacts } from '../../facts/types.js';
import type { Failure } from '../failures.js';
import { opensslError } from '../openssl/messages.js';
import {
  chainMessage,
  identityMessage,
  OPENSSL_ERRORS,
  reportedBy,
  type IdentityFailure,
  type OpenSslError,
} from './messages.js';

export function nodeWords(failure: Failure, leaf: CertFacts): string | null {
  const reporter = reportedBy(failure.code);
  if (reporter === 'identity') return identityMessage(failure as IdentityFailure, leaf);
  if (reporter === 'never') return null;
  const name = opensslError(failure).name.replace(/^X509_V_ERR_/, '');
  if (!(name in OPENSSL_ERRORS)) return null;
  const { message, nativeCode } = chainMessage(name as OpenSslError);
  return `${message} (err.code ${nativeCode})`;
}
