/**
 * The text report, verdict first: one line per dialled name for the primary client,
 * then the name × client matrix, the certificate facts, and the findings with fixes.
 */
import type { FindingEntry, Report, ResultEntry } from '../report/report.js';
import { rejectionText } from '../report/trust.js';
import { escapeStrings } from './escape.js';
import {
  caText,
  capped,
  clip,
  clipLogged,
  cnOrDn,
  DEFAULT_WIDTH,
  field,
  fold,
  resultFor,
  wrap,
} from './format.js';
import { headline, plural, trustText } from './headline.js';
import type { MatchedBy } from '../verify/types.js';
import { plainStyle, type Style } from './style.js';

export interface TextOptions {
  /** Columns to wrap to (the terminal's width on a TTY; default 80). */
  readonly width?: number;
  /**
   * `full` (default): the first screen, then the details; `summary`: the first screen
   * only; `quiet`: the verdict line only.
   */
  readonly view?: 'full' | 'summary' | 'quiet';
}

/**
 * The report as text. The first screen — verdict, component, the one cause with its
 * evidence and the client's words, the fix — fits 20 lines at 80 columns; the names,
 * the client matrix, the certificate and every finding follow.
 */
export function renderText(
  report: Report,
  style: Style = plainStyle,
  options: TextOptions = {},
): string {
  // Certificate and server text is the attacker's: no control character reaches a terminal.
  const safe = escapeStrings(report);
  const width = Math.max(40, options.width ?? DEFAULT_WIDTH);
  const view = options.view ?? 'full';
  if (view === 'quiet') return `${verdictLine(safe, style)}\n`;
  const first = firstScreen(safe, style, width);
  if (view === 'summary') return `${first}\n`;
  const sections = [
    first,
    verdictLines(safe, style, width),
    matrix(safe, style, width),
    connection(safe, style, width),
    certificate(safe, style, width),
    inputs(safe, style, width),
    findings(safe, style, width),
  ];
  return `${sections.filter((section) => section.length > 0).join('\n\n')}\n`;
}

/** The verdict in one line: what `--quiet` prints, and the first line of every report. */
function verdictLine(report: Report, style: Style): string {
  const head = headline(report);
  const verdict =
    head.verdict === 'PASS'
      ? style.ok('PASS')
      : head.verdict === 'UNCHECKED'
        ? style.warn('NAMES OK, TRUST NOT CHECKED')
        : style.fail('FAIL');
  return `${style.bold(verdict)}  ${head.source} — ${head.who} ${head.outcome}`;
}

function firstScreen(report: Report, style: Style, width: number): string {
  const head = headline(report);
  const lines = [
    fold(verdictLine(report, style), width, '      '),
    wrap(style.dim(`evaluated at ${report.evaluatedAt}; trust: ${trustText(report)}`), '', width),
  ];
  // Said first when the component chose the clients; with --client the matrix shows it.
  if (report.decidingClient?.disagreement && report.decidingClient.reason !== 'the first --client')
    lines.push(style.warn(wrap(report.decidingClient.disagreement, '', width).trimStart()));
  // The id only: the evidence is in the details (the Certificate section's Component row).
  if (report.component)
    lines.push(wrap(`Component: ${report.component.id}; deciding client: ${head.who}`, '', width));
  const cause = head.cause;
  if (cause) {
    const label = report.verdict === 'pass' ? 'Note' : 'Cause';
    lines.push(
      '',
      fold(
        `${style.bold(`${label}:`)} ${cause.title} ${style.dim(`(${cause.code})`)}`,
        width,
        '  ',
      ),
    );
    const detail = cause.detail;
    if ('note' in detail) lines.push(wrap(detail.note, '  ', width));
    if (cause.detail.code === 'ca-not-a-ca' || cause.detail.code === 'closest-miss')
      lines.push(...candidateLines(cause, style, width, 3));
    else if (head.evidence) lines.push(...candidateLines(head.evidence, style, width, 3));
    if (head.says) {
      const same =
        head.says.names > 1 ? style.dim(` (the same for ${plural(head.says.names, 'name')})`) : '';
      lines.push(
        wrap(
          `${style.dim(`${report.primaryClient} says:`)} ${clip(head.says.message, 240)}${same}`,
          '  ',
          width,
        ),
      );
    }
    lines.push(wrap(`${style.bold('Fix:')} ${cause.fix}`, '  ', width));
  }
  return lines.join('\n');
}

