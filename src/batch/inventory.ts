/**
 * The cluster inventory of `diagnose batch`: every webhook, CRD conversion webhook and
 * APIService of the input checked against the serving certificate it guards, when that
 * certificate's Secret is in the input too.
 *
 * `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations,apiservices,crd,configmaps,secrets -A -o json`
 * lists objects in any order, so the pairing waits for the end of the input; to keep
 * memory bounded it keeps only what pairing needs, never whole items: each trust entry (its
 * caBundle and the Service it dials) and the serving Secrets for a Service dialled — the
 * audit, in whichever thread, reports the names each Secret's leaf answers to
 * (src/batch/chunk.ts), so nothing is parsed twice. Serving Secrets read before the object
 * that dials their Service are held within a budget (EARLY_SECRETS_BUDGET). Every other
 * certificate streams through the audit as before.
 *
 * A Secret guards a Service when its leaf's DNS SANs (its CN when it has no SANs) hold the
 * name the kube-apiserver verifies, `<service>.<namespace>.svc` (k8s.io/apiserver
 * pkg/util/webhook/client.go; kube-aggregator pkg/apiserver/handler_proxy.go), that name
 * under the cluster domain (`….svc.cluster.local`), or a wildcard `*.<namespace>.svc`. A
 * pair is judged by src/inputs/resolve.ts `trustTarget` and src/diagnose/judge.ts, the
 * steps `diagnose <object and Secret>` takes, so it gets the verdict and the words a single
 * run gives. A Secret that matches nothing is not guessed at: the entry is reported
 * without one.
 */
import { createHash } from 'node:crypto';
import type { CertFacts } from '../facts/types.js';
import { InputError } from '../base/errors.js';
import { judge } from '../diagnose/judge.js';
import { certificatesFrom } from '../inputs/index.js';
import { anchorCertificates } from '../inputs/plan.js';
import { trustTarget, type Trail } from '../inputs/resolve.js';
import type { SecretView } from '../inputs/secret.js';
import type { TrustEntry } from '../inputs/trust-objects.js';
import { decidingFailure, outcome, type AuditContext } from './audit.js';
import type { InventoryInput } from './items.js';
import { coversShort, servesHost } from '../inputs/serving.js';
import { sourceLabel, type Item, type ItemError, type TrustRecord } from './types.js';

interface Held {
  readonly file: string;
  readonly entry: TrustEntry;
}

/**
 * Bytes of serving Secrets held before the webhook or APIService they may serve is read (a
 * List with its Secrets first, or Secret files before the objects' files). kubectl lists
 * the trust objects before the Secrets, so this is rarely used; past it such Secrets are
 * counted, not kept, and an entry left without its Secret says so.
 */
export const EARLY_SECRETS_BUDGET = 2 * 1024 * 1024;

interface Serving {
  readonly secret: SecretView;
  readonly namespace: string | null;
  /** The names its leaf answers to that may be a Service's (src/inputs/serving.ts). */
  readonly names: readonly string[];
}

/** Is the Secret for the Service host dialled: by its full name, by a short one, or not? */
function serves(serving: Serving, host: string): 'full' | 'short' | null {
  return servesHost(serving.names, serving.namespace, host);
}

export class Inventory {
  private readonly entries: Held[] = [];
  /** Every host dialled, lower-cased. */
  private readonly hosts = new Set<string>();
  /** Secrets whose certificate is for a Service dialled, once each. */
  private readonly kept = new Map<string, Serving>();
  /** Secrets whose certificate is for a Service no entry read so far dials. */
  private early = new Map<string, Serving>();
  private earlyBytes = 0;
  private dropped = 0;

  constructor(private readonly earlyBudget = EARLY_SECRETS_BUDGET) {}

  /** The trust objects' entries of one input (a ConfigMap's ca.crt is only audited). */
  add(input: InventoryInput): void {
    const fresh: string[] = [];
    for (const entry of input.entries) {
      if (entry.form === 'configmap') continue;
      this.entries.push({ file: input.file, entry });
      const host = entry.dialled?.host.toLowerCase();
      if (host && !this.hosts.has(host)) {
        this.hosts.add(host);
        fresh.push(host);
      }
    }
    // Secrets read before these entries that are for their Services are needed now.
    if (fresh.length > 0)
      for (const [key, held] of this.early)
        if (fresh.some((host) => serves(held, host) !== null)) {
          this.kept.set(key, held);
          this.early.delete(key);
          this.earlyBytes -= weight(held);
        }
  }

