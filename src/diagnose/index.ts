/**
 * diagnose: run every selected client over every name and turn the verdicts into a
 * Report with findings, causes and fixes. Pure: the clock and the trust anchors come in.
 */
import type { CertFacts } from '../facts/types.js';
import type { DialledCall, DialledName } from '../names/defaults.js';
import { profileById } from '../verify/profiles.js';
import type { SignatureChecks } from '../verify/signatures.js';
import type { ClientId, ClientVerdict } from '../verify/types.js';
import { EXPLANATIONS } from './explanations.js';
import { collectFindings } from './collect.js';
import { trustFindings } from './trust.js';
import type { InputFinding, ObservationFinding } from '../report/findings.js';
import type { Failure, FailureCode } from '../verify/failures.js';
import { profileWords } from '../verify/words.js';
import { TODAY_GO } from './clients.js';
import { eraOf, recognizeComponent } from './component.js';
import { adviceFor, distroOf, foreignIssuer } from './fixes.js';
import { loggedLine } from './logged.js';
import {
  SCHEMA_VERSION,
  type ComponentEntry,
  type DecidingClient,
  type ServiceIpEntry,
  type ConnectionEntry,
  type InputEntry,
  type Report,
  type ResultEntry,
} from '../report/report.js';

export interface DiagnoseInput {
  /** What was diagnosed, for the report header (a path, `-`, a URL). */
  readonly source: string;
  /** The served certificate first, then the chain as sent. */
  readonly certificates: readonly CertFacts[];
  /** Trust anchors (--ca); `null` means the served certificate trusts itself. */
  readonly roots: readonly CertFacts[] | null;
  readonly names: readonly DialledName[];
  /** Profiles to run; the first is primary and decides the verdict. */
  readonly clients: readonly ClientId[];
  /** Go releases asked for by name, per the profile each resolved to. */
  readonly releases?: Readonly<Partial<Record<ClientId, string>>>;
  readonly heapster: { readonly version: string; readonly go: string } | null;
  readonly now: Date;
  readonly signatures: SignatureChecks;
  readonly toolVersion: string;
  /** What the inputs showed (kubeconfig, service-account dir, Heapster --source, live server). */
  readonly inputFindings?: readonly InputFinding[];
  readonly inputs?: readonly InputEntry[];
  readonly connection?: ConnectionEntry;
  /** The component (recognised by the caller, or here from the certificate when absent). */
  readonly component?: ComponentEntry;
  readonly decidingClient?: DecidingClient;
  readonly serviceIp?: ServiceIpEntry;
}

/**
 * Failures that only say the chain did not reach an anchor. With no --ca and a CA-signed
 * leaf the leaf stands in as its own anchor, so these are artefacts of that stand-in, not
 * answers: trust is reported as not checked instead.
 */
const CHAIN_FAILURES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'unknown-authority',
  'self-signed-not-ca',
  'self-signed-untrusted',
  'intermediate-not-ca',
  'path-length-exceeded',
  'issuer-name-mismatch',
  'signature-invalid',
  'issuer-key-usage-no-cert-sign',
  'untrusted-root',
  'anchor-not-self-signed',
  'signature-check-limit',
  'weak-signature-digest',
]);

function withoutChainFailures(verdict: ClientVerdict, leaf: CertFacts): ClientVerdict {
  const failures: Failure[] = verdict.failures.filter(
    (failure) => !CHAIN_FAILURES.has(failure.code),
  );
  if (failures.length === verdict.failures.length) return verdict;
  const first = failures[0];
  if (!first) return { ...verdict, ok: true, failures: [], message: null, nativeCode: null };
  const unchanged = first === verdict.failures[0];
  return {
    ...verdict,
    failures,
    message: unchanged
      ? verdict.message
      : (profileWords(verdict.client, first, leaf) ?? verdict.message),
    nativeCode: unchanged ? verdict.nativeCode : null,
  };
}

