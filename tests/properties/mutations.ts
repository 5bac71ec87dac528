/**
 * Input generators shared by the property tests and `npm run fuzz`: random mutations of a
 * real certificate's DER, random PEM/base64 noise, random names. Plain fast-check
 * arbitraries, so the suite can sample a few hundred and the fuzz script a hundred thousand.
 */
import fc from 'fast-check';

export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bits: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Positions are fractions of the current length, so a mutation fits any input. */
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** ASN.1-minded bytes: tags, length octets and a few specials are likelier than noise. */
const interestingByte = fc.oneof(
  fc.constantFrom(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18),
  fc.constantFrom(0x30, 0x31, 0x80, 0x81, 0x82, 0x83, 0x84, 0x87, 0xa0, 0xa3, 0x7f, 0xff),
  fc.nat(255),
);

const mutation: fc.Arbitrary<(bytes: Uint8Array) => Uint8Array> = fc
  .oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      at: position,
      bits: fc.integer({ min: 1, max: 255 }),
    }),
    fc.record({ kind: fc.constant('set' as const), at: position, value: interestingByte }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: position,
      length: fc.integer({ min: 1, max: 64 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      bytes: fc.array(interestingByte, { minLength: 1, maxLength: 16 }),
    }),
    fc.record({
      kind: fc.constant('duplicate' as const),
      at: position,
      length: fc.integer({ min: 1, max: 200 }),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
  )
  .map((m: Mutation) => (bytes: Uint8Array) => applyMutation(bytes, m));

export function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = Math.floor(m.at * bytes.length);
  const out = Array.from(bytes);
  switch (m.kind) {
    case 'flip':
      if (out.length > 0) out[at] = (out[at] ?? 0) ^ m.bits;
      break;
    case 'set':
      if (out.length > 0) out[at] = m.value;
      break;
    case 'delete':
      out.splice(at, m.length);
      break;
    case 'insert':
      out.splice(at, 0, ...m.bytes);
      break;
    case 'duplicate':
      out.splice(at, 0, ...out.slice(at, at + m.length));
      break;
    case 'truncate':
      out.length = at;
      break;
  }
  return Uint8Array.from(out);
}

/** How the mutated DER is handed over: as DER, as PEM, or as a Secret's base64. */
export type Wrapping = 'der' | 'pem' | 'base64';

export function wrap(der: Uint8Array, wrapping: Wrapping): Uint8Array {
  if (wrapping === 'der') return der;
  const b64 = Buffer.from(der).toString('base64');
  if (wrapping === 'base64') return new Uint8Array(Buffer.from(b64));
  const body = b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return new Uint8Array(
    Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`),
  );
}

/** One to four mutations of `der`, then a wrapping. */
export function mutatedInput(der: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      fc.constantFrom<Wrapping>('der', 'der', 'pem', 'base64'),
    )
    .map(([mutations, wrapping]) =>
      wrap(
        mutations.reduce((bytes, apply) => apply(bytes), der),
        wrapping,
      ),
    );
}

/** Text made of PEM markers, base64, white space and stray bytes. */
export const pemNoise: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '-----BEGIN CERTIFICATE-----',
        '-----END CERTIFICATE-----',
        '-----BEGIN PRIVATE KEY-----',
        '-----END PRIVATE KEY-----',
        '-----BEGIN ',
        '-----',
        '\n',
        '\r\n',
        ' ',
        '=',
        '==',
        'MII',
        'MIIB',
        'MIIC',
        'AAAA',
        '\0',
      ),
      fc.base64String({ maxLength: 80 }),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 24 },
  )
  .map((parts) => new Uint8Array(Buffer.from(parts.join(''), 'utf8')));

/** Names as a user (or a hostile kubeconfig) might give them to --name. */
export const anyName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      ...'abk019.-*_:[]%/@?=#\u00e9'.split(''),
      'https://',
      'kubernetes:',
      'xn--',
    ),
    minLength: 1,
    maxLength: 30,
  }),
  fc.ipV4(),
  fc.ipV6(),
  fc.webUrl(),
);

// --- hostile manifests ----------------------------------------------------------------

const anchorName = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);

/**
 * YAML Secrets with aliases: alias graphs that expand (bombs of random width and depth),
 * aliases to anchors never defined (their names must never be printed), and aliases used
 * where a certificate should be.
 */
export const aliasedYaml: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 10 }))
    .map(([depth, width]) => {
      let text = 'apiVersion: v1\nkind: Secret\nl0: &l0 ["x"]\n';
      for (let i = 1; i <= depth; i++)
        text += `l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]\n`;
      return text;
    }),
  anchorName.map((name) => `apiVersion: v1\nkind: Secret\ndata:\n  password: *${name}\n`),
  fc
    .tuple(anchorName, fc.boolean())
    .map(
      ([name, defined]) =>
        `apiVersion: v1\nkind: Secret\n${defined ? `x: &${name} c2VlZA==\n` : ''}data:\n  tls.crt: *${name}\n`,
    ),
);

/** JSON and YAML nested to random depths, within and past the reader's limit. */
export const deepManifest: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 3000 }),
    fc.constantFrom('json-array', 'json-object', 'yaml-flow', 'yaml-block'),
  )
  .map(([depth, shape]) => {
    switch (shape) {
      case 'json-array':
        return `{"kind":"Secret","data":{"tls.crt":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      case 'json-object':
        return `{"kind":"List","items":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]}`;
      case 'yaml-flow':
        return `kind: Secret\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      case 'yaml-block':
        return `kind: Secret\ndata:\n${'- '.repeat(depth)}x\n`;
    }
  });

/** A Secret (YAML or JSON) whose tls.crt is the given bytes. */
export function secretAround(bytes: Uint8Array, json: boolean): string {
  const value = Buffer.from(bytes).toString('base64');
  return json
    ? JSON.stringify({
        kind: 'List',
        items: [{ kind: 'Secret', metadata: { name: 's' }, data: { 'tls.crt': value } }],
      })
    : `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  tls.crt: ${value}\n`;
}
