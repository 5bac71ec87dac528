/**
 * What `diagnose <certificate>` does (src/cli/diagnose/declare.ts declares it): gather
 * the inputs, judge, render. Loaded by the command's run(), and loading here only what
 * every diagnosis needs: the Heapster --source planner, the JSON and markdown renderers
 * and --redact are imported when asked for.
 */
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, InputError, UsageError } from '../../base/errors.js';
import { endpointText } from '../../live/types.js';
import { gatherInputs } from '../../inputs/plan.js';
import { heapsterClient } from '../../kube/heapster.js';
import { defaultNames, userNames } from '../../names/defaults.js';
import { renderText } from '../../render/text.js';
import { computeSignatureChecks } from '../../verify/signatures.js';
import { VERSION } from '../../base/version.js';
import { resolveClients } from '../clients.js';
import { booleanArg, numberArg, stringArg, stringsArg, type Args } from '../command.js';
import { DEFAULT_MAX_INPUT_BYTES, type Format } from './settings.js';
import type { Io } from '../io.js';
import { maxInputBytesArg } from '../options.js';
import { terminalStyle } from '../style.js';
import { parseAt } from '../time.js';

/** --timeout's ceiling: ten minutes is past any real handshake, and far below Node's timer limit (2^31 - 1 ms). */
export const MAX_TIMEOUT_SECONDS = 600;

export async function runDiagnose(args: Args, io: Io, argv: readonly string[]): Promise<ExitCode> {
  const maxInputBytes = maxInputBytesArg(args, DEFAULT_MAX_INPUT_BYTES);
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
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS)
    throw new UsageError(
      `--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
    );
  // One budget for the whole live run (up to three handshakes: src/live/probe.ts), not
  // one per connection: each handshake gets what is left of it.
  const deadline = io.now().getTime() + timeout * 1000;
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
          : (await import('../../inputs/heapster-source.js')).planHeapsterSource({
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
        const left = deadline - io.now().getTime();
        if (left <= 0)
          return Promise.reject(
            new InputError(
              endpointText(request.host, request.port),
              `no time left for another handshake within ${timeout} s (--timeout)`,
            ),
          );
        return io.tlsHandshake({ ...request, timeoutMs: Math.min(request.timeoutMs, left) });
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
  const shown = booleanArg(args, 'redact')
    ? (await import('../../render/redact.js')).redactReport(report)
    : report;
  io.stdout(
    format === 'json'
      ? (await import('../../render/json.js')).renderJson(shown)
      : format === 'markdown'
        ? (await import('../../render/markdown.js')).renderMarkdown(shown)
        : renderText(shown, await terminalStyle(io.stdoutIsTTY, io.env, booleanArg(args, 'color'))),
  );
  return report.verdict === 'pass' ? ExitCode.pass : ExitCode.fail;
}

/** yargs reads a lone `-` (standard input) as an empty positional; give it back its name. */
function positional(value: string | undefined, argv: readonly string[]): string {
  const text = value ?? '';
  return text === '' && argv.includes('-') ? '-' : text;
}
