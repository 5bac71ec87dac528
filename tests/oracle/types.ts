/**
 * The real verifiers as test oracles share one shape: cases in, verdicts out.
 * Each runner (go.ts, openssl.ts, node.ts) turns a case into the real tool's call
 * and reports what the tool said, verbatim.
 */
export interface OracleCase {
  readonly id: string;
  /** PEM of the served certificate. */
  readonly leafPem: string;
  /** PEM of the served certificate's private key (the Node oracle serves it). */
  readonly leafKeyPem: string;
  /** PEM blocks the server sends after the leaf (untrusted intermediates). */
  readonly intermediatesPem: readonly string[];
  /** PEM blocks of the trust anchors (the pod's ca.crt). */
  readonly rootsPem: readonly string[];
  /** The dialled host: no brackets, no port. */
  readonly host: string;
  /** Verification time; the Node oracle can only use the real clock and ignores it. */
  readonly now: Date;
}

export interface OracleVerdict {
  readonly id: string;
  readonly ok: boolean;
  /** What the tool said for the first error, verbatim; null when ok. */
  readonly message: string | null;
  /** OpenSSL's error number, Node's err.code; null for Go and when ok. */
  readonly nativeCode: string | number | null;
  /** Every error the tool reported, in order (OpenSSL can report several). */
  readonly allMessages?: readonly string[];
}

export interface OracleAvailability {
  /** What is needed, as a person names it: "Go 1.19", "OpenSSL 3.0", "Node 20". */
  readonly name: string;
  readonly available: boolean;
  /** The version found, or why it cannot be used (shown in skipped tests' names). */
  readonly reason: string;
}
