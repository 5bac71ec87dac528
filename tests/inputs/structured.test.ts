/**
 * The YAML/JSON reader's limits (src/inputs/structured.ts): alias bombs, aliases to
 * undefined anchors, deep nesting. Each is one InputError naming the problem, never the
 * input's text, never a crash.
 */
import { InputError } from '../../src/base/errors.js';
import {
  MAX_ALIAS_COUNT,
  MAX_NESTING,
  nestingDepth,
  parseStructured,
} from '../../src/inputs/structured.js';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../helpers/fake-io.js';

async function problem(text: string): Promise<string> {
  try {
    await parseStructured(text, 'in.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problem;
  }
  throw new Error('expected an InputError');
}

/** "Billion laughs": each level refers nine times to the one before. */
function aliasBomb(levels: number): string {
  let text = 'apiVersion: v1\nkind: Secret\nl0: &l0 ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 1; i <= levels; i++)
    text += `l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(',')}]\n`;
  return text;
}

const nestedJson = (depth: number): string =>
  `{"kind":"Secret","data":{"tls.crt":${'['.repeat(depth)}${']'.repeat(depth)}}}`;

describe('YAML aliases', () => {
  test('an alias bomb is refused after the alias budget, as an input error', async () => {
    expect(await problem(aliasBomb(8))).toBe(
      `expands more than ${MAX_ALIAS_COUNT} YAML aliases (an alias bomb?); kubectl never writes aliases`,
    );
  });

  test('an alias to an undefined anchor is refused without naming it', async () => {
    const text = 'apiVersion: v1\nkind: Secret\ndata:\n  password: *hunter2\n';
    const found = await problem(text);
    expect(found).toBe('has a YAML alias (*name) to an anchor that is not defined before it');
    expect(found).not.toContain('hunter2');
  });

  test('a few aliases to defined anchors still read', async () => {
    const [doc] = await parseStructured(
      'kind: Secret\nmetadata: &m {name: a}\nother: *m\n',
      'in.yaml',
    );
    expect(doc?.['other']).toEqual({ name: 'a' });
  });

  test('parse errors that quote the input are worded by their code', async () => {
    // yaml's message for a bad escape quotes the input ("Invalid escape sequence \q").
    const found = await problem('kind: Secret\ndata:\n  token: "\\qSECRETVALUE"\n');
    expect(found).toMatch(
      /^is not valid YAML \(line 3, column \d+\): an invalid escape in a double-quoted string$/,
    );
  });
});

describe('nesting depth', () => {
  test.each([
    ['JSON arrays', (n: number) => nestedJson(n)],
    ['YAML flow maps', (n: number) => `kind: Secret\nx: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['YAML block sequences on one line', (n: number) => `kind: Secret\nx:\n${'- '.repeat(n)}a\n`],
    [
      'YAML block maps by indentation',
      (n: number) =>
        `kind: Secret\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`,
    ],
  ])('%s: deeper than the limit is an input error, at the limit it parses', async (_, make) => {
    expect(await problem(make(MAX_NESTING + 10))).toMatch(
      new RegExp(
        `^nests deeper than ${MAX_NESTING} levels \\(line \\d+\\); no Kubernetes object does$`,
      ),
    );
    await expect(parseStructured(make(MAX_NESTING - 5), 'in.yaml')).resolves.toHaveLength(1);
  });

  test('brackets inside quoted strings and comments do not count', () => {
    const text = `kind: Secret # [[[[[[\nx: "[[[[[[[[[["\ny: '{{{{{{{{'\nz: [1, [2]]\n`;
    expect(nestingDepth(text, 100)).toBe(3);
  });

  test('10,000,000 levels: refused quickly, without a stack overflow', async () => {
    const started = Date.now();
    const found = await problem(nestedJson(10_000_000));
    expect(found).toMatch(/^nests deeper than/);
    expect(found).not.toMatch(/stack|Maximum call/i);
    // Not a timing assertion of the tool's speed: a guard that the scan stops early.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('through the CLI: exit 2, one line, nothing echoed', () => {
  test.each([
    ['alias bomb', aliasBomb(8)],
    ['unresolved alias', 'apiVersion: v1\nkind: Secret\ndata:\n  password: *hunter2\n'],
    ['deep nesting', nestedJson(100_000)],
  ])('%s', async (_, text) => {
    const io = fakeIo({ 'in.yaml': text });
    expect(await run(['in.yaml'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^diagnose: in\.yaml: [^\n]+\n$/);
    expect(io.err()).not.toMatch(/hunter2|stack|internal error/);
  });

  test('one bad file in a batch does not stop the others', async () => {
    const { readFileSync } = await import('node:fs');
    const seed = readFileSync('fixtures/seed/apiserver.crt', 'utf8');
    const io = fakeIo({
      'dir/a.crt': seed,
      'dir/b.yaml': 'apiVersion: v1\nkind: Secret\ndata:\n  password: *hunter2\n',
      'dir/c.yaml': aliasBomb(8),
      'dir/d.json': nestedJson(1000),
      'dir/e.json': nestedJson(1000),
      'dir/f.crt': seed,
    });
    expect(await run(['batch', 'dir', '--at', '2015-11-04T12:00:00Z'], io)).toBe(2);
    expect(io.out().match(/^(PASS|FAIL) /gm)).toHaveLength(2);
    expect(io.out()).toMatch(/4 inputs could not be read/);
    expect(io.err().trim().split('\n')).toEqual([
      'diagnose: dir/b.yaml: has a YAML alias (*name) to an anchor that is not defined before it',
      expect.stringMatching(/^diagnose: dir\/c\.yaml: expands more than 100 YAML aliases/),
      expect.stringMatching(/^diagnose: dir\/d\.json: nests deeper than 256 levels/),
      expect.stringMatching(/^diagnose: dir\/e\.json: nests deeper than 256 levels/),
    ]);
  });
});
