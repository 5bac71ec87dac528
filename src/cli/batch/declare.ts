/**
 * `diagnose batch <paths…|->`: audits every certificate in files, directories,
 * Secret manifests and Lists (`kubectl get secrets -A -o json`) and kubeconfigs, one
 * line each, then a tally. The work lives in src/batch and src/cli/batch/run.ts,
 * loaded only when this command runs.
 */
import type { Argv } from 'yargs';
import type { ExitCode } from '../../base/errors.js';
import { UsageError } from '../../base/errors.js';
import {
  booleanArg,
  numberArg,
  stringArg,
  stringsArg,
  type Args,
  type Command,
} from '../command.js';
import type { Io } from '../io.js';
import {
  atOption,
  caOption,
  clientOption,
  clusterDomainOption,
  colorOption,
  formatOption,
  heapsterVersionOption,
  maxInputBytesArg,
  maxInputBytesOption,
  nameOption,
  serviceCidrOptionNoDefault,
  serviceIpOption,
} from '../options.js';

export const DEFAULT_WARN_DAYS = 30;
export const DEFAULT_BATCH_MAX_INPUT_BYTES = 256 * 1024 * 1024;

export const batchCommand: Command = {
  command: 'batch <paths..>',
  describe: 'audit every certificate in files, directories, Secrets and kubeconfigs',
  builder: (yargs: Argv) =>
    yargs
      .positional('paths', {
        type: 'string',
        array: true,
        describe: 'files or directories (walked), or - for standard input',
      })
      .option(
        'name',
        nameOption(
          'names to check every leaf against; without it apiserver-like certificates get the in-cluster names and the others their own checks',
        ),
      )
      .option(
        'client',
        clientOption('client profile(s) as for diagnose; the first decides the verdict'),
      )
      .option('ca', caOption('trust anchors for every certificate (as diagnose --ca)'))
      .option('heapster-version', heapsterVersionOption())
      .option('at', atOption('evaluate at this time instead of now'))
      .option('warn-days', {
        type: 'number',
        default: DEFAULT_WARN_DAYS,
        describe: 'flag certificates expiring within this many days',
      })
      .option(
        'format',
        formatOption(
          ['text', 'jsonl'],
          'a summary table, or JSON Lines (one object per certificate, then the tally)',
        ),
      )
      .option('color', colorOption('colour on a terminal'))
      .option('service-ip', serviceIpOption('the kubernetes Service IP pods dial'))
      .option('service-cidr', serviceCidrOptionNoDefault())
      .option('cluster-domain', clusterDomainOption())
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: 'worker threads (default: all cores once the input is large; 1: none)',
      })
      .option('progress', {
        type: 'boolean',
        default: true,
        describe: 'a progress line on stderr when it is a terminal (--no-progress: never)',
      })
      .option(
        'max-input-bytes',
        maxInputBytesOption(DEFAULT_BATCH_MAX_INPUT_BYTES, 'refuse input files larger than this'),
      ),
  run: (args, io, argv) => runBatchCommand(args, io, argv),
};

async function runBatchCommand(args: Args, io: Io, argv: readonly string[]): Promise<ExitCode> {
  const [{ resolveClients }, { parseAt }, names, { runBatch }, { VERSION }, { progressBar }] =
    await Promise.all([
      import('../../diagnose/clients.js'),
      import('../time.js'),
      import('../../names/defaults.js'),
      import('./run.js'),
      import('../../base/version.js'),
      import('../progress.js'),
    ]);
  const maxInputBytes = maxInputBytesArg(args, DEFAULT_BATCH_MAX_INPUT_BYTES);
  const warnDays = numberArg(args, 'warn-days') ?? DEFAULT_WARN_DAYS;
  if (!Number.isFinite(warnDays) || warnDays < 0) {
    throw new UsageError('--warn-days must be a number of days, 0 or more');
  }
  const jobsArg = numberArg(args, 'jobs');
  if (jobsArg !== undefined && (!Number.isInteger(jobsArg) || jobsArg < 1)) {
    throw new UsageError('--jobs must be a whole number, 1 or more');
  }
  // yargs drops a lone `-` (standard input) from the positionals; give it back.
  const named = stringsArg(args, 'paths').filter((path) => path !== '' && path !== '-');
  const stdinCount = argv.filter((token) => token === '-').length;
  if (stdinCount > 1) throw new UsageError('batch: standard input (-) can be read only once');
  if (stdinCount === 1) named.push('-');
  if (named.length === 0) {
    throw new UsageError('batch: give files, directories, or - for standard input');
  }
  const at = stringArg(args, 'at');
  const clients = resolveClients(stringsArg(args, 'client'), stringArg(args, 'heapster-version'));
  const requested = stringsArg(args, 'name');
  const ca: { bytes: Uint8Array; source: string }[] = [];
  for (const source of stringsArg(args, 'ca')) {
    ca.push({ bytes: await io.read(source, maxInputBytes), source });
  }
  const format = stringArg(args, 'format') === 'jsonl' ? 'jsonl' : 'text';
  const stderrTTY = io.stderrIsTTY === true;
  return runBatch(
    {
      paths: named,
      settings: {
        names: requested.length > 0 ? names.userNames(requested) : null,
        defaultNames: names.defaultNames({
          serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
          serviceIp: stringArg(args, 'service-ip'),
          serviceCidr: stringArg(args, 'service-cidr'),
          clusterDomain: stringArg(args, 'cluster-domain'),
        }),
        clients: clients.ids,
        plan: {
          clientValues: stringsArg(args, 'client'),
          heapsterVersion: stringArg(args, 'heapster-version'),
          nameOptions: {
            serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
            serviceIp: stringArg(args, 'service-ip'),
            serviceCidr: stringArg(args, 'service-cidr'),
            clusterDomain: stringArg(args, 'cluster-domain'),
          },
        },
        heapster: clients.heapster
          ? { version: clients.heapster.version, go: clients.heapster.go }
          : null,
        ca,
        now: at === undefined ? io.now() : parseAt(at),
        warnDays,
        toolVersion: VERSION,
        format,
        color:
          booleanArg(args, 'color') &&
          io.stdoutIsTTY &&
          !(io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== ''),
      },
      jobs: jobsArg ?? 'auto',
      maxInputBytes,
      progress:
        stderrTTY && booleanArg(args, 'progress')
          ? progressBar({ write: io.stderr, columns: io.terminalColumns?.('stderr') || 80 })
          : null,
      totalInputs: null,
    },
    io,
  );
}
