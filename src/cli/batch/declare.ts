/**
 * `diagnose batch <paths…|->`: audits every certificate in files, directories,
 * Secret manifests and Lists (`kubectl get secrets -A -o json`) and kubeconfigs, one
 * line each, then a tally. The work lives in src/batch and src/cli/batch/run.ts,
 * loaded only when this command runs.
 */
import type { ExitCode } from '../../base/errors.js';
import { UsageError } from '../../base/errors.js';
import { defineCommand } from '../command.js';
import type { Io } from '../io.js';
import { checkedMaxInputBytes } from '../options.js';
import { BATCH_OPTIONS, BATCH_POSITIONALS, type BatchOptions } from './settings.js';

export const batchCommand = defineCommand({
  command: 'batch <paths..>',
  describe: 'audit every certificate in files, directories, Secrets and kubeconfigs',
  positionals: BATCH_POSITIONALS,
  options: BATCH_OPTIONS,
  run: (options, io, argv) => runBatchCommand(options, io, argv),
});

async function runBatchCommand(
  options: BatchOptions,
  io: Io,
  argv: readonly string[],
): Promise<ExitCode> {
  const [{ resolveClients }, { parseAt }, names, { runBatch }, { VERSION }, { progressBar }] =
    await Promise.all([
      import('../../diagnose/clients.js'),
      import('../time.js'),
      import('../../names/defaults.js'),
      import('./run.js'),
      import('../../base/version.js'),
      import('../progress.js'),
    ]);
  const maxInputBytes = checkedMaxInputBytes(options['max-input-bytes']);
  const warnDays = options['warn-days'];
  if (!Number.isFinite(warnDays) || warnDays < 0) {
    throw new UsageError('--warn-days must be a number of days, 0 or more');
  }
  const jobsArg = options.jobs;
  if (jobsArg !== undefined && (!Number.isInteger(jobsArg) || jobsArg < 1)) {
    throw new UsageError('--jobs must be a whole number, 1 or more');
  }
  // yargs drops a lone `-` (standard input) from the positionals; give it back.
  const named = (options.paths ?? []).filter((path) => path !== '' && path !== '-');
  const stdinCount = argv.filter((token) => token === '-').length;
  if (stdinCount > 1) throw new UsageError('batch: standard input (-) can be read only once');
  if (stdinCount === 1) named.push('-');
  if (named.length === 0) {
    throw new UsageError('batch: give files, directories, or - for standard input');
  }
  const at = options.at;
  const clientValues = options.client ?? [];
  const clients = resolveClients(clientValues, options['heapster-version']);
  const requested = options.name ?? [];
  const ca: { bytes: Uint8Array; source: string }[] = [];
  for (const source of options.ca ?? []) {
    ca.push({ bytes: await io.read(source, maxInputBytes), source });
  }
  const format = options.format;
  const stderrTTY = io.stderrIsTTY === true;
  return runBatch(
    {
      paths: named,
      settings: {
        names: requested.length > 0 ? names.userNames(requested) : null,
        defaultNames: names.defaultNames({
          serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
          serviceIp: options['service-ip'],
          serviceCidr: options['service-cidr'],
          clusterDomain: options['cluster-domain'],
        }),
        clients: clients.ids,
        plan: {
          clientValues,
          heapsterVersion: options['heapster-version'],
          nameOptions: {
            serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
            serviceIp: options['service-ip'],
            serviceCidr: options['service-cidr'],
            clusterDomain: options['cluster-domain'],
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
          options.color &&
          io.stdoutIsTTY &&
          !(io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== ''),
      },
      jobs: jobsArg ?? 'auto',
      maxInputBytes,
      progress:
        stderrTTY && options.progress
          ? progressBar({ write: io.stderr, columns: io.terminalColumns?.('stderr') || 80 })
          : null,
      totalInputs: null,
    },
    io,
  );
}
