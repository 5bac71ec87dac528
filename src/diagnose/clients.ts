/**
 * --client values → profile ids. `heapster` is an alias for the Go profile of the
 * Heapster release in --heapster-version; `all` adds every profile. The first value
 * decides the verdict; with `all` alone that is Heapster's profile, the question this
 * tool exists to answer.
 */
import { UsageError } from '../base/errors.js';
import { heapsterClient, type HeapsterClient } from '../kube/heapster.js';
import { CLIENT_IDS, type ClientId } from '../verify/types.js';
import type { ComponentId } from '../base/component-id.js';
import type { Era } from './component.js';

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

/**
 * The clients a component's certificate is judged by when --client is not given: who
 * dials it, in its era. An apiserver certificate from Heapster's era is decided by Heapster
 * and one made later by today's client-go, each with the other beside it; webhooks,
 * aggregated APIs, kubelets, etcd and kubeconfigs by today's Go (the kube-apiserver,
 * metrics-server, kubectl); an ingress by OpenSSL-linked clients (curl).
 */
export function defaultClientValues(component: ComponentId, era: Era): string[] {
  switch (component) {
    case 'kube-apiserver':
    case 'other':
      return era === 'heapster' ? ['heapster', 'go'] : ['go', 'heapster'];
    case 'kubelet':
      return era === 'heapster' ? ['heapster', 'go'] : ['go'];
    case 'ingress':
      return ['openssl', 'go', 'node'];
    case 'webhook':
    case 'aggregated-apiserver':
    case 'etcd':
    case 'kube-scheduler':
    case 'kube-controller-manager':
    case 'kubeconfig-client':
    case 'ca':
      return ['go'];
  }
}
