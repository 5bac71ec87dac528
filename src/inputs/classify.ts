/**
 * What the command line asks to check, decided from the arguments alone (no file is
 * opened here): a server to dial, a file, a name that is either, a kubeconfig's server,
 * or the in-cluster apiserver. src/inputs/resolve.ts then reads or dials what the plan names.
 */
import { UsageError } from '../base/errors.js';
import { withoutUserinfo } from '../base/url.js';
import { parseEndpoint, type Endpoint } from './endpoint.js';
import { DEFAULT_SERVICEACCOUNT_DIR } from './serviceaccount.js';

export type Plan =
  /** `https://host:port` or `[v6]:port`: only a server can be meant. */
  | { readonly kind: 'endpoint'; readonly argument: string; readonly endpoint: Endpoint }
  /** `host:port` or `host`: a server unless a file of that name exists. */
  | { readonly kind: 'endpoint-or-file'; readonly argument: string; readonly endpoint: Endpoint }
  /** A certificate, Secret, kubeconfig or service-account directory, told apart by content. */
  | { readonly kind: 'file'; readonly argument: string }
  /** No argument, --kubeconfig: its server, checked live. */
  | { readonly kind: 'kubeconfig'; readonly path: string }
  /** No argument, --in-cluster: what client-go's InClusterConfig dials. */
  | { readonly kind: 'in-cluster'; readonly serviceAccountDir: string };

export interface ClassifyOptions {
  /** The positional argument, if any. */
  readonly certificate: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly inCluster: boolean;
  readonly serviceAccountDir: string | undefined;
}

export function classify(options: ClassifyOptions): Plan {
  // An endpoint's userinfo is a credential, never dialled or shown: dropped before the plan
  // keeps the argument. A file name is left alone (a file may be called `a@b`).
  const given = options.certificate;
  const argument =
    given !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? withoutUserinfo(given) : given;
  if (argument !== undefined && argument !== '') {
    if (options.inCluster)
      throw new UsageError('--in-cluster dials the apiserver itself: give no certificate argument');
    const endpoint = parseEndpoint(argument);
    if (!endpoint) return { kind: 'file', argument };
    return { kind: endpoint.explicit ? 'endpoint' : 'endpoint-or-file', argument, endpoint };
  }
  if (options.kubeconfig !== undefined) return { kind: 'kubeconfig', path: options.kubeconfig };
  if (options.inCluster)
    return {
      kind: 'in-cluster',
      serviceAccountDir: options.serviceAccountDir ?? DEFAULT_SERVICEACCOUNT_DIR,
    };
  throw new UsageError(
    'nothing to check: give a certificate file (or -), an endpoint (https://host:port), --kubeconfig FILE or --in-cluster',
  );
}
