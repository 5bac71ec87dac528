import { checkValidityGo, formatRfc3339 } from '../../../src/verify/go/validity.js';
import { factsOf } from './facts.js';

const cert = factsOf({});

describe('checkValidityGo (Before(NotBefore) / After(NotAfter), Go 1.2–1.19)', () => {
  test('both bounds are inside the validity period', () => {
    expect(checkValidityGo(cert, 0, cert.notBefore)).toBeNull();
    expect(checkValidityGo(cert, 0, cert.notAfter)).toBeNull();
  });

  test('one millisecond outside is not yet valid / expired, at the given depth', () => {
    const early = new Date(cert.notBefore.getTime() - 1);
    const late = new Date(cert.notAfter.getTime() + 1);
    expect(checkValidityGo(cert, 2, early)).toEqual({
      code: 'not-yet-valid',
      depth: 2,
      notBefore: cert.notBefore,
      now: early,
    });
    expect(checkValidityGo(cert, 0, late)).toEqual({
      code: 'expired',
      depth: 0,
      notAfter: cert.notAfter,
      now: late,
    });
  });
});

test('formatRfc3339 prints Go time.RFC3339 of a UTC time (seconds, Z)', () => {
  expect(formatRfc3339(new Date('2016-03-01T12:00:00.999Z'))).toBe('2016-03-01T12:00:00Z');
});
