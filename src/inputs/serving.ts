/**
 * Which certificate names stand for a Service the kube-apiserver dials — for pairing a
 * webhook or APIService with its serving Secret, in `diagnose batch`'s inventory
 * (src/batch/inventory.ts) and when `diagnose` picks the Secret a webhook's Service serves
 * from a List (src/inputs/resolve.ts). Pure, and small: batch workers take a serving leaf's
 * names here (src/batch/chunk.ts).
 *
 * The kube-apiserver verifies `<service>.<namespace>.svc` (k8s.io/apiserver
 * pkg/util/webhook/client.go; kube-aggregator pkg/apiserver/handler_proxy.go). A
 * certificate is for that Service when it names it, names it under the cluster domain
 * (`<service>.<namespace>.svc.cluster.local`), or holds the wildcard `*.<namespace>.svc`.
 *
 * A certificate in the Service's own namespace that names it only without `.svc` —
 * `<service>.<namespace>`, a name a pod in the cluster may dial — is still that Service's,
 * made for the wrong name: the kube-apiserver never dials it, so it refuses the
 * certificate. Such a pair is made, marked as made by the short name (`coversShort`), and
 * judged like any other; it fails with the client's own words. A bare `<service>` is not
 * enough to pair on: single labels (`localhost`, a node's name) are in many certificates.
 */
import type { CertFacts } from '../facts/types.js';

/**
 * The names a leaf answers to that may be a Service's — its DNS SANs, or its CN when it has
 * no SANs (a CN-only webhook certificate, which Go ≥ 1.15 refuses) — lower-cased: those
 * holding `.svc` and, for a Secret in `namespace`, the short form `<service>.<namespace>`.
 */
export function serviceNames(leaf: CertFacts, namespace?: string | null): string[] {
  const names = leaf.san === null ? leaf.subject.commonNames.slice(-1) : leaf.san.dns;
  return names
    .map((name) => name.toLowerCase())
    .filter((name) => name.includes('.svc') || (namespace ? isShortForm(name, namespace) : false));
}

/** `<service>.<namespace>`: a DNS label, and the namespace after it. */
function isShortForm(name: string, namespace: string): boolean {
  const dot = name.indexOf('.');
  return (
    dot > 0 && LABEL.test(name.slice(0, dot)) && name.slice(dot + 1) === namespace.toLowerCase()
  );
}

/** An RFC 1123 label, as Service names are. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Does a certificate name stand for the Service host the kube-apiserver dials? */
export function covers(name: string, host: string): boolean {
  if (name === host || name.startsWith(`${host}.`)) return true;
  // `*.<namespace>.svc`: a wildcard for exactly the left-most label (RFC 6125 §6.4.3).
  const dot = host.indexOf('.');
  return name.startsWith('*.') && dot > 0 && name.slice(1) === host.slice(dot);
}

/**
 * Does a name of a certificate in `namespace` stand for the Service host dialled, written
 * without `.svc` (`<service>.<namespace>` for `<service>.<namespace>.svc`)?
 */
export function coversShort(name: string, host: string, namespace: string | null): boolean {
  return (
    namespace !== null && host === `${name}.svc` && host.endsWith(`.${namespace.toLowerCase()}.svc`)
  );
}

/**
 * How a Secret whose leaf answers to `names` (serviceNames) serves the Service host dialled:
 * by a name that stands for it in full, only by its short name, or not at all.
 */
export function servesHost(
  names: readonly string[],
  namespace: string | null,
  host: string,
): 'full' | 'short' | null {
  if (names.some((name) => covers(name, host))) return 'full';
  return names.some((name) => coversShort(name, host, namespace)) ? 'short' : null;
}
