/**
 * Findings: what the report tells the user, keyed by code. A finding either
 * aggregates one failure code across clients and names (the verifiers' verdicts),
 * or records something the certificate itself shows (its shape, its origin).
 */
import type { Era } from '../kube/eras.js';
import type { FailureCode, NotCaReason } from '../verify/failures.js';
import type { ClientId } from '../verify/types.js';
import type { CertRef, IssuerCandidate, KubeCertRef } from './trust.js';

export type Severity = 'error' | 'warning' | 'info';

/** One failure code, with every client and name it hit and each client's words. */
export interface FailureFinding {
  readonly code: FailureCode;
  readonly severity: Severity;
  readonly names: readonly string[];
  readonly clients: readonly ClientId[];
  /** The distinct messages, each with the clients that print it. */
  readonly messages: readonly { readonly message: string; readonly clients: readonly ClientId[] }[];
}

export type ObservationFinding =
  /** The CN is the apiserver generator's `<host>@<unix seconds>`. */
  | {
      readonly code: 'kube-generated-cn';
      readonly severity: Severity;
      readonly commonName: string;
      readonly host: string;
      readonly generatedAt: Date;
      readonly hostInSans: boolean;
      readonly eras: readonly Era[];
    }
  /** No CA was given for a CA-signed certificate: trust was not checked; `issuer` is the CA to pass. */
  | {
      readonly code: 'trust-unchecked';
      readonly severity: Severity;
      readonly issuer: string;
      readonly note: string;
    }
  /** No CA was given: the served certificate is its own trust anchor. */
  | { readonly code: 'self-trust'; readonly severity: Severity; readonly selfSigned: boolean }
  /**
   * The input offered more candidate issuer pairs than the signature-check budget allows;
   * the unchecked ones counted as not signing, so a chain through them was not found.
   */
  | { readonly code: 'signature-budget'; readonly severity: Severity; readonly skipped: number }
  /** A DNS SAN spells an IP address, which no client matches against an IP host. */
  | {
      readonly code: 'ip-in-dns-san';
      readonly severity: Severity;
      readonly entries: readonly string[];
    }
  /** The certificate has no subjectAltName extension: only the CN names it. */
  | {
      readonly code: 'no-san-extension';
      readonly severity: Severity;
      readonly commonName: string | null;
    }
  /**
   * No path to a trust anchor: the certificate the path stops at, and every certificate
   * that could have signed it, closest first, with why each did not (src/diagnose/trust.ts).
   */
  | {
      readonly code: 'closest-miss';
      readonly severity: Severity;
      readonly child: CertRef;
      readonly childSelfSigned: boolean;
      readonly wantedIssuer: string;
      readonly wantedKeyId: string | null;
      readonly candidates: readonly IssuerCandidate[];
      /** Candidates not listed (more than MAX_LISTED_CANDIDATES). */
      readonly omitted: number;
      readonly note: string;
    }
  /** Served and trusted certificates are different generations of the apiserver's own. */
  | {
      readonly code: 'stale-ca';
      readonly severity: Severity;
      readonly host: string;
      readonly served: KubeCertRef;
      readonly trusted: readonly KubeCertRef[];
      readonly note: string;
    }
  /** ca.crt holds a certificate that may not sign, yet is meant to anchor the served one. */
  | {
      readonly code: 'ca-not-a-ca';
      readonly severity: Severity;
      readonly anchors: readonly {
        readonly cert: CertRef;
        readonly reason: NotCaReason;
        /** Byte-identical to a certificate the server presents. */
        readonly servedCopy: boolean;
        /** Signed a certificate the server presents. */
        readonly signsServed: boolean;
        readonly selfSigned: boolean;
      }[];
      readonly note: string;
    }
  | InputFinding;

/**
 * What the inputs themselves show (src/inputs, src/inputs/heapster-source.ts, src/live):
 * each carries `note`, one sentence naming the file, context or version concerned.
 */
export type InputFinding =
  /** kubeconfig insecure-skip-tls-verify: true, or Heapster insecure=true honoured. */
  | {
      readonly code: 'insecure-skip-tls-verify';
      readonly severity: Severity;
      readonly note: string;
    }
  /** No usable CA (no ca.crt, none in the kubeconfig): the client uses the system roots. */
  | { readonly code: 'system-roots'; readonly severity: Severity; readonly note: string }
  /** The service-account token cannot be read: InClusterConfig fails before any TLS. */
  | {
      readonly code: 'serviceaccount-token-missing';
      readonly severity: Severity;
      readonly note: string;
    }
  /** Heapster before v0.17 ignores the --source URL with inClusterConfig. */
  | { readonly code: 'heapster-url-ignored'; readonly severity: Severity; readonly note: string }
  /** Heapster before v0.19 ignores insecure=true with inClusterConfig. */
  | {
      readonly code: 'heapster-insecure-ignored';
      readonly severity: Severity;
      readonly note: string;
    }
  /** The live server presents a different certificate depending on SNI. */
  | { readonly code: 'sni-dependent'; readonly severity: Severity; readonly note: string }
  /** A webhook, conversion webhook or APIService without a caBundle: the system roots. */
  | { readonly code: 'webhook-ca-missing'; readonly severity: Severity; readonly note: string }
  /** A certificate of a kubeadm pki directory, or a kubeconfig's client certificate, expired. */
  | {
      readonly code: 'kubeadm-certificate-expired';
      readonly severity: Severity;
      readonly note: string;
    }
  /** A kubeconfig beside pki/ embeds a CA that is not pki/ca.crt (a stale kubeconfig). */
  | { readonly code: 'kubeconfig-ca-mismatch'; readonly severity: Severity; readonly note: string };

export type Finding = FailureFinding | ObservationFinding;
export type FindingCode = Finding['code'];
