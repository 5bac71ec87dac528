/**
 * Runs chain cases through the Node oracle's child (tests/oracle/node/handshake.mjs) with
 * one change on the server side only: security level 0, so that the server can present
 * SHA-1-signed certificates at all (at Node 20's default level 1, tls.createServer refuses
 * them with "ca md too weak", while a Go apiserver serves them). The client — the side being
 * judged — keeps every default, as in tests/oracle/node.ts.
 */
import { runHandshakes } from '../oracle/node.js';
import type { OracleCase, OracleVerdict } from '../oracle/types.js';

const HANDSHAKE = new URL('../oracle/node/handshake.mjs', import.meta.url).href;
/** Patches tls.createServer in the child, then runs the oracle's handshake script. */
const LENIENT_SERVER = [
  "import tls from 'node:tls';",
  'const createServer = tls.createServer;',
  "tls.createServer = (options, listener) => createServer.call(tls, { ...options, ciphers: 'DEFAULT:@SECLEVEL=0' }, listener);",
  `await import(${JSON.stringify(HANDSHAKE)});`,
].join('\n');

export function runNodeOracleLenientServer(cases: readonly OracleCase[]): Promise<OracleVerdict[]> {
  return runHandshakes(cases, ['--input-type=module', '--eval', LENIENT_SERVER]);
}