  /**
   * Serving Secrets, as the audit found them: the items of a chunk and, for each tls.crt
   * whose leaf may serve a Service, the names it answers to (src/batch/chunk.ts).
   */
  addServing(
    items: readonly Item[],
    serving: readonly { readonly index: number; readonly names: readonly string[] }[],
  ): void {
    for (const { index, names } of serving) {
      const item = items[index];
      if (item?.source.kind !== 'secret') continue;
      const { namespace, name } = item.source;
      // Its bytes in a buffer of their own (not a view that keeps a larger one alive).
      const bytes = new Uint8Array(item.bytes);
      const held: Serving = {
        secret: {
          name: namespace ? `${namespace}/${name}` : name,
          type: null,
          ca: null,
          tls: { bytes, label: item.label ?? sourceLabel(item.source) },
          others: [],
        },
        namespace,
        names,
      };
      const needed = [...this.hosts].some((host) => serves(held, host) !== null);
      if (!needed && this.earlyBytes + weight(held) > this.earlyBudget) {
        this.dropped++;
        continue;
      }
      const key = `${held.secret.name}\u0000${createHash('sha256').update(bytes).digest('hex')}`;
      if (this.kept.has(key) || this.early.has(key)) continue;
      if (needed) this.kept.set(key, held);
      else {
        this.early.set(key, held);
        this.earlyBytes += weight(held);
      }
    }
  }

  /** What is held until the end of the input: trust entries and candidate serving Secrets. */
  get held(): { readonly entries: number; readonly secrets: number; readonly dropped: number } {
    return {
      entries: this.entries.length,
      secrets: this.kept.size + this.early.size,
      dropped: this.dropped,
    };
  }

  /** True when the input held a webhook, conversion webhook or APIService. */
  get holdsTrustObjects(): boolean {
    return this.entries.length > 0;
  }

  /**
   * One record per entry and serving Secret (an entry whose Service several Secrets name
   * gets one per Secret), one per entry without any, none for an APIService the
   * kube-apiserver serves itself (counted as `local`). In input order.
   */
  async judge(
    context: AuditContext,
  ): Promise<{ records: (TrustRecord | ItemError)[]; local: number }> {
    // Every entry is known now: Secrets for none of their Services serve none.
    this.early = new Map();
    this.earlyBytes = 0;
    const serving = [...this.kept.values()];
    const records: (TrustRecord | ItemError)[] = [];
    let local = 0;
    for (const { file, entry } of this.entries) {
      const { dialled } = entry;
      if (!dialled) {
        local++;
        continue;
      }
      const host = dialled.host.toLowerCase();
      // Secrets that name the Service in full; failing those, ones that name it without
      // `.svc` in its own namespace, judged with a note saying how they were paired.
      const full = serving.filter((candidate) => serves(candidate, host) === 'full');
      const short =
        full.length > 0 ? [] : serving.filter((candidate) => serves(candidate, host) === 'short');
      const matches = full.length > 0 ? full : short;
      if (matches.length === 0) {
        records.push({
          ...common(file, entry),
          secret: null,
          verdict: 'absent',
          primaryClient: null,
          names: [dialled.host],
          findings: [],
          message: null,
          logged: null,
          expiresFirst: null,
          note:
            this.dropped === 0
              ? `no Secret in the input holds a certificate for ${dialled.host}`
              : `no Secret kept holds a certificate for ${dialled.host}; ${this.dropped} ${this.dropped === 1 ? 'Secret' : 'Secrets'} naming a Service no webhook or APIService read until then dialled ${this.dropped === 1 ? 'was' : 'were'} not kept (past ${Math.round(this.earlyBudget / 1024 / 1024)} MiB): if its Secret is among them, give the objects first, as kubectl lists them`,
        });
        continue;
      }
      for (const candidate of matches) {
        try {
          const record = await judgePair(file, entry, candidate.secret, context);
          records.push(full.length > 0 ? record : { ...record, note: shortNote(candidate, host) });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          records.push({ type: 'error', source: error.source, problem: error.problem });
        }
      }
    }
    return { records, local };
  }
}

/** Why a Secret that names the Service only without `.svc` was paired with it. */
function shortNote(serving: Serving, host: string): string {
  const named = serving.names.filter((name) => coversShort(name, host, serving.namespace));
  return `paired by ${named.join(', ')}: the Service without .svc; the kube-apiserver dials ${host}`;
}

