/**
 * `diagnose simulate-restart`: generate the apiserver's certificate as --k8s-version did,
 * copy it into ca.crt as the service-account secrets would, restart the apiserver
 * --restarts times and show what each client says after each restart (src/generate/restart.ts).
 */
import type { Argv } from 'yargs';
import { MAX_RESTARTS } from '../../generate/restart.js';
import { CLIENT_IDS } from '../../verify/types.js';
import type { Command } from '../command.js';
import { clientOption, colorOption, formatOption, heapsterVersionOption } from '../options.js';
import { generatorOptions } from '../generate/declare.js';
import { withX509 } from '../../base/with-x509.js';

const FORMATS = ['text', 'json', 'markdown', 'md'] as const;

export const simulateRestartCommand: Command = {
  command: 'simulate-restart',
  describe: 'restart a self-signing apiserver and watch its clients lose trust in ca.crt',
  builder: (yargs: Argv) =>
    generatorOptions(yargs)
      .option('restarts', {
        type: 'number',
        default: 3,
        describe: `restarts after the first start, one hour apart (at most ${MAX_RESTARTS})`,
      })
      .option('lose-cert-dir', {
        type: 'boolean',
        default: false,
        describe: '--cert-dir does not survive a restart (tmpfs /var/run/kubernetes)',
      })
      .option(
        'client',
        clientOption(
          `client profiles (default heapster, go, openssl, node): heapster, all, or ${CLIENT_IDS.join(', ')}`,
        ),
      )
      .option('heapster-version', heapsterVersionOption())
      .option('format', formatOption(FORMATS, 'output format'))
      .option('color', colorOption()),
  // The generator and the restart renderer are loaded only when this command runs.
  run: async (args, io) => (await withX509(() => import('./run.js'))).runSimulate(args, io),
};
