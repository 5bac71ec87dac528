/**
 * `diagnose generate`: makes the certificate a kube-apiserver of the given release made
 * for itself when started without --tls-cert-file (src/generate/apiserver.ts). Without --out
 * only the certificate PEM is printed; the private key is written only into --out.
 */
import type { Argv } from 'yargs';
import type { EraRow } from '../../kube/eras.js';
import type { Command } from '../command.js';
import { atOption, serviceCidrOption, serviceIpOption } from '../options.js';
import { DEFAULT_HOST } from './settings.js';
import { withX509 } from '../../base/with-x509.js';

const ROWS: readonly EraRow[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** The options `generate` and `simulate-restart` share. */
export function generatorOptions(yargs: Argv): Argv {
  return yargs
    .option('k8s-version', {
      type: 'string',
      describe: 'Kubernetes release of the apiserver, v0.8 to today (e.g. 1.0, v1.2.4, 1.28)',
    })
    .option('row', {
      choices: ROWS,
      describe:
        'generator era row (docs/san-vs-cn.md) instead of --k8s-version; B exists only here',
    })
    .option('host', {
      type: 'string',
      default: DEFAULT_HOST,
      describe: "the apiserver's public/advertise address: the CN's host and a SAN (IP or DNS)",
    })
    .option(
      'service-ip',
      serviceIpOption(
        'the kubernetes Service IP put into the IP SANs (default: first IP of --service-cidr)',
      ),
    )
    .option('service-cidr', serviceCidrOption())
    .option('at', atOption('when the generator runs (RFC 3339 or unix seconds); default now'))
    .option('seed', {
      type: 'string',
      describe: 'derive the keys from this text, for reproducible examples (never for real use)',
    });
}

export const generateCommand: Command = {
  command: 'generate',
  describe: 'make the certificate a kube-apiserver of --k8s-version made for itself',
  builder: (yargs: Argv) =>
    generatorOptions(yargs)
      .option('out', {
        type: 'string',
        describe: 'write apiserver.crt and apiserver.key into this directory, like --cert-dir',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'with --out: replace existing apiserver.crt and apiserver.key',
      }),
  // The generator (@peculiar/x509, key generation) is loaded only when this command runs.
  run: async (args, io) => (await withX509(() => import('./run.js'))).runGenerate(args, io),
};