export function diagnose(input: DiagnoseInput): Report {
  const [leaf, ...chain] = input.certificates;
  if (!leaf) throw new Error('diagnose needs at least one certificate');
  const primary = input.clients[0];
  if (!primary) throw new Error('diagnose needs at least one client');
  const roots = input.roots ?? [leaf];

  // Trust is only checked against something: the --ca given, or a self-signed certificate itself.
  const trustUnchecked = input.roots === null && !leaf.selfSigned;
  const component = input.component ?? recognizeComponent({ leaf, chain });
  const era = eraOf(leaf);
  const verdicts: ClientVerdict[] = [];
  for (const client of input.clients) {
    const profile = profileById(client);
    for (const name of input.names) {
      const verdict = profile.verify({
        leaf,
        intermediates: chain,
        roots,
        host: name.host,
        now: input.now,
        signatures: input.signatures,
      });
      verdicts.push(trustUnchecked ? withoutChainFailures(verdict, leaf) : verdict);
    }
  }

  const decisive = new Set(input.names.filter((name) => name.decisive).map((name) => name.host));
  const pass = verdicts.every(
    (verdict) => verdict.client !== primary || !decisive.has(verdict.host) || verdict.ok,
  );
  const findings = collectFindings({
    leaf,
    verdicts,
    primary,
    decisive,
    selfTrust: input.roots === null && !trustUnchecked,
    ...(trustUnchecked ? { trustUnchecked: uncheckedFinding(leaf, chain) } : {}),
    skippedSignatures: input.signatures.skipped ?? 0,
    inputFindings: input.inputFindings ?? [],
    trustFindings: trustUnchecked
      ? []
      : trustFindings({
          leaf,
          chain,
          roots: input.roots,
          verdicts,
          primary,
          decisive,
          now: input.now,
          signatures: input.signatures,
        }),
  });

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'kube-tls-doctor', version: input.toolVersion },
    evaluatedAt: input.now.toISOString(),
    source: input.source,
    verdict: pass ? (trustUnchecked ? 'unchecked' : 'pass') : 'fail',
    primaryClient: primary,
    component,
    ...(input.decidingClient
      ? {
          decidingClient: {
            ...input.decidingClient,
            disagreement: disagreement(verdicts, input.names, input.clients),
          },
        }
      : {}),
    ...(input.serviceIp ? { serviceIp: input.serviceIp } : {}),
    heapster: input.heapster,
    clients: input.clients.map((id) => {
      const profile = profileById(id);
      const release = input.releases?.[id];
      return {
        id,
        ...(release === undefined ? {} : { release }),
        label: profile.label,
        usedBy: profile.usedBy,
        checkedAgainst: profile.oracle,
      };
    }),
    trust: trustUnchecked
      ? { mode: 'unchecked', anchors: [] }
      : { mode: input.roots === null ? 'self' : 'ca', anchors: roots },
    certificate: leaf,
    chain,
    names: input.names.map(({ host, kind, dialledBy, decisive: counts }) => ({
      name: host,
      kind,
      dialledBy,
      decisive: counts,
    })),
    results: verdicts.map((verdict) =>
      toResultEntry(
        verdict,
        component,
        input.releases?.[verdict.client],
        dialledPort(input.names, verdict.host),
        input.names.find((name) => name.host === verdict.host)?.call,
      ),
    ),
    findings: findings.map((finding) => {
      const advice = adviceFor(finding.code, {
        component: component.id,
        era,
        distro: distroOf(
          leaf.issuer.commonNames.at(-1) ?? '',
          leaf.subject.commonNames.at(-1) ?? '',
          leaf.kubernetes !== null,
        ),
        caSigned: !leaf.selfIssued,
        foreignIssuer: trustUnchecked ? null : foreignIssuer([leaf, ...chain], input.roots),
      });
      const base = EXPLANATIONS[finding.code];
      const title = advice?.title ?? base.title;
      const explanation = advice?.explanation ?? base.explanation;
      const fix = advice?.fix ?? base.fix;
      return {
        code: finding.code,
        severity: finding.severity,
        title,
        explanation,
        fix,
        detail: finding,
      };
    }),
    ...(input.inputs && input.inputs.length > 0 ? { inputs: input.inputs } : {}),
    ...(input.connection ? { connection: input.connection } : {}),
  };
}

