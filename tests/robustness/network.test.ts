/**
 * Network: diagnosing files, Secrets and service-account directories opens no socket and
 * looks up no name — checked in this process by spying on every way out (net.Socket
 * connect, DNS, UDP) and in the built bin with a preload that kills the process on
 * connect. Live checks happen only for a named endpoint, are bounded by --timeout, and
 * survive servers that misbehave: garbage, a stall mid-handshake, a byte-by-byte drip,
 * a chain far too long.
 */
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import net, { type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { makeCert } from '../helpers/certs.js';
import { builtFiles, gate } from '../oracle/require.js';

interface Dial {
  readonly via: string;
  readonly detail: string;
}

/** Replaces `target[key]` with a recorder that then calls the original; returns the undo. */
function patch(target: object, key: string, record: (args: unknown[]) => void): () => void {
  const original = Reflect.get(target, key) as (...args: unknown[]) => unknown;
  Reflect.set(target, key, function (this: unknown, ...args: unknown[]) {
    record(args);
    return original.apply(this, args);
  });
  return () => Reflect.set(target, key, original);
}

/** Records every attempt to reach the network, then lets it proceed (or fail) as usual. */
function spyOnNetwork(): { dials: Dial[]; restore: () => void } {
  const dials: Dial[] = [];
  const undo = [
    patch(net.Socket.prototype, 'connect', (args) =>
      dials.push({ via: 'net.Socket.connect', detail: JSON.stringify(args[0]) }),
    ),
    patch(dns, 'lookup', (args) => dials.push({ via: 'dns.lookup', detail: String(args[0]) })),
    patch(dns.promises, 'lookup', (args) =>
      dials.push({ via: 'dns.promises.lookup', detail: String(args[0]) }),
    ),
    patch(dgram.Socket.prototype, 'send', () => dials.push({ via: 'dgram.send', detail: '' })),
  ];
  return { dials, restore: () => undo.forEach((restore) => restore()) };
}

async function diagnose(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    ...processIo,
    env: {},
    stdoutIsTTY: false,
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
  };
  const code = await run([...argv, '--at', '2016-03-01T00:00:00Z'], io);
  return { code, out, err };
}

/** Every fixture that is not a kubeconfig (a kubeconfig names a server: a live check). */
function offlineFixtures(dir = 'fixtures'): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(path, ...offlineFixtures(path));
    // kubeadm's kubeconfigs are named admin.conf, kubelet.conf …
    else if (!entry.startsWith('kubeconfig') && !entry.endsWith('.conf')) found.push(path);
  }
  return found;
}

