/**
 * The text report, verdict first: one line per dialled name for the primary client,
 * then the name × client matrix, the certificate facts, and the findings with fixes.
 */
import type { FindingEntry, Report } from '../report/report.js';
import { rejectionText } from '../report/trust.js';
import { caText, capped, clip, cnOrDn, resultFor, wrap } from './format.js';
import type { MatchedBy } from '../verify/types.js';
import { plainStyle, type Style } from './style.js';

export function renderText(report: Report, style: Style = plainStyle): string {
  const sections = [
    header(report, style),
    verdictLines(report, style),
    matrix(report, style),
    connection(report, style),
    certificate(report, style),
    inputs(report, style),
    findings(report, style),
  ];
  return `${sections.filter((section) => section.length > 0).join('\n\n')}\n`;
}

function header(report: Report, style: Style): string {
  const primary = report.clients[0];
  const who = report.heapster
    ? `Heapster ${report.heapster.version} (${report.heapster.go}, profile ${report.primaryClient})`
    : `${primary?.label ?? report.primaryClient} (profile ${report.primaryClient})`;
  const verdict =
    report.verdict === 'pass'
      ? style.ok('PASS')
      : report.verdict === 'unchecked'
        ? style.warn('NAMES OK, TRUST NOT CHECKED')
        : style.fail('FAIL');
  const lines = [
    `${style.bold(verdict)}  ${report.source} — as seen by ${who}`,
    style.dim(`evaluated at ${report.evaluatedAt}; trust: ${trustLine(report)}`),
  ];
  // Said first when the component chose the clients; with --client the matrix shows it.
  if (report.decidingClient?.disagreement && report.decidingClient.reason !== 'the first --client')
    lines.push(style.warn(wrap(report.decidingClient.disagreement, '').trimStart()));
  const unchecked = report.findings.find((finding) => finding.code === 'trust-unchecked');
  if (unchecked && 'note' in unchecked.detail) lines.push(style.warn(unchecked.detail.note));
  return lines.join('\n');
}

function trustLine(report: Report): string {
  if (report.trust.mode === 'self') return 'the certificate itself (no --ca given)';
  if (report.trust.mode === 'unchecked') return 'not checked (a CA-signed certificate and no --ca)';
  if (report.trust.anchors.length === 0)
    return 'no CA (the system roots, which never hold a cluster CA)';
  return report.trust.anchors.map((anchor) => cnOrDn(anchor)).join(', ');
}

function verdictLines(report: Report, style: Style): string {
  const width = Math.max(...report.names.map((name) => name.name.length));
  const lines = report.names.map((name) => {
    const result = resultFor(report.results, report.primaryClient, name.name);
    const mark = result?.ok ? style.ok('✓') : name.decisive ? style.fail('✗') : style.warn('✗');
    const role = name.decisive ? name.dialledBy : `${name.dialledBy}; informational`;
    const detail = result?.ok
      ? style.dim(matchedText(result.matchedBy))
      : style.fail(clip(result?.message ?? ''));
    // Every failure the client would hit, in its order; the first is what it prints.
    const all =
      result && !result.ok && result.failures.length > 1
        ? `\n      ${style.dim(`every failure: ${result.failures.map((code, index) => (index === 0 ? `${code} (printed)` : code)).join(', ')}`)}`
        : '';
    // The component's own log line, when it wraps the message (what users search for).
    const logged =
      result && !result.ok && result.logged && result.logged !== result.message
        ? `\n      ${style.dim(`logged as: ${clip(result.logged)}`)}`
        : '';
    return `  ${mark} ${name.name.padEnd(width)}  ${style.dim(role)}\n      ${detail}${logged}${all}`;
  });
  return [style.bold('Names'), ...lines].join('\n');
}

function matrix(report: Report, style: Style): string {
  if (report.clients.length < 2) return '';
  const width = Math.max(...report.names.map((name) => name.name.length), 4);
  const ids = report.clients.map((client) => client.id);
  const head = `  ${''.padEnd(width)}  ${ids.map((id) => id.padEnd(Math.max(id.length, 3))).join(' ')}`;
  const rows = report.names.map((name) => {
    const cells = ids.map((id) => {
      const result = resultFor(report.results, id, name.name);
      const cell = result?.ok ? style.ok('✓') : style.fail('✗');
      return cell + ' '.repeat(Math.max(id.length, 3) - 1);
    });
    return `  ${name.name.padEnd(width)}  ${cells.join(' ')}`;
  });
  const legend = report.clients.map((client) =>
    style.dim(`  ${client.id.padEnd(8)} ${client.label} — ${client.usedBy}`),
  );
  return [style.bold('Clients × names'), head, ...rows, '', ...legend].join('\n');
}

function certificate(report: Report, style: Style): string {
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
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    style.bold('Certificate'),
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
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
function connection(report: Report, style: Style): string {
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
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  lines.splice(3, 0, sent);
  return [style.bold('Connection'), ...lines].join('\n');
}

/** Where the certificate, CA and names came from, when not plain files. */
function inputs(report: Report, style: Style): string {
  if (!report.inputs || report.inputs.length === 0) return '';
  return [
    style.bold('Inputs'),
    ...report.inputs.map(
      (entry) => `  ${entry.role.padEnd(11)} ${entry.source}  ${style.dim(entry.detail)}`,
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

function findings(report: Report, style: Style): string {
  if (report.findings.length === 0) return '';
  return `${style.bold('Findings')}\n${report.findings.map((finding) => findingText(finding, style)).join('\n\n')}`;
}

function findingText(finding: FindingEntry, style: Style): string {
  const tag =
    finding.severity === 'error'
      ? style.fail('error')
      : finding.severity === 'warning'
        ? style.warn('warning')
        : style.dim('info');
  const lines = [`  [${tag}] ${style.bold(finding.title)} ${style.dim(`(${finding.code})`)}`];
  const detail = finding.detail;
  if ('names' in detail) {
    lines.push(`    names: ${detail.names.join(', ')}; clients: ${detail.clients.join(', ')}`);
    for (const { message, clients } of detail.messages)
      lines.push(`    ${style.dim(`${clients.join(', ')}:`)} ${clip(message)}`);
  }
  if ('note' in detail) lines.push(wrap(detail.note, '    '));
  if (detail.code === 'closest-miss') {
    for (const { cert, rejections } of detail.candidates) {
      const where = `${cert.source === 'ca' ? 'ca.crt' : 'served'} #${cert.index}`;
      const why = rejections.length === 0 ? 'signs it' : rejections.map(rejectionText).join(', ');
      lines.push(`      ${cert.name}  ${style.dim(`(${where})`)}  ${why}`);
    }
    if (detail.omitted > 0) lines.push(`      … and ${detail.omitted} more`);
  }
  lines.push(wrap(finding.explanation, '    '), wrap(`Fix: ${finding.fix}`, '    '));
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
