/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report (src/cli/diagnose/run.ts does the work).
 */
import type { Argv } from 'yargs';
import { DEFAULT_SERVICEACCOUNT_DIR } from '../../inputs/serviceaccount.js';
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
  builder: (yargs: Argv) =>
    yargs
      .positional('certificate', {
        type: 'string',
        describe:
          'certificate file or - for stdin; a Secret (yaml/json, or a List), a kubeconfig or a service-account directory; or a server to check live: https://host[:port], host:port, [v6]:port',
      })
      .option('kubeconfig', {
        type: 'string',
        describe:
          'kubeconfig: its server is the name to check (live, without a certificate argument) and its CA the trust anchor',
      })
      .option('context', {
        type: 'string',
        describe: 'kubeconfig context (default: current-context)',
      })
      .option('serviceaccount-dir', {
        type: 'string',
        describe: `service-account mount with ca.crt, token, namespace (default for --in-cluster: ${DEFAULT_SERVICEACCOUNT_DIR})`,
      })
      .option('in-cluster', {
        type: 'boolean',
        default: false,
        describe:
          'from inside a pod: dial https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT and check it against the service-account ca.crt, as client-go InClusterConfig does',
      })
      .option('source', {
        type: 'string',
        describe:
          "Heapster's --source value (kubernetes:https://kubernetes.default?inClusterConfig=true…): check the host and CA that --heapster-version really uses",
      })
      .option('sni', {
        type: 'string',
        describe:
          "live checks: the TLS server name to send ('' for none; default: the checked name, none for IPs)",
      })
      .option('timeout', {
        type: 'number',
        default: 10,
        describe:
          'live checks: seconds allowed for the whole check, every connection and handshake (at most 600)',
      })
      .option(
        'name',
        nameOption('name to check (host, IP, URL or Heapster --source value); repeatable'),
      )
      .option(
        'client',
        clientOption(
          `client profile: heapster, all, or one of ${CLIENT_IDS.join(', ')}; repeatable, the first decides the verdict`,
        ),
      )
      .option(
        'ca',
        caOption(
          "trust anchors, as the pod's ca.crt (PEM bundle, DER or base64); repeatable. Without it the certificate trusts itself",
        ),
      )
      .option('heapster-version', heapsterVersionOption())
      .option('at', atOption('evaluate at this time (RFC 3339 or unix seconds) instead of now'))
      .option('format', formatOption(FORMATS, 'report format'))
      .option('color', colorOption())
      .option('redact', {
        type: 'boolean',
        default: false,
        describe: 'replace host names, IPs, serials and fingerprints by placeholders (any format)',
      })
      .option(
        'service-ip',
        serviceIpOption(
          'the kubernetes Service IP pods dial (default: KUBERNETES_SERVICE_HOST, else the first IP of --service-cidr)',
        ),
      )
      .option('service-cidr', serviceCidrOption())
      .option('cluster-domain', clusterDomainOption())
      .option(
        'max-input-bytes',
        maxInputBytesOption(DEFAULT_MAX_INPUT_BYTES, 'refuse inputs larger than this'),
      ),
  // The work, and what it imports, is loaded only when this command runs.
  run: async (args, io, argv) => {
    const { runDiagnose } = await import('./run.js');
    // For KUBE_TLS_DOCTOR_PHASES (src/cli/main.ts): the modules are loaded, the work starts.
    performance.mark('command-loaded');
    return runDiagnose(args, io, argv);
  },
};
