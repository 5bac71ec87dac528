/**
 * The cluster inventory of `diagnose batch`: every webhook, CRD conversion webhook and
 * APIService of the input checked against the serving certificate it guards, when that
 * certificate's Secret is in the input too.
 *
 * `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations,apiservices,crd,configmaps,secrets -A -o json`
 * lists objects in any order, so the pairing waits for the end of the input; to keep
 * memory bounded it keeps only what pairing needs — each trust entry (its caBundle and the
 * Service it dials) and the Secrets whose tls.crt can name a Service (the bytes `.svc`
 * appear in its DER) — never whole items. Every other certificate streams through the
 * audit as before.
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
import type { CertFacts } from '../facts/types.js';
import { InputError } from '../base/errors.js';
import { judge } from '../diagnose/judge.js';
import { certificatesFrom } from '../inputs/index.js';
import { anchorCertificates } from '../inputs/plan.js';
import { trustTarget, type Trail } from '../inputs/resolve.js';
import type { SecretView } from '../inputs/secret.js';
import type { TrustEntry } from '../inputs/trust-objects.js';
import { splitCertificates } from '../load/split.js';
import type { AuditContext } from './audit.js';
import type { InventoryInput } from './items.js';
import type { ItemError, TrustRecord } from './types.js';

interface Held {
  readonly file: string;
  readonly entry: TrustEntry;
}

export class Inventory {
  private readonly entries: Held[] = [];
  /** Secrets whose tls.crt may name a Service, once each (a Secret read twice is one). */
  private readonly candidates = new Map<string, SecretView>();

  add(input: InventoryInput): void {
    for (const entry of input.entries)
      if (entry.form !== 'configmap') this.entries.push({ file: input.file, entry });
    for (const secret of input.secrets) {
      const tls = secret.tls;
      if (!tls || !mayNameService(tls.bytes)) continue;
      const key = `${secret.name}\u0000${Buffer.from(tls.bytes).toString('base64')}`;
      // Only the served chain is needed: the pair's anchors are the object's caBundle.
      if (!this.candidates.has(key)) this.candidates.set(key, { ...secret, ca: null });
    }
  }

  /** What is held until the end of the input: trust entries and candidate serving Secrets. */
  get held(): { readonly entries: number; readonly secrets: number } {
    return { entries: this.entries.length, secrets: this.candidates.size };
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
    const serving: { secret: SecretView; names: string[] }[] = [];
    for (const secret of this.candidates.values()) {
      const tls = secret.tls;
      if (!tls) continue;
      try {
        const [leaf] = await certificatesFrom(tls.bytes, tls.label);
        if (leaf) serving.push({ secret, names: servedNames(leaf.facts) });
      } catch (error) {
        // Its own audit line already says why it cannot be read.
        if (!(error instanceof InputError)) throw error;
      }
    }
    const records: (TrustRecord | ItemError)[] = [];
    let local = 0;
    for (const { file, entry } of this.entries) {
      const { dialled } = entry;
      if (!dialled) {
        local++;
        continue;
      }
      const host = dialled.host.toLowerCase();
      const matches = serving.filter((candidate) =>
        candidate.names.some((name) => covers(name, host)),
      );
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
          note: `no Secret in the input holds a certificate for ${dialled.host}`,
        });
        continue;
      }
      for (const { secret } of matches) {
        try {
          records.push(await judgePair(file, entry, secret, context));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          records.push({ type: 'error', source: error.source, problem: error.problem });
        }
      }
    }
    return { records, local };
  }
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
  const decisive = new Set(report.names.filter((name) => name.decisive).map((name) => name.name));
  const failed = report.results.find(
    (result) => result.client === report.primaryClient && decisive.has(result.name) && !result.ok,
  );
  return {
    ...common(file, entry),
    secret: secret.name,
    verdict: report.verdict,
    primaryClient: report.primaryClient,
    names: report.names.map((name) => name.name),
    findings: report.findings.map((finding) => ({
      code: finding.code,
      severity: finding.severity,
    })),
    message: failed?.message ?? null,
    logged: failed?.logged ?? null,
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

/** The names a leaf answers to for the pairing: its DNS SANs, or its CN when it has no SANs. */
function servedNames(leaf: CertFacts): string[] {
  const names = leaf.san === null ? leaf.subject.commonNames.slice(-1) : leaf.san.dns;
  return names.map((name) => name.toLowerCase());
}

/** Does a certificate name stand for the Service host the kube-apiserver dials? */
export function covers(name: string, host: string): boolean {
  if (name === host || name.startsWith(`${host}.`)) return true;
  // `*.<namespace>.svc`: a wildcard for exactly the left-most label (RFC 6125 §6.4.3).
  const dot = host.indexOf('.');
  return name.startsWith('*.') && dot > 0 && name.slice(1) === host.slice(dot);
}

const SVC = Buffer.from('.svc');

/**
 * Whether a tls.crt may name a Service: `.svc` (any case) somewhere in its certificates'
 * DER, where a dNSName SAN or a CN is plain ASCII. A cheap test that lets every other
 * Secret pass without being kept; the candidates are parsed at the end.
 */
export function mayNameService(bytes: Uint8Array): boolean {
  let ders: Uint8Array[];
  try {
    ders = splitCertificates(bytes, 'tls.crt');
  } catch {
    return false;
  }
  return ders.some((der) => {
    const lower = Buffer.from(
      der.map((byte) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte)),
    );
    return lower.includes(SVC);
  });
}
