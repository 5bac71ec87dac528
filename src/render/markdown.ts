/**
 * The report as GitHub-flavoured markdown, for pasting into a bug: the verdict in one
 * line, the name × client table, the certificate facts, the findings with their fixes,
 * and every client's raw answer in a collapsed <details> block. A pure function of the
 * Report, so `--at` makes it byte-for-byte reproducible; `--redact` is applied before.
 */
import type { FindingEntry, Report } from '../report/report.js';
import { rejectionText } from '../report/trust.js';
import { escapeStrings } from './escape.js';
import { matchedText } from './text.js';
import { caText, capped, clip, cnOrDn, resultFor } from './format.js';
import { headline, plural } from './headline.js';

export function renderMarkdown(report: Report): string {
  // Control characters escaped before anything is laid out (src/render/escape.ts).
  const safe = escapeStrings(report);
  return `${[
    summary(safe),
    table(safe),
    certificate(safe),
    trust(safe),
    connection(safe),
    inputs(safe),
    findings(safe),
    raw(safe),
  ]
    .filter((section) => section !== '')
    .join('\n\n')}\n`;
}

function summary(report: Report): string {
  const head = headline(report);
  const who = text(head.who).replace(
    /profile (\S+)\)$/,
    (_match, id: string) => `profile ${code(id)})`,
  );
  const failing = report.names
    .filter((name) => name.decisive)
    .filter((name) => !resultFor(report.results, report.primaryClient, name.name)?.ok)
    .map((name) => code(name.name));
  const verdict =
    report.verdict === 'pass'
      ? `**PASS** — ${who} verifies every decisive name`
      : report.verdict === 'unchecked'
        ? `**NAMES OK, TRUST NOT CHECKED** — ${who} accepts every decisive name; no \`--ca\` was given for this CA-signed certificate`
        : `**FAIL** — ${who} rejects ${failing.join(', ')}`;
  const trustWords =
    report.trust.mode === 'self'
      ? 'the certificate itself (no `--ca`)'
      : report.trust.mode === 'unchecked'
        ? 'not checked (a CA-signed certificate and no `--ca`)'
        : report.trust.anchors.map((anchor) => code(cnOrDn(anchor))).join(', ') || 'no CA';
  const lines = [
    `### kube-tls-doctor: ${code(report.source)}`,
    '',
    `${verdict}. Evaluated at ${report.evaluatedAt}; trust: ${trustWords}; kube-tls-doctor ${text(report.tool.version)}.`,
  ];
  if (report.decidingClient?.disagreement && report.decidingClient.reason !== 'the first --client')
    lines.push('', `> ${text(report.decidingClient.disagreement)}`);
  if (report.component) {
    const evidence = report.component.evidence.map(text).join('; ');
    lines.push(
      '',
      `**Component:** ${code(report.component.id)}${evidence ? ` (${evidence})` : ''}; deciding client: ${text(head.who)}.`,
    );
  }
  const cause = head.cause;
  if (cause) {
    lines.push(
      '',
      `**${report.verdict === 'pass' ? 'Note' : 'Cause'}:** ${text(cause.title)} (${code(cause.code)})`,
    );
    const detail = cause.detail;
    if ('note' in detail) lines.push('', text(detail.note));
    const miss = detail.code === 'closest-miss' ? cause : head.evidence;
    if (miss) lines.push('', ...candidates(miss));
    if (head.says) {
      const same = head.says.names > 1 ? ` (the same for ${plural(head.says.names, 'name')})` : '';
      lines.push('', `${code(report.primaryClient)} says: ${code(clip(head.says.message))}${same}`);
    }
    lines.push('', `**Fix:** ${text(oneLine(cause.fix))}`);
  }
  return lines.join('\n');
}

/** The closest miss's candidate issuers, each with why it did not sign. */
function candidates(finding: FindingEntry): string[] {
  const detail = finding.detail;
  if (detail.code !== 'closest-miss') return [];
  const lines = detail.candidates.map(({ cert, rejections }) => {
    const where = `${cert.source === 'ca' ? 'ca.crt' : 'served'} #${cert.index}`;
    const why = rejections.length === 0 ? 'signs it' : rejections.map(rejectionText).join(', ');
    return `- candidate ${code(cert.name)} (${where}, SHA-256 ${code(cert.fingerprintSha256)}): ${why}`;
  });
  if (detail.omitted > 0) lines.push(`- … and ${detail.omitted} more`);
  return lines;
}

