/**
 * The validity times as written. The ASN.1 parser turns any UTCTime or GeneralizedTime
 * text into some Date ("notatime" becomes 1899-11-30), so a certificate every real client
 * refuses — Go's parser ("x509: malformed validity"), OpenSSL's
 * X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD — would otherwise be judged as merely expired.
 * Forms accepted: RFC 5280 §4.1.2.5.1 UTCTime YYMMDDHHMM[SS](Z|±hhmm) and §4.1.2.5.2
 * GeneralizedTime YYYYMMDDHHMMSS[.f](Z|±hhmm), the leniency of Go's encoding/asn1.
 */
import { derElementLength } from './der.js';

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?(Z|[+-]\d{4})?$/;

/** The problem with the validity field of one certificate's DER, or null when both times are times. */
export function validityProblem(der: Uint8Array): string | null {
  const validity = validityField(der);
  if (!validity) return null; // The X.509 parser has already accepted the structure.
  const names = ['notBefore', 'notAfter'] as const;
  let offset = validity.start;
  for (const name of names) {
    const length = derElementLength(der, offset);
    if (typeof length === 'string') return `its ${name} time is malformed`;
    const tag = der[offset] ?? 0;
    const header = headerLength(der, offset);
    const text = Buffer.from(der.subarray(offset + header, offset + length)).toString('latin1');
    if (!isTime(tag, text)) return `its ${name} time ${JSON.stringify(text)} is not a valid time`;
    offset += length;
  }
  return null;
}

function isTime(tag: number, text: string): boolean {
  const match =
    tag === 0x17 ? UTC_TIME.exec(text) : tag === 0x18 ? GENERALIZED_TIME.exec(text) : null;
  if (!match) return false;
  const [month, day, hour, minute, second = '00'] = match.slice(2, 7).map((part) => part ?? '00');
  return (
    inRange(month, 1, 12) &&
    inRange(day, 1, 31) &&
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59) &&
    inRange(second, 0, 60)
  );
}

function inRange(text: string | undefined, low: number, high: number): boolean {
  const value = Number(text);
  return Number.isInteger(value) && value >= low && value <= high;
}

/** Content of the validity SEQUENCE: Certificate → TBSCertificate → [version] serial sig issuer validity. */
function validityField(der: Uint8Array): { start: number } | null {
  let offset = headerLength(der, 0); // into Certificate
  offset += headerLength(der, offset); // into TBSCertificate
  if (der[offset] === 0xa0) offset = skip(der, offset); // explicit version
  for (let i = 0; i < 3; i++) offset = skip(der, offset); // serial, signature, issuer
  if (offset < 0 || der[offset] !== 0x30) return null;
  return { start: offset + headerLength(der, offset) };
}

function skip(der: Uint8Array, offset: number): number {
  if (offset < 0) return -1;
  const length = derElementLength(der, offset);
  return typeof length === 'string' ? -1 : offset + length;
}

function headerLength(der: Uint8Array, offset: number): number {
  const first = der[offset + 1] ?? 0;
  return first & 0x80 ? 2 + (first & 0x7f) : 2;
}
