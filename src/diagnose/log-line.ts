/**
 * `diagnose explain '<log text>'`: finds the TLS/x509 error inside pasted log text and says
 * which reason code(s) it is, which clients print exactly that, where it was logged and by
 * whom, and what to fetch next. The messages are not retyped here: every profile is asked
 * for its words (src/verify/words.ts) for every failure code, with placeholder values, and
 * each answer becomes a pattern whose placeholders match anything. So whatever a profile
 * can say, this recognises, in every Go era's wording, OpenSSL's (`openssl verify`, curl,
 * Python — they print X509_verify_cert_error_string) and Node's.
 * The wrappers around the message are Kubernetes' own log formats, each with its source.
 */
import type { CertFacts } from '../facts/types.js';
import type { InputComponent } from '../report/inputs.js';
import {
  FAILURE_CODES,
  type Failure,
  type FailureCode,
  type SignatureRejection,
} from '../verify/failures.js';
import { GO_ERAS } from '../verify/go/eras.js';
import { PROFILES } from '../verify/profiles.js';
import type { ClientId } from '../verify/types.js';
import { chainMessage } from '../verify/node/messages.js';
import { profileWords } from '../verify/words.js';
import { EXPLANATIONS } from './explanations.js';

/** Placeholders: plain ASCII tokens that survive every profile's quoting and joining. */
const HOST = 'zqhostzq';
const NAME = 'zqnamezq';
const CN = 'zqcnzq';
const PLACEHOLDER = /zq[a-z]+zq/g;
const T = new Date('2001-02-03T04:05:06Z');

const LEAF: CertFacts = {
  index: 0,
  version: 3,
  serialHex: '01',
  serialDecimal: '1',
  subject: { dn: `CN=${CN}`, commonNames: [CN], organizations: [], rawHex: '' },
  issuer: { dn: `CN=${CN}`, commonNames: [CN], organizations: [], rawHex: '' },
  notBefore: T,
  notAfter: T,
  san: {
    critical: false,
    order: ['dns'],
    dns: [NAME],
    ip: [],
    uri: [],
    email: [],
    other: [],
  },
  nameConstraints: null,
  publicKey: { algorithm: 'RSA', bits: 2048, curve: null },
  publicKeyHex: '',
  signatureAlgorithm: { oid: '1.2.840.113549.1.1.11', name: 'SHA256-RSA', hash: 'SHA256' },
  basicConstraints: { critical: true, ca: false, pathLen: null },
  keyUsage: { critical: true, usages: ['digitalSignature', 'keyEncipherment'] },
  extKeyUsage: { critical: false, usages: ['serverAuth'] },
  subjectKeyId: null,
  authorityKeyId: null,
  fingerprintSha256: '',
  selfIssued: true,
  selfSigned: true,
  criticalExtensions: [],
  kubernetes: null,
};

/** Failures of `code` whose every variable part is a placeholder (or a fixed date). */
function placeholderFailures(code: FailureCode): Failure[] {
  if (code === 'name-not-permitted' || code === 'name-excluded')
    return KINDS.map((kind) =>
      code === 'name-excluded'
        ? { code, depth: 0, nameDepth: 0, kind, name: NAME, constraint: CN }
        : { code, depth: 0, nameDepth: 0, kind, name: NAME },
    );
  if (code === 'unknown-authority') {
    // Go appends why the last (or first) candidate issuer was rejected: the same words
    // whatever release (src/verify/go/messages.ts), so each rejection is a pattern of its own.
    // An RSA key under the minimum (Go 1.24+) prints its size, a number no placeholder fits.
    const candidate = { commonName: CN, organization: null, serialDecimal: '0' };
    const rejections: SignatureRejection[] = [
      { kind: 'constraint' },
      { kind: 'unsupported' },
      { kind: 'insecure', algorithm: NAME },
      { kind: 'key-mismatch', expected: 'RSA', actual: 'ECDSA' },
      { kind: 'key-mismatch', expected: 'ECDSA', actual: 'RSA' },
      { kind: 'bad-signature', keyAlgorithm: 'RSA' },
      { kind: 'bad-signature', keyAlgorithm: 'ECDSA' },
      { kind: 'bad-signature', keyAlgorithm: 'Ed25519' },
    ];
    return [
      placeholderFailure(code),
      ...rejections.map((rejection) => ({ code, depth: 0, hint: { rejection, candidate } })),
    ];
  }
  return [placeholderFailure(code)];
}

