/**
 * The fast argument path must give the command exactly what yargs gives it, or step
 * aside. Every command line here is parsed both ways; where the fast path answers,
 * the arguments the command reads are equal.
 */
import fc from 'fast-check';
import { parseArgs } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { fastParse } from '../../src/cli/fast-args.js';

const LINES: string[][] = [
  ['apiserver.crt'],
  ['apiserver.crt', '--client', 'all'],
  ['apiserver.crt', '-c', 'go', '-c', 'openssl', '--name', 'kubernetes.default'],
  ['apiserver.crt', '--name', 'https://10.0.0.1:443', '--format', 'json'],
  ['apiserver.crt', '--name=kubernetes', '--client=go1.5', '--heapster-version', 'v0.18'],
  ['apiserver.crt', '--no-color', '--at', '2015-11-04T12:00:00Z', '--debug'],
  ['apiserver.crt', '--max-input-bytes', '1024', '-f', 'text'],
  ['apiserver.crt', '--service-cidr', '10.96.0.0/12', '--cluster-domain', 'k8s.local'],
  ['apiserver.crt', '--ca', 'ca.crt', '--ca', 'other.crt'],
  // Lines the fast path must leave to yargs:
  ['--help'],
  ['--version'],
  ['apiserver.crt', '--name', 'a', 'b'],
  ['--name', 'https://10.0.0.1:443', 'apiserver.crt'],
  ['apiserver.crt', '--bogus'],
  ['apiserver.crt', '--format', 'yaml'],
  ['apiserver.crt', '--at', 'x', '--at', 'y'],
  ['-'],
  ['apiserver.crt', '--max-input-bytes', 'lots'],
  ['apiserver.crt', '-nc', 'x'],
  ['batch', 'dir'],
  ['explain', 'self-signed-not-ca'],
  ['a.crt', 'b.crt'],
];

const GLOBALS = [
  {
    name: 'debug',
    aliases: [],
    type: 'boolean' as const,
    array: false,
    choices: undefined,
    default: false,
  },
];

describe('fastParse agrees with yargs', () => {
  test.each(LINES.map((line) => [line.join(' '), line] as const))('%s', async (_label, line) => {
    const fast = fastParse(line, COMMANDS, GLOBALS);
    const slow = await parseArgs(line, { fast: false }).catch((error: Error) => error);
    if (!fast) return; // yargs decides, as before
    expect(slow).not.toBeInstanceOf(Error);
    if (slow instanceof Error || slow.kind !== 'command')
      throw new Error('yargs did not select a command');
    expect(fast.command).toBe(slow.command);
    // Every key the fast path sets is what yargs set, and it sets every option key yargs set.
    for (const [key, value] of Object.entries(fast.args)) {
      if (key === '$0') continue;
      expect([key, slow.args[key]]).toEqual([key, value]);
    }
    for (const key of Object.keys(slow.args)) {
      if (key === '$0' || key === 'help' || key === 'version') continue;
      expect([key, key in fast.args]).toEqual([key, true]);
    }
  });

  test('random command lines: whenever the fast path answers, yargs answers the same', async () => {
    const tokens = [
      'apiserver.crt',
      '--client',
      'all',
      'go',
      '-c',
      '--name',
      'kubernetes',
      '--no-color',
      '--color',
      '--format',
      'json',
      'text',
      '--at',
      '2015-11-04T12:00:00Z',
      '--debug',
      '-n',
      'x.example',
      '--max-input-bytes',
      '100',
      '--ca',
      'ca.crt',
      'true',
      '--format=json',
    ];
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...tokens), { maxLength: 7 }), async (line) => {
        const fast = fastParse(line, COMMANDS, GLOBALS);
        if (!fast) return;
        compared++;
        const slow = await parseArgs(line, { fast: false });
        expect(slow.kind).toBe('command');
        if (slow.kind !== 'command') return;
        for (const [key, value] of Object.entries(fast.args)) {
          if (key !== '$0') expect([line, key, slow.args[key]]).toEqual([line, key, value]);
        }
      }),
      { numRuns: 300, seed: 6 },
    );
    expect(compared).toBeGreaterThan(20);
  });

  test('the plain lines do take the fast path (the test above compares something)', () => {
    const taken = LINES.slice(0, 9).filter((line) => fastParse(line, COMMANDS, GLOBALS) !== null);
    expect(taken.length).toBe(9);
  });

  test('lines with help, subcommands, stdin or unknown flags never do', () => {
    for (const line of LINES.slice(9))
      expect([line, fastParse(line, COMMANDS, GLOBALS)]).toEqual([line, null]);
  });
});
