/**
 * The one place a test decides, at collection time, whether what it needs is here: a real
 * verifier (Go, OpenSSL, Node), or the built bin. Present: the plain `describe`/`test`.
 * Missing or the wrong version: the tests are registered as skipped, with the reason in
 * their names, so jest's closing line counts them — unless REQUIRE_ORACLES=1 (CI), where
 * each one becomes a failing test saying what is missing, so a run without its oracles
 * cannot pass.
 */
import { existsSync } from 'node:fs';
import type { OracleAvailability } from './types.js';

/** An oracle, or anything else a test needs from its environment ("the built bin"). */
export type Prerequisite = OracleAvailability;

/** REQUIRE_ORACLES=1: a missing oracle fails the run instead of skipping its tests. */
export function oraclesRequired(): boolean {
  return process.env['REQUIRE_ORACLES'] === '1';
}

export interface Gated {
  readonly describe: (title: string, body: () => void) => void;
  readonly test: (title: string, body: jest.ProvidesCallback, timeout?: number) => void;
}

/**
 * Set by the fast tier's jest config (jest.unit.config.js): no real verifier and no built
 * bin is run, and the tests that need one are counted as skipped.
 */
export const ORACLES_OFF_ENV = 'KUBE_TLS_DOCTOR_ORACLES';

function inThisTier(needed: Prerequisite): Prerequisite {
  return needed.available && process.env[ORACLES_OFF_ENV] === 'off'
    ? { ...needed, available: false, reason: 'not in the unit tier; npm test runs it' }
    : needed;
}

/** What gate registers with: jest's globals (tests/oracle/require.test.ts passes a recorder). */
export interface Registrar {
  readonly describe: Pick<jest.Describe, 'skip'> & ((title: string, body: () => void) => void);
  readonly test: Pick<jest.It, 'skip'> &
    ((title: string, body: jest.ProvidesCallback, timeout?: number) => void);
}

/** `describe`/`test` when `needed` is here; otherwise skipped (or, when required, failing) ones. */
export function gate(
  wanted: Prerequisite,
  required = oraclesRequired(),
  jestApi: Registrar = { describe, test },
): Gated {
  const needed = inThisTier(wanted);
  if (needed.available) return { describe: jestApi.describe, test: jestApi.test };
  if (required) {
    const failing = (title: string): void =>
      jestApi.test(`${title} [${needed.name} required (REQUIRE_ORACLES=1)]`, () => {
        throw new Error(`${needed.name} is required by REQUIRE_ORACLES=1: ${needed.reason}`);
      });
    return { describe: failing, test: failing };
  }
  const skippedTitle = (title: string): string => `${title} [skipped: ${needed.reason}]`;
  return {
    describe: (title, body) => jestApi.describe.skip(skippedTitle(title), body),
    test: (title, body, timeout) => jestApi.test.skip(skippedTitle(title), body, timeout),
  };
}

/**
 * For a test that always checks its documented expectations and also compares them with a
 * real verifier when one is here: whether to run that comparison. When it cannot, the
 * comparison is registered as its own skipped (or, when required, failing) test, so the
 * part that did not run is counted. Call at collection time (module top level).
 */
export function oraclePart(wanted: Prerequisite, what: string): boolean {
  const needed = inThisTier(wanted);
  if (!needed.available) gate(needed).test(what, () => undefined);
  return needed.available;
}

/**
 * A case that cannot run in this environment for a reason no CI setting changes (a root
 * user reads a chmod 000 file): skipped, reason in the title, never required.
 */
export function testUnless(
  cannot: string | false,
): (title: string, body: jest.ProvidesCallback, timeout?: number) => void {
  if (cannot === false) return test;
  return (title, body, timeout) => test.skip(`${title} [skipped: ${cannot}]`, body, timeout);
}

/** Everything in `needed` at once (a test that compares against several real verifiers). */
export function allOf(...needed: readonly Prerequisite[]): Prerequisite {
  const missing = needed.filter((one) => !one.available);
  return missing.length === 0
    ? {
        name: needed.map((one) => one.name).join(' + '),
        available: true,
        reason: needed.map((one) => one.reason).join('; '),
      }
    : {
        name: missing.map((one) => one.name).join(' + '),
        available: false,
        reason: missing.map((one) => `${one.name}: ${one.reason}`).join('; '),
      };
}

/** The build's output (`npm test` builds first; a bare jest run may not have). */
export function builtFiles(...files: readonly string[]): Prerequisite {
  const missing = files.filter((file) => !existsSync(file));
  return {
    name: 'the built bin',
    available: missing.length === 0,
    reason:
      missing.length === 0 ? files.join(', ') : `${missing.join(', ')} missing; run npm run build`,
  };
}
