/**
 * `diagnose generate`: makes the certificate a kube-apiserver of the given release made
 * for itself when started without --tls-cert-file (src/generate/apiserver.ts). Without --out
 * only the certificate PEM is printed; the private key is written only into --out.
 */
import { defineCommand } from '../command.js';
import { GENERATE_OPTIONS } from './settings.js';
import { withX509 } from '../../base/with-x509.js';

export const generateCommand = defineCommand({
  command: 'generate',
  describe: 'make the certificate a kube-apiserver of --k8s-version made for itself',
  positionals: {},
  options: GENERATE_OPTIONS,
  // The generator (@peculiar/x509, key generation) is loaded only when this command runs.
  run: async (options, io) => (await withX509(() => import('./run.js'))).runGenerate(options, io),
});
