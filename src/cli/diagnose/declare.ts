/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report (src/cli/diagnose/run.ts does the work).
 */
import type { Argv } from 'yargs';
import { CLIENT_IDS } from '../../verify/types.js';
import type { Command } from '../command.js';
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
  serviceCidrOption,
  serviceIpOption,
} from '../options.js';
import { DEFAULT_MAX_INPUT_BYTES, FORMATS } from './settings.js';

export const diagnoseCommand: Command = {
  command: '$0 [certificate]',
  describe: 'judge a certificate for the names in-cluster clients dial',
  // In the order a user needs them (the help lists them so): what to check, which names,
  // against which CA, as which client, how to print; live checks and limits last.
  builder: (yargs: Argv) =>
    yargs
      .positional('certificate', {
        type: 'string',
        describe:
          'a file (PEM, DER, base64), - or a pipe for stdin, a Secret, a kubeconfig, a service-account dir, or https://host:port (live)',
      })
      .option('kubeconfig', {
        type: 'string',
        group: 'Input',
        describe: 'its server (live) and its CA',
      })
      .option('context', {
        type: 'string',
        group: 'Input',
        describe: 'kubeconfig context',
      })
      .option('serviceaccount-dir', {
        type: 'string',
        group: 'Input',
        describe: "a pod's service-account mount (ca.crt, token)",
      })
      .option('name', {
        ...nameOption('host, IP or URL to check; repeatable (default: the in-cluster names)'),
        group: 'Names',
      })
      .option('service-ip', {
        ...serviceIpOption('the Service IP pods dial (default: KUBERNETES_SERVICE_HOST)'),
        group: 'Names',
      })
      .option('service-cidr', { ...serviceCidrOption(), group: 'Names' })
      .option('cluster-domain', { ...clusterDomainOption(), group: 'Names' })
      .option('ca', {
        ...caOption("the pod's ca.crt; repeatable (default: self-trust)"),
        group: 'Trust',
      })
      .option('client', {
        ...clientOption(`heapster, all, ${CLIENT_IDS.join(', ')}; the first decides`),
        group: 'Clients',
      })
      .option('heapster-version', { ...heapsterVersionOption(), group: 'Clients' })
      .option('source', {
        type: 'string',
        group: 'Clients',
        describe: "Heapster's --source value: check the host and CA it uses",
      })
      .option('at', {
        ...atOption('evaluate at this time (RFC 3339 or unix seconds)'),
        group: 'Clients',
      })
      .option('format', {
        ...formatOption(FORMATS, 'report format'),
        group: 'Output',
      })
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        default: false,
        group: 'Output',
        describe: 'the verdict line only',
      })
      .option('summary', {
        type: 'boolean',
        default: false,
        group: 'Output',
        describe: 'the first screen only: verdict, cause, fix',
      })
      .option('redact', {
        type: 'boolean',
        default: false,
        group: 'Output',
        describe: 'host names, IPs, serials, fingerprints as placeholders',
      })
      .option('color', { ...colorOption(), group: 'Output' })
      .option('in-cluster', {
        type: 'boolean',
        default: false,
        group: 'Live checks',
        describe: 'from a pod: dial the apiserver as InClusterConfig does',
      })
      .option('sni', {
        type: 'string',
        group: 'Live checks',
        describe: "TLS server name to send ('' for none)",
      })
      .option('timeout', {
        type: 'number',
        default: 10,
        group: 'Live checks',
        describe: 'seconds to connect and handshake',
      })
      .option('max-input-bytes', {
        ...maxInputBytesOption(DEFAULT_MAX_INPUT_BYTES, 'refuse inputs larger than this'),
        group: 'Other',
      }),
  // The work, and what it imports, is loaded only when this command runs.
  run: async (args, io, argv) => {
    const { runDiagnose } = await import('./run.js');
    // For KUBE_TLS_DOCTOR_PHASES (src/cli/main.ts): the modules are loaded, the work starts.
    performance.mark('command-loaded');
    return runDiagnose(args, io, argv);
  },
};
