/**
 * What a certificate is judged as, before it is judged: the component (recognised, or
 * --component), its era, the clients that dial it (the component's own unless --client
 * says otherwise, `all` led by them), the names they dial and the Service IP. Pure, so a
 * single `diagnose` and every certificate of a `batch` get the same plan.
 */
import type { ComponentId } from '../base/component-id.js';
import type { CertFacts } from '../facts/types.js';
import {
  chooseServiceIp,
  componentNames,
  defaultNames,
  type DefaultNameOptions,
  type DialledName,
} from '../names/defaults.js';
import type { ComponentEntry, DecidingClient, ServiceIpEntry } from '../report/report.js';
import { defaultClientValues, resolveClients, type ResolvedClients } from './clients.js';
import {
  DIALLED_BY,
  eraOf,
  recognizeComponent,
  type ComponentInput,
  type Era,
} from './component.js';

export interface PlanInput {
  readonly leaf: CertFacts;
  readonly chain: readonly CertFacts[];
  readonly override?: ComponentId | undefined;
  readonly fromKubeconfig?: boolean;
  readonly ports?: readonly number[];
  readonly dialledFor?: ComponentInput['dialledFor'];
  /** --client values as given (empty: the component's own clients). */
  readonly clientValues: readonly string[];
  readonly heapsterVersion?: string | undefined;
  /** Names that came from the user or an input (a kubeconfig's server); null: the defaults. */
  readonly names: readonly DialledName[] | null;
  readonly nameOptions: DefaultNameOptions;
}

export interface Plan {
  readonly component: ComponentEntry;
  readonly era: Era;
  readonly clients: ResolvedClients;
  readonly decidingClient: DecidingClient;
  readonly names: readonly DialledName[];
  readonly serviceIp?: ServiceIpEntry;
}

export function planJudgement(input: PlanInput): Plan {
  const { leaf } = input;
  const component = recognizeComponent({
    leaf,
    chain: input.chain,
    override: input.override,
    fromKubeconfig: input.fromKubeconfig ?? false,
    ports: input.ports ?? [],
    dialledFor: input.dialledFor,
  });
  const era = eraOf(leaf);
  const given = input.clientValues;
  // `all` leads with the component's own deciding client, as no --client does.
  const values =
    given.length === 0
      ? defaultClientValues(component.id, era)
      : given[0] === 'all'
        ? [...defaultClientValues(component.id, era), ...given]
        : given;
  const clients = resolveClients(values, input.heapsterVersion);
  const primary = clients.ids[0] ?? 'go';
  const decidingClient: DecidingClient = {
    client: primary,
    who: clients.heapster
      ? `Heapster ${clients.heapster.version} (${clients.heapster.go})`
      : DIALLED_BY[component.id],
    reason:
      given.length > 0 && given[0] !== 'all'
        ? 'the first --client'
        : `a ${component.id} certificate made ${era === 'heapster' ? "in Heapster's era, before 2019" : 'in 2019 or later, after Heapster'}`,
  };
  if (input.names !== null) return { component, era, clients, decidingClient, names: input.names };
  const own = componentNames(component.id, {
    dns: leaf.san?.dns ?? [],
    ip: (leaf.san?.ip ?? []).map((ip) => ip.text),
    commonName: leaf.san === null ? (leaf.subject.commonNames.at(-1) ?? null) : null,
  });
  if (own) return { component, era, clients, decidingClient, names: own };
  const serviceIp = chooseServiceIp({
    ...input.nameOptions,
    ipSans: (leaf.san?.ip ?? []).map((ip) => ip.text),
    heapsterEra: era === 'heapster',
  });
  return {
    component,
    era,
    clients,
    decidingClient,
    names: defaultNames(input.nameOptions, serviceIp),
    serviceIp,
  };
}