/**
 * A profile's words for `code` when they end in another error's text: crypto/tls's
 * "failed to parse certificate from server: " around the parser's error, and Go's "not
 * authorized to sign for this name: " around a matcher's error. Go has more such errors than
 * the profiles model, so the wrapper, taken from the profile's own words, with the rest a
 * placeholder, is the pattern. Null when the profile's words for `code` wrap nothing.
 */
function wrapperWords(id: ClientId, code: FailureCode, nameWrapper: string | null): string | null {
  if (code === 'name-constraint-unsupported') {
    return nameWrapper === null ? null : `${nameWrapper}${NAME}`;
  }
  if (code !== 'certificate-unparseable') return null;
  // The leaf's parse error is wrapped; a deeper certificate's is the parser's text alone.
  const problem = { kind: 'dns-san-invalid', name: NAME } as const;
  const wrapped = profileWords(id, { code, depth: 0, problem }, LEAF);
  const alone = profileWords(id, { code, depth: 1, problem }, LEAF);
  if (wrapped === null || alone === null || wrapped === alone || !wrapped.endsWith(alone)) {
    return null;
  }
  return `${wrapped.slice(0, wrapped.length - alone.length)}${NAME}`;
}

const KINDS = ['dns', 'ip', 'email', 'uri'] as const;

function placeholderFailure(code: FailureCode): Failure {
  switch (code) {
    case 'expired':
      return { code, depth: 0, notAfter: T, now: T };
    case 'not-yet-valid':
      return { code, depth: 0, notBefore: T, now: T };
    case 'ip-not-in-sans':
      return { code, host: HOST, ipSans: [NAME] };
    case 'no-ip-sans':
      return { code, host: HOST, dnsSpellingIp: false };
    case 'name-not-in-sans':
      return { code, host: HOST, dnsSans: [NAME] };
    case 'cn-mismatch':
      return { code, host: HOST, commonName: CN };
    case 'no-names':
      return { code, host: HOST };
    case 'legacy-common-name':
      return { code, host: HOST, commonName: CN };
    case 'cn-not-hostname':
      return { code, host: HOST, commonName: CN };
    case 'eku-incompatible':
      return { code, depth: 0, usages: ['clientAuth'] };
    case 'unhandled-critical-extension':
      return { code, depth: 0, oid: '1.2.3' };
    case 'certificate-unparseable':
      // Where crypto/tls wraps the parser's error, wrapperWords makes the pattern.
      return { code, depth: 0, problem: { kind: 'dns-san-invalid', name: NAME } };
    case 'unknown-authority':
      return { code, depth: 0, hint: null };
    case 'self-signed-not-ca':
      return { code, reason: 'ca-false' };
    case 'self-signed-untrusted':
      return { code };
    case 'intermediate-not-ca':
    case 'issuer-name-mismatch':
    case 'signature-invalid':
    case 'issuer-key-usage-no-cert-sign':
    case 'untrusted-root':
    case 'anchor-not-self-signed':
      return { code, depth: 0 };
    case 'path-length-exceeded':
      return { code, depth: 0, pathLen: 0 };
    case 'key-usage-incompatible':
      return { code, depth: 0, usages: ['keyCertSign'] };
    case 'signature-check-limit':
      return { code, limit: 0 };
    case 'weak-signature-digest':
      return { code, depth: 0, algorithm: 'SHA1-RSA' };
    case 'name-not-permitted':
      return { code, depth: 0, nameDepth: 0, kind: 'dns', name: NAME };
    case 'name-excluded':
      return { code, depth: 0, nameDepth: 0, kind: 'dns', name: NAME, constraint: CN };
    case 'name-constraint-unsupported':
      return {
        code,
        depth: 0,
        nameDepth: 0,
        reason: 'name-syntax',
        problem: { kind: 'dns-san-unparseable', name: NAME },
      };
    case 'name-constraints-without-sans':
      return { code, depth: 0 };
    case 'name-constraint-limit':
      return { code, depth: 0, limit: 0 };
  }
}

