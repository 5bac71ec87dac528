/**
 * x509-limbo against the go, openssl and node profiles:
 *   npm run test:limbo -- [corpus dir]        (or LIMBO_DIR=<corpus dir>)
 *
 * 1. Recorded: every comparable line of real-results.jsonl (what Go 1.19.8, `openssl
 *    verify` 3.0.19 and a Node 20.20.2 handshake answered) against the library, in this
 *    process. Agreement is the same verdict and, where both fail, the same message byte
 *    for byte and (openssl, node) the same native code.
 * 2. Live, for each real verifier installed here (LIMBO_LIVE=0 skips this part):
 *    - Go (tests/oracle/go.ts, one process for all cases) on every case whose EKUs are
 *      serverAuth or none (the oracle asks for serverAuth);
 *    - `openssl verify` (tests/oracle/openssl.ts, one process per case) on every 20th
 *      line in corpus order, or every LIMBO_OPENSSL_EVERY-th (1: all of them);
 *    - a Node handshake on 127.0.0.1 (tests/oracle/node.ts) on every 5th case (or every
 *      LIMBO_NODE_EVERY-th, 1 for all) with a leaf key
 *      whose certificates are all within their validity at both the recorded time and
 *      this machine's clock (the handshake cannot move the clock) and that a TLS server
 *      can present at all.
 *    Each live answer is compared with the profile the same way.
 * LIMBO_REPORT=<file> also writes every recorded disagreement there as JSON lines.
 * Prints agreement per client and per category (the id up to its last `::`) and the first
 * disagreements; exits 1 on any disagreement, 2 when the corpus cannot be read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { goOracleAvailability, runGoOracle } from '../tests/oracle/go.js';
import { nodeOracleAvailability, runNodeOracle } from '../tests/oracle/node.js';
import { opensslOracleAvailability, runOpensslOracle } from '../tests/oracle/openssl.js';
import type { OracleCase } from '../tests/oracle/types.js';
import {
  agrees,
  describeAnswer,
  emptyTally,
  count,
  LIMBO_CLIENTS,
  ourAnswer,
  parseRealResults,
  prepareCase,
  replay,
  type Answer,
  type LimboCase,
  type LimboClient,
  type PreparedCase,
  type RealLine,
  type Tally,
} from '../tests/limbo/replay.js';

const SHOWN = Number(process.env.LIMBO_SHOW ?? 25);
/**
 * `openssl verify` costs a process per case (about 0.1 s on 2 busy cores, some 15
 * minutes for the whole corpus), so by default the live re-run takes every 20th line in
 * corpus order (about 490 cases); LIMBO_OPENSSL_EVERY=1 runs them all.
 */
const OPENSSL_EVERY = 20;
/**
 * The Node handshakes run in one child but still cost a TLS connection each (the whole
 * corpus took 9 minutes on 2 cores shared with other work): every 5th eligible line by
 * default (about 1,940); LIMBO_NODE_EVERY=1 runs them all.
 */
