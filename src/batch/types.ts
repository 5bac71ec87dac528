/**
 * Batch audit data: what goes in (items: one certificate input each, with where it
 * came from) and what comes out (one record per certificate, a tally per run). All
 * plain data, so it crosses worker threads and becomes JSON Lines as it is.
 */
import type { ComponentId } from '../base/component-id.js';
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
    }
  | {
      /** A trust object's CA: a caBundle, or a ConfigMap's ca.crt. */
      readonly kind: 'trust';
      readonly file: string;
      /** e.g. `ValidatingWebhookConfiguration ingress-nginx-admission`. */
      readonly object: string;
      /** e.g. `webhook "validate.nginx.ingress.kubernetes.io" clientConfig.caBundle`, `data["ca.crt"]`. */
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
  /** The component the input's kind implies (a caBundle: the webhook's or APIService's). */
  readonly component?: ComponentId;
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
   * The component the certificate belongs to: the one its input implies (a caBundle, a
   * ConfigMap's ca.crt), else the one recognised from the certificate (src/diagnose/component.ts).
   */
  readonly component: ComponentId;
  /**
   * True for the certificate of its item's chain that expires first, false for the others;
   * null when the item holds one certificate.
   */
  readonly expiresFirst: boolean | null;
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

/**
 * A webhook, CRD conversion webhook or APIService of the input, judged against the serving
 * Secret it guards (src/batch/inventory.ts): the report a single `diagnose` gives for the
 * object and that Secret, summed up as a certificate's record is.
 */
export interface TrustRecord {
  readonly type: 'trust';
  /** The input file (`-` for standard input). */
  readonly file: string;
  readonly form: 'webhook-configuration' | 'crd-conversion' | 'apiservice';
  /** e.g. `ValidatingWebhookConfiguration ingress-nginx-admission`. */
  readonly object: string;
  /** The webhook's name in a webhook configuration; null for the other kinds. */
  readonly webhook: string | null;
  /** `webhook` or `aggregated-apiserver`: who serves what the object dials. */
  readonly component: ComponentId;
  /** The URL the kube-apiserver calls, and the name it verifies. */
  readonly dials: string;
  readonly host: string;
  /** False: no caBundle, the kube-apiserver's system roots. */
  readonly caBundle: boolean;
  /** cert-manager's inject-ca-from annotation, when set. */
  readonly injectFrom: string | null;
  readonly insecureSkipTLSVerify: boolean;
  /** The serving Secret (`namespace/name`); null when none in the input is for `host`. */
  readonly secret: string | null;
  /** `absent`: no Secret in the input holds a certificate for the Service; nothing was judged. */
  readonly verdict: 'pass' | 'fail' | 'unchecked' | 'absent';
  readonly primaryClient: ClientId | null;
  readonly names: readonly string[];
  readonly findings: readonly { readonly code: string; readonly severity: Severity }[];
  /** The primary client's first error on a decisive name, and the line the kube-apiserver logs around it. */
  readonly message: string | null;
  readonly logged: string | null;
  /** Of the served chain and the caBundle certificate it leads to, the one that expires first. */
  readonly expiresFirst: {
    readonly subject: string;
    readonly notAfter: string;
    /** `tls.crt` (the leaf), `tls.crt#2` …, or `caBundle`. */
    readonly where: string;
  } | null;
  /**
   * Why nothing was judged (`absent`), or how a Secret that names the Service only without
   * `.svc` was paired (src/inputs/serving.ts), in a sentence; null otherwise.
   */
  readonly note: string | null;
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
  /** Certificates per component, and how many of them fail. */
  components: Record<string, { certificates: number; fail: number }>;
  /**
   * Trust objects' entries: judged against their serving Secret (by verdict), without one
   * in the input (`absent`), or served by the kube-apiserver itself (`local` APIServices).
   */
  trust: { pass: number; fail: number; unchecked: number; absent: number; local: number };
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
    components: {},
    trust: { pass: 0, fail: 0, unchecked: 0, absent: 0, local: 0 },
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
  for (const key of ['pass', 'fail', 'unchecked', 'absent', 'local'] as const)
    into.trust[key] += from.trust[key];
  for (const [component, counts] of Object.entries(from.components)) {
    const entry = (into.components[component] ??= { certificates: 0, fail: 0 });
    entry.certificates += counts.certificates;
    entry.fail += counts.fail;
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
    case 'trust':
      return `${source.object} ${source.key}`;
  }
}
