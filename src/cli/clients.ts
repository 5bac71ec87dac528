/**
 * --client values → profile ids. `heapster` is an alias for the Go profile of the
 * Heapster release in --heapster-version; `all` adds every profile. The first value
 * decides the verdict; with `all` alone that is Heapster's profile, the question this
 * tool exists to answer.
 */
import { UsageError } from '../base/errors.js';
import { heapsterClient, type HeapsterClient } from '../kube/heapster.js';
import { CLIENT_IDS, type ClientId } from '../verify/types.js';

export interface ResolvedClients {
  readonly ids: readonly ClientId[];
  /** Set when the primary profile came from the heapster alias. */
  readonly heapster: HeapsterClient | null;
}

export function resolveClients(
  values: readonly string[],
  heapsterVersion: string | undefined,
): ResolvedClients {
  const requested = values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const list = requested.length > 0 ? requested : ['heapster'];
  const heapster = heapsterClient(heapsterVersion);
  const ids: ClientId[] = [];
  const add = (id: ClientId): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const value of list) {
    if (value === 'heapster') add(heapster.profile);
    else if (value === 'all') {
      if (ids.length === 0) add(heapster.profile);
      CLIENT_IDS.forEach(add);
    } else if (isClientId(value)) add(value);
    else
      throw new UsageError(
        `--client: unknown client ${JSON.stringify(value)}; choose heapster, all, or one of ${CLIENT_IDS.join(', ')}`,
      );
  }
  const primaryFromAlias = list[0] === 'heapster' || list[0] === 'all';
  return { ids, heapster: primaryFromAlias ? heapster : null };
}

function isClientId(value: string): value is ClientId {
  return (CLIENT_IDS as readonly string[]).includes(value);
}
