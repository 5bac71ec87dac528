/**
 * What every format must carry and must not: the evidence (closest-miss candidates,
 * stale-CA details, the chain) in markdown that renders; no original host name, IP,
 * serial or fingerprint under --redact; no raw control character from a hostile
 * certificate in any format.
 */
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import { run } from '../../src/cli/run.js';
import { escapeControl, escapeStrings } from '../../src/render/escape.js';
import { fakeIo } from '../helpers/fake-io.js';
import { makeCert, testKey, type MadeCert } from '../helpers/certs.js';

const FORMATS = [
  ['text'],
  ['text', '--summary'],
  ['text', '--quiet'],
  ['markdown'],
  ['json'],
] as const;

async function outputs(files: Record<string, string>, args: readonly string[]) {
  const all: Record<string, string> = {};
  for (const [format, ...extra] of FORMATS) {
    const io = fakeIo(files);
    await run([...args, '--format', format, ...extra], io);
    expect(io.err()).toBe('');
    all[[format, ...extra].join(' ')] = io.out();
  }
  return all;
}

const stale = {
  'served.crt': readFileSync('fixtures/stale-ca/served.crt', 'utf8'),
  'ca.crt': readFileSync('fixtures/stale-ca/ca.crt', 'utf8'),
};
const STALE = ['served.crt', '--ca', 'ca.crt', '--at', '2016-03-01T00:00:00Z'];

