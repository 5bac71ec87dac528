/**
 * Reproducible RSA-2048 keys for `--seed`: the same seed and label always give the same
 * key, so a documented `generate` or `simulate-restart` run prints the same bytes every
 * time. Never for real use — anyone who knows the seed knows the key.
 *
 * Primes come from a SHA-256 counter stream (seed, label, counter), sieved by small
 * primes and tested with Miller–Rabin (FIPS 186-5 B.3.1 asks for 5 rounds at 1024-bit
 * primes with error 2^-100; 20 are used). The key is assembled as PKCS#1 RSAPrivateKey
 * (RFC 8017 A.1.2) and handed to WebCrypto, so signing is ordinary RSASSA-PKCS1-v1_5.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { RSA_2048, type KeyPair } from './certificate.js';

const E = 65537n;
const SMALL_PRIMES = smallPrimes(2000);

export async function seededRsaKey(seed: string, label: string): Promise<KeyPair> {
  const stream = byteStream(`${seed}\u0000${label}`);
  let p = prime1024(stream);
  let q = prime1024(stream);
  while (p === q) q = prime1024(stream);
  if (p < q) [p, q] = [q, p];
  const n = p * q;
  const phi = (p - 1n) * (q - 1n);
  const d = modInverse(E, phi);
  const der = sequence([
    integer(0n),
    integer(n),
    integer(E),
    integer(d),
    integer(p),
    integer(q),
    integer(d % (p - 1n)),
    integer(d % (q - 1n)),
    integer(modInverse(q, p)),
  ]);
  const privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs1' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    privateKey: await crypto.subtle.importKey('pkcs8', pkcs8, RSA_2048, true, ['sign']),
    publicKey: await crypto.subtle.importKey('spki', spki, RSA_2048, true, ['verify']),
  };
}

/** Endless bytes: SHA-256(input ‖ counter) blocks. */
function byteStream(input: string): (count: number) => Uint8Array {
  let counter = 0;
  let buffer = new Uint8Array(0);
  return (count) => {
    while (buffer.length < count) {
      const block = createHash('sha256').update(input).update(String(counter++)).digest();
      buffer = Uint8Array.from([...buffer, ...block]);
    }
    const out = buffer.slice(0, count);
    buffer = buffer.slice(count);
    return out;
  };
}

function prime1024(next: (count: number) => Uint8Array): bigint {
  for (;;) {
    const bytes = next(128);
    // Top two bits set so that p·q has exactly 2048 bits; odd.
    bytes[0] = (bytes[0] ?? 0) | 0xc0;
    bytes[127] = (bytes[127] ?? 0) | 1;
    const candidate = toBigInt(bytes);
    if ((candidate - 1n) % E === 0n) continue;
    if (SMALL_PRIMES.some((small) => candidate % small === 0n)) continue;
    if (millerRabin(candidate, next)) return candidate;
  }
}

function millerRabin(n: bigint, next: (count: number) => Uint8Array): boolean {
  let d = n - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  for (let round = 0; round < 20; round++) {
    const a = 2n + (toBigInt(next(128)) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let i = 1; i < r; i++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error('no modular inverse');
  return ((oldS % m) + m) % m;
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

function smallPrimes(limit: number): bigint[] {
  const primes: bigint[] = [];
  for (let n = 3; n < limit; n += 2) {
    if (primes.every((p) => n % Number(p) !== 0)) primes.push(BigInt(n));
  }
  return primes;
}

// Minimal DER for the RSAPrivateKey SEQUENCE of INTEGERs.
function integer(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let body = Uint8Array.from(Buffer.from(hex, 'hex'));
  if ((body[0] ?? 0) & 0x80) body = Uint8Array.from([0, ...body]);
  return tlv(0x02, body);
}

function sequence(items: readonly Uint8Array[]): Uint8Array {
  return tlv(0x30, Uint8Array.from(items.flatMap((item) => [...item])));
}

function tlv(tag: number, body: Uint8Array): Uint8Array {
  const length = body.length;
  const header =
    length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
  return Uint8Array.from([tag, ...header, ...body]);
}
