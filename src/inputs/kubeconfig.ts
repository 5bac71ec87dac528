/**
 * A kubeconfig as client-go's clientcmd reads it (k8s.io/client-go/tools/clientcmd/api/v1
 * types.go): the context (`--context`, else `current-context`) names a cluster, whose
 * `server` is dialled and whose `certificate-authority-data` (base64, wins over the file,
 * as clientcmd's dataFromSliceOrFile does) or `certificate-authority` (a path relative to
 * the kubeconfig, clientcmd ResolvePaths) is the CA. `tls-server-name` replaces the host for
 * SNI and for the name check (rest.TLSClientConfig.ServerName); `insecure-skip-tls-verify`
 * switches verification off. User credentials are never read.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../base/errors.js';
import { stripBrackets } from '../base/ip.js';
import { withoutUserinfo } from '../base/url.js';
import { decodeStdBase64 } from './base64.js';
import { isRecord, stringField } from './structured.js';
import type { FoundBytes } from './types.js';

export interface KubeconfigView {
  readonly context: string;
  readonly cluster: string;
  readonly server: string;
  readonly host: string;
  readonly port: number;
  readonly tlsServerName: string | null;
  readonly insecure: boolean;
  /** The CA from certificate-authority-data, when set. */
  readonly caData: FoundBytes | null;
  /** certificate-authority resolved against the kubeconfig's directory, when no data is set. */
  readonly caFile: string | null;
}

export function isKubeconfigDocument(doc: Record<string, unknown>): boolean {
  return doc['kind'] === 'Config' || Array.isArray(doc['clusters']);
}

export function kubeconfigFrom(
  doc: Record<string, unknown>,
  source: string,
  contextName: string | undefined,
): KubeconfigView {
  const contexts = namedList(doc, 'contexts', 'context', source);
  const clusters = namedList(doc, 'clusters', 'cluster', source);
  const wanted = contextName ?? stringField(doc, 'current-context') ?? '';
  const available = contexts.map(([name]) => name).join(', ') || 'none';
  if (wanted === '')
    throw new InputError(source, `has no current-context; pass --context (contexts: ${available})`);
  const context = contexts.find(([name]) => name === wanted)?.[1];
  if (!context)
    throw new InputError(
      source,
      `has no context ${JSON.stringify(wanted)} (contexts: ${available})`,
    );
  const clusterName = stringField(context, 'cluster') ?? '';
  const cluster = clusters.find(([name]) => name === clusterName)?.[1];
  if (!cluster)
    throw new InputError(
      source,
      `context ${JSON.stringify(wanted)} names cluster ${JSON.stringify(clusterName)}, which is not in clusters`,
    );
  const where = `cluster ${JSON.stringify(clusterName)}`;
  // Userinfo in the URL is a credential: dropped here, before anything keeps the server.
  const server = withoutUserinfo(stringField(cluster, 'server') ?? '');
  if (server === '') throw new InputError(source, `${where} has no server`);
  const { host, port } = serverEndpoint(server, source, where);

  const data = stringField(cluster, 'certificate-authority-data');
  let caData: FoundBytes | null = null;
  if (data !== undefined && data !== '') {
    const bytes = decodeStdBase64(data);
    if (!bytes)
      throw new InputError(source, `${where}: certificate-authority-data is not valid base64`);
    caData = { bytes, label: `${source}: ${where} certificate-authority-data` };
  }
  const file = stringField(cluster, 'certificate-authority');
  const caFile =
    caData === null && file
      ? isAbsolute(file) || source === '-'
        ? file
        : join(dirname(source), file)
      : null;
  const tlsServerName = stringField(cluster, 'tls-server-name') ?? null;
  return {
    context: wanted,
    cluster: clusterName,
    server,
    host,
    port,
    tlsServerName: tlsServerName === '' ? null : tlsServerName,
    insecure: cluster['insecure-skip-tls-verify'] === true,
    caData,
    caFile,
  };
}

/** client-go accepts a server without a scheme and then assumes https (rest.DefaultServerURL). */
function serverEndpoint(
  server: string,
  source: string,
  where: string,
): { host: string; port: number } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(server) ? server : `https://${server}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InputError(source, `${where}: server ${JSON.stringify(server)} is not a URL`);
  }
  if (url.protocol !== 'https:')
    throw new InputError(
      source,
      `${where}: server ${server} is not https: there is no TLS to check`,
    );
  return { host: stripBrackets(url.hostname), port: url.port === '' ? 443 : Number(url.port) };
}

function namedList(
  doc: Record<string, unknown>,
  key: string,
  inner: string,
  source: string,
): [string, Record<string, unknown>][] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new InputError(source, `${key} is not a list`);
  return list.flatMap((entry): [string, Record<string, unknown>][] => {
    if (!isRecord(entry)) return [];
    const body = entry[inner];
    return [[stringField(entry, 'name') ?? '', isRecord(body) ? body : {}]];
  });
}

export function kubeconfigText(view: KubeconfigView): string {
  const ca = view.caData
    ? 'certificate-authority-data'
    : view.caFile
      ? `certificate-authority ${view.caFile}`
      : 'no CA (system roots)';
  const extra = [
    view.tlsServerName ? `tls-server-name ${view.tlsServerName}` : '',
    view.insecure ? 'insecure-skip-tls-verify: true' : '',
  ].filter(Boolean);
  return `context ${view.context} (cluster ${view.cluster}, server ${view.server}; ${ca}${extra.length ? `; ${extra.join('; ')}` : ''})`;
}
