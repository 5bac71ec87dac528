/**
 * Heapster's `--source=kubernetes:<URL>?<options>` (kubernetes-retired/heapster
 * docs/source-configuration.md; code: common/kubernetes/configs.go GetKubeClientConfig,
 * v0.x sources/kube_factory.go) → the host Heapster really dials and the CA it trusts,
 * release by release:
 *   - inClusterConfig (default true; the option appeared in v0.15, heapster@d28b8291) builds the
 *     client with InClusterConfig: KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT and the pod's ca.crt;
 *   - a URL with scheme and host replaces that host only from v0.17 (heapster@1b3d77d8); v0.15–v0.16
 *     drop it (kubernetes/kubernetes#11654 logs `master "https://192.168.0.2:443"` for another URL);
 *   - insecure=true clears the CA and skips verification with inClusterConfig only from v0.19
 *     (heapster@8361a306); before, it is silently ignored there;
 *   - inClusterConfig=false: the URL is dialled, with the CA of the `auth` kubeconfig if given
 *     (its server replaced by the URL), else no CA (system roots); insecure applies.
 * The manifests' URL moved from https://kubernetes (v0.17–v0.18) to https://kubernetes.default
 * (v0.19, heapster@e11d5403).
 */
import { UsageError } from '../base/errors.js';
import type { InputFinding } from '../report/findings.js';
import { stripBrackets } from '../base/ip.js';
import { withoutUserinfo } from '../base/url.js';

export interface HeapsterSourceInput {
  /** The flag value as pasted, with or without `--source=`. */
  readonly value: string;
  /** Normalised release, `v0.18` (from heapsterClient). */
  readonly version: string;
  /** KUBERNETES_SERVICE_HOST / _PORT of the pod, when known. */
  readonly serviceHost: string | undefined;
  readonly servicePort: string | undefined;
  /** The Service IP to assume when the environment does not say (--service-ip / --service-cidr). */
  readonly fallbackServiceIp: string;
}

export interface HeapsterSourcePlan {
  readonly value: string;
  readonly inClusterConfig: boolean;
  /** The host and port Heapster dials. */
  readonly host: string;
  readonly port: number;
  /** Why that host, in words. */
  readonly why: string;
  /** Where its CA comes from. */
  readonly ca: 'serviceaccount' | 'kubeconfig' | 'system' | 'none';
  /** The `auth` kubeconfig path (inClusterConfig=false). */
  readonly auth: string | null;
  readonly findings: readonly InputFinding[];
}

export function planHeapsterSource(input: HeapsterSourceInput): HeapsterSourcePlan {
  // Userinfo in the URL is a credential: dropped before the value is shown anywhere.
  const value = withoutUserinfo(input.value.trim().replace(/^--source=/, ''));
  const match = /^kubernetes(?::(.*))?$/s.exec(value);
  if (!match)
    throw new UsageError(
      `--source: ${JSON.stringify(value)} is not a kubernetes source (kubernetes:<URL>?<options>)`,
    );
  const rest = (match[1] ?? '').replace(/^''|^""/, '');
  const queryAt = rest.indexOf('?');
  const urlText = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const options = new URLSearchParams(queryAt >= 0 ? rest.slice(queryAt + 1) : '');
  const version = versionKey(input.version);
  if (version < 15)
    throw new UsageError(
      `--source: Heapster ${input.version} predates inClusterConfig (v0.15); its --source handling is not modelled`,
    );
  const url = parseUrl(urlText);
  const inClusterConfig = parseBool(options, 'inClusterConfig', true);
  const insecure = parseBool(options, 'insecure', false);
  const auth = options.get('auth') || null;
  const findings: InputFinding[] = [];
  const label = `Heapster ${input.version} --source=${value}`;

  if (inClusterConfig) {
    let host: string;
    let port: number;
    let why: string;
    if (url && version >= 17) {
      ({ host, port } = url);
      why = `${label}: the URL (inClusterConfig, v0.17+)`;
    } else {
      const service = serviceEndpoint(input);
      ({ host, port } = service);
      why = `${label}: KUBERNETES_SERVICE_HOST (InClusterConfig)${service.assumed ? ', assumed' : ''}`;
      if (url)
        findings.push({
          code: 'heapster-url-ignored',
          severity: 'warning',
          note: `Heapster ${input.version} ignores ${url.text} and dials ${host} (the kubernetes Service IP).`,
        });
    }
    let ca: HeapsterSourcePlan['ca'] = 'serviceaccount';
    if (insecure && version >= 19) {
      ca = 'none';
      findings.push({
        code: 'insecure-skip-tls-verify',
        severity: 'warning',
        note: `${label}: insecure=true clears the CA and skips verification.`,
      });
    } else if (insecure) {
      findings.push({
        code: 'heapster-insecure-ignored',
        severity: 'warning',
        note: `Heapster ${input.version} ignores insecure=true with inClusterConfig: it still verifies ${host} against the pod's ca.crt.`,
      });
    }
    return { value, inClusterConfig, host, port, why, ca, auth: null, findings };
  }

  if (insecure)
    findings.push({
      code: 'insecure-skip-tls-verify',
      severity: 'warning',
      note: `${label}: insecure=true skips verification.`,
    });
  if (!url && !auth)
    throw new UsageError(
      `--source: with inClusterConfig=false and no auth kubeconfig Heapster needs a URL (it fails with "invalid kubernetes master url specified")`,
    );
  return {
    value,
    inClusterConfig,
    host: url?.host ?? '',
    port: url?.port ?? 443,
    why: url ? `${label}: the URL` : `${label}: the server of the auth kubeconfig`,
    ca: insecure ? 'none' : auth ? 'kubeconfig' : 'system',
    auth,
    findings,
  };
}

function serviceEndpoint(input: HeapsterSourceInput): {
  host: string;
  port: number;
  assumed: boolean;
} {
  if (input.serviceHost && input.servicePort)
    return { host: input.serviceHost, port: Number(input.servicePort), assumed: false };
  return { host: input.fallbackServiceIp, port: 443, assumed: true };
}

function parseUrl(text: string): { host: string; port: number; text: string } | null {
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--source: ${JSON.stringify(text)} is not a URL`);
  }
  // Go keeps the URL only when it has both a scheme and a host (configs.go getConfigOverrides).
  if (url.hostname === '') return null;
  if (url.protocol !== 'https:')
    throw new UsageError(
      `--source: ${text} is not https: Heapster would not use TLS, nothing to verify`,
    );
  return {
    host: stripBrackets(url.hostname),
    port: url.port === '' ? 443 : Number(url.port),
    text: `${url.protocol}//${url.host}`,
  };
}

/** Go strconv.ParseBool, which Heapster uses for its options; a bad value stops Heapster. */
function parseBool(options: URLSearchParams, key: string, fallback: boolean): boolean {
  const raw = options.get(key);
  if (raw === null) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new UsageError(
    `--source: ${key}=${raw}: Heapster stops with strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`,
  );
}

/** `v0.18` → 18, `v1.2` → 1002. */
function versionKey(version: string): number {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return match ? Number(match[1]) * 1000 + Number(match[2]) : 0;
}
