/**
 * Batch audit data: what goes in (items: one certificate input each, with where it
 * came from) and what comes out (one record per certificate, a tally per run). All
 * plain data, so it crosses worker threads and becomes JSON Lines as it is.
 */
import type { Severity } from '../report/findings.js';
import type { ClientId } from '../verify/types.js';

/** Where an item's bytes came from. */
export type ItemSource =
  | { readonly kind: 'file'; readonly file: string }
  | {
      readonly kind: 'secret';
      readonly file: string;
      readonly namespace: string | null;
      readonly name: string;
      readonly key: string;
    }
  | {
      readonly kind: 'kubeconfig';
      readonly file: string;
      /** `cluster <name>` or `user <name>`. */
      readonly entry: string;
      readonly key: string;
    };

/** One certificate input: what `diagnose <it>` would read (leaf first, then its chain). */
export interface Item {
  readonly source: ItemSource;
  readonly bytes: Uint8Array;
  /**
   * How input problems name it, as `diagnose` would (e.g. `secrets.json: Secret
   * ns/name data["tls.crt"]`); sourceLabel(source) when absent.
   */
  readonly label?: string;
}

export const CHECK_CODES = [
  'expired',
  'not-yet-valid',
  'expiring',
  'cn-only',
  'kube-self-signed',
  'sha1-signature',
  'md5-signature',
  'weak-key',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** A property of the certificate itself, independent of any name or client. */
export interface Check {
  readonly code: CheckCode;
  readonly severity: Severity;
  readonly detail: string;
}

export interface CertRecord {
  readonly type: 'certificate';
  readonly source: ItemSource;
  /** Position in its item: 0 is the leaf a server would present. */
  readonly index: number;
  readonly subject: string;
  readonly issuer: string;
  readonly sha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /**
   * `names`: the full diagnosis for the names clients dial (as `diagnose` gives);
   * `checks`: the certificate's own consistency checks only.
   */
  readonly mode: 'names' | 'checks';
  /** `unchecked`: the names pass, trust was not checked (CA-signed, no --ca): not a pass. */
  readonly verdict: 'pass' | 'fail' | 'unchecked';
  readonly primaryClient: ClientId | null;
  readonly names: readonly string[];
  /** Names mode: the report's findings (code and severity). */
  readonly findings: readonly { readonly code: string; readonly severity: Severity }[];
  /** Names mode: the primary client's first error on a decisive name. */
  readonly message: string | null;
  readonly checks: readonly Check[];
}

/** An input that could not be read or parsed. */
export interface ItemError {
  readonly type: 'error';
  readonly source: string;
  readonly problem: string;
}

export interface Tally {
  certificates: number;
  pass: number;
  fail: number;
  /** Certificates diagnosed for names / by their own checks. */
  names: number;
  checks: number;
  /** Inputs that could not be read. */
  errors: number;
  /** Walked files without any certificate (keys, READMEs …). */
  skipped: number;
  /** Error-severity finding and check codes: how many certificates each hit. */
  codes: Record<string, number>;
  /** Warning-severity codes, likewise. */
  warnings: Record<string, number>;
}

export function emptyTally(): Tally {
  return {
    certificates: 0,
    pass: 0,
    fail: 0,
    names: 0,
    checks: 0,
    errors: 0,
    skipped: 0,
    codes: {},
    warnings: {},
  };
}

export function addTally(into: Tally, from: Tally): void {
  into.certificates += from.certificates;
  into.pass += from.pass;
  into.fail += from.fail;
  into.names += from.names;
  into.checks += from.checks;
  into.errors += from.errors;
  into.skipped += from.skipped;
  for (const [code, count] of Object.entries(from.codes)) {
    into.codes[code] = (into.codes[code] ?? 0) + count;
  }
  for (const [code, count] of Object.entries(from.warnings)) {
    into.warnings[code] = (into.warnings[code] ?? 0) + count;
  }
}

export function sourceLabel(source: ItemSource): string {
  switch (source.kind) {
    case 'file':
      return source.file;
    case 'secret':
      return `${source.namespace ? `${source.namespace}/` : ''}${source.name}:${source.key}`;
    case 'kubeconfig':
      return `${source.file} ${source.entry}:${source.key}`;
  }
}
