/** What `simulate-restart`'s declaration and its run share: the flags and their types. */
import { CLIENT_IDS } from '../../verify/types.js';
import type { Parsed } from '../command.js';
import { GENERATOR_OPTIONS } from '../generate/settings.js';
import { clientOption, colorOption, formatOption, heapsterVersionOption } from '../options.js';

export const DEFAULT_CLIENTS = ['heapster', 'go', 'openssl', 'node'];

/** Each restart generates (or reuses) a key and judges every client: a bound on the work. */
export const MAX_RESTARTS = 50;

const FORMATS = ['text', 'json', 'markdown', 'md'] as const;

export const SIMULATE_OPTIONS = {
  ...GENERATOR_OPTIONS,
  restarts: {
    type: 'number',
    default: 3,
    describe: `restarts after the first start, one hour apart (at most ${MAX_RESTARTS})`,
  },
  'lose-cert-dir': {
    type: 'boolean',
    default: false,
    describe: '--cert-dir does not survive a restart (tmpfs /var/run/kubernetes)',
  },
  client: clientOption(
    `client profiles (default heapster, go, openssl, node): heapster, all, or ${CLIENT_IDS.join(', ')}`,
  ),
  'heapster-version': heapsterVersionOption(),
  format: formatOption(FORMATS, 'output format'),
  color: colorOption(),
} as const;

export type SimulateOptions = Parsed<typeof SIMULATE_OPTIONS>;
