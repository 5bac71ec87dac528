/**
 * The contract every client profile implements. A profile is a pure function from
 * VerifyInput to ClientVerdict: no clock, no files, no network. What differs between
 * clients lives inside each profile (rules) and its wording table (messages).
 */
import type { CertFacts } from '../facts/types.js';
import type { Failure } from './failures.js';
import type { SignatureChecks } from './signatures.js';
import type { ClientId } from '../base/client-id.js';

export { CLIENT_IDS, type ClientId } from '../base/client-id.js';

export interface VerifyInput {
  /** The certificate the server presents. */
  readonly leaf: CertFacts;
  /** Further certificates the server sends (untrusted), in the order sent. */
  readonly intermediates: readonly CertFacts[];
  /** Trust anchors, as the pod's ca.crt. */
  readonly roots: readonly CertFacts[];
  /**
   * The host the client dials, as it reaches the TLS layer: no scheme, no port, IPv6
   * without brackets (net/http, Node and OpenSSL's -verify_* all strip them).
   */
  readonly host: string;
  /** The moment of verification: `--at`, or the CLI's clock. */
  readonly now: Date;
  readonly signatures: SignatureChecks;
}

/** How the host matched, for the report's "why it passed" column. */
export type MatchedBy =
  | { readonly kind: 'dns-san'; readonly pattern: string; readonly wildcard: boolean }
  | { readonly kind: 'ip-san'; readonly address: string }
  | { readonly kind: 'common-name'; readonly pattern: string; readonly wildcard: boolean };

export interface ClientVerdict {
  readonly client: ClientId;
  readonly host: string;
  readonly ok: boolean;
  /** Every failed check, in the order the client runs them; failures[0] is what it reports. */
  readonly failures: readonly Failure[];
  /** The client's own error text for failures[0], verbatim; null when ok. */
  readonly message: string | null;
  /** OpenSSL's numeric error, Node's err.code; null for Go and when ok. */
  readonly nativeCode: string | number | null;
  /** How the host name matched; null when it did not (or was not reached). */
  readonly matchedBy: MatchedBy | null;
}

export interface ClientProfile {
  readonly id: ClientId;
  /** Short human name, e.g. "Go 1.8–1.9". */
  readonly label: string;
  /** Who uses this client, e.g. "Heapster v1.4–v1.6". */
  readonly usedBy: string;
  /**
   * What the profile is checked against in the tests: `openssl3.0`, `node20`, a real Go
   * release (recorded or live), or `documented` (release notes only, not run here).
   */
  readonly oracle: string;
  verify(input: VerifyInput): ClientVerdict;
}
