/**
 * One item → one record per certificate. The leaf of an item that looks like an
 * apiserver's serving certificate (or any leaf, when names were given) gets the full
 * diagnosis a single `diagnose` run gives — same names, clients, trust, verdict.
 * Every other certificate is judged by its own consistency checks. Pure: the moment
 * and the anchors come in.
 */
import type { ComponentId } from '../base/component-id.js';
import { recognizeComponent } from '../diagnose/component.js';
import { diagnose } from '../diagnose/index.js';
import type { CertFacts } from '../facts/types.js';
import type { Report } from '../report/report.js';
import type { DefaultNameOptions, DialledName } from '../names/defaults.js';
import { planJudgement } from '../diagnose/plan.js';
import type { ClientId } from '../verify/types.js';
import { consistencyChecks } from './checks.js';
import { parseItem, type Anchors } from './certificates.js';
import type { CertRecord, Item } from './types.js';
import { sourceLabel } from './types.js';

export interface AuditContext {
  /** --name values; null: the default names, for apiserver-like leaves only. */
  readonly names: readonly DialledName[] | null;
  readonly defaultNames: readonly DialledName[];
  readonly clients: readonly ClientId[];
  readonly heapster: { readonly version: string; readonly go: string } | null;
  readonly anchors: Anchors | null;
  readonly now: Date;
  readonly warnDays: number;
  readonly toolVersion: string;
  /**
   * Plan each leaf as a single `diagnose` does (src/diagnose/plan.ts): the component's own
   * clients unless --client was given, its names and the Service IP inferred from its SANs.
   * Absent: `clients` and `defaultNames` as given.
   */
  readonly plan?: {
    readonly clientValues: readonly string[];
    readonly heapsterVersion?: string | undefined;
    readonly nameOptions: DefaultNameOptions;
  };
}

/** The apiserver's in-cluster names (src/names/defaults.ts) as they appear in its SANs. */
const APISERVER_NAMES = new Set(['kubernetes', 'kubernetes.default', 'kubernetes.default.svc']);

/**
 * A serving certificate made by the apiserver's generator (CN `<host>@<seconds>`), or
 * a non-CA certificate whose DNS SANs hold the `kubernetes` Service's names. A CA that
 * lists them (kubeadm's cluster CA has DNS:kubernetes) is not the served certificate.
 */
export function looksLikeApiserver(facts: CertFacts): boolean {
  if (facts.kubernetes?.role === 'serving') return true;
  if (facts.basicConstraints?.ca) return false;
  return (facts.san?.dns ?? []).some((name) => APISERVER_NAMES.has(name.toLowerCase()));
}

/**
 * `onLeaf` sees the leaf's facts (batch's inventory takes the names a serving Secret's
 * certificate answers to from them, src/batch/chunk.ts).
 */
export async function auditItem(
  item: Item,
  context: AuditContext,
  onLeaf?: (leaf: CertFacts) => void,
): Promise<CertRecord[]> {
  const label = item.label ?? sourceLabel(item.source);
  const { certificates, signatures } = await parseItem(item.bytes, label, context.anchors);
  if (onLeaf && certificates[0]) onLeaf(certificates[0]);
  // The certificate of the chain that expires first (the first of equals).
  const first = certificates.reduce(
    (best, facts, index) =>
      facts.notAfter.getTime() < (certificates[best]?.notAfter.getTime() ?? Infinity)
        ? index
        : best,
    0,
  );
  return certificates.map((facts, index) => {
    const checks = consistencyChecks(facts, context);
    const recognised = (): ComponentId =>
      recognizeComponent({
        leaf: facts,
        chain: index === 0 ? certificates.slice(1) : [],
        override: undefined,
        fromKubeconfig: false,
        ports: [],
      }).id;
    const base = {
      type: 'certificate' as const,
      source: item.source,
      index,
      subject: facts.subject.dn,
      issuer: facts.issuer.dn,
      sha256: facts.fingerprintSha256,
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
      expiresFirst: certificates.length > 1 ? index === first : null,
      checks,
    };
    const names =
      index === 0
        ? (context.names ?? (looksLikeApiserver(facts) ? context.defaultNames : null))
        : null;
    if (!names) {
      return {
        ...base,
        component: item.component ?? recognised(),
        mode: 'checks',
        verdict: checks.some((check) => check.severity === 'error') ? 'fail' : 'pass',
        primaryClient: null,
        names: [],
        findings: [],
        message: null,
      };
    }
    const planned = context.plan
      ? planJudgement({
          leaf: facts,
          chain: certificates.slice(1),
          clientValues: context.plan.clientValues,
          heapsterVersion: context.plan.heapsterVersion,
          names: context.names,
          nameOptions: context.plan.nameOptions,
        })
      : null;
    const report = diagnose({
      source: label,
      certificates,
      roots: context.anchors ? context.anchors.facts : null,
      names: planned ? planned.names : names,
      clients: planned ? planned.clients.ids : context.clients,
      heapster: planned
        ? planned.clients.heapster && {
            version: planned.clients.heapster.version,
            go: planned.clients.heapster.go,
          }
        : context.heapster,
      ...(planned
        ? {
            component: planned.component,
            decidingClient: planned.decidingClient,
            ...(planned.serviceIp ? { serviceIp: planned.serviceIp } : {}),
          }
        : {}),
      now: context.now,
      signatures,
      toolVersion: context.toolVersion,
    });
    return {
      ...base,
      component: item.component ?? report.component?.id ?? recognised(),
      mode: 'names',
      ...outcome(report),
    };
  });
}

/**
 * A diagnosis as a batch line carries it: the verdict, the deciding client, the names, the
 * findings' codes, and the deciding client's message on the first decisive name it rejects.
 */
export function outcome(report: Report): {
  readonly verdict: Report['verdict'];
  readonly primaryClient: Report['primaryClient'];
  readonly names: readonly string[];
  readonly findings: readonly Pick<Report['findings'][number], 'code' | 'severity'>[];
  readonly message: string | null;
} {
  return {
    verdict: report.verdict,
    primaryClient: report.primaryClient,
    names: report.names.map((name) => name.name),
    findings: report.findings.map((finding) => ({
      code: finding.code,
      severity: finding.severity,
    })),
    message: decidingFailure(report)?.message ?? null,
  };
}

/** The deciding client's result on the first decisive name it rejects, if any. */
export function decidingFailure(report: Report): Report['results'][number] | undefined {
  const decisive = new Set(report.names.filter((name) => name.decisive).map((name) => name.name));
  return report.results.find(
    (result) => result.client === report.primaryClient && decisive.has(result.name) && !result.ok,
  );
}
