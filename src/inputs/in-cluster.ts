/**
 * In-cluster mode as client-go's InClusterConfig does it: KUBERNETES_SERVICE_HOST/PORT name
 * the server (an IP, so no SNI), the service-account directory gives ca.crt and token, and a
 * missing ca.crt is only logged before the system roots are used.
 */
import { ipVersion } from '../base/ip.js';
import type { InputEntry } from '../report/report.js';
import type { InputFinding } from '../report/findings.js';
import { InputError } from '../base/errors.js';
import { endpointText } from '../live/types.js';
import type { Live } from './capture.js';
import {
  NOT_IN_CLUSTER,
  readServiceAccountDir,
  serviceAccountText,
  type ServiceAccountView,
} from './serviceaccount.js';
import type { Anchors, InputReader } from './types.js';

type Environment = Readonly<Record<string, string | undefined>>;

export function requireInClusterEnv(env: Environment): void {
  if (!env['KUBERNETES_SERVICE_HOST'] || !env['KUBERNETES_SERVICE_PORT'])
    throw new InputError('--in-cluster', NOT_IN_CLUSTER);
}

export async function serviceAccountDir(
  dir: string,
  reader: InputReader,
): Promise<ServiceAccountView> {
  if ((await reader.pathKind(dir)) === 'missing')
    throw new InputError(dir, 'no such directory (not in a pod? pass --serviceaccount-dir)');
  return readServiceAccountDir(dir, reader);
}

export function inClusterLive(
  view: ServiceAccountView,
  options: { readonly env: Environment },
  findings: InputFinding[],
  inputs: InputEntry[],
): { live: Live; anchors: Anchors } {
  requireInClusterEnv(options.env);
  const host = options.env['KUBERNETES_SERVICE_HOST'] ?? '';
  const port = Number(options.env['KUBERNETES_SERVICE_PORT']);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InputError(
      'KUBERNETES_SERVICE_PORT',
      `${JSON.stringify(options.env['KUBERNETES_SERVICE_PORT'])} is not a port`,
    );
  inputs.push({
    role: 'endpoint',
    form: 'serviceaccount-dir',
    source: view.dir,
    detail: `${serviceAccountText(view)}; dials https://${endpointText(host, port)} (KUBERNETES_SERVICE_HOST/PORT)`,
  });
  serviceAccountFindings(view, findings);
  return {
    live: {
      source: `https://${endpointText(host, port)}`,
      host,
      port,
      servername: ipVersion(host) ? null : host,
      names: null,
    },
    anchors: view.ca ? { bytes: [view.ca] } : 'system',
  };
}

export function serviceAccountFindings(view: ServiceAccountView, findings: InputFinding[]): void {
  if (view.caLog)
    findings.push({
      code: 'system-roots',
      severity: 'warning',
      note: `client-go logs "${view.caLog}" and continues with the system roots.`,
    });
  if (view.tokenError)
    findings.push({
      code: 'serviceaccount-token-missing',
      severity: 'warning',
      note: `InClusterConfig returns "${view.tokenError}".`,
    });
}
