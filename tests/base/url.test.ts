/** withoutUserinfo (src/base/url.ts): a URL's credentials removed, the rest kept. */
import { withoutUserinfo } from '../../src/base/url.js';

test.each([
  ['https://admin:S3cret@host:6443/path?q=1', 'https://host:6443/path?q=1'],
  ['https://admin@host', 'https://host'],
  ['https://a:b@[::1]:443', 'https://[::1]:443'],
  ['https://a:p@ss@host', 'https://host'],
  [
    'kubernetes:https://admin:P4ss@kubernetes.default?auth=/x',
    'kubernetes:https://kubernetes.default?auth=/x',
  ],
  ['admin:S3cret@10.0.0.1:6443', '10.0.0.1:6443'],
  ['https://host:6443', 'https://host:6443'],
  ['10.0.0.1:6443', '10.0.0.1:6443'],
  ['https://host/a@b', 'https://host/a@b'],
])('%s → %s', (input, output) => {
  expect(withoutUserinfo(input)).toBe(output);
});
