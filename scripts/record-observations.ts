/**
 * Records what the real Go, OpenSSL and Node say about a fixture, for the names
 * in-cluster clients dial, into <dir>/observed/<oracle>.json. The tests replay these
 * files against the profiles, so the real tools' answers are checked even where a
 * tool is not installed. Node can only verify at the real clock; the others at
 * `storyTime`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultNames, userNames } from '../src/names/defaults.js';
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

/** What a fixture asks the real tools: its served chain, its trust anchors, names and time. */
export interface FixtureCase {
  /** The served chain as PEM blocks, leaf first. */
  readonly chainPem: readonly string[];
  readonly leafKeyPem: string;
  /** The trust anchors; `self` when the leaf is its own. */
  readonly rootsPem: readonly string[];
  readonly trust: 'self' | 'ca';
  readonly hosts: readonly string[];
  readonly storyTime: Date | null;
}

/**
 * A fixture's first scenario run (fixtures/<x>/scenario.json, `args` from the repository
 * root) read as the tools need it: the certificate, every --ca, the --name values (or
 * the default names with --service-ip) and --at. Without scenario.json: apiserver.crt
 * trusting itself, the default names.
 */
export function fixtureCase(dir: string): FixtureCase {
  const scenarioPath = join(dir, 'scenario.json');
  const args: string[] = existsSync(scenarioPath)
    ? ((JSON.parse(readFileSync(scenarioPath, 'utf8')) as { runs: { args: string[] }[] }).runs[0]
        ?.args ?? [])
    : [join(dir, 'apiserver.crt')];
  const values = (flag: string): string[] =>
    args.flatMap((arg, index) => (arg === flag && args[index + 1] ? [args[index + 1] ?? ''] : []));
  const certPath = args[0] ?? join(dir, 'apiserver.crt');
  const chainPem = pemBlocks(readFileSync(certPath, 'utf8'));
  const caPaths = values('--ca');
  const rootsPem = caPaths.flatMap((path) => pemBlocks(readFileSync(path, 'utf8')));
  const names = values('--name');
  const serviceIp = values('--service-ip')[0];
  const at = values('--at')[0];
  return {
    chainPem,
    leafKeyPem: readFileSync(join(dir, 'apiserver.key'), 'utf8'),
    rootsPem: caPaths.length > 0 ? rootsPem : chainPem.slice(0, 1),
    trust: caPaths.length > 0 ? 'ca' : 'self',
    hosts:
      names.length > 0
        ? userNames(names).map((name) => name.host)
        : defaultNames(serviceIp ? { serviceIp } : {}).map((name) => name.host),
    storyTime: at ? new Date(at) : null,
  };
}

function pemBlocks(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g)].map(
    (match) => (match[0].endsWith('\n') ? match[0] : `${match[0]}\n`),
  );
}

export async function recordObservations(dir: string, storyTime?: Date): Promise<void> {
  const fixture = fixtureCase(dir);
  const leafPem = fixture.chainPem[0] ?? '';
  const leafKeyPem = fixture.leafKeyPem;
  const hosts = fixture.hosts;
  const time = storyTime ?? fixture.storyTime;
  if (!time) throw new Error(`${dir}: no story time (--at in scenario.json)`);
  mkdirSync(join(dir, 'observed'), { recursive: true });
  for (const oracle of ORACLES) {
    const availability = oracle.availability();
    if (!availability.available) {
      console.warn(`${oracle.profile}: not recorded: ${availability.reason}`);
      continue;
    }
    const now = oracle.realClockOnly ? new Date(Math.floor(Date.now() / 1000) * 1000) : time;
    const cases = hosts.map((host) => ({
      id: host,
      leafPem,
      leafKeyPem,
      intermediatesPem: fixture.chainPem.slice(1),
      rootsPem: fixture.rootsPem,
      host,
      now,
    }));
    // A tool that cannot take the case at all (Node's server refuses to load a SHA-1
    // certificate at OpenSSL security level 1) is recorded as such, with no results.
    let verdicts: readonly OracleVerdict[] = [];
    let tool = availability.reason;
    try {
      verdicts = await oracle.run(cases);
    } catch (error) {
      const reason =
        /error:[0-9A-F]+:[^\n]*/.exec(String(error))?.[0] ?? String(error).split('\n')[0];
      tool = `${availability.reason}; not recorded: ${reason}`;
      console.warn(`${join(dir, 'observed', oracle.file)}: ${tool}`);
    }
    const observation: Observation = {
      profile: oracle.profile,
      tool,
      now: now.toISOString(),
      trust: fixture.trust,
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
