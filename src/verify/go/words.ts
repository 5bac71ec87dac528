/**
 * What a Go era says for a failure, or null when that era never reports it: the cause
 * folded into another error, or a rule the era does not have (src/verify/go/eras.ts).
 * `explain` asks this instead of knowing Go's eras itself.
 */
import type { CertFacts } from '../../facts/types.js';
import type { Failure, FailureCode } from '../failures.js';
import type { GoEra } from './eras.js';
import { goMessage } from './messages.js';
import { nameConstraintRules } from './name-constraints.js';

export function goWords(era: GoEra, failure: Failure, leaf: CertFacts): string | null {
  return goReports(failure.code, era) ? goMessage(failure, era, leaf) : null;
}

/** Whether a Go era can report this code at all (its rules, src/verify/go/eras.ts). */
export function goReports(code: FailureCode, era: GoEra): boolean {
  if (code === 'cn-mismatch')
    return era.cnFallback !== 'never' && era.cnFallback !== 'never-godebug-hint';
  if (code === 'legacy-common-name')
    return era.cnMessage === 'legacy-godebug' || era.cnMessage === 'legacy-sans-instead';
  if (code === 'cn-not-hostname') return era.cnMessage === 'cn-not-hostname';
  if (code === 'self-signed-not-ca') return !era.selfInRootsShortcut;
  if (code === 'signature-check-limit') return era.chainBuilder === 'consider-candidates';
  const constraints = nameConstraintRules(era);
  // Go 1.2–1.9 read permitted DNS domains only (src/verify/go/name-constraints.ts).
  if (
    code === 'name-excluded' ||
    code === 'name-constraint-unsupported' ||
    code === 'name-constraint-limit'
  )
    return constraints.checks === 'sans';
  // Go 1.10–1.14 only: a constrained chain whose leaf has no SANs.
  if (code === 'name-constraints-without-sans')
    return era.nameConstraints.checks === 'sans' && era.nameConstraints.withoutSans !== 'ignore';
  return !NOT_GO.has(code);
}

/** Folded into other Go errors, never reported as such (src/verify/go/messages.ts). */
const NOT_GO: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'signature-invalid',
  'issuer-key-usage-no-cert-sign',
  'untrusted-root',
  'anchor-not-self-signed',
  'key-usage-incompatible',
  'weak-signature-digest',
]);
