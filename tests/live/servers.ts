/**
 * Local servers for the live tests, all on 127.0.0.1 and all closed by the tests:
 * Node tls.createServer, `openssl s_server`, a plain-HTTP TCP server, a server that
 * accepts and never answers, and a port nobody listens on.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createServer as createNetServer,
  connect,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import type { OracleAvailability } from '../oracle/types.js';

export const FIXTURES = 'fixtures/inputs';
export const read = (name: string): string => readFileSync(`${FIXTURES}/${name}`, 'utf8');

export interface Running {
  readonly port: number;
  readonly close: () => Promise<void>;
}

function listening(server: Server): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

export function nodeTlsServer(options: TlsOptions): Promise<Running> {
  const server = createTlsServer(options, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  return listening(server);
}

/** Answers the ClientHello the way an HTTP server on a TLS port does. */
export function plainHttpServer(): Promise<Running> {
  return listening(
    createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () =>
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'),
      );
    }),
  );
}

/** Accepts and never says a word. */
export function stallingServer(): Promise<Running> {
  return listening(createNetServer((socket) => socket.on('error', () => undefined)));
}

/**
 * Answers a ClientHello with TLS HelloRequest records (handshake type 0, RFC 5246 §7.4.1.1)
 * for ever, as fast as the client reads them: a client that keeps what it receives grows
 * without bound.
 */
export function floodingServer(): Promise<Running> {
  const record = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]);
  const burst = Buffer.concat(Array.from({ length: 7282 }, () => record)); // ~64 KiB
  return listening(
    createNetServer((socket) => {
      socket.on('error', () => undefined);
      const pump = (): void => {
        while (!socket.destroyed && socket.write(burst));
      };
      socket.on('drain', pump);
      socket.once('data', pump);
    }),
  );
}

/** A port that was just free: bind, note, close. */
export async function closedPort(): Promise<number> {
  const running = await listening(createNetServer());
  await running.close();
  return running.port;
}

/** Any `openssl` with s_server: these tests serve with it, they do not compare its verdicts. */
export function opensslAvailable(): OracleAvailability {
  const result = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return result.status === 0
    ? { name: 'openssl (s_server)', available: true, reason: result.stdout.trim() }
    : {
        name: 'openssl (s_server)',
        available: false,
        reason: `\`openssl version\` failed: ${result.error?.message ?? result.stderr.trim()}`,
      };
}

/** `openssl s_server` with the given arguments; resolves once it accepts connections. */
export async function opensslServer(args: readonly string[]): Promise<Running> {
  const port = await closedPort();
  const child: ChildProcess = spawn(
    'openssl',
    ['s_server', '-accept', `127.0.0.1:${port}`, '-quiet', ...args],
    // stdin stays open: s_server shuts down on EOF there.
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  const deadline = Date.now() + 5000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`openssl s_server ${args.join(' ')} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
