/**
 * The command line, declared once: yargs builds the parser per call (no global
 * state), usage problems become UsageError, and --help/--version text is returned
 * rather than printed so `run` decides where it goes.
 */
import yargs from 'yargs';
import { UsageError } from '../errors.js';
import { CLIENT_IDS } from '../verify/types.js';
import { VERSION } from '../version.js';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface DiagnoseOptions {
  readonly certificate: string;
  readonly names: readonly string[];
  readonly clients: readonly string[];
  readonly format: Format;
  readonly at: string | undefined;
  readonly color: boolean;
  readonly serviceIp: string | undefined;
  readonly serviceCidr: string | undefined;
  readonly clusterDomain: string | undefined;
  readonly heapsterVersion: string | undefined;
  readonly maxInputBytes: number;
  readonly debug: boolean;
}

export type Parsed =
  | { readonly kind: 'diagnose'; readonly options: DiagnoseOptions }
  | { readonly kind: 'text'; readonly text: string };

export const EXIT_CODES_HELP = `Exit codes:
  0  pass: the primary client verifies every decisive name
  1  fail: the primary client rejects at least one decisive name
  2  usage or input error (unreadable file, no certificate, bad flag)
  3  internal error (please report it)`;

const EXAMPLES: [string, string][] = [
  ['$0 apiserver.crt', 'judge the names Heapster dials, as Heapster v1.6 would'],
  ['$0 apiserver.crt --name kubernetes.default --client all', 'one name, every client profile'],
  ['$0 apiserver.crt --name https://10.0.0.1:443 --client go --format json', 'JSON for CI'],
  [
    '$0 apiserver.crt --heapster-version v1.3 --at 2016-03-01T00:00:00Z',
    'an older Heapster, at a past moment',
  ],
];

export async function parseArgs(argv: readonly string[]): Promise<Parsed> {
  let output = '';
  const parser = yargs([...argv])
    .scriptName('diagnose')
    .usage(
      '$0 <certificate> [options]\n\n' +
        'Explains whether in-cluster clients (Heapster, client-go, OpenSSL, Node) can verify a Kubernetes apiserver\n' +
        "certificate, for each name they dial, with each client's own error text, the reason and the fix.\n\n" +
        '<certificate> is a file (PEM with any text around it, DER, or base64 of either) or - for standard input.\n' +
        'The first certificate is the one the server presents; without --name the names Heapster dials are checked.',
    )
    .command('$0 <certificate>', false)
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
      default: 16 * 1024 * 1024,
      describe: 'refuse inputs larger than this',
    })
    .option('debug', {
      type: 'boolean',
      default: false,
      describe: 'print stack traces of internal errors',
    })
    .example(EXAMPLES)
    .epilog(EXIT_CODES_HELP)
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .strict()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error instanceof UsageError
        ? error
        : new UsageError(message || error?.message || 'invalid arguments');
    });

  const args = await parser.parseAsync([...argv], {}, (_error, _argv, text) => {
    output = text;
  });
  if (output.length > 0 || args['help'] === true || args['version'] === true) {
    return { kind: 'text', text: output.endsWith('\n') ? output : `${output}\n` };
  }
  const maxInputBytes = args['max-input-bytes'];
  if (!Number.isInteger(maxInputBytes) || maxInputBytes <= 0)
    throw new UsageError('--max-input-bytes must be a positive whole number');
  return {
    kind: 'diagnose',
    options: {
      certificate: positional(args['certificate'], argv),
      names: args['name'] ?? [],
      clients: args['client'] ?? [],
      format: args['format'] === 'json' ? 'json' : 'text',
      at: args['at'],
      color: args['color'],
      serviceIp: args['service-ip'],
      serviceCidr: args['service-cidr'],
      clusterDomain: args['cluster-domain'],
      heapsterVersion: args['heapster-version'],
      maxInputBytes,
      debug: args['debug'],
    },
  };
}

/** yargs reads a lone `-` (standard input) as an empty positional; give it back its name. */
function positional(value: unknown, argv: readonly string[]): string {
  const text = typeof value === 'string' ? value : '';
  return text === '' && argv.includes('-') ? '-' : text;
}
