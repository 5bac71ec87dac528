/**
 * A certificate's own consistency checks: what is wrong with it whatever name a
 * client dials. Batch audits apply them to every certificate; for certificates that
 * are not an apiserver's serving certificate they are the whole audit. Pure: the
 * moment comes in.
 */
import type { CertFacts } from '../facts/types.js';
import type { Check } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CheckOptions {
  readonly now: Date;
  /** `expiring` when fewer than this many days remain. */
  readonly warnDays: number;
}

export function consistencyChecks(facts: CertFacts, options: CheckOptions): Check[] {
  const checks: Check[] = [];
  const now = options.now.getTime();
  const notAfter = facts.notAfter.getTime();
  // RFC 5280 §4.1.2.5: outside its validity period every client rejects it.
  if (now > notAfter) {
    checks.push({
      code: 'expired',
      severity: 'error',
      detail: `expired ${days(now - notAfter)} ago (${facts.notAfter.toISOString()})`,
    });
  } else if (now < facts.notBefore.getTime()) {
    checks.push({
      code: 'not-yet-valid',
      severity: 'error',
      detail: `valid only from ${facts.notBefore.toISOString()}`,
    });
  } else if (notAfter - now < options.warnDays * DAY_MS) {
    checks.push({
      code: 'expiring',
      severity: 'warning',
      detail: `expires in ${days(notAfter - now)} (${facts.notAfter.toISOString()})`,
    });
  }
  // Go 1.15 stopped reading the Common Name as a host name when there are no SANs
  // (Go 1.15 release notes, crypto/x509), and Go 1.17 removed GODEBUG=x509ignoreCN=0.
  const commonName = facts.subject.commonNames.at(-1);
  if (facts.san === null && commonName && !(facts.basicConstraints?.ca ?? false)) {
    checks.push({
      code: 'cn-only',
      severity: 'warning',
      detail: `no subjectAltName: only the Common Name ${JSON.stringify(commonName)} names it, which Go 1.15+ ignores`,
    });
  }
  // The kube-apiserver signs its own certificate when started without --tls-cert-file
  // and signs a new one whenever it cannot find the old one (client-go util/cert).
  if (facts.kubernetes && facts.selfSigned) {
    checks.push({
      code: 'kube-self-signed',
      severity: 'warning',
      detail: `self-signed by the kube-apiserver for ${facts.kubernetes.host} at ${facts.kubernetes.generatedAt.toISOString()}; it changes when the apiserver regenerates it`,
    });
  }
  // Signatures on a self-signed certificate are not checked by clients (it is its own
  // anchor), so only issued certificates are at risk here.
  if (!facts.selfSigned) {
    if (facts.signatureAlgorithm.hash === 'SHA1') {
      // Go 1.18 release notes: crypto/x509 rejects SHA-1 signed certificates.
      checks.push({
        code: 'sha1-signature',
        severity: 'error',
        detail: `signed with ${facts.signatureAlgorithm.name}, which Go 1.18+ rejects`,
      });
    } else if (facts.signatureAlgorithm.hash === 'MD5') {
      // Go's crypto/x509 treats MD5 signatures as an InsecureAlgorithmError.
      checks.push({
        code: 'md5-signature',
        severity: 'error',
        detail: `signed with ${facts.signatureAlgorithm.name}, which current clients reject`,
      });
    }
  }
  const weak = weakKey(facts);
  if (weak) checks.push({ code: 'weak-key', severity: 'error', detail: weak });
  return checks;
}

/**
 * NIST SP 800-131A Rev. 2 §3 disallows RSA keys under 2048 bits for signatures; the
 * apiserver's own generator and kubeadm use 2048. EC keys under 256 bits are weaker still.
 */
function weakKey(facts: CertFacts): string | null {
  const { algorithm, bits, curve } = facts.publicKey;
  if ((algorithm === 'RSA' || algorithm === 'RSA-PSS') && bits !== null && bits < 2048) {
    return `${algorithm} key of ${bits} bits (under 2048)`;
  }
  if (algorithm === 'ECDSA' && bits !== null && bits < 256) {
    return `EC key on ${curve ?? 'a curve'} of ${bits} bits (under 256)`;
  }
  return null;
}

function days(ms: number): string {
  const count = Math.floor(ms / DAY_MS);
  if (count >= 1) return `${count} day${count === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / (60 * 60 * 1000));
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
