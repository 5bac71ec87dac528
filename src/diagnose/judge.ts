/**
 * Certificates read from the inputs → the Report: plan what they are judged as
 * (src/diagnose/plan.ts), check the signatures once, diagnose. A single `diagnose` run and
 * each webhook or APIService a `diagnose batch` inventory pairs with its serving Secret
 * (src/batch/inventory.ts) come through here, so both give a pair the same report.
 */
import type { ComponentId } from '../base/component-id.js';
import type { Certificate } from '../facts/certificate.js';
import type { DefaultNameOptions, DialledName } from '../names/defaults.js';
import type { InputFinding } from '../report/findings.js';
import type { ConnectionEntry, InputEntry, Report } from '../report/report.js';
import { computeSignatureChecks } from '../verify/signatures.js';
import { diagnose } from './index.js';
import { planJudgement, type PlanInput } from './plan.js';

export interface JudgeInput {
  /** What was diagnosed, for the report header. */
  readonly source: string;
  /** The served certificate first, then the chain as sent. */
  readonly certificates: readonly Certificate[];
  /** null: the served certificate trusts itself; []: the system roots (none modelled). */
  readonly roots: readonly Certificate[] | null;
  /** Names from the user or an input (a webhook's Service, a kubeconfig's server); null: the component's own. */
  readonly names: readonly DialledName[] | null;
  /** --component. */
  readonly override?: ComponentId | undefined;
  readonly fromKubeconfig?: boolean;
  readonly ports?: readonly number[];
  /** --client values as given. */
  readonly clientValues: readonly string[];
  readonly heapsterVersion?: string | undefined;
  readonly nameOptions: DefaultNameOptions;
  readonly now: Date;
  readonly toolVersion: string;
  readonly inputFindings?: readonly InputFinding[];
  readonly inputs?: readonly InputEntry[];
  readonly connection?: ConnectionEntry | null;
}

export async function judge(input: JudgeInput): Promise<Report> {
  const [leaf, ...chain] = input.certificates.map((entry) => entry.facts);
  if (!leaf) throw new Error('judge: no certificate');
  // What the certificate is, then who dials it and by which names.
  const plan = planJudgement({
    leaf,
    chain,
    override: input.override,
    fromKubeconfig: input.fromKubeconfig ?? false,
    ports: input.ports ?? [],
    dialledFor: dialledFor(input.inputs ?? []),
    clientValues: input.clientValues,
    heapsterVersion: input.heapsterVersion,
    names: input.names,
    nameOptions: input.nameOptions,
  });
  const { clients } = plan;
  return diagnose({
    source: input.source,
    certificates: input.certificates.map((entry) => entry.facts),
    roots: input.roots === null ? null : input.roots.map((entry) => entry.facts),
    names: plan.names,
    clients: clients.ids,
    releases: clients.releases,
    component: plan.component,
    decidingClient: plan.decidingClient,
    ...(plan.serviceIp ? { serviceIp: plan.serviceIp } : {}),
    heapster: clients.heapster
      ? { version: clients.heapster.version, go: clients.heapster.go }
      : null,
    now: input.now,
    signatures: await computeSignatureChecks([...input.certificates, ...(input.roots ?? [])]),
    toolVersion: input.toolVersion,
    ...(input.inputFindings ? { inputFindings: input.inputFindings } : {}),
    ...(input.inputs ? { inputs: input.inputs } : {}),
    ...(input.connection ? { connection: input.connection } : {}),
  });
}

/** Trust objects whose Service the kube-apiserver dials, and so the served certificate's. */
const DIALLING_FORMS: readonly InputEntry['form'][] = [
  'webhook-configuration',
  'crd-conversion',
  'apiservice',
];

/**
 * The component a webhook configuration, CRD or APIService given as the trust anchors
 * implies for the certificate it is judged with (src/diagnose/component.ts dialledFor).
 */
function dialledFor(inputs: readonly InputEntry[]): PlanInput['dialledFor'] {
  const entry = inputs.find(
    (one) => one.role === 'ca' && one.component && DIALLING_FORMS.includes(one.form),
  );
  return entry?.component
    ? { id: entry.component, why: `the kube-apiserver dials it for ${entry.detail}` }
    : undefined;
}
