/**
 * Validity periods as OpenSSL 3.0 checks them (ossl_x509_check_cert_time,
 * crypto/x509/x509_vfy.c): time is whole seconds (`-attime` takes a Unix time), and
 * X509_cmp_time treats "equal" as "earlier", so a certificate is valid from notBefore
 * inclusive to notAfter exclusive — at exactly notAfter it has expired. Confirmed with
 * `openssl verify -attime` at notBefore−1, notBefore, notAfter−1 and notAfter.
 */
import type { CertFacts } from '../../../facts/types.js';
import type { VerifyRun } from './run.js';

/** `-attime` as the model sees it: the Unix time in whole seconds (rounded down). */
export function toAttime(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export function isTimeValid(cert: CertFacts, nowSeconds: number): boolean {
  return seconds(cert.notBefore) <= nowSeconds && nowSeconds < seconds(cert.notAfter);
}

/**
 * notBefore first (9, which stops `openssl verify`), then notAfter (10, after which it
 * goes on). Returns false when verification must stop.
 */
export function checkCertTime(
  cert: CertFacts,
  depth: number,
  nowSeconds: number,
  run: VerifyRun,
): boolean {
  const now = new Date(nowSeconds * 1000);
  if (nowSeconds < seconds(cert.notBefore)) {
    if (!run.fail({ code: 'not-yet-valid', depth, notBefore: cert.notBefore, now }, depth))
      return false;
  }
  if (nowSeconds >= seconds(cert.notAfter)) {
    if (!run.fail({ code: 'expired', depth, notAfter: cert.notAfter, now }, depth)) return false;
  }
  return true;
}
