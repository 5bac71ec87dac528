/**
 * What `diagnose <certificate>` does (src/cli/diagnose/declare.ts declares it): gather
 * the inputs, judge, render. Loaded by the command's run(), and loading here only what
 * every diagnosis needs: the Heapster --source planner, the JSON and markdown renderers
 * and --redact are imported when asked for.
 */
import { judge } from '../../diagnose/judge.js';
import { ExitCode, InputError, UsageError } from '../../base/errors.js';
import { endpointText } from '../../live/types.js';
import { gatherInputs } from '../../inputs/plan.js';
import { heapsterClient } from '../../verify/go/releases.js';
import { defaultNames, userNames } from '../../names/defaults.js';
import { COMPONENT_IDS, isComponentId } from '../../base/component-id.js';
import { renderText } from '../../render/text.js';
import { VERSION } from '../../base/version.js';
import { formatNamed, type DiagnoseOptions } from './settings.js';
import type { Io } from '../io.js';
import { checkedMaxInputBytes } from '../options.js';
import { terminalStyle } from '../style.js';
import { parseAt } from '../time.js';
import { suggest } from '../usage.js';
import { outputWidth } from '../width.js';

/** --timeout's ceiling: ten minutes is past any real handshake, and far below Node's timer limit (2^31 - 1 ms). */
export const MAX_TIMEOUT_SECONDS = 600;

export async function runDiagnose(
  options: DiagnoseOptions,
  io: Io,
  argv: readonly string[],
): Promise<ExitCode> {
  const maxInputBytes = checkedMaxInputBytes(options['max-input-bytes']);
  const at = options.at;
  const now = at === undefined ? io.now() : parseAt(at);
  const clientValues = options.client ?? [];
  const componentFlag = options.component;
  if (componentFlag !== undefined && !isComponentId(componentFlag)) {
    const guess = suggest(componentFlag, COMPONENT_IDS);
    throw new UsageError(
      `--component: unknown component ${JSON.stringify(componentFlag)}; ${guess ? `did you mean ${guess}? ` : ''}choose one of ${COMPONENT_IDS.join(', ')}`,
    );
  }
  const requested = options.name ?? [];
  const names =
    requested.length > 0
      ? userNames(requested)
      : defaultNames({
          serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
          serviceIp: options['service-ip'],
          serviceCidr: options['service-cidr'],
          clusterDomain: options['cluster-domain'],
        });
  const timeout = options.timeout;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS)
    throw new UsageError(
      `--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
    );
  // One budget for the whole live run (up to three handshakes: src/live/probe.ts), not
  // one per connection: each handshake gets what is left of it.
  const deadline = io.now().getTime() + timeout * 1000;
  const sourceFlag = options.source;
  const gathered = await gatherInputs(
    {
      certificate: positional(options, argv, io),
      kubeconfig: options.kubeconfig,
      context: options.context,
      cas: options.ca ?? [],
      serviceAccountDir: options['serviceaccount-dir'],
      inCluster: options['in-cluster'],
      heapsterSource:
        sourceFlag === undefined
          ? null
          : (await import('../../inputs/heapster-source.js')).planHeapsterSource({
              value: sourceFlag,
              version: heapsterClient(options['heapster-version']).version,
              serviceHost: io.env['KUBERNETES_SERVICE_HOST'],
              servicePort: io.env['KUBERNETES_SERVICE_PORT'],
              // The IP InClusterConfig would dial when the environment does not say.
              fallbackServiceIp:
                defaultNames({
                  serviceIp: options['service-ip'],
                  serviceCidr: options['service-cidr'],
                }).find((name) => name.kind === 'ip')?.host ?? '',
            }),
      sni: options.sni,
      timeoutMs: timeout * 1000,
      userNames: requested.length > 0 ? names : null,
      defaultNames: names,
      env: io.env,
      webhook: options.webhook,
      now,
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
  if (certificates.length === 0) throw new UsageError('no certificate to diagnose');

  const report = await judge({
    // Standard input has no name; `-` alone reads as a stray dash in a report.
    source: gathered.source === '-' ? '(stdin)' : gathered.source,
    certificates,
    roots,
    override: componentFlag,
    // --kubeconfig, or a kubeconfig as the argument: what its client (kubectl) gets. A
    // kubeconfig given as --ca only supplies anchors.
    fromKubeconfig:
      options.kubeconfig !== undefined ||
      gathered.inputs.some((entry) => entry.form === 'kubeconfig' && entry.role !== 'ca'),
    ports: portsOf([...requested, options.certificate ?? '']),
    clientValues,
    heapsterVersion: options['heapster-version'],
    names: gathered.names === names && requested.length === 0 ? null : gathered.names,
    nameOptions: {
      serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
      serviceIp: options['service-ip'],
      serviceCidr: options['service-cidr'],
      clusterDomain: options['cluster-domain'],
    },
    now,
    toolVersion: VERSION,
    inputFindings: gathered.findings,
    inputs: gathered.inputs,
    connection: gathered.connection,
  });

  const format = formatNamed(options.format);
  const shown = options.redact
    ? (await import('../../render/redact.js')).redactReport(report)
    : report;
  io.stdout(
    format === 'json'
      ? (await import('../../render/json.js')).renderJson(shown)
      : format === 'markdown'
        ? (await import('../../render/markdown.js')).renderMarkdown(shown)
        : renderText(shown, await terminalStyle(io.stdoutIsTTY, io.env, options.color), {
            width: outputWidth(io),
            view: options.quiet ? 'quiet' : options.summary ? 'summary' : 'full',
          }),
  );
  return report.verdict === 'pass'
    ? ExitCode.pass
    : report.verdict === 'unchecked'
      ? ExitCode.unchecked
      : ExitCode.fail;
}

/** Ports of URLs and host:port values, for recognising the component dialled. */
function portsOf(values: readonly string[]): number[] {
  return values.flatMap((value) => {
    const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\[[^\]]+\]|[^/:?#]+):(\d{1,5})(?:[/?#]|$)/i.exec(
      value.trim(),
    );
    return match ? [Number(match[1])] : [];
  });
}

/**
 * yargs reads a lone `-` (standard input) as an empty positional; give it back its name.
 * With nothing named to check and standard input piped, that is the input.
 */
function positional(options: DiagnoseOptions, argv: readonly string[], io: Io): string {
  const text = options.certificate ?? '';
  if (text === '' && argv.includes('-')) return '-';
  const other = options.kubeconfig !== undefined || options['in-cluster'];
  if (text === '' && !other && io.stdinIsPiped === true) return '-';
  return text;
}