/** The closest miss's candidates, at most `max` of them (the findings list every one). */
function candidateLines(
  finding: FindingEntry,
  style: Style,
  width: number,
  max = Infinity,
): string[] {
  const detail = finding.detail;
  if (detail.code !== 'closest-miss') return [];
  const shown = detail.candidates.slice(0, max);
  const lines = shown.map(({ cert, rejections }) => {
    const where = `${cert.source === 'ca' ? 'ca.crt' : 'served'} #${cert.index}`;
    const why = rejections.length === 0 ? 'signs it' : rejections.map(rejectionText).join(', ');
    return fold(`    ${cert.name}  ${style.dim(`(${where})`)}  ${why}`, width, '      ');
  });
  const more = detail.candidates.length - shown.length + detail.omitted;
  if (more > 0) lines.push(`    … and ${more} more`);
  return lines;
}

/**
 * One line per dialled name with the deciding client's answer; names whose answer is word
 * for word the same share one message ("the same for 4 names").
 */
function verdictLines(report: Report, style: Style, width: number): string {
  const nameWidth = Math.max(...report.names.map((name) => name.name.length));
  const groups: { key: string; result: ResultEntry | undefined; rows: string[] }[] = [];
  for (const name of report.names) {
    const result = resultFor(report.results, report.primaryClient, name.name);
    const key = result?.ok
      ? `ok:${matchedText(result.matchedBy)}:${name.name}`
      : `fail:${result?.message ?? ''}:${result?.failures.join(',') ?? ''}`;
    const mark = result?.ok ? style.ok('✓') : name.decisive ? style.fail('✗') : style.warn('✗');
    const role = name.decisive ? name.dialledBy : `${name.dialledBy}; informational`;
    // Roles wrap under their column, unless the names are so long that the column would
    // leave no room: then under the name.
    const roleColumn = nameWidth + 6;
    const row = fold(
      `  ${mark} ${name.name.padEnd(nameWidth)}  ${style.dim(role)}`,
      width,
      ' '.repeat(roleColumn <= width / 2 ? roleColumn : 8),
    );
    const group = groups.find((candidate) => candidate.key === key);
    if (group) group.rows.push(row);
    else groups.push({ key, result, rows: [row] });
  }
  const lines: string[] = [];
  for (const { result, rows } of groups) {
    lines.push(...rows);
    const same = rows.length > 1 ? style.dim(` (the same for ${plural(rows.length, 'name')})`) : '';
    const detail = result?.ok
      ? style.dim(matchedText(result.matchedBy))
      : style.fail(clip(result?.message ?? ''));
    lines.push(fold(`      ${detail}${same}`, width, '      '));
    // Every failure the client would hit, in its order; the first is what it prints.
    if (result && !result.ok && result.failures.length > 1) {
      lines.push(
        fold(
          `      ${style.dim(`every failure: ${result.failures.map((code, index) => (index === 0 ? `${code} (printed)` : code)).join(', ')}`)}`,
          width,
          '        ',
        ),
      );
    }
    // The component's own log line, when it wraps the message (what users search for).
    if (result && !result.ok && result.logged && result.logged !== result.message)
      lines.push(
        fold(
          `      ${style.dim(`logged as: ${clipLogged(result.logged, result.message)}`)}`,
          width,
          '        ',
        ),
      );
  }
  return [style.bold(`Names, as ${report.primaryClient} answers`), ...lines].join('\n');
}

function matrix(report: Report, style: Style, width: number): string {
  if (report.clients.length < 2) return '';
  const nameWidth = Math.max(...report.names.map((name) => name.name.length), 4);
  const ids = report.clients.map((client) => client.id);
  const head = `  ${''.padEnd(nameWidth)}  ${ids.map((id) => id.padEnd(Math.max(id.length, 3))).join(' ')}`;
  const rows = report.names.map((name) => {
    const cells = ids.map((id) => {
      const result = resultFor(report.results, id, name.name);
      const cell = result?.ok ? style.ok('✓') : style.fail('✗');
      return cell + ' '.repeat(Math.max(id.length, 3) - 1);
    });
    return `  ${name.name.padEnd(nameWidth)}  ${cells.join(' ')}`;
  });
  const legend = report.clients.map((client) =>
    fold(
      style.dim(`  ${client.id.padEnd(8)} ${client.label} — ${client.usedBy}`),
      width,
      ' '.repeat(11),
    ),
  );
  return [style.bold('Clients × names'), head, ...rows, '', ...legend].join('\n');
}