export interface Pattern {
  readonly regex: RegExp;
  /** The words as a profile prints them, placeholders shown as `…`. */
  readonly text: string;
  /** Every code whose words these are, with the clients that print them for it. */
  readonly codes: ReadonlyMap<FailureCode, readonly ClientId[]>;
}

let cached: Pattern[] | null = null;

/** One pattern per distinct wording, from every profile's words for every code. */
export function logPatterns(): readonly Pattern[] {
  if (cached) return cached;
  const byText = new Map<
    string,
    { regex: RegExp; text: string; codes: Map<FailureCode, ClientId[]> }
  >();
  const add = (words: string, flags: string, code: FailureCode, client: ClientId): void => {
    const shown = words.replace(PLACEHOLDER, '…').replace(DATE, '…');
    const entry = byText.get(shown) ?? {
      regex: new RegExp(patternSource(words), flags),
      text: shown,
      codes: new Map<FailureCode, ClientId[]>(),
    };
    const clients = entry.codes.get(code) ?? [];
    if (!clients.includes(client)) clients.push(client);
    entry.codes.set(code, clients);
    byText.set(shown, entry);
  };
  for (const { id } of PROFILES) {
    const notPermitted = profileWords(
      id,
      { code: 'name-not-permitted', depth: 0, nameDepth: 0, kind: 'dns', name: NAME },
      LEAF,
    );
    // Go's matcher errors pass through after the era's "not authorized to sign for this
    // name: " (src/verify/go/name-constraint-messages.ts), taken from the era's words.
    const nameWrapper = notPermitted?.includes(' for this name: ')
      ? notPermitted.slice(0, notPermitted.indexOf(' for this name: ') + ' for this name: '.length)
      : null;
    for (const code of FAILURE_CODES) {
      const wrapper = wrapperWords(id, code, nameWrapper);
      const all =
        wrapper === null
          ? placeholderFailures(code).map((failure) => profileWords(id, failure, LEAF))
          : [wrapper];
      for (const words of all) {
        if (words === null) continue;
        if (id === 'openssl') {
          // `error N at D depth lookup: <text>` (apps/verify.c); curl, Python and Node print
          // the same X509_verify_cert_error_string text with their own prefixes.
          add(words.replace(/^error \d+ at \d+ depth lookup: /, ''), 'gi', code, id);
        } else if (id === 'node') {
          // Node's message, then `(err.code NAME)`: the err.code is logged on its own too.
          const match = /^(.*) \(err\.code ([A-Z_]+)\)$/.exec(words);
          if (match?.[1] && match[2]) {
            add(match[1], 'gi', code, id);
            if (match[2] !== 'UNSPECIFIED') add(match[2], 'g', code, id);
          } else add(words, 'gi', code, id);
        } else add(words, 'g', code, id);
      }
    }
  }
  // Node's chain engine names a leaf whose issuer is nowhere at depth 0 differently from
  // deeper (src/verify/node/chain.ts): the depth-0 words come from the same table.
  const leafSignature = chainMessage('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  add(leafSignature.message, 'gi', 'unknown-authority', 'node');
  add(leafSignature.nativeCode, 'g', 'unknown-authority', 'node');
  // Node verifies with the SSL-server purpose: a CA in the chain that fails check_ca there is
  // reported as the purpose's error 26, not as "invalid CA certificate" (check_purpose in
  // OpenSSL's x509_vfy.c; src/verify/openssl/engine/extensions.ts sslServerPurpose).
  const purpose = chainMessage('INVALID_PURPOSE');
  for (const code of ['intermediate-not-ca', 'issuer-key-usage-no-cert-sign'] as const) {
    add(purpose.message, 'gi', code, 'node');
    add(purpose.nativeCode, 'g', code, 'node');
  }
  cached = [...byText.values()];
  return cached;
}

const DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g;

function patternSource(words: string): string {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    escaped
      // A placeholder at the end stands for a name up to the end of the quoted error.
      .replace(/zq[a-z]+zq$/, '[^\\s"\\\\]+')
      .replace(PLACEHOLDER, '.*?')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '\\S+')
      // OpenSSL 3.0 hyphenated "self signed" (crypto/x509/x509_txt.c); 1.1.1 and the Node
      // and Python builds on it print it with a space.
      .replace(/self-signed/g, 'self[- ]signed')
      // Quotes inside a quoted structured-log value arrive as \".
      .replace(/"/g, '\\\\?"')
  );
}

