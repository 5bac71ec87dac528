/**
 * What a component's log line shows around the client's bare verification error, so the
 * line a user pastes can be searched for. The wrappers:
 *  - crypto/tls from Go 1.20 wraps a failed verification as
 *    `tls: failed to verify certificate: <x509 error>` (Go 1.20 crypto/tls
 *    handshake_client.go, CertificateVerificationError); net/http's url.Error adds
 *    `<Method> "<URL>": ` (quoted since Go 1.14). Both checked against the real Go 1.23 in
 *    tests/oracle/go-logged.test.ts.
 *  - kube-apiserver calling an admission webhook: `failed calling webhook "<name>": failed to
 *    call webhook: <url.Error>` (k8s.io/apiserver pkg/admission/plugin/webhook/errors and
 *    webhookerrors.ToStatusErr).
 *  - metrics-server: `"Failed to scrape node" err="<url.Error>" node="<node>"`
 *    (sigs.k8s.io/metrics-server pkg/scraper/scraper.go, klog structured).
 *  - kubectl: `Unable to connect to the server: <inner error>` (k8s.io/kubectl
 *    pkg/cmd/util/helpers.go StandardErrorMessage for a *url.Error).
 * Only the Go rows whose crypto/tls wraps do (`tlsWrapsVerifyError` in src/verify/go/eras.ts:
 * Go ≥ 1.20); the older Go profiles, OpenSSL and Node are logged as their bare message.
 */
import type { ComponentId } from '../base/component-id.js';
import type { ClientId } from '../base/client-id.js';
import type { DialledCall } from '../names/defaults.js';
import { goEra } from '../verify/go/eras.js';

export const TLS_VERIFY_WRAPPER = 'tls: failed to verify certificate: ';

/** Go's url.Error text for a request to `url` that failed with `inner` (Go ≥ 1.14 quoting). */
export function urlError(method: 'Get' | 'Post', url: string, inner: string): string {
  return `${method} "${url}": ${inner}`;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * `port`: the one the name was dialled at, when given (else the component's usual port).
 * `call`: the webhook call a configuration describes; without it the webhook's name, path
 * and timeout are written as placeholders.
 */
export function loggedLine(
  component: ComponentId,
  client: ClientId,
  host: string,
  message: string | null,
  port?: number,
  call?: DialledCall,
): string | null {
  if (message === null) return null;
  if (client === 'openssl' || client === 'node' || !goEra(client).tlsWrapsVerifyError)
    return message;
  const wrapped = `${TLS_VERIFY_WRAPPER}${message}`;
  switch (component) {
    case 'webhook':
      return call
        ? `failed calling webhook "${call.webhook}": failed to call webhook: ${urlError('Post', `${call.url}?timeout=${call.timeoutSeconds}s`, wrapped)}`
        : `failed calling webhook "<webhook name>": failed to call webhook: ${urlError('Post', `https://${hostPort(host, port ?? 443)}/<path>?timeout=10s`, wrapped)}`;
    case 'aggregated-apiserver':
      return `failing or missing response from https://${hostPort(host, port ?? 443)}/apis/<group>/<version>: ${urlError('Get', `https://${hostPort(host, port ?? 443)}/apis/<group>/<version>`, wrapped)}`;
    case 'kubelet':
      return `"Failed to scrape node" err="${urlError('Get', `https://${hostPort(host, port ?? 10250)}/metrics/resource`, wrapped).replace(/"/g, '\\"')}" node="<node>"`;
    case 'kubeconfig-client':
      return `Unable to connect to the server: ${wrapped}`;
    case 'kube-apiserver':
    case 'other':
      return urlError('Get', `https://${hostPort(host, port ?? 443)}/api?timeout=32s`, wrapped);
    case 'etcd':
    case 'kube-scheduler':
    case 'kube-controller-manager':
    case 'ingress':
    case 'ca':
      return wrapped;
  }
}
