/**
 * From verdicts to findings: each failure code once, with every name and client it
 * hit, plus what the certificate itself shows.
 */
import { ipVersion } from '../base/ip.js';
import type { CertFacts } from '../facts/types.js';
import { FAILURE_CODES, type FailureCode } from '../verify/failures.js';
import type { ClientId, ClientVerdict } from '../verify/types.js';
import type {
  FailureFinding,
  Finding,
  InputFinding,
  ObservationFinding,
  Severity,
} from '../report/findings.js';

export interface CollectInput {
  readonly leaf: CertFacts;
  readonly verdicts: readonly ClientVerdict[];
  readonly primary: ClientId;
  /** Hosts that decide the verdict. */
  readonly decisive: ReadonlySet<string>;
  readonly selfTrust: boolean;
  /** No --ca for a CA-signed certificate: trust was not checked (which CA to pass). */
  readonly trustUnchecked?: ObservationFinding;
  /** Candidate signature checks left undone because the budget ran out. */
  readonly skippedSignatures?: number;
  /** Findings about the inputs (src/inputs, src/live), passed through and sorted with the rest. */
  readonly inputFindings?: readonly InputFinding[];
  /** Closest miss, stale CA, CA that is not a CA (src/diagnose/trust.ts). */
  readonly trustFindings?: readonly ObservationFinding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function collectFindings(input: CollectInput): Finding[] {
  const findings: Finding[] = [
    ...(input.inputFindings ?? []),
    ...failureFindings(input),
    ...(input.trustFindings ?? []),
    ...observations(input),
  ];
  return findings
    .map((finding, position) => ({ finding, position }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        a.position - b.position,
    )
    .map(({ finding }) => finding);
}

function failureFindings({ verdicts, primary, decisive }: CollectInput): FailureFinding[] {
  const findings: FailureFinding[] = [];
  for (const code of FAILURE_CODES) {
    const hit = verdicts.filter((verdict) =>
      verdict.failures.some((failure) => failure.code === code),
    );
    if (hit.length === 0) continue;
    const severity: Severity = hit.some((v) => v.client === primary && decisive.has(v.host))
      ? 'error'
      : hit.some((v) => v.client === primary || decisive.has(v.host))
        ? 'warning'
        : 'info';
    findings.push({
      code,
      severity,
      names: unique(hit.map((verdict) => verdict.host)),
      clients: unique(hit.map((verdict) => verdict.client)),
      messages: messagesFor(code, hit),
    });
  }
  return findings;
}

/** Each distinct message printed for this code as the client's first error, with who prints it. */
function messagesFor(
  code: FailureCode,
  verdicts: readonly ClientVerdict[],
): FailureFinding['messages'] {
  const byMessage = new Map<string, ClientId[]>();
  for (const verdict of verdicts) {
    if (verdict.failures[0]?.code !== code || verdict.message === null) continue;
    const clients = byMessage.get(verdict.message) ?? [];
    if (!clients.includes(verdict.client)) clients.push(verdict.client);
    byMessage.set(verdict.message, clients);
  }
  return [...byMessage].map(([message, clients]) => ({ message, clients }));
}

function observations({
  leaf,
  selfTrust,
  skippedSignatures,
  trustUnchecked,
}: CollectInput): ObservationFinding[] {
  const found: ObservationFinding[] = [];
  if (trustUnchecked) found.push(trustUnchecked);
  if (leaf.kubernetes) {
    found.push({
      code: 'kube-generated-cn',
      severity: 'info',
      commonName: leaf.subject.commonNames.at(-1) ?? '',
      host: leaf.kubernetes.host,
      generatedAt: leaf.kubernetes.generatedAt,
      hostInSans: leaf.kubernetes.hostInSans,
      eras: leaf.kubernetes.eras,
    });
  }
  if (leaf.san === null) {
    found.push({
      code: 'no-san-extension',
      severity: 'warning',
      commonName: leaf.subject.commonNames.at(-1) ?? null,
    });
  }
  const ipLike = (leaf.san?.dns ?? []).filter((name) => ipVersion(name) !== 0);
  if (ipLike.length > 0)
    found.push({ code: 'ip-in-dns-san', severity: 'warning', entries: ipLike });
  if (selfTrust) found.push({ code: 'self-trust', severity: 'info', selfSigned: leaf.selfSigned });
  if (skippedSignatures !== undefined && skippedSignatures > 0) {
    found.push({ code: 'signature-budget', severity: 'warning', skipped: skippedSignatures });
  }
  return found;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