function table(report: Report): string {
  const ids = report.clients.map((client) => client.id);
  const head = `| Name | Dialled by | ${ids.map(code).join(' | ')} |`;
  const rule = `| --- | --- | ${ids.map(() => ':---:').join(' | ')} |`;
  const rows = report.names.map((name) => {
    const cells = ids.map((id) => {
      const result = resultFor(report.results, id, name.name);
      if (!result) return '';
      return result.ok ? '✓' : `✗ ${code(result.code ?? 'fail')}`;
    });
    const role = name.decisive ? name.dialledBy : `${name.dialledBy} (informational)`;
    return `| ${code(name.name)} | ${text(role)} | ${cells.join(' | ')} |`;
  });
  const legend = report.clients.map(
    (client) => `- ${code(client.id)}: ${text(client.label)} — ${text(client.usedBy)}`,
  );
  return ['#### Names × clients', '', head, rule, ...rows, '', ...legend].join('\n');
}

function certificate(report: Report): string {
  const cert = report.certificate;
  const cn = cert.subject.commonNames.at(-1);
  const usesCn = report.results.some((result) => result.matchedBy?.kind === 'common-name');
  const comparedCn = report.results.some((result) => result.failures.includes('cn-mismatch'));
  const cnNote = usesCn
    ? ' (matched by some clients as a legacy fallback)'
    : comparedCn
      ? ' (compared by some clients as a legacy fallback; it matches no dialled name)'
      : ' (not used for hostname checks)';
  const rows: [string, string][] = [
    ['Subject', code(cert.subject.dn || '(empty)')],
    ['Common Name', cn === undefined ? '(none)' : `${code(cn)}${cnNote}`],
    ['Issuer', code(cert.issuer.dn || '(empty)')],
    ['DNS SANs', cert.san === null ? 'none: no subjectAltName extension' : list(cert.san.dns)],
    ['IP SANs', list(cert.san?.ip.map((ip) => ip.text) ?? [])],
    ['Validity', `${cert.notBefore.toISOString()} → ${cert.notAfter.toISOString()}`],
    ['CA', caText(cert)],
    ['Key usage', cert.keyUsage ? cert.keyUsage.usages.join(', ') : '(none)'],
    ['Ext. key usage', cert.extKeyUsage ? cert.extKeyUsage.usages.join(', ') : '(none)'],
    [
      'Key',
      `${cert.publicKey.algorithm}${cert.publicKey.bits ? ` ${cert.publicKey.bits}` : ''}, signed ${cert.signatureAlgorithm.name}`,
    ],
    ['Serial', code(cert.serialHex)],
    ['SHA-256', code(cert.fingerprintSha256)],
  ];
  if (cert.kubernetes) {
    const k = cert.kubernetes;
    rows.push([
      'Generated by',
      `kube-apiserver self-signing for host ${code(k.host)} at ${k.generatedAt.toISOString()} (${k.eras.map((era) => `row ${era.row}: Kubernetes ${era.releases}`).join('; ') || 'era not recognised'})`,
    ]);
  }
  if (report.component)
    rows.push([
      'Component',
      `${code(report.component.id)} (${cell(report.component.evidence.join('; '))})`,
    ]);
  if (report.serviceIp && report.serviceIp.source !== 'default')
    rows.push([
      'Service IP',
      `${report.serviceIp.address ? code(report.serviceIp.address) : 'unknown'}: ${cell(report.serviceIp.note)}`,
    ]);
  if (report.chain.length > 0)
    rows.push([
      'Chain',
      capped(
        report.chain.map((c) => code(cnOrDn(c))),
        ' → ',
      ),
    ]);
  return [
    '#### Certificate',
    '',
    '| Field | Value |',
    '| --- | --- |',
    ...rows.map(([label, value]) => `| ${label} | ${cell(value)} |`),
  ].join('\n');
}

