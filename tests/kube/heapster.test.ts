import { UsageError } from '../../src/base/errors.js';
import { heapsterClient } from '../../src/verify/go/releases.js';

test.each([
  ['v0.13.0', 'go1.4'],
  ['0.17', 'go1.4'],
  ['v0.18.2', 'go1.5'],
  ['v1.0.2', 'go1.5'],
  ['v1.2.0', 'go1.6'],
  ['v1.3.0', 'go1.6'],
  ['v1.4.0', 'go1.8'],
  ['v1.5.4', 'go1.8'],
  ['v1.6.0-beta.1', 'go1.8'],
])('Heapster %s is judged by the %s profile', (version, profile) => {
  expect(heapsterClient(version).profile).toBe(profile);
});

test('the default is the last release, v1.6, built in the golang:1.8 image', () => {
  const client = heapsterClient();
  expect(client).toMatchObject({ version: 'v1.6', go: 'go1.8', profile: 'go1.8' });
  // Godeps says go1.9; the Makefile's build image decides, and the report says why.
  expect(client.goSource).toMatch(/golang:1\.8 image.*go1\.9/);
});

test('every Heapster release names the exact Go that built it and where that comes from', () => {
  expect(heapsterClient('v0.15').go).toBe('go1.4.2');
  expect(heapsterClient('v0.18').go).toBe('go1.5.1');
  expect(heapsterClient('v1.3').go).toBe('go1.7');
  for (const version of ['v0.13', 'v0.18', 'v1.1', 'v1.3', 'v1.4', 'v1.6']) {
    expect(heapsterClient(version).goSource).toMatch(/Godeps|Makefile/);
  }
});

test('versions outside the modelled range are usage errors', () => {
  expect(() => heapsterClient('v0.12')).toThrow(UsageError);
  expect(() => heapsterClient('v2.0')).toThrow(UsageError);
  expect(() => heapsterClient('latest')).toThrow(UsageError);
});