/** One recognised message in the text. */
export interface Recognised {
  readonly text: string;
  readonly matched: string;
  readonly codes: readonly { readonly code: FailureCode; readonly clients: readonly ClientId[] }[];
}

/** Where the message was logged: the wrapper around it, and what that says. */
export interface Context {
  readonly wrapper: string;
  readonly component: InputComponent;
  readonly detail: string;
  readonly source: string;
}

export interface LogExplanation {
  readonly recognised: readonly Recognised[];
  readonly contexts: readonly Context[];
  /** The Go ≥ 1.20 `tls: failed to verify certificate:` wrapper was seen. */
  readonly go120: boolean;
  readonly components: readonly InputComponent[];
  readonly causes: readonly string[];
  readonly next: readonly string[];
}

/** The TLS/x509 errors in `text`, or null when none is recognised. */
export function explainLog(text: string): LogExplanation | null {
  const found: { start: number; end: number; pattern: Pattern; matched: string }[] = [];
  for (const pattern of logPatterns()) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const start = match.index;
      found.push({ start, end: start + match[0].length, pattern, matched: match[0] });
    }
  }
  // A match inside a longer one is part of it ("certificate has expired" inside Go's
  // "x509: certificate has expired or is not yet valid").
  const outer = found.filter(
    (one) =>
      !found.some(
        (other) =>
          other !== one &&
          other.start <= one.start &&
          other.end >= one.end &&
          other.end - other.start > one.end - one.start,
      ),
  );
  const recognised: Recognised[] = [];
  for (const hit of outer) {
    if (recognised.some((entry) => entry.text === hit.pattern.text)) continue;
    recognised.push({
      text: hit.pattern.text,
      matched: hit.matched,
      codes: [...hit.pattern.codes].map(([code, clients]) => ({ code, clients })),
    });
  }
  const go120 = /tls: failed to verify (?:client )?certificate: /.test(text);
  const contexts = wrappers(text);
  const peerRejected = /remote error: tls: (bad certificate|unknown certificate authority)/.exec(
    text,
  );
  if (recognised.length === 0 && !peerRejected) return null;
  const components = [...new Set(contexts.map((context) => context.component))];
  const codes = new Set(recognised.flatMap((entry) => entry.codes.map(({ code }) => code)));
  return {
    recognised,
    contexts,
    go120,
    components,
    causes: causes(text, codes, contexts, peerRejected?.[1] ?? null),
    next: nextCommands(contexts, codes),
  };
}