describe('markdown carries the evidence and renders it', () => {
  test('stale CA: both generations, the candidate and why it was rejected, in the rendered HTML', async () => {
    const io = fakeIo(stale);
    await run([...STALE, '--format', 'md'], io);
    const html = marked.parse(io.out()) as string;
    expect(html).toContain(
      'your ca.crt holds vm-56-65@1446612345, the server presents vm-56-65@1446699999',
    );
    expect(html).toMatch(/candidate <code>vm-56-65@1446612345<\/code> \(ca\.crt #0, SHA-256/);
    expect(html).toContain('a different subject');
    // The trust anchor is in the report, so "the certificate named above" has something above.
    expect(html).toContain('Trust anchors');
    expect(html).toContain('<code>CN=vm-56-65@1446612345</code>');
    // <host>@<unix seconds> is text, not an HTML tag the renderer swallows.
    expect(html).toContain('&lt;host&gt;@&lt;unix seconds&gt;');
    expect(html).not.toMatch(/<host>/);
  });

  test('the chain a server sends is listed', async () => {
    const files = {
      'apiserver.crt': readFileSync('fixtures/intermediate-not-ca/apiserver.crt', 'utf8'),
      'ca.crt': readFileSync('fixtures/intermediate-not-ca/ca.crt', 'utf8'),
    };
    const io = fakeIo(files);
    await run(['apiserver.crt', '--ca', 'ca.crt', '--format', 'markdown'], io);
    const html = marked.parse(io.out()) as string;
    expect(html).toMatch(/<td>Chain<\/td>\s*<td><code>[^<]+<\/code>/);
  });
});

/** A kubelet-style pair from a node whose name encodes its private IP. */
const NODE = 'ip-10-0-0-12.eu-west-1.compute.internal';
async function nodeCerts(): Promise<{ files: Record<string, string>; made: MadeCert[] }> {
  const notBefore = new Date('2024-01-01T00:00:00Z');
  const notAfter = new Date('2026-01-01T00:00:00Z');
  const caKey = await testKey('node-ca');
  const ca = await makeCert(
    {
      subject: `CN=${NODE}-ca@1704067200`,
      serialHex: '5ca1ab1e01',
      notBefore,
      notAfter,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'digitalSignature'],
      keyIds: true,
    },
    caKey,
  );
  const leaf = await makeCert(
    {
      subject: `CN=${NODE}@1704067200`,
      issuer: `CN=${NODE}-ca@1704067200`,
      serialHex: '0dd5e71a02',
      notBefore,
      notAfter,
      san: [{ dns: NODE }, { ip: '10.0.0.12' }],
      extKeyUsage: ['serverAuth'],
      keyIds: true,
    },
    await testKey('node-leaf'),
    caKey,
  );
  // The same CA name, regenerated with another key: the closest miss.
  const old = await makeCert(
    {
      subject: `CN=${NODE}-ca@1704067200`,
      serialHex: '01dca1ab1e',
      notBefore,
      notAfter,
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign'],
      keyIds: true,
    },
    await testKey('node-ca-old'),
  );
  return {
    files: { 'kubelet.crt': leaf.pem + ca.pem, 'ca.crt': old.pem },
    made: [ca, leaf, old],
  };
}

describe('--redact', () => {
  test('no host name, IP, serial or fingerprint survives in any format, chains and candidates included', async () => {
    const { files, made } = await nodeCerts();
    const args = [
      'kubelet.crt',
      '--ca',
      'ca.crt',
      '--name',
      NODE,
      '--name',
      '10.0.0.12',
      '--client',
      'go',
      '--client',
      'openssl',
      '--at',
      '2025-01-01T00:00:00Z',
    ];
    const plain = await outputs(files, args);
    // The test means something: unredacted, the values are there in every full format.
    for (const format of ['text', 'markdown', 'json']) expect(plain[format]).toContain(NODE);
    expect(plain['text']).toMatch(/closest-miss/);

    const originals = [
      NODE,
      'ip-10-0-0-12',
      'eu-west-1',
      'compute.internal',
      '10.0.0.12',
      ...made.flatMap((cert) => [
        cert.facts.serialHex,
        cert.facts.serialDecimal,
        cert.facts.fingerprintSha256,
        cert.facts.fingerprintSha256.slice(0, 16),
        ...(cert.facts.subjectKeyId ? [cert.facts.subjectKeyId] : []),
      ]),
    ];
    const redacted = await outputs(files, [...args, '--redact']);
    for (const [format, output] of Object.entries(redacted)) {
      for (const original of originals) {
        if (output.toLowerCase().includes(original.toLowerCase()))
          throw new Error(`${format} output still shows ${original}:\n${output}`);
      }
    }
    expect(redacted['text']).toMatch(/host-\d\.example/);
  });
});

describe('terminal injection', () => {
  // ESC ] 0 ; … BEL retitles the window; ESC [ 2 J clears the screen; CR/LF forge lines.
  const HOSTILE_CN = 'evil\u001b]0;owned\u0007\u001b[2J\rFORGED PASS\nFORGED\u009b31m';
  const HOSTILE_DNS = 'a\u001b[31m.example\r\nFORGED';

  test('escapeControl makes every control character visible', () => {
    expect(escapeControl('a\u001b[2Jb\r\n\t\u0000\u007f\u009b\u202e')).toBe(
      'a\\e[2Jb\\r\\n\\t\\x00\\x7f\\x9b\\u202e',
    );
    expect(escapeControl('plain — ✓ text')).toBe('plain — ✓ text');
  });

  test('escapeStrings escapes every string at any depth, copying only the paths to them', () => {
    const at = new Date('2015-11-04T12:00:00Z');
    const der = Uint8Array.of(0x1b, 0x0a);
    const clean = { names: ['kubernetes.default'], at, der };
    const hostile = { cn: 'vm\u001b]0;PASS\u0007', sans: ['ok', 'a\rb'] };
    const value = { clean, hostile, count: 3, none: null };
    const escaped = escapeStrings(value);
    expect(escaped).toEqual({
      clean,
      hostile: { cn: 'vm\\e]0;PASS\\x07', sans: ['ok', 'a\\rb'] },
      count: 3,
      none: null,
    });
    // Nothing to escape: the same objects; the input is never changed.
    expect(escaped.clean).toBe(clean);
    expect(escaped.clean.der).toBe(der);
    expect(escaped).not.toBe(value);
    expect(hostile.sans[1]).toBe('a\rb');
    expect(escapeStrings(clean)).toBe(clean);
  });

  test('a certificate with ESC, CR and LF in its CN and SAN reaches no format raw', async () => {
    // RFC 4514 §2.4 hex form: the DER of a UTF8String, so no parser cleans the value first.
    const utf8 = Buffer.from(HOSTILE_CN);
    const der = Buffer.concat([Buffer.from([0x0c, utf8.length]), utf8]).toString('hex');
    const cert = await makeCert({
      subject: `CN=#${der}`,
      serialHex: '01',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-01T00:00:00Z'),
      san: [{ dns: HOSTILE_DNS }],
    });
    // The test means something: the certificate really carries the characters.
    expect(cert.facts.subject.commonNames[0]).toContain('\u001b');
    expect(cert.facts.san?.dns[0]).toContain('\r');
    const args = [
      'evil.crt',
      '--name',
      HOSTILE_DNS,
      '--client',
      'all',
      '--at',
      '2025-01-01T00:00:00Z',
    ];
    const all = await outputs({ 'evil.crt': cert.pem }, args);
    for (const [format, output] of Object.entries(all)) {
      // Only the renderer's own newlines: no other C0, DEL or C1 character.
      // eslint-disable-next-line no-control-regex
      const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.exec(output);
      if (raw) throw new Error(`${format}: raw U+${raw[0].charCodeAt(0).toString(16)}`);
      for (const line of output.split('\n')) expect(line).not.toMatch(/^FORGED/);
    }
    expect(all['text']).toContain('evil\\e]0;owned\\x07\\e[2J\\rFORGED PASS\\nFORGED\\x9b31m');
    expect(all['markdown']).toContain('\\e[2J');
  });
});