function certificate(report: Report, style: Style, width: number): string {
  const cert = report.certificate;
  const cn = cert.subject.commonNames.at(-1);
  const cnNote = cn === undefined ? '' : ` (${commonNameUse(report)})`;
  const rows: [string, string][] = [
    ['Subject', cert.subject.dn || '(empty)'],
    ['Common Name', cn === undefined ? '(none)' : `${cn}${style.dim(cnNote)}`],
    ['Issuer', cert.issuer.dn || '(empty)'],
    ['DNS SANs', list(cert.san?.dns)],
    ['IP SANs', list(cert.san?.ip.map((ip) => ip.text))],
  ];
  if (cert.san === null)
    rows[3] = ['SANs', style.warn('none: the certificate has no subjectAltName extension')];
  if (cert.san?.uri.length) rows.push(['URI SANs', list(cert.san.uri)]);
  if (cert.san?.email.length) rows.push(['Email SANs', list(cert.san.email)]);
  rows.push(
    ['Validity', `${cert.notBefore.toISOString()} → ${cert.notAfter.toISOString()}`],
    ['CA', caText(cert)],
    ['Key usage', cert.keyUsage ? cert.keyUsage.usages.join(', ') : '(none)'],
    ['Ext. key usage', cert.extKeyUsage ? cert.extKeyUsage.usages.join(', ') : '(none)'],
    [
      'Key',
      `${cert.publicKey.algorithm}${cert.publicKey.bits ? ` ${cert.publicKey.bits}` : ''}${cert.publicKey.curve ? ` ${cert.publicKey.curve}` : ''}, signed ${cert.signatureAlgorithm.name}`,
    ],
    ['Serial', cert.serialHex],
    ['SHA-256', cert.fingerprintSha256],
  );
  if (cert.kubernetes) {
    const k = cert.kubernetes;
    rows.push([
      'Generated by',
      `${generatorName(report)} self-signing for host ${k.host} at ${k.generatedAt.toISOString()} (${k.eras.map((era) => `row ${era.row}: Kubernetes ${era.releases}`).join('; ') || 'era not recognised'})`,
    ]);
  }
  if (report.component)
    rows.push(['Component', `${report.component.id} (${report.component.evidence.join('; ')})`]);
  if (report.decidingClient && report.decidingClient.reason !== 'the first --client')
    rows.push([
      'Decided by',
      `${report.decidingClient.client}: ${report.decidingClient.who} (${report.decidingClient.reason})`,
    ]);
  if (report.serviceIp && report.serviceIp.source !== 'default')
    rows.push(['Service IP', `${report.serviceIp.address ?? 'unknown'}: ${report.serviceIp.note}`]);
  if (report.chain.length > 0) rows.push(['Chain', capped(report.chain.map(cnOrDn), ' → ')]);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  return [
    style.bold('Certificate'),
    ...rows.map(([label, value]) => field(label, value, labelWidth, width)),
  ].join('\n');
}

/** Whose self-signing made it: the apiserver's unless the component says otherwise. */
function generatorName(report: Report): string {
  const id = report.component?.id;
  return id === undefined || id === 'kube-apiserver' || id === 'other' || id === 'ca'
    ? 'kube-apiserver'
    : `${id} (client-go util/cert)`;
}

