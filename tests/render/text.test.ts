import { renderText } from '../../src/render/text.js';
import type { Style } from '../../src/render/style.js';
import { seedReport } from '../helpers/seed-report.js';

const marked: Style = {
  ok: (t) => `<ok>${t}</ok>`,
  fail: (t) => `<fail>${t}</fail>`,
  warn: (t) => `<warn>${t}</warn>`,
  dim: (t) => t,
  bold: (t) => t,
};

describe('renderText', () => {
  test("leads with the verdict, then one line per name with the primary client's words", async () => {
    const text = renderText(await seedReport(['go1.5', 'go']));
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'FAIL  apiserver.crt — Go 1.5 (profile go1.5) rejects kubernetes.default,',
    );
    expect(lines[1]).toBe('      10.0.0.1');
    const names = lines.indexOf('Names, as go1.5 answers');
    expect(names).toBeGreaterThan(0);
    expect(lines[names + 1]).toMatch(/^ {2}✗ kubernetes\.default {2,}Heapster v0\.19\+/);
    const message = lines.findIndex(
      (line, index) => index > names && line.startsWith('      x509'),
    );
    expect(lines[message]).toMatch(
      /^ {6}x509: certificate signed by unknown authority \(possibly because of/,
    );
  });

  test('the matrix has a column per client and a row per name', async () => {
    const text = renderText(await seedReport(['go1.5', 'go', 'node']));
    const matrix = text.slice(text.indexOf('Clients × names'));
    expect(matrix.split('\n')[1]).toMatch(/go1\.5 go {2}node/);
    expect(matrix).toMatch(/kubernetes\.default\.svc\.cluster\.local +✗ +✗ +✗/);
    expect(matrix).toMatch(/\n {2}kubernetes\.default +✗ +✓ +✓/);
  });

  test('a single client has no matrix; passes say how the name matched', async () => {
    const text = renderText(await seedReport(['go']));
    expect(text).not.toContain('Clients × names');
    expect(text).toContain('matches DNS SAN kubernetes.default');
    expect(text).toContain('matches IP SAN 10.0.0.1');
  });

  test('colour goes only through the style', async () => {
    const text = renderText(await seedReport(['go1.5']), marked);
    expect(text.startsWith('<fail>FAIL</fail>')).toBe(true);
    expect(text).toContain('[<fail>error</fail>]');
    expect(text).toContain('[<warn>warning</warn>]');
  });
});
