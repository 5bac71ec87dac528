/**
 * The main job: `diagnose <certificate>` judges the names in-cluster clients dial under
 * each client profile and prints the report (src/cli/diagnose/run.ts does the work).
 */
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { DIAGNOSE_OPTIONS, type DiagnoseOptions } from './settings.js';

export const diagnoseCommand: Command = {
  command: '$0 [certificate]',
  describe: 'judge a certificate for the names in-cluster clients dial',
  builder: (yargs: Argv) => {
    let declared = yargs.positional('certificate', {
      type: 'string',
      describe:
        'a file (PEM, DER, base64), - or a pipe for stdin, a Secret, a webhook configuration, a kubeconfig, a kubeadm pki dir, or https://host:port (live)',
    });
    for (const [name, settings] of Object.entries(DIAGNOSE_OPTIONS)) {
      declared = declared.option(name, settings);
    }
    return declared;
  },
  // The work, and what it imports, is loaded only when this command runs.
  run: async (args, io, argv) => {
    const { runDiagnose } = await import('./run.js');
    // For KUBE_TLS_DOCTOR_PHASES (src/cli/main.ts): the modules are loaded, the work starts.
    performance.mark('command-loaded');
    // The parser built these from DIAGNOSE_OPTIONS, so they have its types.
    return runDiagnose(args as DiagnoseOptions, io, argv);
  },
};
