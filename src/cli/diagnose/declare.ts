/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report (src/cli/diagnose/run.ts does the work).
 */
import { defineCommand } from '../command.js';
import { markPhase } from '../phases.js';
import { DIAGNOSE_OPTIONS, DIAGNOSE_POSITIONALS } from './settings.js';

export const diagnoseCommand = defineCommand({
  command: '$0 [certificate]',
  describe: 'judge a certificate for the names in-cluster clients dial',
  positionals: DIAGNOSE_POSITIONALS,
  options: DIAGNOSE_OPTIONS,
  // The work, and what it imports, is loaded only when this command runs.
  run: async (options, io, argv) => {
    const { runDiagnose } = await import('./run.js');
    // For KUBE_TLS_DOCTOR_PHASES (src/cli/main.ts): the modules are loaded, the work starts.
    markPhase('command-loaded');
    return runDiagnose(options, io, argv);
  },
});
