/**
 * The byte-level rules of v3_utl.c (OpenSSL 3.0) on their own: valid_star decides
 * whether a pattern is a wildcard at all; equal_wildcard applies it.
 */
import { equalNocase, equalWildcard, validStar } from '../../../src/verify/openssl/match.js';

describe('valid_star', () => {
  test.each([
    ['*.default.svc', 0],
    ['k*.default.svc', 1],
    ['*s.default.svc', 0],
    ['*.0.0.1', 0],
    ['*.default', -1], // fewer than two dots
    ['k*.default', -1],
    ['*', -1],
    ['k*s.default.svc', -1], // star inside a label
    ['a.*.svc', -1], // not in the first label
    ['*.*.svc', -1], // two stars
    ['xn--*.example.com', -1], // IDNA label
    ['XN--a*.example.com', -1],
    ['*.default.svc.', -1], // trailing dot
    ['*.default-.svc', -1], // label ending in '-'
    ['*.-default.svc', -1], // label starting with '-'
    ['a-*.default.svc', -1], // hyphen flag survives the star
    ['*.my_ns.svc', -1], // '_' is not a hostname octet
    ['*.a..b', -1], // empty label
  ])('%s → %d', (pattern, index) => {
    expect(validStar(pattern)).toBe(index);
  });
});

describe('equal_wildcard', () => {
  test.each([
    ['*.default.svc', 'a.default.svc', true, true],
    ['*.default.svc', 'A.DEFAULT.SVC', true, true],
    ['*.default.svc', '.default.svc', true, false], // sub-domain host, literal suffix rule
    ['kubernetes.default', '.default', true, false],
    ['kubernetes.default', '.', false, false], // a lone '.' is not a sub-domain host
    ['k*.default.svc', 'k.default.svc', true, true],
    ['x*.default.svc', 'xn--a.default.svc', false, true],
    ['*.default.svc', 'xn--a.default.svc', true, true],
    ['*.default.svc', '*.default.svc', true, true],
    ['*.default.svc', 'a-b.default.svc', true, true],
    ['*.default.svc', 'a b.default.svc', false, true],
    ['*.default', '*.DEFAULT', true, false],
  ])('%j vs %j → %s', (pattern, subject, matched, wildcard) => {
    expect(equalWildcard(pattern, subject)).toEqual({ matched, wildcard });
  });

  test('a NUL in the pattern never matches', () => {
    expect(equalNocase('a\0b', 'a\0b')).toBe(false);
    expect(equalNocase('ab', 'AB')).toBe(true);
  });

  test('only ASCII letters fold', () => {
    expect(equalNocase('\u00e9', '\u00c9')).toBe(false);
  });
});
