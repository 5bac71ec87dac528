/**
 * The Report: everything a renderer needs, as plain data. The JSON format is this
 * object (docs/report-schema.md); text and markdown are views of it.
 */
import type { CertFacts } from '../facts/types.js';
import type { FailureCode } from '../verify/failures.js';
import type { ClientId, MatchedBy } from '../verify/types.js';
import type { Finding, Severity } from './findings.js';
import type { InputEntry } from './inputs.js';
import type { ComponentId } from '../base/component-id.js';

export type { InputEntry };
export { COMPONENT_IDS, isComponentId, type ComponentId } from '../base/component-id.js';

/**
 * The component the certificate belongs to, and why the tool thinks so: each evidence
 * line is one thing the inputs showed (a CN shape, a SAN, a port, `--component`).
 */
export interface ComponentEntry {
  readonly id: ComponentId;
  readonly evidence: readonly string[];
}

/** Which client decides the verdict, and why that one (the component and its era, or --client). */
export interface DecidingClient {
  readonly client: ClientId;
  /** Who that client is in this cluster, e.g. "kube-apiserver calling the webhook (Go ≥ 1.20)". */
  readonly who: string;
  readonly reason: string;
  /**
   * When Heapster's Go and today's Go disagree on a decisive name, one sentence saying so
   * (shown first); null when they agree or only one ran.
   */
  readonly disagreement?: string | null;
}

/** The `kubernetes` Service IP in-cluster clients dial: where it came from, or that it is unknown. */
export interface ServiceIpEntry {
  /** null: not known, so no Service IP decides the verdict. */
  readonly address: string | null;
  readonly source: 'env' | 'flag' | 'cidr' | 'inferred' | 'default' | 'unknown';
  /** The Service range it belongs to, when known. */
  readonly range: string | null;
  /** One sentence: which and why, or the flag that gives it. */
  readonly note: string;
}

/** A live TLS handshake (src/live): what was negotiated and presented. */
export interface ConnectionEntry {
  /** `host:port` dialled. */
  readonly endpoint: string;
  /** SNI sent; null: none (IP literals, RFC 6066 §3). */
  readonly servername: string | null;
  readonly protocol: string;
  readonly cipher: string;
  readonly presented: {
    /** `as-sent`: read from the TLS 1.2 Certificate message; `linked`: as Node re-linked a TLS 1.3-only server's chain. */
    readonly order: 'as-sent' | 'linked';
    readonly shape: ChainShape;
    readonly includesRoot: boolean;
    readonly note: string;
    readonly certificates: readonly {
      readonly subject: string;
      readonly issuer: string;
      readonly sha256: string;
    }[];
  };
  /** The server asked for a client certificate (TLS 1.2 only; null when not observable). */
  readonly clientCertificateRequested: boolean | null;
  /** The comparison handshake with the other SNI choice; null when there was none to try. */
  readonly sni: {
    readonly servername: string | null;
    readonly sameCertificate: boolean | null;
    readonly error: string | null;
  } | null;
}

export const SCHEMA_VERSION = 1;

export interface NameEntry {
  readonly name: string;
  readonly kind: 'dns' | 'ip';
  readonly dialledBy: string;
  /** Counts toward the verdict. */
  readonly decisive: boolean;
}

export interface ResultEntry {
  readonly client: ClientId;
  /** The Go release asked for, beside the profile id that models it (`--client go1.9.2`). */
  readonly release?: string;
  readonly name: string;
  readonly ok: boolean;
  /** The code of the failure the client reports; null when ok. */
  readonly code: FailureCode | null;
  readonly message: string | null;
  /**
   * What the component's log line shows around `message` (Go ≥ 1.20's
   * `tls: failed to verify certificate: …`, the apiserver's webhook call, metrics-server's
   * scrape); equal to `message` when the client logs it bare; null when ok.
   */
  readonly logged: string | null;
  readonly nativeCode: string | number | null;
  readonly matchedBy: MatchedBy | null;
  /** Every failure this client would hit for this name, first one first. */
  readonly failures: readonly FailureCode[];
}

export interface ClientEntry {
  readonly id: ClientId;
  /** The Go release asked for (`--client go1.9.2`), when the profile was named by release. */
  readonly release?: string;
  readonly label: string;
  readonly usedBy: string;
  readonly checkedAgainst: string;
}

export interface FindingEntry {
  readonly code: Finding['code'];
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
  /** Finding-specific data (names and clients affected, messages, CN details …). */
  readonly detail: Finding;
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: 'kube-tls-doctor'; readonly version: string };
  /** The moment every client was evaluated at (ISO 8601). */
  readonly evaluatedAt: string;
  readonly source: string;
  /**
   * `pass`: the primary client verifies every decisive name; `fail`: it rejects one;
   * `unchecked`: the names pass but trust was not checked (a CA-signed certificate and no
   * --ca), which is never a pass (exit code 4).
   */
  readonly verdict: 'pass' | 'fail' | 'unchecked';
  readonly primaryClient: ClientId;
  /** The component recognised (or given with --component), with the evidence. */
  readonly component?: ComponentEntry;
  /** The client that decides and why (the component and its era, or --client). */
  readonly decidingClient?: DecidingClient;
  /** The Service IP the default names use (apiserver certificates). */
  readonly serviceIp?: ServiceIpEntry;
  /** Set when the primary client came from the `heapster` alias. */
  readonly heapster: { readonly version: string; readonly go: string } | null;
  readonly clients: readonly ClientEntry[];
  /**
   * `self`: a self-signed certificate trusts itself (no --ca); `ca`: the --ca anchors;
   * `unchecked`: a CA-signed certificate and no --ca, so trust was not checked (anchors empty).
   */
  readonly trust: {
    readonly mode: 'self' | 'ca' | 'unchecked';
    readonly anchors: readonly CertFacts[];
  };
  readonly certificate: CertFacts;
  readonly chain: readonly CertFacts[];
  readonly names: readonly NameEntry[];
  readonly results: readonly ResultEntry[];
  readonly findings: readonly FindingEntry[];
  /** Where the certificate, the CA and the names came from, when not plain files (schema: additive). */
  readonly inputs?: readonly InputEntry[];
  /** The live handshake, when the certificate came from a server. */
  readonly connection?: ConnectionEntry;
}

/** How the served chain was ordered (src/live/chain-order.ts decides). */
export type ChainShape = 'leaf-only' | 'in-order' | 'out-of-order' | 'unrelated';
