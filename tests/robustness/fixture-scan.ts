/**
 * What the secrets scans share: every file and directory under fixtures/, the secret values
 * found in them (keys, tokens) and the public text beside them, and a diagnose run whose
 * output is kept and whose dials are recorded instead of made.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processIo, type Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { InputError } from '../../src/base/errors.js';
import { FORMATS } from '../../src/cli/diagnose/settings.js';
import { collectPublic, collectSecrets, leaks } from './secrets.js';

function walk(dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      dirs.push(path);
      const inner = walk(path);
      files.push(...inner.files);
      dirs.push(...inner.dirs);
    } else files.push(path);
  }
  return { files, dirs };
}

export const { files, dirs } = walk('fixtures');
export const texts = files.map((file) => readFileSync(file, 'latin1'));
export const secrets = [...new Set(texts.flatMap((text) => collectSecrets(text)))];
export const publicText = texts.map(collectPublic).join('\n');
export const SEED = 'fixtures/seed/apiserver.crt';
/** Every renderer once: `md` is another name for `markdown`. */
export const RENDERERS = FORMATS.filter((format) => format !== 'md');

/** Dials attempted, by input: only a kubeconfig (which names its server) may dial. */
export const dials: string[] = [];

export async function diagnose(argv: string[]): Promise<string> {
  let output = '';
  const io: Io = {
    ...processIo,
    env: {},
    stdoutIsTTY: false,
    stdout: (text) => void (output += text),
    stderr: (text) => void (output += text),
    write: () => Promise.reject(new Error('diagnose must not write')),
    tlsHandshake: (request) => {
      dials.push(`${argv[0] ?? ''} → ${request.host}:${request.port}`);
      return Promise.reject(new InputError(request.host, 'connection refused (test)'));
    },
  };
  const code = await run([...argv, '--at', '2016-03-01T00:00:00Z'], io);
  if (code === 3) throw new Error(`internal error for ${argv.join(' ')}: ${output}`);
  return output;
}

/**
 * Part `part` (0-based) of `parts` of every fixture path, as the certificate in every
 * format and as --ca: the leaks found. Split so that the sweep, several hundred paths,
 * runs on every test worker at once.
 */
export async function fixtureLeaks(part: number, parts: number): Promise<string[]> {
  const found: string[] = [];
  const paths = [...files, ...dirs].filter((_, index) => index % parts === part);
  for (const path of paths) {
    for (const format of RENDERERS) {
      const outputs = [await diagnose([path, '--format', format, '--client', 'all'])];
      if (format === 'text') outputs.push(await diagnose([SEED, '--ca', path]));
      for (const output of outputs) {
        for (const leak of leaks(output, secrets, publicText))
          found.push(`${path} (${format}): ${leak}`);
      }
    }
  }
  return found;
}
