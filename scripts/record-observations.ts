/**
 * Records what the real Go, OpenSSL and Node say about a fixture, for the names
 * in-cluster clients dial, into <dir>/observed/<oracle>.json. The tests replay these
 * files against the profiles, so the real tools' answers are checked even where a
 * tool is not installed. Node can only verify at the real clock; the others at
 * `storyTime`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNames } from '../src/names/defaults.js';
import { goOracleAvailability, runGoOracle } from '../tests/oracle/go.js';
import { nodeOracleAvailability, runNodeOracle } from '../tests/oracle/node.js';
import { opensslOracleAvailability, runOpensslOracle } from '../tests/oracle/openssl.js';
import type { OracleAvailability, OracleCase, OracleVerdict } from '../tests/oracle/types.js';
import type { Observation } from '../tests/helpers/observations.js';

interface Oracle {
  readonly profile: Observation['profile'];
  readonly file: string;
  readonly availability: () => OracleAvailability;
  readonly run: (cases: readonly OracleCase[]) => Promise<readonly OracleVerdict[]>;
  readonly realClockOnly: boolean;
}

const ORACLES: readonly Oracle[] = [
  {
    profile: 'go',
    file: 'go.json',
    availability: goOracleAvailability,
    run: runGoOracle,
    realClockOnly: false,
  },
  {
    profile: 'openssl',
    file: 'openssl.json',
    availability: opensslOracleAvailability,
    run: runOpensslOracle,
    realClockOnly: false,
  },
  {
    profile: 'node',
    file: 'node.json',
    availability: nodeOracleAvailability,
    run: runNodeOracle,
    realClockOnly: true,
  },
];

export async function recordObservations(dir: string, storyTime: Date): Promise<void> {
  const leafPem = readFileSync(join(dir, 'apiserver.crt'), 'utf8');
  const leafKeyPem = readFileSync(join(dir, 'apiserver.key'), 'utf8');
  const hosts = defaultNames({}).map((name) => name.host);
  mkdirSync(join(dir, 'observed'), { recursive: true });
  for (const oracle of ORACLES) {
    const availability = oracle.availability();
    if (!availability.available) {
      console.warn(`${oracle.profile}: not recorded: ${availability.reason}`);
      continue;
    }
    const now = oracle.realClockOnly ? new Date(Math.floor(Date.now() / 1000) * 1000) : storyTime;
    const cases = hosts.map((host) => ({
      id: host,
      leafPem,
      leafKeyPem,
      intermediatesPem: [],
      rootsPem: [leafPem],
      host,
      now,
    }));
    const verdicts = await oracle.run(cases);
    const observation: Observation = {
      profile: oracle.profile,
      tool: availability.reason,
      now: now.toISOString(),
      trust: 'self',
      results: verdicts.map((verdict) => ({
        host: verdict.id,
        ok: verdict.ok,
        message: verdict.message,
        nativeCode: verdict.nativeCode,
      })),
    };
    writeFileSync(join(dir, 'observed', oracle.file), `${JSON.stringify(observation, null, 2)}\n`);
    console.log(`recorded ${join(dir, 'observed', oracle.file)}`);
  }
}
