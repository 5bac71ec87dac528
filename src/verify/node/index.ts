/**
 * The Node client: a default `tls.connect({ host, ca })` on Node ≥ 16.13.2 (oracle: a
 * real handshake on Node 20, tests/oracle/node.ts). The chain is OpenSSL 3.0's
 * X509_verify_cert, the engine the `openssl` profile uses (../openssl/engine/), with
 * libssl's settings inside Node: trust = the `ca` option only, the peer's chain as
 * untrusted certificates, the SSL-server purpose, security level 1 (auth level), no host
 * in the verify parameters, default flags. Node's verify callback accepts every error
 * and reads SSL_get_verify_result afterwards, so OpenSSL keeps going and the error Node
 * reports is the LAST one it set (an untrusted self-signed leaf with a clientAuth-only
 * EKU reports INVALID_PURPOSE, not DEPTH_ZERO_SELF_SIGNED_CERT). Only when the chain
 * passes does Node call tls.checkServerIdentity, so a host name failure behind a chain
 * error is listed but never reported.
 *
 * `failures` order: the chain error Node reports (OpenSSL's last) first, then the other
 * chain errors in the order OpenSSL met them, then the host name failure.
 */
import type { Failure } from '../failures.js';
import { x509VerifyCert } from '../openssl/engine/index.js';
import type { ClientProfile, ClientVerdict, VerifyInput } from '../types.js';
import { checkServerIdentity } from './identity.js';
import { ALTNAME_CODE, chainMessage, identityMessage } from './messages.js';

export { checkServerIdentity } from './identity.js';
export { subjectAltNameString } from './altnames.js';

function failureKey(failure: Failure): string {
  return JSON.stringify(failure);
}

/** Node's chain verification: OpenSSL's X509_verify_cert with libssl's settings. */
export function verifyChain(input: VerifyInput): ReturnType<typeof x509VerifyCert> {
  return x509VerifyCert(input, {
    purpose: 'ssl-server',
    authLevel: 1,
    checkHost: false,
    callback: () => true,
  });
}

export function verifyNode(input: VerifyInput): ClientVerdict {
  const chain = verifyChain(input);
  const identity = checkServerIdentity(input.host, input.leaf);
  const reported = chain.errors[chain.errors.length - 1];
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const add = (failure: Failure): void => {
    const key = failureKey(failure);
    if (seen.has(key)) return;
    seen.add(key);
    failures.push(failure);
  };
  if (reported) add(reported.failure);
  for (const error of chain.errors) add(error.failure);
  if (!identity.ok) add(identity.failure);

  const base = { client: 'node', host: input.host } as const;
  if (reported) {
    const { message, nativeCode } = chainMessage(reported.number);
    return { ...base, ok: false, failures, message, nativeCode, matchedBy: null };
  }
  if (!identity.ok) {
    return {
      ...base,
      ok: false,
      failures,
      message: identityMessage(identity.failure, input.leaf),
      nativeCode: ALTNAME_CODE,
      matchedBy: null,
    };
  }
  return {
    ...base,
    ok: true,
    failures: [],
    message: null,
    nativeCode: null,
    matchedBy: identity.matchedBy,
  };
}

export const nodeProfile: ClientProfile = {
  id: 'node',
  label: 'Node ≥ 16.13.2 tls.connect',
  usedBy: 'Node.js in-cluster clients (@kubernetes/client-node, kubectl-like tools)',
  oracle: 'node20',
  verify: verifyNode,
};
