/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report.
 */
import type { Argv } from 'yargs';
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, UsageError } from '../../errors.js';
import { gatherInputs } from '../../inputs/plan.js';
import { DEFAULT_SERVICEACCOUNT_DIR } from '../../inputs/serviceaccount.js';
import { heapsterClient } from '../../kube/heapster.js';
import { planHeapsterSource } from '../../kube/heapster-source.js';
import { defaultNames, userNames } from '../../names/defaults.js';
import { renderJson } from '../../render/json.js';
import { renderMarkdown } from '../../render/markdown.js';
import { redactReport } from '../../render/redact.js';
import { renderText } from '../../render/text.js';
import { computeSignatureChecks } from '../../verify/signatures.js';
import { CLIENT_IDS } from '../../verify/types.js';
import { VERSION } from '../../version.js';
import { resolveClients } from '../clients.js';
import {
  booleanArg,
  numberArg,
  stringArg,
  stringsArg,
  type Args,
  type Command,
} from '../command.js';
import type { Io } from '../io.js';
import { terminalStyle } from '../style.js';
import { parseAt } from '../time.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

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
        describe: 'live checks: seconds allowed for connecting and the TLS handshake',
      })
      .option('name', {
        alias: 'n',
        type: 'string',
        array: true,
        describe: 'name to check (host, IP, URL or Heapster --source value); repeatable',
      })
      .option('client', {
        alias: 'c',
        type: 'string',
        array: true,
        describe: `client profile: heapster, all, or one of ${CLIENT_IDS.join(', ')}; repeatable, the first decides the verdict`,
      })
      .option('ca', {
        type: 'string',
        array: true,
        describe:
          "trust anchors, as the pod's ca.crt (PEM bundle, DER or base64); repeatable. Without it the certificate trusts itself",
      })
      .option('heapster-version', {
        type: 'string',
        describe: 'Heapster release for the heapster profile',
        default: 'v1.6',
      })
      .option('at', {
        type: 'string',
        describe: 'evaluate at this time (RFC 3339 or unix seconds) instead of now',
      })
      .option('format', {
        alias: 'f',
        choices: FORMATS,
        default: 'text',
        describe: 'report format',
      })
      .option('color', {
        type: 'boolean',
        default: true,
        describe: 'colour on a terminal (--no-color, or NO_COLOR, turns it off)',
      })
      .option('redact', {
        type: 'boolean',
        default: false,
        describe: 'replace host names, IPs, serials and fingerprints by placeholders (any format)',
      })
      .option('service-ip', {
        type: 'string',
        describe:
          'the kubernetes Service IP pods dial (default: KUBERNETES_SERVICE_HOST, else the first IP of --service-cidr)',
      })
      .option('service-cidr', {
        type: 'string',
        describe: "the apiserver's --service-cluster-ip-range",
        default: '10.0.0.0/24',
      })
      .option('cluster-domain', {
        type: 'string',
        describe: 'cluster DNS domain for the informational FQDN',
        default: 'cluster.local',
      })
      .option('max-input-bytes', {
        type: 'number',
        default: DEFAULT_MAX_INPUT_BYTES,
        describe: 'refuse inputs larger than this',
      }),
  run: (args, io, argv) => runDiagnose(args, io, argv),
};

async function runDiagnose(args: Args, io: Io, argv: readonly string[]): Promise<ExitCode> {
  const maxInputBytes = numberArg(args, 'max-input-bytes') ?? DEFAULT_MAX_INPUT_BYTES;
  if (!Number.isInteger(maxInputBytes) || maxInputBytes <= 0) {
    throw new UsageError('--max-input-bytes must be a positive whole number');
  }
  const at = stringArg(args, 'at');
  const now = at === undefined ? io.now() : parseAt(at);
  const clients = resolveClients(stringsArg(args, 'client'), stringArg(args, 'heapster-version'));
  const requested = stringsArg(args, 'name');
  const names =
    requested.length > 0
      ? userNames(requested)
      : defaultNames({
          serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
          serviceIp: stringArg(args, 'service-ip'),
          serviceCidr: stringArg(args, 'service-cidr'),
          clusterDomain: stringArg(args, 'cluster-domain'),
        });
  const timeout = numberArg(args, 'timeout') ?? 10;
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError('--timeout must be a positive number of seconds');
  const sourceFlag = stringArg(args, 'source');
  const gathered = await gatherInputs(
    {
      certificate: positional(stringArg(args, 'certificate'), argv),
      kubeconfig: stringArg(args, 'kubeconfig'),
      context: stringArg(args, 'context'),
      cas: stringsArg(args, 'ca'),
      serviceAccountDir: stringArg(args, 'serviceaccount-dir'),
      inCluster: booleanArg(args, 'in-cluster'),
      heapsterSource:
        sourceFlag === undefined
          ? null
          : planHeapsterSource({
              value: sourceFlag,
              version: heapsterClient(stringArg(args, 'heapster-version')).version,
              serviceHost: io.env['KUBERNETES_SERVICE_HOST'],
              servicePort: io.env['KUBERNETES_SERVICE_PORT'],
              // The IP InClusterConfig would dial when the environment does not say.
              fallbackServiceIp:
                defaultNames({
                  serviceIp: stringArg(args, 'service-ip'),
                  serviceCidr: stringArg(args, 'service-cidr'),
                }).find((name) => name.kind === 'ip')?.host ?? '',
            }),
      sni: stringArg(args, 'sni'),
      timeoutMs: timeout * 1000,
      userNames: requested.length > 0 ? names : null,
      defaultNames: names,
      env: io.env,
    },
    {
      reader: {
        read: (path) => io.read(path, maxInputBytes),
        pathKind: (path) => (io.pathKind ? io.pathKind(path) : Promise.resolve('file')),
      },
      handshake: (request) => {
        if (!io.tlsHandshake) throw new UsageError('live checks are not available here');
        return io.tlsHandshake(request);
      },
    },
  );
  const { certificates, roots } = gathered;

  const report = diagnose({
    source: gathered.source,
    certificates: certificates.map((entry) => entry.facts),
    roots: roots === null ? null : roots.map((entry) => entry.facts),
    names: gathered.names,
    clients: clients.ids,
    heapster: clients.heapster
      ? { version: clients.heapster.version, go: clients.heapster.go }
      : null,
    now,
    signatures: await computeSignatureChecks([...certificates, ...(roots ?? [])]),
    toolVersion: VERSION,
    inputFindings: gathered.findings,
    inputs: gathered.inputs,
    ...(gathered.connection ? { connection: gathered.connection } : {}),
  });

  const format = (stringArg(args, 'format') ?? 'text') as Format;
  const shown = booleanArg(args, 'redact') ? redactReport(report) : report;
  io.stdout(
    format === 'json'
      ? renderJson(shown)
      : format === 'markdown'
        ? renderMarkdown(shown)
        : renderText(shown, terminalStyle(io.stdoutIsTTY, io.env, booleanArg(args, 'color'))),
  );
  return report.verdict === 'pass' ? ExitCode.pass : ExitCode.fail;
}

/** yargs reads a lone `-` (standard input) as an empty positional; give it back its name. */
function positional(value: string | undefined, argv: readonly string[]): string {
  const text = value ?? '';
  return text === '' && argv.includes('-') ? '-' : text;
}
