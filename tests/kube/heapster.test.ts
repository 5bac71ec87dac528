import { UsageError } from '../../src/base/errors.js';
import { heapsterClient } from '../../src/kube/heapster.js';

test.each([
  ['v0.13.0', 'go1.4'],
  ['0.17', 'go1.4'],
  ['v0.18.2', 'go1.5'],
  ['v1.0.2', 'go1.5'],
  ['v1.2.0', 'go1.5'],
  ['v1.3.0', 'go1.5'],
  ['v1.4.0', 'go1.8'],
  ['v1.5.4', 'go1.8'],
  ['v1.6.0-beta.1', 'go1.8'],
])('Heapster %s is judged by the %s profile', (version, profile) => {
  expect(heapsterClient(version).profile).toBe(profile);
});

test('the default is the last release, v1.6 built with Go 1.9', () => {
  expect(heapsterClient()).toEqual({ version: 'v1.6', go: 'go1.9', profile: 'go1.8' });
});

test('versions outside the modelled range are usage errors', () => {
  expect(() => heapsterClient('v0.12')).toThrow(UsageError);
  expect(() => heapsterClient('v2.0')).toThrow(UsageError);
  expect(() => heapsterClient('latest')).toThrow(UsageError);
});
