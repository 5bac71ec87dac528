/**
 * run(argv, io) → exit code: the process boundary. The one place that catches: our
 * own errors become one line on stderr (exit 2); anything else is a bug (exit 3).
 */
import type { X509Certificate } from '@peculiar/x509';
import { diagnose } from '../diagnose/index.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { extractFacts, FactsError } from '../facts/extract.js';
import type { CertFacts } from '../facts/types.js';
import { loadCertificates } from '../load/index.js';
import { defaultNames, userNames } from '../names/defaults.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import { computeSignatureChecks } from '../verify/signatures.js';
import { VERSION } from '../version.js';
import { parseArgs, type DiagnoseOptions } from './args.js';
import { resolveClients } from './clients.js';
import type { Io } from './io.js';
import { terminalStyle } from './style.js';
import { parseAt } from './time.js';

export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  try {
    const parsed = await parseArgs(argv);
    if (parsed.kind === 'text') {
      io.stdout(parsed.text);
      return ExitCode.pass;
    }
    return await diagnoseCommand(parsed.options, io);
  } catch (error) {
    return reportError(
      error,
      io,
      argv.includes('--debug') || (io.env['DEBUG'] ?? '').includes('kube-tls-doctor'),
    );
  }
}

async function diagnoseCommand(options: DiagnoseOptions, io: Io): Promise<ExitCode> {
  const now = options.at === undefined ? io.now() : parseAt(options.at);
  const clients = resolveClients(options.clients, options.heapsterVersion);
  const names =
    options.names.length > 0
      ? userNames(options.names)
      : defaultNames({
          serviceHostEnv: io.env['KUBERNETES_SERVICE_HOST'],
          serviceIp: options.serviceIp,
          serviceCidr: options.serviceCidr,
          clusterDomain: options.clusterDomain,
        });
  const source = options.certificate;
  const bytes = await io.read(source, options.maxInputBytes);
  const loaded = loadCertificates(bytes, source);
  const certificates = await factsOf(
    loaded.map((entry) => entry.cert),
    source,
  );

  const report = diagnose({
    source,
    certificates: certificates.map((entry) => entry.facts),
    roots: null,
    names,
    clients: clients.ids,
    heapster: clients.heapster
      ? { version: clients.heapster.version, go: clients.heapster.go }
      : null,
    now,
    signatures: await computeSignatureChecks(certificates),
    toolVersion: VERSION,
  });

  io.stdout(
    options.format === 'json'
      ? renderJson(report)
      : renderText(report, terminalStyle(io.stdoutIsTTY, io.env, options.color)),
  );
  return report.verdict === 'pass' ? ExitCode.pass : ExitCode.fail;
}

async function factsOf(
  certs: readonly X509Certificate[],
  source: string,
): Promise<{ facts: CertFacts; cert: X509Certificate }[]> {
  return Promise.all(
    certs.map(async (cert, index) => {
      try {
        return { facts: await extractFacts(cert, index), cert };
      } catch (error) {
        const which =
          certs.length > 1 ? `certificate ${index + 1} of ${certs.length}` : 'the certificate';
        const reason =
          error instanceof FactsError || error instanceof Error
            ? error.message.split('\n')[0]
            : String(error);
        throw new InputError(source, `${which} has a malformed extension: ${reason}`);
      }
    }),
  );
}

function reportError(error: unknown, io: Io, debug: boolean): ExitCode {
  if (error instanceof InputError || error instanceof UsageError) {
    io.stderr(`diagnose: ${oneLine(error.message)}\n`);
    return ExitCode.input;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(
    `diagnose: internal error: ${oneLine(detail)} — please report it with the command you ran (--debug shows the stack)\n`,
  );
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return ExitCode.internal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
