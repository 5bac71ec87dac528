/**
 * The shared flag declarations: defaults that stand for a value owned elsewhere must
 * equal it, and --max-input-bytes is read back the same way by every command.
 */
import { UsageError } from '../../src/base/errors.js';
import { serviceCidrOption, maxInputBytesArg } from '../../src/cli/options.js';
import { DEFAULT_SERVICE_CIDR } from '../../src/names/defaults.js';

describe('shared CLI options', () => {
  it('defaults --service-cidr to the names module default', () => {
    expect(serviceCidrOption().default).toBe(DEFAULT_SERVICE_CIDR);
  });

  it('reads --max-input-bytes, falling back to the command default', () => {
    expect(maxInputBytesArg({ 'max-input-bytes': 1024 }, 99)).toBe(1024);
    expect(maxInputBytesArg({}, 99)).toBe(99);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses --max-input-bytes %p', (bytes) => {
    expect(() => maxInputBytesArg({ 'max-input-bytes': bytes }, 99)).toThrow(UsageError);
  });
});
