/**
 * The registry of client profiles, in the order reports list them.
 */
import { goProfiles } from './go/index.js';
import { nodeProfile } from './node/index.js';
import { opensslProfile } from './openssl/index.js';
import type { ClientId, ClientProfile } from './types.js';

export const PROFILES: readonly ClientProfile[] = [...goProfiles, opensslProfile, nodeProfile];

export function profileById(id: ClientId): ClientProfile {
  const profile = PROFILES.find((candidate) => candidate.id === id);
  if (!profile) throw new Error(`no profile registered for ${id}`);
  return profile;
}
