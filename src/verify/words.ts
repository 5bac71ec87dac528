/**
 * Each profile's words for a failure, by profile id: what that client would say, or null
 * when it never reports the cause. The wording lives with each client (its `words.ts`);
 * this only finds it.
 */
import type { ClientId } from '../base/client-id.js';
import type { CertFacts } from '../facts/types.js';
import type { Failure } from './failures.js';
import { goEra } from './go/eras.js';
import { goWords } from './go/words.js';
import { nodeWords } from './node/words.js';
import { opensslWords } from './openssl/words.js';

export function profileWords(client: ClientId, failure: Failure, leaf: CertFacts): string | null {
  if (client === 'openssl') return opensslWords(failure);
  if (client === 'node') return nodeWords(failure, leaf);
  return goWords(goEra(client), failure, leaf);
}
