/**
 * The Node oracle: real TLS handshakes on 127.0.0.1 with this machine's Node. One
 * tls.createServer per distinct served chain, one default tls.connect per case, all in a
 * child `node` process (tests/oracle/node/handshake.mjs) so that jest's module system,
 * NODE_OPTIONS and process warnings cannot touch the TLS stack or the test output.
 * Node's handshake has no clock option: cases are verified at the real current time.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OracleAvailability, OracleCase, OracleVerdict } from './types.js';

const SCRIPT = fileURLToPath(new URL('./node/handshake.mjs', import.meta.url));
/** Per connection, inside the child. */
const CONNECT_TIMEOUT_MS = 5_000;

const NAME = 'Node 20+';

export function nodeOracleAvailability(): OracleAvailability {
  const major = Number(process.versions.node.split('.')[0]);
  if (!existsSync(SCRIPT)) return { name: NAME, available: false, reason: `missing ${SCRIPT}` };
  if (major < 20)
    return {
      name: NAME,
      available: false,
      reason: `the Node oracle models Node 20; this is ${process.version}`,
    };
  return {
    name: NAME,
    available: true,
    reason: `node ${process.version} (OpenSSL ${process.versions.openssl})`,
  };
}

interface ChildResult {
  readonly id: string;
  readonly ok: boolean;
  readonly message: string | null;
  readonly code: string | null;
}

export function runNodeOracle(cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  return runHandshakes(cases, [SCRIPT]);
}

/**
 * The oracle's child with other `node` arguments: a script that adjusts the server side
 * and then imports handshake.mjs (tests/differential/chains-node.ts).
 */
export async function runHandshakes(
  cases: readonly OracleCase[],
  nodeArgs: readonly string[],
): Promise<OracleVerdict[]> {
  if (cases.length === 0) return [];
  const servers: { key: string; cert: string[] }[] = [];
  const serverIndex = new Map<string, number>();
  const childCases = cases.map((testCase) => {
    const cert = [testCase.leafPem, ...testCase.intermediatesPem];
    const id = JSON.stringify([testCase.leafKeyPem, cert]);
    let server = serverIndex.get(id);
    if (server === undefined) {
      server = servers.length;
      servers.push({ key: testCase.leafKeyPem, cert });
      serverIndex.set(id, server);
    }
    return { id: testCase.id, server, host: testCase.host, ca: [...testCase.rootsPem] };
  });
  const input = JSON.stringify({ servers, cases: childCases, timeoutMs: CONNECT_TIMEOUT_MS });
  const stdout = await runChild(nodeArgs, input, 30_000 + cases.length * CONNECT_TIMEOUT_MS);
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

function runChild(nodeArgs: readonly string[], input: string, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...nodeArgs],
      // A clean NODE_OPTIONS: jest's --experimental-vm-modules must not reach the child.
      {
        env: { ...process.env, NODE_OPTIONS: '' },
        timeout,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`node oracle failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });
}
