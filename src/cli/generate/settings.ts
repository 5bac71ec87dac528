/**
 * What `generate`'s declaration and its run share: the flags and their types. The
 * generator's flags are `simulate-restart`'s too (src/cli/simulate-restart/settings.ts).
 */
import type { EraRow } from '../../kube/eras.js';
import type { Parsed } from '../command.js';
import { atOption, serviceCidrOption, serviceIpOption } from '../options.js';

export const DEFAULT_HOST = 'vm-56-65';

const ROWS: readonly EraRow[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** The flags `generate` and `simulate-restart` share: which apiserver, and when. */
export const GENERATOR_OPTIONS = {
  'k8s-version': {
    type: 'string',
    describe: 'Kubernetes release of the apiserver, v0.8 to today (e.g. 1.0, v1.2.4, 1.28)',
  },
  row: {
    choices: ROWS,
    describe: 'generator era row (docs/san-vs-cn.md) instead of --k8s-version; B exists only here',
  },
  host: {
    type: 'string',
    default: DEFAULT_HOST,
    describe: "the apiserver's public/advertise address: the CN's host and a SAN (IP or DNS)",
  },
  'service-ip': serviceIpOption(
    'the kubernetes Service IP put into the IP SANs (default: first IP of --service-cidr)',
  ),
  'service-cidr': serviceCidrOption(),
  at: atOption('when the generator runs (RFC 3339 or unix seconds); default now'),
  seed: {
    type: 'string',
    describe: 'derive the keys from this text, for reproducible examples (never for real use)',
  },
} as const;

export type GeneratorOptions = Parsed<typeof GENERATOR_OPTIONS>;

export const GENERATE_OPTIONS = {
  ...GENERATOR_OPTIONS,
  out: {
    type: 'string',
    describe: 'write apiserver.crt and apiserver.key into this directory, like --cert-dir',
  },
  force: {
    type: 'boolean',
    default: false,
    describe: 'with --out: replace existing apiserver.crt and apiserver.key',
  },
} as const;

export type GenerateOptions = Parsed<typeof GENERATE_OPTIONS>;
