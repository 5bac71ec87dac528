/**
 * What `diagnose generate` does, and how `generate` and `simulate-restart` turn their
 * shared flags (src/cli/generate/settings.ts GENERATOR_OPTIONS) into generator options.
 */
import { ipVersion } from '../../base/ip.js';
import { ExitCode, UsageError } from '../../base/errors.js';
import {
  generateApiserver,
  kubernetesRelease,
  type GenerateOptions as GeneratorSettings,
} from '../../generate/apiserver.js';
import { seededRsaKey } from '../../generate/seeded-key.js';
import { firstServiceIp } from '../../names/defaults.js';
import type { GenerateOptions, GeneratorOptions } from './settings.js';
import type { Io } from '../io.js';
import { parseAt } from '../time.js';

export interface ResolvedGenerator {
  readonly options: GeneratorSettings;
  readonly release: string;
  readonly regenerates: 'every-start' | 'when-missing';
}

export function resolveGenerator(
  flags: GeneratorOptions,
  io: Io,
  keyLabel = '',
): ResolvedGenerator {
  const versionText = flags['k8s-version'];
  const rowArg = flags.row;
  if (versionText === undefined && rowArg === undefined) {
    throw new UsageError('--k8s-version is required (or --row A–H)');
  }
  const release = versionText === undefined ? undefined : kubernetesRelease(versionText);
  const row = rowArg ?? release?.era.row ?? 'C';
  const host = flags.host.trim();
  if (host === '' || /[\s@]/.test(host)) {
    throw new UsageError(`--host: ${JSON.stringify(host)} is not an address or host name`);
  }
  const at = flags.at;
  const seed = flags.seed;
  return {
    release: release?.version ?? `row ${row}`,
    regenerates: release?.regenerates ?? (row <= 'C' ? 'every-start' : 'when-missing'),
    options: {
      row,
      host,
      serviceIp: serviceIp(flags),
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

function serviceIp(flags: GeneratorOptions): string {
  const ip = flags['service-ip'];
  if (ip === undefined) return firstServiceIp(flags['service-cidr']);
  if (ipVersion(ip.trim()) === 0) {
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

export async function runGenerate(flags: GenerateOptions, io: Io): Promise<ExitCode> {
  const { options } = resolveGenerator(flags, io);
  const generated = await generateApiserver(options);
  const out = flags.out;
  if (out === undefined) {
    io.stdout(generated.certPem);
    return ExitCode.pass;
  }
  if (!io.write) throw new UsageError('--out: this environment cannot write files');
  // `--out ''` is a mistake, not the root directory.
  if (out.trim() === '') throw new UsageError('--out: give a directory to write into');
  const dir = out.replace(/\/+$/, '') || '/';
  const kind = io.pathKind ? await io.pathKind(dir) : 'missing';
  if (kind !== 'directory' && kind !== 'missing')
    throw new UsageError(`--out: ${dir} exists and is not a directory`);
  // The key first in the list: both are written to temporaries before either is renamed.
  await io.write(
    [
      { path: `${dir}/apiserver.key`, data: generated.keyPem, mode: 0o600 },
      { path: `${dir}/apiserver.crt`, data: generated.certPem, mode: 0o644 },
    ],
    flags.force,
  );
  io.stdout(`wrote ${dir}/apiserver.crt\nwrote ${dir}/apiserver.key (private key, mode 0600)\n`);
  return ExitCode.pass;
}
