/**
 * `diagnose simulate-restart`: generate the apiserver's certificate as --k8s-version did,
 * copy it into ca.crt as the service-account secrets would, restart the apiserver
 * --restarts times and show what each client says after each restart (src/kube/restart.ts).
 */
import type { Argv } from 'yargs';
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, UsageError } from '../../errors.js';
import { certificatesFrom, type CertificateWithFacts } from '../../inputs/index.js';
import { generateApiserver } from '../../kube/generate.js';
import { MAX_RESTARTS, simulateRestarts } from '../../kube/restart.js';
import { defaultNames } from '../../names/defaults.js';
import { renderRestartMarkdown, renderRestartText } from '../../render/restart.js';
import { computeSignatureChecks } from '../../verify/signatures.js';
import { CLIENT_IDS } from '../../verify/types.js';
import { VERSION } from '../../version.js';
import { resolveClients } from '../clients.js';
import {
  booleanArg,
  numberArg,
  stringArg,
  stringsArg,
  type Args,
  type Command,
} from '../command.js';
import type { Io } from '../io.js';
import { terminalStyle } from '../style.js';
import { generatorOptions, resolveGenerator } from './generate.js';

const FORMATS = ['text', 'json', 'markdown'] as const;
const DEFAULT_CLIENTS = ['heapster', 'go', 'openssl', 'node'];

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
      .option('client', {
        alias: 'c',
        type: 'string',
        array: true,
        describe: `client profiles (default heapster, go, openssl, node): heapster, all, or ${CLIENT_IDS.join(', ')}`,
      })
      .option('heapster-version', {
        type: 'string',
        default: 'v1.6',
        describe: 'Heapster release for the heapster profile',
      })
      .option('format', {
        alias: 'f',
        choices: FORMATS,
        default: 'text',
        describe: 'output format',
      })
      .option('color', {
        type: 'boolean',
        default: true,
        describe: 'colour on a terminal (--no-color, or NO_COLOR, turns it off)',
      }),
  run: (args, io) => runSimulate(args, io),
};

async function runSimulate(args: Args, io: Io): Promise<ExitCode> {
  const restarts = numberArg(args, 'restarts') ?? 3;
  if (!Number.isInteger(restarts) || restarts < 0 || restarts > MAX_RESTARTS) {
    throw new UsageError(`--restarts must be a whole number from 0 to ${MAX_RESTARTS}`);
  }
  const base = resolveGenerator(args, io);
  const requested = stringsArg(args, 'client');
  const clients = resolveClients(
    requested.length > 0 ? requested : DEFAULT_CLIENTS,
    stringArg(args, 'heapster-version'),
  );
  const names = defaultNames({ serviceIp: base.options.serviceIp });
  const generatedCerts: CertificateWithFacts[] = [];

  const simulation = await simulateRestarts({
    release: base.release,
    row: base.options.row,
    host: base.options.host,
    serviceIp: base.options.serviceIp,
    plan: {
      regenerates: base.regenerates,
      restarts,
      loseCertDir: booleanArg(args, 'lose-cert-dir'),
      start: base.options.generatedAt,
    },
    generate: async (start) => {
      const { options } = resolveGenerator(args, io, `start${start.index}/`);
      const generated = await generateApiserver({ ...options, generatedAt: start.at });
      const chain = await certificatesFrom(
        new TextEncoder().encode(generated.certPem),
        'apiserver.crt',
      );
      generatedCerts.push(...chain);
      return { chain: chain.map((entry) => entry.facts) };
    },
    judge: async (served, caCrt, at) =>
      diagnose({
        source: 'apiserver.crt',
        certificates: served.chain,
        roots: caCrt,
        names,
        clients: clients.ids,
        heapster: clients.heapster
          ? { version: clients.heapster.version, go: clients.heapster.go }
          : null,
        now: at,
        // Every certificate generated so far: the served chain and the ca.crt copy among them.
        signatures: await computeSignatureChecks(generatedCerts),
        toolVersion: VERSION,
      }),
  });

  const format = stringArg(args, 'format');
  if (format === 'json') io.stdout(`${JSON.stringify(simulation, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(renderRestartMarkdown(simulation));
  else
    io.stdout(
      renderRestartText(
        simulation,
        terminalStyle(io.stdoutIsTTY, io.env, booleanArg(args, 'color')),
      ),
    );
  const primary = clients.ids[0];
  const primaryFails = simulation.steps.some((step) =>
    step.answers.some((answer) => answer.client === primary && !answer.ok),
  );
  return primaryFails ? ExitCode.fail : ExitCode.pass;
}
