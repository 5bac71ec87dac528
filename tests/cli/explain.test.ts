import { GO_ERAS } from '../../src/verify/go/index.js';
import { existsSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import { allCodes, clientWords, explainCode } from '../../src/diagnose/explain.js';
import { EXPLANATIONS } from '../../src/diagnose/explanations.js';
import { FAILURE_CODES } from '../../src/verify/failures.js';
import { fakeIo } from '../helpers/fake-io.js';

describe('every code the tool can emit is explained', () => {
  test.each(allCodes().map((code) => [code]))('%s has a long form', (code) => {
    expect(EXPLANATIONS[code].when.length).toBeGreaterThan(20);
    for (const fixture of EXPLANATIONS[code].fixtures)
      expect(existsSync(`fixtures/${fixture}/scenario.json`) || fixture === 'stale-ca').toBe(true);
  });

  test('allCodes covers every failure code and every finding code', () => {
    for (const code of FAILURE_CODES) expect(allCodes()).toContain(code);
    expect(allCodes()).toContain('kube-generated-cn');
  });

  test.each(FAILURE_CODES.map((code) => [code]))(
    '%s: at least one client has words for it',
    (code) => {
      expect(clientWords(code).length).toBeGreaterThan(0);
    },
  );
});

describe('the words come from the profiles', () => {
  test('unknown-authority: Go, OpenSSL 20 and Node UNABLE_TO_GET_ISSUER_CERT_LOCALLY', () => {
    const words = clientWords('unknown-authority');
    expect(words).toContainEqual({
      message: 'x509: certificate signed by unknown authority',
      clients: GO_ERAS.map((era) => era.id),
    });
    expect(words.map((w) => w.message)).toContain(
      'error 20 at 0 depth lookup: unable to get local issuer certificate',
    );
    expect(words.map((w) => w.message)).toContain(
      'unable to get local issuer certificate (err.code UNABLE_TO_GET_ISSUER_CERT_LOCALLY)',
    );
  });

  test('legacy-common-name only for Go 1.15+, with each era’s wording', () => {
    expect(clientWords('legacy-common-name')).toEqual([
      {
        message: 'x509: certificate relies on legacy Common Name field, use SANs instead',
        clients: ['go1.24', 'go1.23', 'go1.21', 'go', 'go1.18', 'go1.17'],
      },
      {
        message:
          'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
        clients: ['go1.16', 'go1.15'],
      },
    ]);
  });
});

describe('diagnose explain', () => {
  test('explain <code> prints meaning, when, words, fix and sources', async () => {
    const io = fakeIo();
    expect(await run(['explain', 'self-signed-not-ca'], io)).toBe(0);
    const out = io.out();
    for (const heading of [
      'What it means',
      'When it happens',
      'What each client says',
      'How to fix it',
      'Sources',
    ])
      expect(out).toContain(heading);
    expect(out).toContain('parent certificate cannot sign this kind of certificate');
    expect(explainCode('self-signed-not-ca')?.title).toBeTruthy();
  });

  test('--list lists every code', async () => {
    const io = fakeIo();
    expect(await run(['explain', '--list'], io)).toBe(0);
    for (const code of allCodes()) expect(io.out()).toContain(code);
  });

  test('an unknown code is a usage error', async () => {
    const io = fakeIo();
    expect(await run(['explain', 'no-such-code'], io)).toBe(2);
    expect(io.err()).toMatch(/no-such-code.*explain --list/);
  });
});