/** The live handshake (src/live): what was negotiated, presented, and whether SNI changes it. */
function connection(report: Report, style: Style, width: number): string {
  const c = report.connection;
  if (!c) return '';
  const sent = c.presented.certificates
    .map(
      (cert, index) =>
        `  ${''.padEnd(11)}${index}  ${cert.subject || '(empty)'}  ${style.dim(`issuer ${cert.issuer}`)}`,
    )
    .join('\n');
  const sni = !c.sni
    ? 'not compared (no other server name to try)'
    : c.sni.sameCertificate === null
      ? `not compared: ${c.sni.error ?? 'the comparison handshake failed'}`
      : `${c.sni.sameCertificate ? 'same certificate' : style.warn('a different certificate')} with ${c.sni.servername === null ? 'no SNI' : `SNI ${c.sni.servername}`}`;
  const rows: [string, string][] = [
    ['Endpoint', `${c.endpoint}, SNI ${c.servername ?? '(none)'}`],
    ['Protocol', `${c.protocol}, ${c.cipher}`],
    [
      'Presented',
      `${c.presented.note}${c.presented.order === 'linked' ? style.dim(' (order as Node links it: the server speaks only TLS 1.3)') : ''}`,
    ],
    ['SNI', sni],
  ];
  if (c.clientCertificateRequested)
    rows.push(['Client cert', 'requested (optional: the handshake completed without one)']);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => field(label, value, labelWidth, width));
  lines.splice(3, 0, sent);
  return [style.bold('Connection'), ...lines].join('\n');
}

/** Where the certificate, CA and names came from, when not plain files. */
function inputs(report: Report, style: Style, width: number): string {
  if (!report.inputs || report.inputs.length === 0) return '';
  return [
    style.bold('Inputs'),
    ...report.inputs.map((entry) =>
      fold(
        `  ${entry.role.padEnd(11)} ${entry.source}  ${style.dim(entry.detail)}`,
        width,
        ' '.repeat(14),
      ),
    ),
  ].join('\n');
}

/** Codes that mean a client compared the dialled name with the CN (and it did not help). */
const CN_COMPARED = new Set(['cn-mismatch', 'legacy-common-name', 'cn-not-hostname']);

/** Whether any client here looked at the CN, so the label never overstates its role. */
function commonNameUse(report: Report): string {
  if (report.results.some((result) => result.matchedBy?.kind === 'common-name')) {
    return 'matched by some clients as a legacy fallback';
  }
  if (report.results.some((result) => result.failures.some((code) => CN_COMPARED.has(code)))) {
    return 'compared by some clients as a legacy fallback, without a match';
  }
  return 'not used for hostname checks by any client here';
}

function findings(report: Report, style: Style, width: number): string {
  if (report.findings.length === 0) return '';
  return `${style.bold(`Findings (${report.findings.length})`)}\n${report.findings.map((finding) => findingText(finding, style, width)).join('\n\n')}`;
}

function findingText(finding: FindingEntry, style: Style, width: number): string {
  const tag =
    finding.severity === 'error'
      ? style.fail('error')
      : finding.severity === 'warning'
        ? style.warn('warning')
        : style.dim('info');
  const lines = [
    fold(
      `  [${tag}] ${style.bold(finding.title)} ${style.dim(`(${finding.code})`)}`,
      width,
      '    ',
    ),
  ];
  const detail = finding.detail;
  if ('names' in detail) {
    lines.push(
      wrap(
        `names: ${capped(detail.names, ', ')}; clients: ${detail.clients.join(', ')}`,
        '    ',
        width,
      ),
    );
    for (const { message, clients } of detail.messages)
      lines.push(wrap(`${style.dim(`${clients.join(', ')}:`)} ${clip(message)}`, '    ', width));
  }
  if ('note' in detail) lines.push(wrap(detail.note, '    ', width));
  lines.push(...candidateLines(finding, style, width));
  lines.push(wrap(finding.explanation, '    ', width), wrap(`Fix: ${finding.fix}`, '    ', width));
  return lines.join('\n');
}

export function matchedText(matched: MatchedBy | null): string {
  if (!matched) return 'ok';
  switch (matched.kind) {
    case 'dns-san':
      return `matches DNS SAN ${matched.pattern}${matched.wildcard ? ' (wildcard)' : ''}`;
    case 'ip-san':
      return `matches IP SAN ${matched.address}`;
    case 'common-name':
      return `matches the Common Name ${matched.pattern}${matched.wildcard ? ' (wildcard)' : ''} (legacy fallback)`;
  }
}

function list(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? capped(values, ', ') : '(none)';
}
