/** What `diagnose simulate-restart` does (src/cli/simulate-restart/declare.ts declares it). */
import { diagnose } from '../../diagnose/index.js';
import { ExitCode, UsageError } from '../../base/errors.js';
import { certificatesFrom, type CertificateWithFacts } from '../../inputs/index.js';
import { generateApiserver } from '../../generate/apiserver.js';
import { simulateRestarts } from '../../generate/restart.js';
import { defaultNames } from '../../names/defaults.js';
import { renderRestartMarkdown, renderRestartText } from '../../render/restart.js';
import { computeSignatureChecks } from '../../verify/signatures.js';
import { VERSION } from '../../base/version.js';
import { resolveClients } from '../../diagnose/clients.js';
import { DEFAULT_CLIENTS, MAX_RESTARTS, type SimulateOptions } from './settings.js';
import { resolveGenerator } from '../generate/run.js';
import type { Io } from '../io.js';
import { terminalStyle } from '../style.js';

export async function runSimulate(flags: SimulateOptions, io: Io): Promise<ExitCode> {
  const restarts = flags.restarts;
  if (!Number.isInteger(restarts) || restarts < 0 || restarts > MAX_RESTARTS) {
    throw new UsageError(`--restarts must be a whole number from 0 to ${MAX_RESTARTS}`);
  }
  const base = resolveGenerator(flags, io);
  const requested = flags.client ?? [];
  const clients = resolveClients(
    requested.length > 0 ? requested : DEFAULT_CLIENTS,
    flags['heapster-version'],
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
      loseCertDir: flags['lose-cert-dir'],
      start: base.options.generatedAt,
    },
    generate: async (start) => {
      const { options } = resolveGenerator(flags, io, `start${start.index}/`);
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

  const format = flags.format;
  if (format === 'json') io.stdout(`${JSON.stringify(simulation, null, 2)}\n`);
  else if (format === 'markdown' || format === 'md') io.stdout(renderRestartMarkdown(simulation));
  else
    io.stdout(
      renderRestartText(simulation, await terminalStyle(io.stdoutIsTTY, io.env, flags.color)),
    );
  const primary = clients.ids[0];
  const primaryFails = simulation.steps.some((step) =>
    step.answers.some((answer) => answer.client === primary && !answer.ok),
  );
  return primaryFails ? ExitCode.fail : ExitCode.pass;
}
