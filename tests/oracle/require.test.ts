/**
 * The gate every oracle test goes through: a missing oracle is a counted skip with its
 * reason, or under REQUIRE_ORACLES=1 a failing test; a present one is the plain test.
 */
import {
  allOf,
  builtFiles,
  gate,
  ORACLES_OFF_ENV,
  type Prerequisite,
  type Registrar,
} from './require.js';
import { goOracleAvailability, goToolchain } from './go.js';

interface Registered {
  readonly kind: 'describe' | 'test';
  readonly skipped: boolean;
  readonly title: string;
  readonly body: () => unknown;
}

function recorder(): { api: Registrar; registered: Registered[] } {
  const registered: Registered[] = [];
  const add =
    (kind: Registered['kind'], skipped: boolean) =>
    (title: string, body: () => unknown): void => {
      registered.push({ kind, skipped, title, body });
    };
  const api = {
    describe: Object.assign(add('describe', false), { skip: add('describe', true) }),
    test: Object.assign(add('test', false), { skip: add('test', true) }),
  } as unknown as Registrar;
  return { api, registered };
}

const here: Prerequisite = { name: 'Tool 1', available: true, reason: 'tool 1.2.3' };
const missing: Prerequisite = { name: 'Tool 2', available: false, reason: 'no tool on PATH' };

test('an available oracle gives the plain describe and test (in the full tier)', () => {
  const tier = process.env[ORACLES_OFF_ENV];
  delete process.env[ORACLES_OFF_ENV];
  const { api, registered } = recorder();
  const gated = gate(here, true, api);
  if (tier !== undefined) process.env[ORACLES_OFF_ENV] = tier;
  gated.test('compares', () => undefined);
  gated.describe('group', () => undefined);
  expect(registered.map(({ kind, skipped, title }) => [kind, skipped, title])).toEqual([
    ['test', false, 'compares'],
    ['describe', false, 'group'],
  ]);
});

test('a missing oracle is skipped, the reason in the title, when not required', () => {
  const { api, registered } = recorder();
  const gated = gate(missing, false, api);
  gated.test('compares', () => undefined);
  gated.describe('group', () => undefined);
  expect(registered.map(({ kind, skipped, title }) => [kind, skipped, title])).toEqual([
    ['test', true, 'compares [skipped: no tool on PATH]'],
    ['describe', true, 'group [skipped: no tool on PATH]'],
  ]);
});

test('a missing oracle under REQUIRE_ORACLES=1 is one failing test per test or describe', () => {
  const { api, registered } = recorder();
  const gated = gate(missing, true, api);
  gated.test('compares', () => undefined);
  gated.describe('group', () => undefined);
  expect(registered.map(({ kind, skipped, title }) => [kind, skipped, title])).toEqual([
    ['test', false, 'compares [Tool 2 required (REQUIRE_ORACLES=1)]'],
    ['test', false, 'group [Tool 2 required (REQUIRE_ORACLES=1)]'],
  ]);
  for (const { body } of registered) {
    expect(body).toThrow('Tool 2 is required by REQUIRE_ORACLES=1: no tool on PATH');
  }
});

test('the unit tier skips even an available oracle', () => {
  const tier = process.env[ORACLES_OFF_ENV];
  process.env[ORACLES_OFF_ENV] = 'off';
  const { api, registered } = recorder();
  gate(here, false, api).test('compares', () => undefined);
  if (tier === undefined) delete process.env[ORACLES_OFF_ENV];
  else process.env[ORACLES_OFF_ENV] = tier;
  expect(registered.map(({ kind, skipped, title }) => [kind, skipped, title])).toEqual([
    ['test', true, 'compares [skipped: not in the unit tier; npm test runs it]'],
  ]);
});

test('allOf is available only when every part is, and names what is missing', () => {
  expect(allOf(here, here).available).toBe(true);
  expect(allOf(here, missing)).toEqual({
    name: 'Tool 2',
    available: false,
    reason: 'Tool 2: no tool on PATH',
  });
});

test('builtFiles names the missing build output', () => {
  expect(builtFiles('package.json').available).toBe(true);
  expect(builtFiles('package.json', 'dist/no-such-file.js')).toMatchObject({
    available: false,
    reason: 'dist/no-such-file.js missing; run npm run build',
  });
});

test('a Go release that is not installed is unavailable, naming the path tried', () => {
  process.env['GO_1_99'] = '/nonexistent/go-1.99/bin/go';
  const go = goOracleAvailability(goToolchain(99));
  expect(go.available).toBe(false);
  expect(go.name).toBe('Go 1.99 (/nonexistent/go-1.99/bin/go)');
  expect(go.reason).toMatch(/^no usable \/nonexistent\/go-1\.99\/bin\/go /);
});
