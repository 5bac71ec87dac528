/**
 * --client values → profile ids. `heapster` is an alias for the Go profile of the
 * Heapster release in --heapster-version; `all` adds the profiles in ALL_CLIENTS, `all-go`
 * every Go profile; `go1.N` / `go1.N.P` is a Go release, resolved to the profile that models it. The first value
 * decides the verdict; with `all` alone that is Heapster's profile, the question this
 * tool exists to answer.
 */
import { UsageError } from '../base/errors.js';
import {
  heapsterClient,
  isGoReleaseName,
  resolveGoRelease,
  type HeapsterClient,
} from '../verify/go/releases.js';
import { CLIENT_IDS, type ClientId } from '../verify/types.js';
import type { ComponentId } from '../base/component-id.js';
import type { Era } from './component.js';

/**
 * Today's Go: the newest Go row checked against a real Go here (go1.23.5, recorded and
 * live). Kubernetes 1.32 is built with Go 1.23; later releases with Go 1.24 and on, whose
 * row (`go1.24`) adds only what the release notes say (RSA keys under 1024 bits, SHA-1
 * without a GODEBUG) and cannot be run here. Components that dial with client-go today are
 * judged by it.
 */
export const TODAY_GO: ClientId = 'go1.23';

/**
 * `all`: today's Go, then one Go profile per behaviour family that reports have always
 * listed, then OpenSSL and Node; the finer Go rows (one per release range that behaves
 * differently) are named by release (`--client go1.9.2`), by id, or all at once with
 * `all-go`.
 */
const ALL_CLIENTS: readonly ClientId[] = [
  TODAY_GO,
  'go',
  'go1.15',
  'go1.14',
  'go1.11',
  'go1.10',
  'go1.8',
  'go1.5',
  'go1.4',
  'openssl',
  'node',
];

export interface ResolvedClients {
  readonly ids: readonly ClientId[];
  /** The Go release asked for (`--client go1.9.2`) per profile it resolved to. */
  readonly releases: Readonly<Partial<Record<ClientId, string>>>;
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
  const releases: Partial<Record<ClientId, string>> = {};
  const add = (id: ClientId): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const value of list) {
    if (value === 'heapster') add(heapster.profile);
    else if (value === 'all') {
      if (ids.length === 0) add(heapster.profile);
      ALL_CLIENTS.forEach(add);
    } else if (value === 'all-go') {
      if (ids.length === 0) add(heapster.profile);
      CLIENT_IDS.filter((id) => id !== 'openssl' && id !== 'node').forEach(add);
    } else if (isGoReleaseName(value)) {
      // A Go release (go1.N or go1.N.P, 1.4 onwards): the profile that models it. Profile
      // ids such as go1.8 are release names too and resolve to themselves.
      const { release, era } = resolveReleaseOption(value);
      add(era.id);
      releases[era.id] ??= release;
    } else if (isClientId(value)) add(value);
    else
      throw new UsageError(
        `--client: unknown client ${JSON.stringify(value)}; choose heapster, all, all-go, a Go release such as go1.9.2, or one of ${CLIENT_IDS.join(', ')}`,
      );
  }
  const primaryFromAlias = list[0] === 'heapster' || list[0] === 'all' || list[0] === 'all-go';
  return { ids, releases, heapster: primaryFromAlias ? heapster : null };
}

function resolveReleaseOption(value: string): ReturnType<typeof resolveGoRelease> {
  try {
    return resolveGoRelease(value);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`--client: ${error.message}`);
    throw error;
  }
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
      return era === 'heapster' ? ['heapster', TODAY_GO] : [TODAY_GO, 'heapster'];
    case 'kubelet':
      return era === 'heapster' ? ['heapster', TODAY_GO] : [TODAY_GO];
    case 'ingress':
      return ['openssl', TODAY_GO, 'node'];
    case 'webhook':
    case 'aggregated-apiserver':
    case 'etcd':
    case 'kube-scheduler':
    case 'kube-controller-manager':
    case 'kubeconfig-client':
    case 'ca':
      return [TODAY_GO];
  }
}