/** The Kubernetes log formats around a TLS error, each from the code that prints it. */
function wrappers(text: string): Context[] {
  const out: Context[] = [];
  // k8s.io/apiserver pkg/admission/plugin/webhook/errors (Go ≥ 1.14's url.Error quotes the URL).
  for (const m of text.matchAll(
    /failed calling webhook \\?"([^"\\]+)\\?": (?:failed to call webhook: )?(\w+) (?:\\?"(https:\/\/[^"\\\s]+)\\?"|(https:\/\/\S+?)):\s/g,
  )) {
    const target = m[3] ?? m[4] ?? '';
    const url = safeUrl(target);
    const service = url ? /^([^.]+)\.([^.]+)\.svc$/.exec(url.hostname) : null;
    out.push({
      wrapper: `failed calling webhook "${m[1]}": … ${m[2]} "${target}"`,
      component: 'webhook',
      detail: `the kube-apiserver calling admission webhook "${m[1]}" at ${target}${service ? ` (Service ${service[2]}/${service[1]})` : ''}`,
      source: 'k8s.io/apiserver pkg/admission/plugin/webhook',
    });
  }
  // apiextensions-apiserver pkg/apiserver/conversion/webhook_converter.go.
  for (const m of text.matchAll(
    /conversion webhook for ([^\s,]+(?:, Kind=\w+)?) failed: (?:\w+ )?\\?"?(https:\/\/[^\s"\\]+)/g,
  ))
    out.push({
      wrapper: `conversion webhook for ${m[1]} failed`,
      component: 'webhook',
      detail: `the kube-apiserver calling the conversion webhook of ${m[1]} at ${m[2]}`,
      source: 'k8s.io/apiextensions-apiserver pkg/apiserver/conversion/webhook_converter.go',
    });
  // kube-aggregator: the availability controller and the OpenAPI aggregator.
  for (const m of text.matchAll(
    /\\?"?(v\w+\.[\w.-]+)\\?"? failed with: failing or missing response from (https:\/\/\S+?):? /g,
  ))
    out.push({
      wrapper: `${m[1]} failed with: failing or missing response from …`,
      component: 'aggregated-apiserver',
      detail: `the kube-aggregator checking APIService ${m[1]} at ${m[2]}`,
      source: 'k8s.io/kube-aggregator pkg/controllers/status/available_controller.go',
    });
  // metrics-server ≥ 0.4 (structured) and before (unable to fetch metrics from Kubelet).
  for (const m of text.matchAll(/Failed to scrape node\\?"?.*?node=\\?"?([\w.-]+)/g))
    out.push({
      wrapper: 'Failed to scrape node',
      component: 'kubelet',
      detail: `metrics-server scraping the kubelet of node ${m[1]} (its serving certificate, port 10250)`,
      source: 'kubernetes-sigs/metrics-server pkg/scraper/scraper.go',
    });
  for (const m of text.matchAll(
    /unable to fetch metrics from [Kk]ubelet ([\w.-]+)(?: \(([\d.:a-f]+)\))?/g,
  ))
    out.push({
      wrapper: 'unable to fetch metrics from Kubelet',
      component: 'kubelet',
      detail: `metrics-server scraping the kubelet of node ${m[1]}${m[2] ? ` at ${m[2]}` : ''}`,
      source: 'kubernetes-sigs/metrics-server (v0.3) sources/summary/summary.go',
    });
  // kubectl (k8s.io/kubectl pkg/cmd/util/helpers.go: "Unable to connect to the server: %v").
  if (/Unable to connect to the server: /.test(text))
    out.push({
      wrapper: 'Unable to connect to the server:',
      component: 'kubeconfig-client',
      detail: 'kubectl with the current kubeconfig',
      source: 'k8s.io/kubectl pkg/cmd/util/helpers.go',
    });
  // etcd's server rejecting a client certificate (go.etcd.io/etcd embed/config_logging.go).
  if (/rejected connection/.test(text))
    out.push({
      wrapper: 'rejected connection from …',
      component: 'etcd',
      detail:
        "etcd rejecting a client (the kube-apiserver's apiserver-etcd-client certificate, or a peer)",
      source: 'go.etcd.io/etcd server/embed',
    });
  // Any other Go client (kubelet, controllers, operators): net/http's url.Error `Get "URL": …`.
  if (out.length === 0)
    for (const m of text.matchAll(
      /\b(Get|Post|Put|Patch|Delete|Head) \\?"?(https:\/\/[^\s"\\]+)\\?"?: /g,
    )) {
      const url = safeUrl(m[2] ?? '');
      if (!url) continue;
      out.push({
        wrapper: `${m[1]} "${m[2]}"`,
        component: componentByPort(url),
        detail: `a Go client calling ${url.host}`,
        source: 'Go net/http url.Error',
      });
      break;
    }
  return out;
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The well-known ports (kubernetes.io/docs/reference/networking/ports-and-protocols). */
function componentByPort(url: URL): InputComponent {
  const port = url.port === '' ? 443 : Number(url.port);
  if (port === 10250) return 'kubelet';
  if (port === 2379 || port === 2380) return 'etcd';
  if (port === 10257) return 'kube-controller-manager';
  if (port === 10259) return 'kube-scheduler';
  if (/\.svc(\.|$)/.test(url.hostname) && !url.hostname.startsWith('kubernetes.default'))
    return 'webhook';
  return 'kube-apiserver';
}

