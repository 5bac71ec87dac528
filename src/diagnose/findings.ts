/**
 * Findings: what the report tells the user, keyed by code. A finding either
 * aggregates one failure code across clients and names (the verifiers' verdicts),
 * or records something the certificate itself shows (its shape, its origin).
 */
import type { Era } from '../kube/eras.js';
import type { FailureCode } from '../verify/failures.js';
import type { ClientId } from '../verify/types.js';

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
  /** No CA was given: the served certificate is its own trust anchor. */
  | { readonly code: 'self-trust'; readonly severity: Severity; readonly selfSigned: boolean }
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
    };

export type Finding = FailureFinding | ObservationFinding;
export type FindingCode = Finding['code'];
