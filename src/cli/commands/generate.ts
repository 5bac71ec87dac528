/**
 * `diagnose generate`: makes the certificate a kube-apiserver of the given release made
 * for itself when started without --tls-cert-file (src/kube/generate.ts). Without --out
 * only the certificate PEM is printed; the private key is written only into --out.
 */
import { isIP } from 'node:net';
import type { Argv } from 'yargs';
import { ExitCode, UsageError } from '../../errors.js';
import type { EraRow } from '../../kube/eras.js';
import { generateApiserver, kubernetesRelease, type GenerateOptions } from '../../kube/generate.js';
import { seededRsaKey } from '../../kube/seeded-key.js';
import { firstServiceIp, DEFAULT_SERVICE_CIDR } from '../../names/defaults.js';
import { stringArg, type Args, type Command } from '../command.js';
import type { Io } from '../io.js';
import { parseAt } from '../time.js';

export const DEFAULT_HOST = 'vm-56-65';
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
    .option('service-ip', {
      type: 'string',
      describe:
        'the kubernetes Service IP put into the IP SANs (default: first IP of --service-cidr)',
    })
    .option('service-cidr', {
      type: 'string',
      default: DEFAULT_SERVICE_CIDR,
      describe: "the apiserver's --service-cluster-ip-range",
    })
    .option('at', {
      type: 'string',
      describe: 'when the generator runs (RFC 3339 or unix seconds); default now',
    })
    .option('seed', {
      type: 'string',
      describe: 'derive the keys from this text, for reproducible examples (never for real use)',
    });
}

export interface ResolvedGenerator {
  readonly options: GenerateOptions;
  readonly release: string;
  readonly regenerates: 'every-start' | 'when-missing';
}

export function resolveGenerator(args: Args, io: Io, keyLabel = ''): ResolvedGenerator {
  const versionText = stringArg(args, 'k8s-version');
  const rowArg = stringArg(args, 'row') as EraRow | undefined;
  if (versionText === undefined && rowArg === undefined) {
    throw new UsageError('--k8s-version is required (or --row A–H)');
  }
  const release = versionText === undefined ? undefined : kubernetesRelease(versionText);
  const row = rowArg ?? release?.era.row ?? 'C';
  const host = (stringArg(args, 'host') ?? DEFAULT_HOST).trim();
  if (host === '' || /[\s@]/.test(host)) {
    throw new UsageError(`--host: ${JSON.stringify(host)} is not an address or host name`);
  }
  const at = stringArg(args, 'at');
  const seed = stringArg(args, 'seed');
  return {
    release: release?.version ?? `row ${row}`,
    regenerates: release?.regenerates ?? (row <= 'C' ? 'every-start' : 'when-missing'),
    options: {
      row,
      host,
      serviceIp: serviceIpArg(args),
      generatedAt: at === undefined ? io.now() : parseAt(at),
      goKeyIds: release?.goKeyIds ?? false,
      ...(seed === undefined
        ? {}
        : {
            key: (label: 'ca' | 'serving') => seededRsaKey(seed, `${keyLabel}${label}`),
            randomSerial: seededSerials(seed, keyLabel),
          }),
    },
  };
}

function serviceIpArg(args: Args): string {
  const ip = stringArg(args, 'service-ip');
  if (ip === undefined)
    return firstServiceIp(stringArg(args, 'service-cidr') ?? DEFAULT_SERVICE_CIDR);
  if (isIP(ip.trim()) === 0) {
    throw new UsageError(`--service-ip: ${JSON.stringify(ip)} is not an IP address`);
  }
  return ip.trim();
}

/** Reproducible stand-ins for client-go's random serials under --seed. */
function seededSerials(seed: string, label: string): () => bigint {
  let counter = 0;
  return () => {
    let hash = 0n;
    for (const char of `${seed}/${label}/${counter++}`)
      hash = (hash * 131n + BigInt(char.charCodeAt(0))) % ((1n << 63n) - 2n);
    return hash + 1n;
  };
}

export const generateCommand: Command = {
  command: 'generate',
  describe: 'make the certificate a kube-apiserver of --k8s-version made for itself',
  builder: (yargs: Argv) =>
    generatorOptions(yargs).option('out', {
      type: 'string',
      describe: 'write apiserver.crt and apiserver.key into this directory, like --cert-dir',
    }),
  run: (args, io) => runGenerate(args, io),
};

async function runGenerate(args: Args, io: Io): Promise<ExitCode> {
  const { options } = resolveGenerator(args, io);
  const generated = await generateApiserver(options);
  const out = stringArg(args, 'out');
  if (out === undefined) {
    io.stdout(generated.certPem);
    return ExitCode.pass;
  }
  if (!io.write) throw new UsageError('--out: this environment cannot write files');
  const dir = out.replace(/\/+$/, '') || '/';
  await io.write(`${dir}/apiserver.crt`, generated.certPem, 0o644);
  await io.write(`${dir}/apiserver.key`, generated.keyPem, 0o600);
  io.stdout(`wrote ${dir}/apiserver.crt\nwrote ${dir}/apiserver.key (private key, mode 0600)\n`);
  return ExitCode.pass;
}
