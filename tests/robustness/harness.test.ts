/** The checker the corpus, the properties and the fuzz run rely on catches what it must. */
import { brokenPromise, runCase, type Outcome } from './harness.js';

const ok: Outcome = { code: 1, stdout: 'FAIL …\n', stderr: '', writes: [], dials: [] };

test.each<[string, Partial<Outcome>]>([
  ['an internal error', { code: 3, stderr: 'diagnose: internal error: x\n' }],
  ['a stack trace', { code: 2, stdout: '', stderr: 'diagnose: x\n    at f (/a.js:1:2)\n' }],
  ['two stderr lines', { code: 2, stdout: '', stderr: 'diagnose: a\ndiagnose: b\n' }],
  ['a report beside an input error', { code: 2, stderr: 'diagnose: x: bad\n' }],
  ['a write', { writes: ['out.pem'] }],
  ['a dial', { dials: ['10.0.0.1:443'] }],
  ['stderr on success', { stderr: 'warning\n' }],
  ['no report', { stdout: '' }],
])('%s breaks a promise', (_label, change) => {
  expect(brokenPromise({ ...ok, ...change })).not.toBeNull();
});

test('a report, or one line for an input error, keeps them', async () => {
  expect(brokenPromise(ok)).toBeNull();
  const refused = await runCase(['none.crt'], {});
  expect(refused).toEqual({
    code: 2,
    stdout: '',
    stderr: 'diagnose: none.crt: no such file\n',
    writes: [],
    dials: [],
  });
  expect(brokenPromise(refused)).toBeNull();
});