function causes(
  text: string,
  codes: ReadonlySet<FailureCode>,
  contexts: readonly Context[],
  peer: string | null,
): string[] {
  const out: string[] = [];
  const components = new Set(contexts.map((context) => context.component));
  const has = (code: FailureCode): boolean => codes.has(code);
  if (components.has('webhook')) {
    if (has('unknown-authority') || has('self-signed-untrusted'))
      out.push(
        "The webhook's caBundle is not the CA of the certificate its Service serves: a Helm upgrade or a restarted certificate job made a new CA, or cert-manager has not injected it (cert-manager.io/inject-ca-from).",
      );
    if (has('name-not-in-sans'))
      out.push(
        'The serving certificate was made for another Service or namespace than the webhook configuration names (<service>.<namespace>.svc).',
      );
    if (has('legacy-common-name') || has('cn-mismatch'))
      out.push(
        'The webhook certificate names its host only in the Common Name: every kube-apiserver built with Go ≥ 1.15 (Kubernetes ≥ 1.19) needs a DNS SAN <service>.<namespace>.svc.',
      );
  }
  if (
    components.has('aggregated-apiserver') &&
    (has('unknown-authority') || has('self-signed-untrusted'))
  )
    out.push(
      "The APIService's caBundle is not the CA of the aggregated server's certificate (metrics-server: a self-signed certificate regenerated at start, with insecureSkipTLSVerify off).",
    );
  if (
    components.has('kubelet') &&
    (has('no-ip-sans') ||
      has('ip-not-in-sans') ||
      has('unknown-authority') ||
      has('self-signed-untrusted'))
  )
    out.push(
      'The kubelet serves its own self-signed certificate (no IP SANs, not signed by the cluster CA): enable serverTLSBootstrap and approve its serving CSRs; --kubelet-insecure-tls only switches the check off.',
    );
  if (
    components.has('kubeconfig-client') &&
    (has('unknown-authority') || has('self-signed-untrusted'))
  )
    out.push(
      'The kubeconfig trusts another CA than the cluster serves: after kubeadm reset and init, copy the new /etc/kubernetes/admin.conf.',
    );
  // Go ≥ 1.18 rejects SHA-1 signatures (golang/go#41682); the error says so only in the hint.
  if (/insecure algorithm (SHA1-RSA|ECDSA-SHA1)/.test(text))
    out.push(
      'A certificate in the chain is signed with SHA-1, which Go ≥ 1.18 (Kubernetes ≥ 1.24) rejects: reissue it with SHA-256.',
    );
  if (has('expired'))
    out.push(
      'A certificate in the chain is past its NotAfter (or the clock is wrong): renew it — on kubeadm, kubeadm certs renew.',
    );
  if (has('not-yet-valid'))
    out.push(
      'The clock of the client or the server is wrong, or the certificate was issued a moment ago.',
    );
  if (peer)
    out.push(
      `"remote error: tls: ${peer}" is what a server logs when its client refused this server's certificate: the reason is in the client's log (for a webhook, the kube-apiserver's).`,
    );
  for (const code of codes)
    out.push(`${code}: ${EXPLANATIONS[code].title} (diagnose explain ${code}).`);
  return out;
}

