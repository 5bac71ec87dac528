/**
 * --redact: a Report safe to paste into a public bug. Host names, IP addresses, serial
 * numbers and everything that identifies the certificate bytes (fingerprints, key ids,
 * raw DER hex) are replaced by placeholders. The same input always gets the same
 * placeholder within a report — and across runs, since placeholders are numbered in the
 * order values first appear — so the report still shows which names match which SANs.
 * The well-known in-cluster names stay: they are the same in every cluster.
 */
import { ipVersion } from '../base/ip.js';
import type { Report } from '../report/report.js';

const PUBLIC_NAMES = new Set([
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  'localhost',
]);

/** Fields whose whole value identifies the certificate: replaced by key, never scanned. */
const OPAQUE_FIELDS: Record<string, string> = {
  serialHex: 'serial',
  serialDecimal: 'serial',
  fingerprintSha256: 'fingerprint',
  subjectKeyId: 'key-id',
  authorityKeyId: 'key-id',
  publicKeyHex: 'public-key',
  rawHex: 'der',
  bytesHex: 'der',
};

export function redactReport(report: Report): Report {
  const redactor = new Redactor();
  redactor.collect(report);
  return redactor.apply(report) as Report;
}

class Redactor {
  private readonly names = new Map<string, string>();
  private readonly opaque = new Map<string, string>();
  private counters = { host: 0, ipv4: 0, ipv6: 0 };
  private pattern: RegExp | null = null;

  /** Finds every host name and IP the report mentions, in a fixed order. */
  collect(report: Report): void {
    const certs = [report.certificate, ...report.chain, ...report.trust.anchors];
    for (const name of report.names) {
      this.add(name.name);
      // "first IP of --service-cluster-ip-range 10.0.0.0/24": addresses inside the words too.
      for (const [ip] of name.dialledBy.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g)) this.add(ip);
    }
    for (const cert of certs) {
      for (const dns of cert.san?.dns ?? []) this.add(dns);
      for (const ip of cert.san?.ip ?? []) this.add(ip.text);
      if (cert.kubernetes) this.add(cert.kubernetes.host);
      for (const cn of [...cert.subject.commonNames, ...cert.issuer.commonNames]) {
        const host = /^(.+?)(?:-ca)?@\d+$/.exec(cn)?.[1] ?? cn;
        if (host.includes('.') || ipVersion(host) || /^[\w-]+$/.test(host)) this.add(host);
      }
    }
    // Addresses anywhere in the report's words (messages, notes, the endpoint dialled).
    for (const text of strings(report)) {
      for (const [ip] of text.matchAll(/(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]*\w)/g))
        if (ipVersion(ip)) this.add(ip);
    }
    if (report.connection) {
      this.add(report.connection.endpoint.replace(/^\[?(.*?)\]?:\d+$/, '$1'));
      if (report.connection.servername) this.add(report.connection.servername);
      if (report.connection.sni?.servername) this.add(report.connection.sni.servername);
    }
    const tokens = [...this.names.keys()].sort((a, b) => b.length - a.length).map(escape);
    this.pattern =
      tokens.length > 0
        ? // A name ends where a host name would; `<host>-ca@<seconds>` (the generator's CA) ends it too.
          new RegExp(`(?<![\\w.*-])(?:${tokens.join('|')})(?:(?=-ca@)|(?![\\w-]|\\.\\w))`, 'gi')
        : null;
  }

  private add(value: string): void {
    const text = value.replace(/^\*\./, '').toLowerCase();
    if (text === '' || PUBLIC_NAMES.has(text) || this.names.has(text)) return;
    const kind = ipVersion(text);
    if (kind === 4) this.names.set(text, `192.0.2.${++this.counters.ipv4}`);
    else if (kind === 6) this.names.set(text, `2001:db8::${(++this.counters.ipv6).toString(16)}`);
    else this.names.set(text, `host-${++this.counters.host}.example`);
  }

  apply(value: unknown, key = ''): unknown {
    if (typeof value === 'string') {
      const kind = OPAQUE_FIELDS[key];
      if (kind !== undefined) return this.opaqueFor(kind, value, key === 'serialDecimal');
      return this.text(value);
    }
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.apply(item, key));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.apply(v, k)]),
    );
  }

  private opaqueFor(kind: string, value: string, decimal: boolean): string {
    if (value === '') return value;
    // A serial is the same number in hex and decimal: one placeholder for both spellings.
    const normal =
      kind === 'serial' && /^[0-9a-f]+$/i.test(value)
        ? BigInt(decimal ? value : `0x${value}`).toString(16)
        : value.toLowerCase();
    const id = `${kind}:${normal}`;
    let placeholder = this.opaque.get(id);
    if (placeholder === undefined) {
      const count = [...this.opaque.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1;
      placeholder = `<${kind}-${count}>`;
      this.opaque.set(id, placeholder);
    }
    return placeholder;
  }

  private text(value: string): string {
    if (!this.pattern) return value;
    return value.replace(this.pattern, (match) => this.names.get(match.toLowerCase()) ?? match);
  }
}

/** Every string a value holds. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.values(value as Record<string, unknown>).flatMap(strings);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
