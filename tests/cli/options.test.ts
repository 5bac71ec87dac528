/**
 * The shared flag declarations: defaults that stand for a value owned elsewhere must
 * equal it, and --max-input-bytes is read back the same way by every command.
 */
import { UsageError } from '../../src/base/errors.js';
import { serviceCidrOption, checkedMaxInputBytes } from '../../src/cli/options.js';
import { DEFAULT_SERVICE_CIDR } from '../../src/names/defaults.js';

describe('shared CLI options', () => {
  it('defaults --service-cidr to the names module default', () => {
    expect(serviceCidrOption().default).toBe(DEFAULT_SERVICE_CIDR);
  });

  it('reads --max-input-bytes back as given when it is a positive whole number', () => {
    expect(checkedMaxInputBytes(1024)).toBe(1024);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses --max-input-bytes %p', (bytes) => {
    expect(() => checkedMaxInputBytes(bytes)).toThrow(UsageError);
  });
});