/** Heapster's profiles, newest first (src/kube/heapster.ts). */
const HEAPSTER_GO: readonly ClientId[] = ['go1.8', 'go1.6', 'go1.5', 'go1.4'];

/** Heapster's Go against today's Go on the first decisive name where they part. */
function disagreement(
  verdicts: readonly ClientVerdict[],
  names: readonly DialledName[],
  clients: readonly ClientId[],
): string | null {
  const old = HEAPSTER_GO.find((client) => clients.includes(client));
  if (!old || !clients.includes(TODAY_GO)) return null;
  for (const name of names.filter((entry) => entry.decisive)) {
    const then = verdicts.find((v) => v.client === old && v.host === name.host);
    const now = verdicts.find((v) => v.client === TODAY_GO && v.host === name.host);
    if (!then || !now || then.ok === now.ok) continue;
    const how =
      then.matchedBy?.kind === 'common-name'
        ? ' by the Common Name'
        : now.matchedBy?.kind === 'common-name'
          ? ' by the Common Name'
          : '';
    const label = profileById(old).usedBy;
    return then.ok
      ? `${label} accepts ${name.host}${how}; every client built with today's Go (${profileById(TODAY_GO).label}) rejects it: ${now.message ?? ''}`
      : `${label} rejects ${name.host}: ${then.message ?? ''}; today's Go (${profileById(TODAY_GO).label}) accepts it${how}.`;
  }
  return null;
}

/** Which CA to pass when trust was not checked: the issuer the leaf (or the top of its chain) names. */
function uncheckedFinding(leaf: CertFacts, chain: readonly CertFacts[]): ObservationFinding {
  const top = [leaf, ...chain].at(-1) ?? leaf;
  const issuer = top.issuer.commonNames.at(-1) ?? top.issuer.dn;
  const kubeadm =
    issuer === 'kubernetes'
      ? " (kubeadm: /etc/kubernetes/pki/ca.crt, or the pods' kube-root-ca.crt)"
      : '';
  return {
    code: 'trust-unchecked',
    severity: 'warning',
    issuer,
    note: `The certificate is signed by ${issuer}, not by itself, and no --ca was given: trust was not checked. Pass the CA the clients trust with --ca ${kubeadm ? `<${issuer} CA>${kubeadm}` : `<the ${issuer} CA certificate>`}.`,
  };
}

/** The port written in the URL a name was given as (`--name https://lb:6443`), if any. */
function dialledPort(names: readonly DialledName[], host: string): number | undefined {
  const input = names.find((name) => name.host === host)?.input ?? '';
  const port = /^[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]]*\]|[^/?#:]*):(\d{1,5})(?:[/?#]|$)/i.exec(
    input,
  )?.[1];
  return port === undefined ? undefined : Number(port);
}

function toResultEntry(
  verdict: ClientVerdict,
  component: ComponentEntry,
  release: string | undefined,
  port: number | undefined,
  call: DialledCall | undefined,
): ResultEntry {
  return {
    client: verdict.client,
    ...(release === undefined ? {} : { release }),
    name: verdict.host,
    ok: verdict.ok,
    code: verdict.ok ? null : (verdict.failures[0]?.code ?? null),
    message: verdict.message,
    logged: loggedLine(component.id, verdict.client, verdict.host, verdict.message, port, call),
    nativeCode: verdict.nativeCode,
    matchedBy: verdict.matchedBy,
    failures: verdict.failures.map((failure) => failure.code),
  };
}
