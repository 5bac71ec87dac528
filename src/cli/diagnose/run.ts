/**
 * What `diagnose <certificate>` does (src/cli/diagnose/declare.ts declares it): gather
 * the inputs, judge, render. Loaded by the command's run(), and loading here only what
 * every diagnosis needs: the Heapster --source planner, the JSON and markdown renderers
 * and --redact are imported when asked for.
 */
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, UsageError } from '../../base/errors.js';
import { gatherInputs } from '../../inputs/plan.js';
import { heapsterClient } from '../../kube/heapster.js';
import { defaultNames, userNames } from '../../names/defaults.js';
import { COMPONENT_IDS, isComponentId } from '../../base/component-id.js';
import { planJudgement } from '../../diagnose/plan.js';
import { renderText } from '../../render/text.js';
import { computeSignatureChecks } from '../../verify/signatures.js';
import { VERSION } from '../../base/version.js';
import { booleanArg, numberArg, stringArg, stringsArg, type Args } from '../command.js';
import { DEFAULT_MAX_INPUT_BYTES, type Format } from './settings.js';
import type { Io } from '../io.js';
import { maxInputBytesArg } from '../options.js';
import { terminalStyle } from '../style.js';
import { parseAt } from '../time.js';

export async function runDiagnose(args: Args, io: Io, argv: readonly string[]): Promise<ExitCode> {
  const maxInputBytes = maxInputBytesArg(args, DEFAULT_MAX_INPUT_BYTES);
  const at = stringArg(args, 'at');
  const now = at === undefined ? io.now() : parseAt(at);
  const clientValues = stringsArg(args, 'client');
  const componentFlag = stringArg(args, 'component');
  if (componentFlag !== undefined && !isComponentId(componentFlag))
    throw new UsageError(
      `--component: unknown component ${JSON.stringify(componentFlag)}; choose one of ${COMPONENT_IDS.join(', ')}`,
    );
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
        return io.tlsHandshake(request);
      },
    },
  );
  const { certificates, roots } = gathered;
  const [leaf, ...chain] = certificates.map((entry) => entry.facts);
  if (!leaf) throw new UsageError('no certificate to diagnose');

  // What the certificate is, then who dials it and by which names.
  const plan = planJudgement({
    leaf,
    chain,
    override: componentFlag,
    // --kubeconfig, or a kubeconfig as the argument: what its client (kubectl) gets. A
    // kubeconfig given as --ca only supplies anchors.
    fromKubeconfig:
      stringArg(args, 'kubeconfig') !== undefined ||
      gathered.inputs.some((entry) => entry.form === 'kubeconfig' && entry.role !== 'ca'),
    ports: portsOf([...requested, stringArg(args, 'certificate') ?? '']),
    clientValues,
    heapsterVersion: stringArg(args, 'heapster-version'),
    names: gathered.names === names && requested.length === 0 ? null : gathered.names,
    nameOptions: {
      serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
      serviceIp: stringArg(args, 'service-ip'),
      serviceCidr: stringArg(args, 'service-cidr'),
      clusterDomain: stringArg(args, 'cluster-domain'),
    },
  });
  const { clients } = plan;

  const report = diagnose({
    source: gathered.source,
    certificates: certificates.map((entry) => entry.facts),
    roots: roots === null ? null : roots.map((entry) => entry.facts),
    names: plan.names,
    clients: clients.ids,
    component: plan.component,
    decidingClient: plan.decidingClient,
    ...(plan.serviceIp ? { serviceIp: plan.serviceIp } : {}),
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

/** yargs reads a lone `-` (standard input) as an empty positional; give it back its name. */
function positional(value: string | undefined, argv: readonly string[]): string {
  const text = value ?? '';
  return text === '' && argv.includes('-') ? '-' : text;
}
