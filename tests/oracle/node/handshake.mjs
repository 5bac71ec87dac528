// Oracle child process: real TLS handshakes on 127.0.0.1 with Node's own tls module.
// Input (stdin, JSON): { servers: [{ key, cert: [pem…] }], cases: [{ id, server, host, ca: [pem…] }],
// timeoutMs }. Output (stdout, JSON): [{ id, ok, message, code }] in case order.
// Each client is a default tls.connect({ socket, host, ca }) — the socket is pre-connected
// to 127.0.0.1 so the dialled host reaches checkServerIdentity and SNI unchanged, exactly
// as it would for tls.connect({ host, port }), without a DNS lookup or a routable IP.
import net from 'node:net';
import tls from 'node:tls';

const input = JSON.parse(await readStdin());
const timeoutMs = input.timeoutMs ?? 5000;

const servers = await Promise.all(input.servers.map(listen));
try {
  const results = [];
  // Sequential keeps the output deterministic and the load small.
  for (const testCase of input.cases) results.push(await dial(testCase));
  process.stdout.write(JSON.stringify(results));
} finally {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
}

function listen(spec) {
  return new Promise((resolve, reject) => {
    const server = tls.createServer({ key: spec.key, cert: spec.cert.join('') }, (socket) => {
      socket.on('error', () => {});
      socket.end();
    });
    server.on('tlsClientError', () => {});
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function dial(testCase) {
  const port = servers[testCase.server].address().port;
  return new Promise((resolve) => {
    let settled = false;
    let client = null;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Destroying the TLS socket first: tearing down the raw socket under a live
      // TLSSocket crashes Node 20 at exit (SIGSEGV observed on v20.20.2).
      if (client) client.destroy();
      else raw.destroy();
      resolve({ id: testCase.id, ...result });
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          message: `oracle timeout after ${timeoutMs} ms`,
          code: 'ORACLE_TIMEOUT',
        }),
      timeoutMs,
    );
    const raw = net.connect({ host: '127.0.0.1', port });
    raw.on('error', (error) =>
      finish({ ok: false, message: error.message, code: error.code ?? null }),
    );
    raw.once('connect', () => {
      try {
        client = tls.connect({ socket: raw, host: testCase.host, ca: testCase.ca });
      } catch (error) {
        finish({ ok: false, message: error.message, code: error.code ?? null, thrown: true });
        return;
      }
      client.once('secureConnect', () => finish({ ok: true, message: null, code: null }));
      client.on('error', (error) =>
        finish({ ok: false, message: error.message, code: error.code ?? null }),
      );
    });
  });
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
