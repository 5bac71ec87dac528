/**
 * A live check's capture: the handshake (src/live, injected), the certificates the server
 * presented, what the connection looked like, and whether the answer depends on SNI.
 */
import type { InputFinding } from '../report/findings.js';
import type { ConnectionEntry } from '../report/report.js';
import { describePresented } from '../live/chain-order.js';
import { probeEndpoint } from '../live/probe.js';
import type { TlsHandshake } from '../live/types.js';
import type { DialledName } from '../names/defaults.js';
import { certificatesFrom, type CertificateWithFacts } from './index.js';

/** A server to dial, and what the client dialling it would send and check. */
export interface Live {
  readonly source: string;
  readonly host: string;
  readonly port: number;
  /** The SNI this client sends. */
  readonly servername: string | null;
  readonly names: readonly DialledName[] | null;
}

export interface CaptureOptions {
  /** --sni: a name, or '' for none. */
  readonly sni: string | undefined;
  readonly timeoutMs: number;
}

export async function captureLive(
  live: Live,
  names: readonly DialledName[],
  options: CaptureOptions,
  handshake: TlsHandshake,
  findings: InputFinding[],
): Promise<{ certificates: CertificateWithFacts[]; connection: ConnectionEntry }> {
  const servername =
    options.sni !== undefined ? (options.sni === '' ? null : options.sni) : live.servername;
  const probe = await probeEndpoint(handshake, {
    host: live.host,
    port: live.port,
    servername,
    timeoutMs: options.timeoutMs,
    alternateServername: firstDns(names.filter((name) => name.host !== servername)),
  });
  const certificates = await certificatesFrom(concat(probe.presented), probe.endpoint);
  const shape = describePresented(certificates.map((entry) => entry.facts));
  const connection: ConnectionEntry = {
    endpoint: probe.endpoint,
    servername: probe.servername,
    protocol: probe.protocol,
    cipher: probe.cipher,
    presented: {
      order: probe.order,
      ...shape,
      certificates: certificates.map(({ facts }) => ({
        subject: facts.subject.dn,
        issuer: facts.issuer.dn,
        sha256: facts.fingerprintSha256,
      })),
    },
    clientCertificateRequested: probe.clientCertificateRequested,
    sni: probe.sni,
  };
  if (probe.sni?.sameCertificate === false) {
    const sent = (name: string | null): string => (name === null ? 'no SNI' : `SNI ${name}`);
    findings.push({
      code: 'sni-dependent',
      severity: 'warning',
      note: `${probe.endpoint} presents one certificate with ${sent(probe.servername)} and another with ${sent(probe.sni.servername)}; this report checks the one sent with ${sent(probe.servername)} (--sni chooses).`,
    });
  }
  return { certificates, connection };
}

export function firstDns(names: readonly DialledName[]): string | null {
  return names.find((name) => name.kind === 'dns')?.host ?? null;
}

/** The presented certificates' DER, back to back (the loader splits concatenated DER). */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((part) => Buffer.from(part))));
}