/**
 * The pair as `diagnose` judges the object and its Secret given together
 * (src/inputs/resolve.ts trustTarget, src/inputs/plan.ts, src/diagnose/judge.ts).
 */
export async function judgePair(
  file: string,
  entry: TrustEntry,
  secret: SecretView,
  context: AuditContext,
): Promise<TrustRecord> {
  const trail: Trail = { findings: [], inputs: [] };
  const target = await trustTarget(
    { form: 'trust', source: file, entries: [entry], secrets: [secret] },
    undefined,
    trail,
  );
  const certificates = await certificatesFrom(target.served.bytes, target.served.label);
  const roots = await anchorCertificates(target.implicit);
  const report = await judge({
    // Standard input has no name; `-` alone reads as a stray dash in a report.
    source: file === '-' ? '(stdin)' : file,
    certificates,
    roots,
    names: context.names ?? target.names,
    clientValues: context.plan?.clientValues ?? [],
    heapsterVersion: context.plan?.heapsterVersion,
    nameOptions: context.plan?.nameOptions ?? {},
    now: context.now,
    toolVersion: context.toolVersion,
    inputFindings: trail.findings,
    inputs: trail.inputs,
  });
  return {
    ...common(file, entry),
    secret: secret.name,
    ...outcome(report),
    logged: decidingFailure(report)?.logged ?? null,
    expiresFirst: firstToExpire(
      certificates.map((cert) => cert.facts),
      (roots ?? []).map((cert) => cert.facts),
    ),
    note: null,
  };
}

function common(
  file: string,
  entry: TrustEntry,
): Pick<
  TrustRecord,
  | 'type'
  | 'file'
  | 'form'
  | 'object'
  | 'webhook'
  | 'component'
  | 'dials'
  | 'host'
  | 'caBundle'
  | 'injectFrom'
  | 'insecureSkipTLSVerify'
> {
  return {
    type: 'trust',
    file,
    // Held entries are webhooks, conversion webhooks and APIServices (Inventory.add).
    form: entry.form as TrustRecord['form'],
    object: entry.object,
    webhook: entry.form === 'webhook-configuration' ? entry.name : null,
    component: entry.component,
    dials: entry.dialled?.url ?? '',
    host: entry.dialled?.host ?? '',
    caBundle: entry.ca !== null,
    injectFrom: entry.injectFrom,
    insecureSkipTLSVerify: entry.insecure,
  };
}

/**
 * Of the served chain and the caBundle certificate that issued its last certificate (by
 * name and key identifier, as verifiers pick candidate issuers), the one that expires first — the date the
 * webhook or APIService stops working whatever else is renewed.
 */
export function firstToExpire(
  served: readonly CertFacts[],
  anchors: readonly CertFacts[],
): TrustRecord['expiresFirst'] {
  const last = served.at(-1);
  const anchor = last
    ? anchors.find(
        (candidate) =>
          candidate.subject.dn === last.issuer.dn &&
          candidate.fingerprintSha256 !== last.fingerprintSha256 &&
          // A CA of the same name with another key (a regenerated CA) anchors nothing.
          (last.authorityKeyId === null ||
            candidate.subjectKeyId === null ||
            candidate.subjectKeyId === last.authorityKeyId),
      )
    : undefined;
  const chain = [
    ...served.map((facts, index) => ({
      facts,
      where: index === 0 ? 'tls.crt' : `tls.crt#${index + 1}`,
    })),
    ...(anchor ? [{ facts: anchor, where: 'caBundle' }] : []),
  ];
  let first: (typeof chain)[number] | undefined;
  for (const link of chain)
    if (!first || link.facts.notAfter.getTime() < first.facts.notAfter.getTime()) first = link;
  return first
    ? {
        subject: first.facts.subject.dn,
        notAfter: first.facts.notAfter.toISOString(),
        where: first.where,
      }
    : null;
}

/**
 * What an early Secret is counted as: its bytes and 1 KiB for the rest. The heap it really
 * takes is about three times that, so the budget is kept small: 2 MiB held about 6 MB more
 * peak RSS on a 100,000-Secret List than none, 8 MiB about 30 MB (docs/performance.md).
 */
function weight(held: Serving): number {
  return (held.secret.tls?.bytes.length ?? 0) + 1024;
}
