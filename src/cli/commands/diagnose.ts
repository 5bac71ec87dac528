/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report.
 */
import type { Argv } from 'yargs';
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, UsageError } from '../../errors.js';
import { certificatesFrom, type CertificateWithFacts } from '../../inputs/index.js';
import { defaultNames, userNames } from '../../names/defaults.js';
import { renderJson } from '../../render/json.js';
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

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

export const diagnoseCommand: Command = {
  command: '$0 <certificate>',
  describe: 'judge a certificate for the names in-cluster clients dial',
  builder: (yargs: Argv) =>
    yargs
      .positional('certificate', { type: 'string', describe: 'certificate file, or - for stdin' })
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
  const source = positional(stringArg(args, 'certificate'), argv);
  const certificates = await certificatesFrom(await io.read(source, maxInputBytes), source);
  const caSources = stringsArg(args, 'ca');
  const cas: CertificateWithFacts[] = [];
  for (const caSource of caSources) {
    cas.push(...(await certificatesFrom(await io.read(caSource, maxInputBytes), caSource)));
  }

  const report = diagnose({
    source,
    certificates: certificates.map((entry) => entry.facts),
    roots: caSources.length > 0 ? cas.map((entry) => entry.facts) : null,
    names,
    clients: clients.ids,
    heapster: clients.heapster
      ? { version: clients.heapster.version, go: clients.heapster.go }
      : null,
    now,
    signatures: await computeSignatureChecks([...certificates, ...cas]),
    toolVersion: VERSION,
  });

  const format: Format = stringArg(args, 'format') === 'json' ? 'json' : 'text';
  io.stdout(
    format === 'json'
      ? renderJson(report)
      : renderText(report, terminalStyle(io.stdoutIsTTY, io.env, booleanArg(args, 'color'))),
  );
  return report.verdict === 'pass' ? ExitCode.pass : ExitCode.fail;
}

/** yargs reads a lone `-` (standard input) as an empty positional; give it back its name. */
function positional(value: string | undefined, argv: readonly string[]): string {
  const text = value ?? '';
  return text === '' && argv.includes('-') ? '-' : text;
}
