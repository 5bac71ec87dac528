/** What `diagnose <certificate>`'s declaration and its run share: the flags and their types. */
import type { Parsed } from '../command.js';
import {
  atOption,
  caOption,
  clientOption,
  clusterDomainOption,
  colorOption,
  formatOption,
  heapsterVersionOption,
  maxInputBytesOption,
  nameOption,
  serviceCidrOptionNoDefault,
  serviceIpOption,
} from '../options.js';

/** `md` is another name for `markdown`, as the file extension people type. */
export const FORMATS = ['text', 'json', 'markdown', 'md'] as const;
export type Format = Exclude<(typeof FORMATS)[number], 'md'>;

/** The format a --format value names (`md` is `markdown`). */
export function formatNamed(value: string | undefined): Format {
  return value === 'md' || value === 'markdown' ? 'markdown' : value === 'json' ? 'json' : 'text';
}

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

export const DIAGNOSE_POSITIONALS = {
  certificate: {
    type: 'string',
    describe:
      'a file (PEM, DER, base64), - or a pipe for stdin, a Secret, a webhook configuration, a kubeconfig, a kubeadm pki dir, or https://host:port (live)',
  },
} as const;

/**
 * The flags of `diagnose <certificate>`, declared once: declare.ts hands each to yargs
 * (and the fast path reads them there), and DiagnoseOptions is their type, so a flag's
 * type is checked from its declaration to its use in run.ts. In the order a user needs
 * them (the help lists them so): what to check, which names, against which CA, as which
 * client, how to print; live checks and limits last.
 */
export const DIAGNOSE_OPTIONS = {
  kubeconfig: {
    type: 'string',
    group: 'Input',
    describe: 'its server (live) and its CA',
  },
  context: {
    type: 'string',
    group: 'Input',
    describe: 'kubeconfig context',
  },
  'serviceaccount-dir': {
    type: 'string',
    group: 'Input',
    describe: "a pod's service-account mount (ca.crt, token)",
  },
  webhook: {
    type: 'string',
    group: 'Input',
    describe: 'the webhook to check in a webhook configuration',
  },
  name: {
    ...nameOption('host, IP or URL to check; repeatable (default: the in-cluster names)'),
    group: 'Names',
  },
  'service-ip': {
    ...serviceIpOption(
      'the Service IP pods dial (default: KUBERNETES_SERVICE_HOST, else inferred)',
    ),
    group: 'Names',
  },
  'service-cidr': { ...serviceCidrOptionNoDefault(), group: 'Names' },
  'cluster-domain': { ...clusterDomainOption(), group: 'Names' },
  component: {
    type: 'string',
    group: 'Names',
    describe: 'what it belongs to, e.g. kubelet (default: recognised)',
  },
  ca: {
    ...caOption("the pod's ca.crt, a ConfigMap or a caBundle's object; repeatable"),
    group: 'Trust',
  },
  client: {
    ...clientOption(
      "heapster, go1.23 (today's Go), a Go release go1.N[.P], openssl, node, all, all-go; repeatable, the first decides",
    ),
    group: 'Clients',
  },
  'heapster-version': { ...heapsterVersionOption(), group: 'Clients' },
  source: {
    type: 'string',
    group: 'Clients',
    describe: "Heapster's --source value: check the host and CA it uses",
  },
  at: {
    ...atOption('evaluate at this time (RFC 3339 or unix seconds)'),
    group: 'Clients',
  },
  format: {
    ...formatOption(FORMATS, 'report format'),
    group: 'Output',
  },
  quiet: {
    alias: 'q',
    type: 'boolean',
    default: false,
    group: 'Output',
    describe: 'the verdict line only',
  },
  summary: {
    type: 'boolean',
    default: false,
    group: 'Output',
    describe: 'the first screen only: verdict, cause, fix',
  },
  redact: {
    type: 'boolean',
    default: false,
    group: 'Output',
    describe: 'host names, IPs, serials, fingerprints as placeholders',
  },
  color: { ...colorOption(), group: 'Output' },
  'in-cluster': {
    type: 'boolean',
    default: false,
    group: 'Live checks',
    describe: 'from a pod: dial the apiserver as InClusterConfig does',
  },
  sni: {
    type: 'string',
    group: 'Live checks',
    describe: "TLS server name to send ('' for none)",
  },
  timeout: {
    type: 'number',
    default: 10,
    group: 'Live checks',
    describe: 'seconds for the whole live check (at most 600)',
  },
  'max-input-bytes': {
    ...maxInputBytesOption(DEFAULT_MAX_INPUT_BYTES, 'refuse inputs larger than this'),
    group: 'Other',
  },
} as const;

/** What run.ts receives: every flag with its declared type, and the positional. */
export type DiagnoseOptions = Parsed<typeof DIAGNOSE_POSITIONALS> & Parsed<typeof DIAGNOSE_OPTIONS>;
