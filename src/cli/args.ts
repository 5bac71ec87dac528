/**
 * The command line, declared once: yargs builds the parser per call (no global
 * state), usage problems become UsageError, and --help/--version text is returned
 * rather than printed so `run` decides where it goes.
 */
import { UsageError } from '../base/errors.js';
import { VERSION } from '../base/version.js';
import type { Args, Command } from './command.js';
import { COMMANDS } from './commands.js';
import { fastParse, type OptionSpec } from './fast-args.js';
import { helpText } from './help.js';
import { checkUsage, selectCommand } from './usage.js';

export type Parsed =
  | { readonly kind: 'command'; readonly command: Command; readonly args: Args }
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

/** Options every command takes (declared on the parser below), for the fast path. */
const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'debug', aliases: [], type: 'boolean', array: false, choices: undefined, default: false },
];

/**
 * `fast: false` always uses yargs (tests compare the two). Otherwise a plain command
 * line is parsed by src/cli/fast-args.ts, and yargs — help text and all — is loaded
 * only when needed.
 */
export async function parseArgs(
  argv: readonly string[],
  options: {
    readonly fast?: boolean;
    /** The terminal's width (Io's terminalColumns), for wrapping the help. */
    readonly columns?: number | undefined;
  } = {},
): Promise<Parsed> {
  const cut = argv.indexOf('--');
  const head = cut < 0 ? argv : argv.slice(0, cut);
  if (head.includes('--version')) return { kind: 'text', text: `${VERSION}\n` };
  const command = selectCommand(argv, COMMANDS);
  if (head.includes('--help') || head.includes('-h')) {
    return { kind: 'text', text: helpText(command, COMMANDS, options.columns) };
  }
  checkUsage(argv, command);
  if (options.fast !== false) {
    const fast = fastParse(argv, COMMANDS, GLOBAL_OPTIONS);
    if (fast) return { kind: 'command', command: fast.command, args: fast.args };
  }
  const { default: yargs } = await import('yargs');
  let output = '';
  let selected: { command: Command; args: Args } | undefined;
  let parser = yargs([...argv])
    .scriptName('diagnose')
    .usage(
      [
        '$0 [certificate] [options]',
        "Explains whether in-cluster clients (Heapster, client-go, OpenSSL, Node) can verify a Kubernetes apiserver certificate, for each name they dial, with each client's own error text, the reason and the fix.",
        '[certificate] is a file (PEM with any text around it, DER, or base64 of either), - for standard input, a Secret or a List of Secrets (kubectl get secret -o yaml|json), a service-account directory, or a live endpoint (https://host:port, host:port, [v6]:port). The first certificate is the one the server presents; without --name the names Heapster dials are checked. With --kubeconfig or --in-cluster no certificate is needed: the server is checked live.',
      ].join('\n\n'),
    );
  for (const command of COMMANDS) {
    parser = parser.command(
      command.command as string | string[],
      command.describe,
      command.builder,
      (args) => {
        selected = { command, args };
      },
    );
  }
  parser = parser
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
    .wrap(Math.min(110, options.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error instanceof UsageError
        ? error
        : new UsageError(message || error?.message || 'invalid arguments');
    });

  await parser.parseAsync([...argv], {}, (_error, _argv, text) => {
    output = text;
  });
  if (output.length > 0 || !selected) {
    return { kind: 'text', text: output.endsWith('\n') || output === '' ? output : `${output}\n` };
  }
  return { kind: 'command', command: selected.command, args: selected.args };
}