describe('no connection unless asked', () => {
  test('diagnose on every offline fixture, with every offline option, touches no network', async () => {
    const spy = spyOnNetwork();
    try {
      const fixtures = offlineFixtures();
      expect(fixtures.length).toBeGreaterThan(20);
      for (const path of fixtures) {
        const { code } = await diagnose([path, '--client', 'all', '--format', 'json']);
        expect([path, code]).not.toEqual([path, 3]);
      }
      const seed = 'fixtures/seed/apiserver.crt';
      await diagnose([seed, '--ca', 'fixtures/inputs/secrets-list.yaml']);
      await diagnose([seed, '--serviceaccount-dir', 'fixtures/inputs/serviceaccount']);
      await diagnose([
        seed,
        '--source',
        'kubernetes:https://kubernetes.default?inClusterConfig=true',
      ]);
      await diagnose([seed, '--name', 'https://kubernetes.default:443/api', '--sni', 'x']);
      expect(spy.dials).toEqual([]);

      // The spy sees a real dial: a named endpoint (nothing listens on port 1).
      const live = await diagnose(['127.0.0.1:1', '--timeout', '2']);
      expect(live.code).toBe(2);
      expect(spy.dials.map((dial) => dial.via)).toContain('net.Socket.connect');
    } finally {
      spy.restore();
    }
  });

  gate(builtFiles('dist/cli.cjs')).test(
    'the built bin, with a preload that kills the process on any connect',
    () => {
      const preload = [
        "import net from 'node:net';",
        "import dns from 'node:dns';",
        "const die = () => { process.stderr.write('NETWORK-ATTEMPT\\n'); process.exit(97); };",
        'net.Socket.prototype.connect = die; dns.lookup = die; dns.promises.lookup = die;',
      ].join(' ');
      const env = {
        PATH: process.env['PATH'] ?? '',
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}`,
      };
      const bin = (...args: string[]) =>
        spawnSync(process.execPath, ['bin/diagnose.js', ...args], { encoding: 'utf8', env });
      for (const args of [
        ['fixtures/seed/apiserver.crt', '--client', 'all'],
        ['fixtures/inputs/secret-tls.yaml', '--format', 'json'],
        ['fixtures/inputs/serviceaccount'],
        ['fixtures/seed/apiserver.key'],
        ['fixtures/inputs/apiserver-chain.crt', '--ca', 'fixtures/inputs/root-ca.crt'],
      ]) {
        const result = bin(...args, '--at', '2016-03-01T00:00:00Z');
        expect([args, result.status, result.stderr]).toEqual([
          args,
          expect.any(Number),
          expect.not.stringContaining('NETWORK-ATTEMPT'),
        ]);
        expect([0, 1, 2]).toContain(result.status);
      }
      // The preload works: an endpoint dies on its first connect.
      const live = bin('127.0.0.1:1', '--timeout', '2');
      expect(live.status).toBe(97);
      expect(live.stderr).toContain('NETWORK-ATTEMPT');
    },
  );
});

interface Running {
  readonly port: number;
  readonly close: () => Promise<void>;
}

function listen(server: Server): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** A TCP server that reads the ClientHello and then does `behave` with the socket. */
function rawServer(behave: (socket: Socket) => void): Promise<Running> {
  return listen(net.createServer((socket) => socket.once('data', () => behave(socket))));
}

const servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function liveCheck(
  server: Promise<Running>,
  timeoutSeconds = 1,
): Promise<{ code: number; out: string; err: string; seconds: number }> {
  const running = await server;
  servers.push(running);
  const started = Date.now();
  const result = await diagnose([
    `127.0.0.1:${running.port}`,
    '--timeout',
    String(timeoutSeconds),
    '--client',
    'all',
  ]);
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('misbehaving servers: one line, exit 2, within --timeout', () => {
  const oneLine = (text: string): void => {
    expect(text).toMatch(/^diagnose: 127\.0\.0\.1:\d+: [^\n]+\n$/);
  };

  test('garbage instead of a ServerHello', async () => {
    const junk = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 97 + 13) % 256));
    const result = await liveCheck(rawServer((socket) => socket.end(junk)));
    expect(result.code).toBe(2);
    oneLine(result.err);
  });

  test('a TLS record header that promises 64 KiB, then silence', async () => {
    const result = await liveCheck(
      rawServer((socket) => socket.write(Buffer.from([0x16, 0x03, 0x03, 0xff, 0xff, 0x02]))),
    );
    expect(result.code).toBe(2);
    oneLine(result.err);
    expect(result.seconds).toBeLessThan(4);
  });

  test('a stall mid-handshake: half a ServerHello, then nothing', async () => {
    // Handshake record, ServerHello of 70 bytes announced, 10 sent.
    const partial = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x4a, 0x02, 0x00, 0x00, 0x46, 0x03, 0x03]);
    const result = await liveCheck(rawServer((socket) => socket.write(partial)));
    expect(result.code).toBe(2);
    oneLine(result.err);
    expect(result.err).toMatch(/within 1 s \(--timeout\)/);
    expect(result.seconds).toBeLessThan(4);
  });

  test('a byte-by-byte drip never outlives --timeout', async () => {
    const header = Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]);
    const result = await liveCheck(
      rawServer((socket) => {
        let index = 0;
        const timer = setInterval(() => {
          if (socket.destroyed) return clearInterval(timer);
          socket.write(header.subarray(index % header.length, (index % header.length) + 1));
          index++;
        }, 50);
        socket.on('close', () => clearInterval(timer));
      }),
    );
    expect(result.code).toBe(2);
    oneLine(result.err);
    expect(result.seconds).toBeLessThan(4);
  });

  test('a chain of 1,500 certificates: refused or judged, never a crash', async () => {
    const seedKey = readFileSync('fixtures/seed/apiserver.key', 'utf8');
    const seedCert = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
    const filler = await makeCert({
      subject: 'CN=filler',
      serialHex: '0a',
      notBefore: new Date('2015-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
    });
    const chain = [seedCert, ...Array.from({ length: 1500 }, () => filler.pem)];
    const result = await liveCheck(
      listen(tls.createServer({ key: seedKey, cert: chain.join(''), maxVersion: 'TLSv1.2' })),
      5,
    );
    expect([0, 1, 2]).toContain(result.code);
    if (result.code === 2) oneLine(result.err);
  });
});
