/**
 * diagnose: run every selected client over every name and turn the verdicts into a
 * Report with findings, causes and fixes. Pure: the clock and the trust anchors come in.
 */
import type { CertFacts } from '../facts/types.js';
import type { DialledName } from '../names/defaults.js';
import { profileById } from '../verify/profiles.js';
import type { SignatureChecks } from '../verify/signatures.js';
import type { ClientId, ClientVerdict } from '../verify/types.js';
import { EXPLANATIONS } from './explanations.js';
import { collectFindings } from './collect.js';
import { trustFindings } from './trust.js';
import type { InputFinding } from '../report/findings.js';
import {
  SCHEMA_VERSION,
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
  readonly heapster: { readonly version: string; readonly go: string } | null;
  readonly now: Date;
  readonly signatures: SignatureChecks;
  readonly toolVersion: string;
  /** What the inputs showed (kubeconfig, service-account dir, Heapster --source, live server). */
  readonly inputFindings?: readonly InputFinding[];
  readonly inputs?: readonly InputEntry[];
  readonly connection?: ConnectionEntry;
}

export function diagnose(input: DiagnoseInput): Report {
  const [leaf, ...chain] = input.certificates;
  if (!leaf) throw new Error('diagnose needs at least one certificate');
  const primary = input.clients[0];
  if (!primary) throw new Error('diagnose needs at least one client');
  const roots = input.roots ?? [leaf];

  const verdicts: ClientVerdict[] = [];
  for (const client of input.clients) {
    const profile = profileById(client);
    for (const name of input.names) {
      verdicts.push(
        profile.verify({
          leaf,
          intermediates: chain,
          roots,
          host: name.host,
          now: input.now,
          signatures: input.signatures,
        }),
      );
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
    selfTrust: input.roots === null,
    skippedSignatures: input.signatures.skipped ?? 0,
    inputFindings: input.inputFindings ?? [],
    trustFindings: trustFindings({
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
    verdict: pass ? 'pass' : 'fail',
    primaryClient: primary,
    heapster: input.heapster,
    clients: input.clients.map((id) => {
      const profile = profileById(id);
      return { id, label: profile.label, usedBy: profile.usedBy, checkedAgainst: profile.oracle };
    }),
    trust: { mode: input.roots === null ? 'self' : 'ca', anchors: roots },
    certificate: leaf,
    chain,
    names: input.names.map(({ host, kind, dialledBy, decisive: counts }) => ({
      name: host,
      kind,
      dialledBy,
      decisive: counts,
    })),
    results: verdicts.map(toResultEntry),
    findings: findings.map((finding) => {
      const { title, explanation, fix } = EXPLANATIONS[finding.code];
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

function toResultEntry(verdict: ClientVerdict): ResultEntry {
  return {
    client: verdict.client,
    name: verdict.host,
    ok: verdict.ok,
    code: verdict.ok ? null : (verdict.failures[0]?.code ?? null),
    message: verdict.message,
    logged: verdict.message,
    nativeCode: verdict.nativeCode,
    matchedBy: verdict.matchedBy,
    failures: verdict.failures.map((failure) => failure.code),
  };
}