function nextCommands(contexts: readonly Context[], codes: ReadonlySet<FailureCode>): string[] {
  const out: string[] = [];
  for (const context of contexts) {
    if (context.component === 'webhook') {
      const webhook = /"([^"]+)"/.exec(context.wrapper)?.[1];
      const service = /Service ([^/\s]+)\/([^)\s]+)/.exec(context.detail);
      out.push(
        `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o yaml > webhooks.yaml   # the one holding webhook ${webhook ? `"${webhook}"` : 'in the log'}`,
      );
      if (service)
        out.push(
          `kubectl -n ${service[1]} get service ${service[2]} -o yaml   # which pods serve it`,
          `kubectl -n ${service[1]} get secrets --field-selector type=kubernetes.io/tls -o yaml > secrets.yaml   # the serving Secret (tls.crt)`,
        );
      out.push(
        `diagnose secrets.yaml --ca webhooks.yaml${webhook && context.wrapper.startsWith('failed calling') ? ` --webhook ${webhook}` : ''}`,
      );
    } else if (context.component === 'aggregated-apiserver') {
      const name = /^(\S+) failed/.exec(context.wrapper)?.[1] ?? 'NAME';
      out.push(
        `kubectl get apiservice ${name} -o yaml > apiservice.yaml`,
        'kubectl -n <spec.service.namespace> get secret <the serving Secret> -o yaml > serving.yaml',
        'diagnose serving.yaml --ca apiservice.yaml',
      );
    } else if (context.component === 'kubelet') {
      const node = /node (\S+)/.exec(context.detail)?.[1] ?? 'NODE';
      out.push(
        `kubectl get node ${node} -o jsonpath='{.status.addresses}'   # the address metrics-server dials`,
        'kubectl get csr   # kubelet-serving CSRs waiting for approval (serverTLSBootstrap)',
        `diagnose https://<node address>:10250 --ca <the CA metrics-server trusts> --client go`,
      );
    } else if (context.component === 'kubeconfig-client') {
      out.push(
        'kubectl config view --raw --minify > kubeconfig.yaml',
        'diagnose --kubeconfig kubeconfig.yaml   # what kubectl gets, live',
        'sudo diagnose /etc/kubernetes   # on a kubeadm control plane: every certificate, and whether admin.conf matches pki/ca.crt',
      );
    } else if (context.component === 'etcd') {
      out.push('sudo kubeadm certs check-expiration', 'sudo diagnose /etc/kubernetes');
    } else {
      const url = /"(https:\/\/[^"]+)"/.exec(context.wrapper)?.[1];
      const host = url ? safeUrl(url)?.host : undefined;
      out.push(
        'kubectl -n <namespace> get configmap kube-root-ca.crt -o yaml > kube-root-ca.yaml   # the CA the pods trust',
        `diagnose ${host ? `https://${host}` : 'https://<host>:<port>'} --ca kube-root-ca.yaml`,
      );
    }
  }
  if (out.length === 0)
    out.push(
      'diagnose https://<the server>:<port> --ca <the CA the client trusts>   # or the served certificate file instead of the endpoint',
    );
  if (codes.has('expired') && !out.some((line) => line.includes('check-expiration')))
    out.push('sudo kubeadm certs check-expiration   # on a kubeadm control plane');
  return [...new Set(out)];
}

/** The profile labels, for "which clients print exactly this". */
export function clientLabel(id: ClientId): string {
  const profile = PROFILES.find((candidate) => candidate.id === id);
  return profile ? `${profile.label} (${id})` : id;
}

/**
 * The clients that print a text, with neighbouring Go rows folded into one release range
 * ("Go 1.4–today (go1.4 … go1.24)"): a message most Go releases share reads as one line.
 */
export function clientsText(ids: readonly ClientId[]): string {
  const release = (name: string): string => name.replace(/^go/, '');
  // GO_ERAS lists the newest row first; a run is a stretch of consecutive rows all present.
  const runs: (typeof GO_ERAS)[number][][] = [];
  let run: (typeof GO_ERAS)[number][] = [];
  for (const era of GO_ERAS) {
    if (ids.includes(era.id)) run.push(era);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  const goText = runs.map((stretch) => {
    const newest = stretch[0]!;
    const oldest = stretch[stretch.length - 1]!;
    if (stretch.length === 1) return clientLabel(newest.id);
    const last = newest.releases.last === null ? 'today' : release(newest.releases.last);
    return `Go ${release(oldest.releases.first)}–${last} (${oldest.id} … ${newest.id})`;
  });
  const others = ids.filter((id) => !GO_ERAS.some((era) => era.id === id)).map(clientLabel);
  return [...goText, ...others].join(', ');
}
