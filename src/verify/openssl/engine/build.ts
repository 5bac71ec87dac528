/**
 * build_chain (crypto/x509/x509_vfy.c, OpenSSL 3.0) with the defaults `openssl verify` and libssl share:
 * trusted-first search, no -partial_chain, no DANE, no aux trust settings, depth limit
 * 100. The leaf grows a chain by name (likelyIssued): first from the trust store (the
 * -CAfile roots), then from the served intermediates (-untrusted); a trusted certificate
 * ends the search when it is a trust anchor, which by default (X509_check_trust →
 * trust_compat) means self-signed in OpenSSL's sense.
 *
 * The self-trust shape (no --ca) — the served self-signed cert is the only root — lands in the
 * "self-signed leaf replaced by its exact trusted copy" branch: the leaf is then the
 * trust anchor whatever its basicConstraints, keyUsage or extKeyUsage say.
 */
import type { CertFacts } from '../../../facts/types.js';
import { likelyIssued, opensslSelfSigned } from './flags.js';
import type { VerifyRun } from './run.js';
import { isTimeValid } from './validity.js';

export interface BuiltChain {
  /** Leaf first. */
  readonly chain: readonly CertFacts[];
  /** How many certificates from the bottom came from the server (the rest are roots). */
  readonly numUntrusted: number;
  readonly trusted: boolean;
}

const MAX_DEPTH = 100;

/**
 * X509_STORE_CTX_get1_issuer / get0_best_issuer_sk: the first acceptable candidate that
 * is currently valid, else the acceptable candidate expiring last (the first of equals).
 * Store order is modelled as the order of `candidates`.
 */
function bestIssuer(
  candidates: readonly CertFacts[],
  child: CertFacts,
  nowSeconds: number,
  accept: (candidate: CertFacts) => boolean = () => true,
): CertFacts | undefined {
  let fallback: CertFacts | undefined;
  for (const candidate of candidates) {
    if (!likelyIssued(candidate, child) || !accept(candidate)) continue;
    if (isTimeValid(candidate, nowSeconds)) return candidate;
    if (!fallback || candidate.notAfter.getTime() > fallback.notAfter.getTime())
      fallback = candidate;
  }
  return fallback;
}

const same = (a: CertFacts, b: CertFacts): boolean => a.fingerprintSha256 === b.fingerprintSha256;

export function buildChain(
  leaf: CertFacts,
  intermediates: readonly CertFacts[],
  roots: readonly CertFacts[],
  nowSeconds: number,
  run: VerifyRun,
): BuiltChain {
  const chain: CertFacts[] = [leaf];
  let numUntrusted = 1;
  let trusted = false;
  let searchUntrusted = true;

  while (chain.length <= MAX_DEPTH) {
    const top = chain[chain.length - 1] as CertFacts;
    const selfSigned = opensslSelfSigned(top);

    // Trust store first.
    const fromStore = bestIssuer(roots, top, nowSeconds);
    if (fromStore) {
      if (!selfSigned) {
        chain.push(fromStore);
        searchUntrusted = false;
        if (opensslSelfSigned(fromStore)) {
          trusted = true;
          break;
        }
        continue;
      }
      if (chain.length === numUntrusted && same(fromStore, top)) {
        // A self-signed served cert is replaced by its exact trusted copy.
        chain[chain.length - 1] = fromStore;
        numUntrusted--;
        trusted = true;
        break;
      }
      // A different trusted cert with the same name: "self-signed untrusted mimic".
    }
    if (selfSigned || !searchUntrusted || chain.length !== numUntrusted) break;

    // Then the served intermediates; a certificate may not appear twice, except that a
    // self-issued leaf may be followed by a same-named issuer (key rollover).
    const fromServer = bestIssuer(
      intermediates,
      top,
      nowSeconds,
      (candidate) =>
        (top.selfIssued && chain.length === 1) || !chain.some((cert) => same(cert, candidate)),
    );
    if (!fromServer) break;
    chain.push(fromServer);
    numUntrusted++;
  }

  if (!trusted) reportUntrusted(chain, numUntrusted, run);
  return { chain, numUntrusted, trusted };
}

/** The end of build_chain when no trust anchor was reached: 18, 19, 22, 2 or 20. */
function reportUntrusted(chain: readonly CertFacts[], numUntrusted: number, run: VerifyRun): void {
  const depth = chain.length - 1;
  const top = chain[depth] as CertFacts;
  if (opensslSelfSigned(top)) {
    run.fail(
      chain.length === 1 ? { code: 'self-signed-untrusted' } : { code: 'untrusted-root', depth },
      depth,
    );
  } else if (chain.length > MAX_DEPTH) {
    run.fail({ code: 'unknown-authority', depth, hint: null }, depth, 22);
  } else if (numUntrusted < chain.length) {
    run.fail({ code: 'anchor-not-self-signed', depth }, depth);
  } else {
    run.fail({ code: 'unknown-authority', depth, hint: null }, depth);
  }
}
