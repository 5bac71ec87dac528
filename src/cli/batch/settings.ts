/** What `batch`'s declaration and its run share: the arguments, the flags and their types. */
import type { Parsed } from '../command.js';
import {
  atOption,
  caOption,
  clientOption,
  clusterDomainOption,
  colorOption,
  formatOption,
  heapsterVersionOption,
  maxInputBytesOption,
  nameOption,
  serviceCidrOptionNoDefault,
  serviceIpOption,
} from '../options.js';

export const DEFAULT_WARN_DAYS = 30;
export const DEFAULT_BATCH_MAX_INPUT_BYTES = 256 * 1024 * 1024;

export const BATCH_POSITIONALS = {
  paths: {
    type: 'string',
    array: true,
    describe: 'files or directories (walked), or - for standard input',
  },
} as const;

export const BATCH_OPTIONS = {
  name: nameOption(
    'names to check every leaf against; without it apiserver-like certificates get the in-cluster names and the others their own checks',
  ),
  client: clientOption('client profile(s) as for diagnose; the first decides the verdict'),
  ca: caOption('trust anchors for every certificate (as diagnose --ca)'),
  'heapster-version': heapsterVersionOption(),
  at: atOption('evaluate at this time instead of now'),
  'warn-days': {
    type: 'number',
    default: DEFAULT_WARN_DAYS,
    describe: 'flag certificates expiring within this many days',
  },
  format: formatOption(
    ['text', 'jsonl'],
    'a summary table, or JSON Lines (one object per certificate, then the tally)',
  ),
  color: colorOption('colour on a terminal'),
  'service-ip': serviceIpOption('the kubernetes Service IP pods dial'),
  'service-cidr': serviceCidrOptionNoDefault(),
  'cluster-domain': clusterDomainOption(),
  jobs: {
    alias: 'j',
    type: 'number',
    describe: 'worker threads (default: all cores once the input is large; 1: none)',
  },
  progress: {
    type: 'boolean',
    default: true,
    describe: 'a progress line on stderr when it is a terminal (--no-progress: never)',
  },
  'max-input-bytes': maxInputBytesOption(
    DEFAULT_BATCH_MAX_INPUT_BYTES,
    'refuse input files larger than this',
  ),
} as const;

export type BatchOptions = Parsed<typeof BATCH_POSITIONALS> & Parsed<typeof BATCH_OPTIONS>;
