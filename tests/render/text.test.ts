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
    expect(lines[0]).toBe('FAIL  apiserver.crt — as seen by Go 1.5 (profile go1.5)');
    expect(lines[3]).toBe('Names');
    expect(lines[4]).toMatch(/^ {2}✗ kubernetes\.default {2,}Heapster v0\.19\+/);
    expect(lines[5]).toMatch(
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
