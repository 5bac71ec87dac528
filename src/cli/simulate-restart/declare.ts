/**
 * `diagnose simulate-restart`: generate the apiserver's certificate as --k8s-version did,
 * copy it into ca.crt as the service-account secrets would, restart the apiserver
 * --restarts times and show what each client says after each restart (src/generate/restart.ts).
 */
import { defineCommand } from '../command.js';
import { SIMULATE_OPTIONS } from './settings.js';
import { withX509 } from '../../base/with-x509.js';

export const simulateRestartCommand = defineCommand({
  command: 'simulate-restart',
  describe: 'restart a self-signing apiserver and watch its clients lose trust in ca.crt',
  positionals: {},
  options: SIMULATE_OPTIONS,
  // The generator and the restart renderer are loaded only when this command runs.
  run: async (options, io) => (await withX509(() => import('./run.js'))).runSimulate(options, io),
});
