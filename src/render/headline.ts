/**
 * What the first screen says: the verdict in one line, and the one cause that explains
 * it with its evidence and its fix. Text and markdown both lead with it, so a person who
 * reads nothing else still has the answer.
 */
import type { FindingEntry, Report } from '../report/report.js';
import { cnOrDn, resultFor } from './format.js';

/** Causes where the chain, not the name, failed: a trust observation explains them better. */
const TRUST_CODES = new Set<string>([
  'unknown-authority',
  'self-signed-untrusted',
  'untrusted-root',
  'self-signed-not-ca',
  'issuer-name-mismatch',
  'signature-invalid',
  'anchor-not-self-signed',
]);

/**
 * Observations that name the real cause behind a trust failure, most specific first:
 * a stale ca.crt says why no chain was found; a ca.crt that is not a CA, why its
 * certificate cannot anchor; the closest miss lists what was there instead.
 */
const TRUST_EXPLAINERS = ['stale-ca', 'ca-not-a-ca', 'closest-miss'] as const;

export interface Headline {
  /** `FAIL  source: who rejects names` / `PASS  source: who verifies every decisive name`. */
  readonly verdict: 'PASS' | 'FAIL' | 'UNCHECKED';
  readonly source: string;
  readonly who: string;
  readonly outcome: string;
  /** The finding that explains the verdict (for a pass: the first error or warning, if any). */
  readonly cause: FindingEntry | null;
  /** What the deciding client prints, and for how many decisive names. */
  readonly says: { readonly message: string; readonly names: number } | null;
  /** The closest-miss finding when the cause is another trust finding: its candidates are evidence. */
  readonly evidence: FindingEntry | null;
}

export function deciderLabel(report: Report): string {
  if (report.heapster) {
    return `Heapster ${report.heapster.version} (${report.heapster.go}, profile ${report.primaryClient})`;
  }
  const primary = report.clients.find((client) => client.id === report.primaryClient);
  return `${primary?.label ?? report.primaryClient} (profile ${report.primaryClient})`;
}

export function headline(report: Report): Headline {
  const who = deciderLabel(report);
  const failing = report.names
    .filter((name) => name.decisive)
    .map((name) => resultFor(report.results, report.primaryClient, name.name))
    .filter((result) => result !== undefined && !result.ok);
  const base = {
    verdict:
      report.verdict === 'pass'
        ? ('PASS' as const)
        : report.verdict === 'unchecked'
          ? ('UNCHECKED' as const)
          : ('FAIL' as const),
    source: report.source,
    who,
  };
  if (report.verdict !== 'fail' || failing.length === 0) {
    const cause =
      report.findings.find((finding) => finding.code === 'trust-unchecked') ??
      report.findings.find((finding) => finding.severity === 'error') ??
      report.findings.find((finding) => finding.severity === 'warning') ??
      null;
    return {
      ...base,
      outcome:
        report.verdict === 'unchecked'
          ? 'verifies every decisive name; trust not checked (no --ca)'
          : 'verifies every decisive name',
      cause,
      says: null,
      evidence: null,
    };
  }
  const first = failing[0];
  const code = first?.code ?? null;
  const byCode = (wanted: string): FindingEntry | undefined =>
    report.findings.find((finding) => finding.code === wanted);
  let cause: FindingEntry | null = (code && byCode(code)) || null;
  let evidence: FindingEntry | null = null;
  if (code && TRUST_CODES.has(code)) {
    const explainer = TRUST_EXPLAINERS.map(byCode).find((found) => found !== undefined);
    if (explainer) {
      cause = explainer;
      const miss = byCode('closest-miss');
      if (miss && miss !== explainer) evidence = miss;
    }
  }
  cause ??= report.findings.find((finding) => finding.severity === 'error') ?? null;
  const message = first?.message ?? '';
  const same = failing.filter((result) => result?.message === message).length;
  return {
    ...base,
    outcome: `rejects ${failing.map((result) => result?.name ?? '').join(', ')}`,
    cause,
    says: message === '' ? null : { message, names: same },
    evidence,
  };
}

/** The trust the report was judged against, in words. */
export function trustText(report: Report): string {
  if (report.trust.mode === 'self') return 'the certificate itself (no --ca given)';
  if (report.trust.mode === 'unchecked') return 'not checked (a CA-signed certificate and no --ca)';
  if (report.trust.anchors.length === 0)
    return 'no CA (the system roots, which never hold a cluster CA)';
  return report.trust.anchors.map((anchor) => cnOrDn(anchor)).join(', ');
}

/** `N names` / `1 name`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
