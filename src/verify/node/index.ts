/**
 * The Node client: a default `tls.connect({ host, ca })` on Node ≥ 16.13.2 (oracle: a
 * real handshake on Node 20, tests/oracle/node.ts). OpenSSL verifies the chain first;
 * only when it passes does Node call tls.checkServerIdentity, so a host name failure
 * behind a chain error is listed but never reported.
 *
 * `failures` order: the chain error Node reports (OpenSSL's last) first, then the other
 * chain errors in the order OpenSSL met them, then the host name failure.
 */
import type { Failure } from '../failures.js';
import type { ClientProfile, ClientVerdict, VerifyInput } from '../types.js';
import { verifyChain } from './chain.js';
import { checkServerIdentity } from './identity.js';
import { ALTNAME_CODE, chainMessage, identityMessage } from './messages.js';

export { checkServerIdentity } from './identity.js';
export { verifyChain } from './chain.js';
export { subjectAltNameString } from './altnames.js';

function failureKey(failure: Failure): string {
  return JSON.stringify(failure);
}

export function verifyNode(input: VerifyInput): ClientVerdict {
  const chain = verifyChain(input);
  const identity = checkServerIdentity(input.host, input.leaf);
  const reported = chain.events[chain.events.length - 1];
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const add = (failure: Failure): void => {
    const key = failureKey(failure);
    if (seen.has(key)) return;
    seen.add(key);
    failures.push(failure);
  };
  if (reported) add(reported.failure);
  for (const event of chain.events) add(event.failure);
  if (!identity.ok) add(identity.failure);

  const base = { client: 'node', host: input.host } as const;
  if (reported) {
    const { message, nativeCode } = chainMessage(reported.error);
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