/** The trust anchors (the --ca certificates), so a stale or wrong ca.crt is visible. */
function trust(report: Report): string {
  if (report.trust.mode === 'self' || report.trust.anchors.length === 0) return '';
  const rows = report.trust.anchors.map(
    (anchor, index) =>
      `| ${index} | ${cell(code(anchor.subject.dn || '(empty)'))} | ${cell(code(anchor.issuer.dn || '(empty)'))} | ${anchor.notBefore.toISOString()} → ${anchor.notAfter.toISOString()} | ${cell(caText(anchor))} | ${code(anchor.fingerprintSha256)} |`,
  );
  return [
    '#### Trust anchors (`--ca`)',
    '',
    '| # | Subject | Issuer | Validity | CA | SHA-256 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The live handshake, when there was one. */
function connection(report: Report): string {
  const c = report.connection;
  if (!c) return '';
  const sent = c.presented.certificates.map(
    (cert, index) =>
      `  ${index}. ${code(cert.subject || '(empty)')}, issuer ${code(cert.issuer)}, SHA-256 ${code(cert.sha256)}`,
  );
  const sni = !c.sni
    ? 'not compared (no other server name to try)'
    : c.sni.sameCertificate === null
      ? `not compared: ${text(c.sni.error ?? 'the comparison handshake failed')}`
      : `${c.sni.sameCertificate ? 'same certificate' : '**a different certificate**'} with ${c.sni.servername === null ? 'no SNI' : `SNI ${code(c.sni.servername)}`}`;
  return [
    '#### Connection',
    '',
    `- Endpoint: ${code(c.endpoint)}, SNI ${c.servername === null ? '(none)' : code(c.servername)}`,
    `- Protocol: ${text(c.protocol)}, ${text(c.cipher)}`,
    `- Presented: ${text(c.presented.note)}`,
    ...sent,
    `- SNI: ${sni}`,
    ...(c.clientCertificateRequested ? ['- Client certificate: requested (optional)'] : []),
  ].join('\n');
}

/** Where the certificate, the CA and the names came from, when not plain files. */
function inputs(report: Report): string {
  if (!report.inputs || report.inputs.length === 0) return '';
  return [
    '#### Inputs',
    '',
    ...report.inputs.map(
      (entry) => `- ${entry.role}: ${code(entry.source)} — ${text(entry.detail)}`,
    ),
  ].join('\n');
}

function findings(report: Report): string {
  if (report.findings.length === 0) return '';
  return ['#### Findings', '', ...report.findings.map(findingText)].join('\n');
}

function findingText(finding: FindingEntry): string {
  const lines = [`- **${finding.severity}** · ${text(finding.title)} (${code(finding.code)})`];
  const detail = finding.detail;
  if ('names' in detail && 'clients' in detail && 'messages' in detail) {
    lines.push(
      `  - names: ${capped(detail.names.map(code), ', ')}; clients: ${detail.clients.map(code).join(', ')}`,
    );
    for (const { message, clients } of detail.messages)
      lines.push(`  - ${clients.map(code).join(', ')}: ${code(clip(message))}`);
  }
  if ('note' in detail) lines.push(`  - ${text(detail.note)}`);
  lines.push(...candidates(finding).map((line) => `  ${line}`));
  lines.push(
    `  - ${text(oneLine(finding.explanation))}`,
    `  - **Fix:** ${text(oneLine(finding.fix))}`,
  );
  return lines.join('\n');
}

function raw(report: Report): string {
  const results = report.results.map((result) => ({
    client: result.client,
    name: result.name,
    ok: result.ok,
    code: result.code,
    message: result.message,
    nativeCode: result.nativeCode,
    matched: result.ok ? matchedText(result.matchedBy) : null,
    failures: result.failures,
  }));
  return [
    '<details>',
    '<summary>Raw answers of every client</summary>',
    '',
    '```json',
    JSON.stringify({ evaluatedAt: report.evaluatedAt, results }, null, 2),
    '```',
    '',
    '</details>',
  ].join('\n');
}

/** Inline code that survives any content: a longer backtick fence when the text has backticks. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Prose as markdown shows it: the characters CommonMark would read as markup (emphasis,
 * links, code, HTML such as `<host>`, entities) are escaped, so the words render as written.
 */
function text(words: string): string {
  return oneLine(words)
    .replace(/[\\`*_[\]~#|!]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return oneLine(text).replace(/(?<!\\)\|/g, '\\|');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function list(values: readonly string[]): string {
  return values.length > 0 ? capped(values.map(code), ', ') : '(none)';
}
