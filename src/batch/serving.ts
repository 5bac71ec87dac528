/**
 * Which certificate names stand for a Service the kube-apiserver dials — for pairing a
 * webhook or APIService with its serving Secret (src/batch/inventory.ts). Pure, and small:
 * batch workers take a serving leaf's names here (src/batch/chunk.ts).
 *
 * The kube-apiserver verifies `<service>.<namespace>.svc` (k8s.io/apiserver
 * pkg/util/webhook/client.go; kube-aggregator pkg/apiserver/handler_proxy.go). A
 * certificate is for that Service when it names it, names it under the cluster domain
 * (`<service>.<namespace>.svc.cluster.local`), or holds the wildcard `*.<namespace>.svc`.
 */
import type { CertFacts } from '../facts/types.js';

/**
 * The names a leaf answers to that may be a Service's — its DNS SANs, or its CN when it has
 * no SANs (a CN-only webhook certificate, which Go ≥ 1.15 refuses), holding `.svc` —
 * lower-cased.
 */
export function serviceNames(leaf: CertFacts): string[] {
  const names = leaf.san === null ? leaf.subject.commonNames.slice(-1) : leaf.san.dns;
  return names.map((name) => name.toLowerCase()).filter((name) => name.includes('.svc'));
}

/** Does a certificate name stand for the Service host the kube-apiserver dials? */
export function covers(name: string, host: string): boolean {
  if (name === host || name.startsWith(`${host}.`)) return true;
  // `*.<namespace>.svc`: a wildcard for exactly the left-most label (RFC 6125 §6.4.3).
  const dot = host.indexOf('.');
  return name.startsWith('*.') && dot > 0 && name.slice(1) === host.slice(dot);
}