const NODE_EVERY = 5;

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)} %`;
}

function tallyText(tally: Tally): string {
  return `${String(tally.agree).padStart(5)}/${String(tally.total).padEnd(5)} verdict+message ${percent(tally.agree, tally.total).padStart(8)}; both fail ${tally.bothFail}, exact ${percent(tally.exact, tally.bothFail)}`;
}

function readCorpus(dir: string): {
  cases: LimboCase[];
  lines: RealLine[];
  keys: Record<string, string>;
} {
  const corpus = JSON.parse(readFileSync(join(dir, 'limbo.json'), 'utf8')) as {
    testcases: LimboCase[];
  };
  const lines = parseRealResults(readFileSync(join(dir, 'real-results.jsonl'), 'utf8'));
  let keys: Record<string, string> = {};
  try {
    keys = JSON.parse(readFileSync(join(dir, 'bettertls-keys.json'), 'utf8')) as Record<
      string,
      string
    >;
  } catch {
    // Without the keys only limbo's own cases (which carry theirs) can be handshaken.
  }
  return { cases: corpus.testcases, lines, keys };
}

async function main(): Promise<number> {
  const dir = process.argv[2] ?? process.env.LIMBO_DIR;
  if (!dir) {
    console.error('usage: npm run test:limbo -- <corpus dir>   (or set LIMBO_DIR)');
    return 2;
  }
  let corpus: ReturnType<typeof readCorpus>;
  try {
    corpus = readCorpus(dir);
  } catch (error) {
    console.error(`cannot read the limbo corpus in ${dir}: ${(error as Error).message}`);
    return 2;
  }
  const started = Date.now();
  const prepared = new Map<string, PreparedCase>();
  const { byClient, byCategory, disagreements } = await replay(
    corpus.cases,
    corpus.lines,
    prepared,
  );
  console.log(
    `x509-limbo, recorded answers (${corpus.lines.length} lines, ${((Date.now() - started) / 1000).toFixed(1)} s):`,
  );
  for (const client of LIMBO_CLIENTS)
    console.log(`  ${client.padEnd(8)}${tallyText(byClient.get(client) as Tally)}`);
  console.log('per category:');
  for (const [category, tallies] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = LIMBO_CLIENTS.map((client) => {
      const tally = tallies.get(client) as Tally;
      return `${client} ${tally.agree}/${tally.total}`;
    });
    console.log(`  ${category.padEnd(34)}${parts.join('  ')}`);
  }
  report('recorded', disagreements);
  if (process.env.LIMBO_REPORT) {
    writeFileSync(
      process.env.LIMBO_REPORT,
      disagreements.map(({ line, ours }) => JSON.stringify({ ...line, ours })).join('\n') + '\n',
    );
  }

  let live = 0;
  if (process.env.LIMBO_LIVE !== '0') live = await runLive(corpus, prepared);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return disagreements.length + live > 0 ? 1 : 0;
}

function report(what: string, found: readonly { line: RealLine; ours: Answer }[]): void {
  if (found.length === 0) {
    console.log(`${what}: every line agrees`);
    return;
  }
  console.log(
    `${what}: ${found.length} disagreements; the first ${Math.min(SHOWN, found.length)}:`,
  );
  for (const { line, ours } of found.slice(0, SHOWN)) {
    console.log(`  ${line.client} ${line.id} (${line.name})`);
    console.log(`    real:    ${describeAnswer(line)}`);
    console.log(`    profile: ${describeAnswer(ours)}`);
  }
}

/** The live re-runs; returns the number of disagreements. */
async function runLive(
  corpus: ReturnType<typeof readCorpus>,
  preparedCases: ReadonlyMap<string, PreparedCase>,
): Promise<number> {
  const byId = new Map(corpus.cases.map((testCase) => [testCase.id, testCase]));
  const preparedOf = async (id: string): Promise<PreparedCase> =>
    preparedCases.get(id) ?? (await prepareCase(byId.get(id) as LimboCase));
  const now = new Date();
  const every = Number(process.env.LIMBO_OPENSSL_EVERY ?? OPENSSL_EVERY);
  const nodeEvery = Number(process.env.LIMBO_NODE_EVERY ?? NODE_EVERY);
  const selected: Record<LimboClient, { line: RealLine; oracle: OracleCase }[]> = {
    go: [],
    openssl: [],
    node: [],
  };
  const opensslSeen = { n: 0 };
  let nodeSeen = 0;
  for (const line of corpus.lines) {
    if (line.comparable === false || line.nodeMode !== undefined) continue;
    const testCase = byId.get(line.id) as LimboCase;
    const key = testCase.peer_certificate_key ?? corpus.keys[line.id] ?? '';
    const oracle: OracleCase = {
      id: line.id,
      leafPem: testCase.peer_certificate,
      leafKeyPem: key,
      intermediatesPem: testCase.untrusted_intermediates,
      rootsPem: testCase.trusted_certs,
      host: line.name,
      now: new Date(line.at),
    };
    if (line.client === 'go') {
      const ekus = testCase.extended_key_usage;
      if (ekus.length === 0 || (ekus.length === 1 && ekus[0] === 'serverAuth'))
        selected.go.push({ line, oracle });
    } else if (line.client === 'openssl') {
      if (opensslSeen.n++ % every === 0) selected.openssl.push({ line, oracle });
    } else if (key !== '' && nodeSeen++ % nodeEvery === 0) {
      selected.node.push({ line, oracle });
    }
  }

  const runners: Record<
    LimboClient,
    {
      available: () => { available: boolean; reason: string };
      run: (cases: OracleCase[]) => Promise<Answer[]>;
    }
  > = {
    go: { available: goOracleAvailability, run: runGoOracle },
    openssl: { available: opensslOracleAvailability, run: runOpensslOracle },
    node: { available: nodeOracleAvailability, run: runNodeOracle },
  };

  let total = 0;
  for (const client of LIMBO_CLIENTS) {
    const availability = runners[client].available();
    if (!availability.available) {
      console.log(`live ${client}: not run (${availability.reason})`);
      continue;
    }
    let chosen = selected[client];
    let unservable = 0;
    if (client === 'node') {
      // Only cases the real clock cannot change: every certificate valid then and now;
      // and only chains a TLS server can present (the oracle's server must load them).
      const keep: typeof chosen = [];
      for (const entry of chosen) {
        if (!servable(entry.oracle)) {
          unservable++;
          continue;
        }
        const ready = await preparedOf(entry.line.id);
        if (
          ready.ok &&
          [ready.leaf, ...ready.intermediates, ...ready.roots].every((cert) =>
            [now, new Date(entry.line.at)].every(
              (at) => cert.notBefore <= at && at < cert.notAfter,
            ),
          )
        )
          keep.push(entry);
      }
      chosen = keep;
    }
    const started = Date.now();
    const answers = await runners[client].run(chosen.map((entry) => entry.oracle));
    const tally = emptyTally();
    const found: { line: RealLine; ours: Answer }[] = [];
    let drift = 0;
    for (const [index, entry] of chosen.entries()) {
      const real = answers[index] as Answer;
      if (!agrees(client, entry.line, real)) drift++;
      const ours = ourAnswer(await preparedOf(entry.line.id), entry.line);
      const liveLine: RealLine = { ...entry.line, ...real };
      if (!count(tally, client, real, ours)) found.push({ line: liveLine, ours });
    }
    if (unservable > 0)
      console.log(`live ${client}: ${unservable} cases no TLS server can present`);
    console.log(
      `live ${client} (${availability.reason}; ${chosen.length} cases, ${((Date.now() - started) / 1000).toFixed(1)} s): ${tallyText(tally)}; differs from the record on ${drift}`,
    );
    report(`live ${client}`, found);
    total += found.length;
  }
  return total;
}

/** Whether a TLS server can be set up with the case's leaf, key and chain. */
function servable(oracle: OracleCase): boolean {
  try {
    createSecureContext({
      key: oracle.leafKeyPem,
      cert: [oracle.leafPem, ...oracle.intermediatesPem].join(''),
    });
    return true;
  } catch {
    return false;
  }
}

process.exitCode = await main();
