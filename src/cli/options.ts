/**
 * Flags several commands take, declared once so that a flag's alias, type and default
 * cannot drift apart between commands. Each builder returns the yargs settings of one
 * flag; the command names the flag (`.option('at', atOption(…))`, which the fast path in
 * fast-args.ts also reads) and words the help for its own context where that differs.
 * Only type imports from yargs: declaring flags must not load the parser.
 */
import { UsageError } from '../base/errors.js';
import { DEFAULT_HEAPSTER_VERSION } from '../kube/heapster.js';

/**
 * The apiserver's default --service-cluster-ip-range. Equal to names/defaults.ts
 * DEFAULT_SERVICE_CIDR (tests/cli/options.test.ts holds them equal); repeated here so
 * that declaring flags does not load the name parser.
 */
const DEFAULT_SERVICE_CIDR = '10.0.0.0/24';

export function nameOption(describe: string) {
  return { alias: 'n', type: 'string', array: true, describe } as const;
}

export function clientOption(describe: string) {
  return { alias: 'c', type: 'string', array: true, describe } as const;
}

export function caOption(describe: string) {
  return { type: 'string', array: true, describe } as const;
}

export function heapsterVersionOption() {
  return {
    type: 'string',
    default: DEFAULT_HEAPSTER_VERSION,
    describe: 'Heapster release for the heapster profile',
  } as const;
}

export function atOption(describe: string) {
  return { type: 'string', describe } as const;
}

/** --format/-f; every command's first choice, `text`, is its default. */
export function formatOption<const Choices extends readonly ['text', ...string[]]>(
  choices: Choices,
  describe: string,
) {
  return { alias: 'f', choices, default: 'text', describe } as const;
}

export function colorOption(describe = 'no colour (also NO_COLOR); colour only on a terminal') {
  return { type: 'boolean', default: true, describe } as const;
}

export function serviceIpOption(describe: string) {
  return { type: 'string', describe } as const;
}

export function serviceCidrOption() {
  return {
    type: 'string',
    default: DEFAULT_SERVICE_CIDR,
    describe: "the apiserver's --service-cluster-ip-range",
  } as const;
}

/** diagnose: no default, so a Service IP is inferred from the certificate unless given. */
export function serviceCidrOptionNoDefault() {
  return {
    type: 'string',
    describe: "the apiserver's --service-cluster-ip-range (default: inferred from the IP SANs)",
  } as const;
}

export function clusterDomainOption() {
  return {
    type: 'string',
    default: 'cluster.local',
    describe: 'cluster DNS domain',
  } as const;
}

export function maxInputBytesOption(defaultBytes: number, describe: string) {
  return { type: 'number', default: defaultBytes, describe } as const;
}

/** --max-input-bytes as read back: a positive whole number, else a usage error. */
export function checkedMaxInputBytes(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes <= 0) {
    throw new UsageError('--max-input-bytes must be a positive whole number');
  }
  return bytes;
}
