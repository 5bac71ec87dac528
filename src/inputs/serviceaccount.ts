/**
 * The service-account mount as client-go's rest.InClusterConfig reads it
 * (k8s.io/client-go rest/config.go; the mount path is the admission plugin's
 * DefaultAPITokenMountPath):
 *   - KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set, else ErrNotInCluster;
 *   - `token` must be readable, else the open error is returned and no client is built;
 *   - `ca.crt` must parse as a PEM pool (util/cert NewPool); if not, the error is only
 *     logged and the TLS config keeps no CA file, so the system roots are used.
 * `namespace` is read by clientcmd's in-cluster config for the default namespace.
 */
import { join } from 'node:path';
import { InputError } from '../base/errors.js';
import { containsPem, scanPem } from '../load/pem.js';
import { tokenText } from './jwt.js';
import type { FoundBytes, InputReader } from './types.js';

export const DEFAULT_SERVICEACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** client-go ErrNotInCluster, verbatim. */
export const NOT_IN_CLUSTER =
  'unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined';

export interface ServiceAccountView {
  readonly dir: string;
  readonly ca: FoundBytes | null;
  /** What client-go logs when ca.crt cannot be used (then it falls back to the system roots). */
  readonly caLog: string | null;
  /** "token present (JWT …)", never the token. */
  readonly token: string | null;
  /** The error InClusterConfig returns when the token cannot be read. */
  readonly tokenError: string | null;
  readonly namespace: string | null;
}

export async function readServiceAccountDir(
  dir: string,
  reader: InputReader,
): Promise<ServiceAccountView> {
  if ((await reader.pathKind(dir)) !== 'directory')
    throw new InputError(
      dir,
      'is not a directory (expected a service-account mount with ca.crt, token, namespace)',
    );
  const caPath = join(dir, 'ca.crt');
  const tokenPath = join(dir, 'token');
  const namespacePath = join(dir, 'namespace');
  const [ca, token, namespace] = await Promise.all([
    readIfFile(caPath, reader),
    readIfFile(tokenPath, reader),
    readIfFile(namespacePath, reader),
  ]);
  if (ca === null && token === null && namespace === null)
    throw new InputError(
      dir,
      'holds none of ca.crt, token, namespace: not a service-account directory',
    );

  let caLog: string | null = null;
  if (ca === null) {
    caLog = `Expected to load root CA config from ${caPath}, but got err: open ${caPath}: no such file or directory`;
  } else if (!hasPemCertificate(ca)) {
    caLog = `Expected to load root CA config from ${caPath}, but got err: error creating pool from ${caPath}: data does not contain any valid RSA or ECDSA certificates`;
  }
  return {
    dir,
    ca: ca && caLog === null ? { bytes: ca, label: caPath } : null,
    caLog,
    token: token === null ? null : tokenText(Buffer.from(token).toString('utf8')),
    tokenError: token === null ? `open ${tokenPath}: no such file or directory` : null,
    namespace: namespace === null ? null : Buffer.from(namespace).toString('utf8').trim(),
  };
}

/** client-go's pool takes PEM CERTIFICATE blocks only (util/cert ParseCertsPEM), not DER. */
function hasPemCertificate(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  return containsPem(text) && scanPem(text).blocks.some((block) => block.label === 'CERTIFICATE');
}

async function readIfFile(path: string, reader: InputReader): Promise<Uint8Array | null> {
  return (await reader.pathKind(path)) === 'file' ? reader.read(path) : null;
}

export function serviceAccountText(view: ServiceAccountView): string {
  const parts = [
    view.ca ? 'ca.crt' : 'no usable ca.crt (system roots)',
    view.token ?? 'no token',
    view.namespace !== null ? `namespace ${view.namespace}` : 'no namespace',
  ];
  return `service-account directory ${view.dir}: ${parts.join('; ')}`;
}
