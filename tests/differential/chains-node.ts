/**
 * Runs chain cases through the Node oracle's child (tests/oracle/node/handshake.mjs) with
 * one change on the server side only: security level 0, so that the server can present
 * SHA-1-signed certificates at all (at Node 20's default level 1, tls.createServer refuses
 * them with "ca md too weak", while a Go apiserver serves them). The client — the side being
 * judged — keeps every default, as in tests/oracle/node.ts.
 */
import { execFile } from 'node:child_process';
import type { OracleCase, OracleVerdict } from '../oracle/types.js';

const HANDSHAKE = new URL('../oracle/node/handshake.mjs', import.meta.url).href;
/** Patches tls.createServer in the child, then runs the oracle's handshake script. */
const LENIENT_SERVER = [
  "import tls from 'node:tls';",
  'const createServer = tls.createServer;',
  "tls.createServer = (options, listener) => createServer.call(tls, { ...options, ciphers: 'DEFAULT:@SECLEVEL=0' }, listener);",
  `await import(${JSON.stringify(HANDSHAKE)});`,
].join('\n');
const CONNECT_TIMEOUT_MS = 5_000;

interface ChildResult {
  readonly id: string;
  readonly ok: boolean;
  readonly message: string | null;
  readonly code: string | null;
}

export async function runNodeOracleLenientServer(
  cases: readonly OracleCase[],
): Promise<OracleVerdict[]> {
  if (cases.length === 0) return [];
  const servers: { key: string; cert: string[] }[] = [];
  const index = new Map<string, number>();
  const childCases = cases.map((testCase) => {
    const cert = [testCase.leafPem, ...testCase.intermediatesPem];
    const id = JSON.stringify([testCase.leafKeyPem, cert]);
    let server = index.get(id);
    if (server === undefined) {
      server = servers.length;
      servers.push({ key: testCase.leafKeyPem, cert });
      index.set(id, server);
    }
    return { id: testCase.id, server, host: testCase.host, ca: [...testCase.rootsPem] };
  });
  const input = JSON.stringify({ servers, cases: childCases, timeoutMs: CONNECT_TIMEOUT_MS });
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', LENIENT_SERVER],
      {
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout: 30_000 + cases.length * CONNECT_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, out, stderr) => {
        if (error) reject(new Error(`node oracle failed: ${error.message}\n${stderr}`));
        else resolve(out);
      },
    );
    child.stdin?.end(input);
  });
  const results = JSON.parse(stdout) as ChildResult[];
  if (results.length !== cases.length) {
    throw new Error(`node oracle returned ${results.length} results for ${cases.length} cases`);
  }
  return results.map((result) => ({
    id: result.id,
    ok: result.ok,
    message: result.ok ? null : result.message,
    nativeCode: result.ok ? null : result.code,
  }));
}
