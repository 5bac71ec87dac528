/**
 * The Go programs the tests run (the verify oracle, the certificate generator): standard
 * library only, GO111MODULE=off so nothing is downloaded, built once per source and
 * toolchain version (the file name carries a hash of both) into tests/oracle/.bin/, and
 * fed JSON on stdin. A build goes to a temporary name and is renamed into place, so test
 * files building the same program at once never run a half-written binary.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '.bin');

/** The toolchain on PATH; others are named by their `go` binary's path. */
export const DEFAULT_GO = 'go';

export function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'kube-tls-doctor-go-build'),
    // What Go says must not depend on the tester's GODEBUG (x509sha1, x509ignoreCN …).
    GODEBUG: '',
    // A toolchain named by path must not switch itself to another (Go 1.21+ GOTOOLCHAIN).
    GOTOOLCHAIN: 'local',
  };
}

const versions = new Map<string, string | Error>();

/** `<go> version`'s line, or the error that running it gave; asked once per toolchain. */
export function goVersion(go: string = DEFAULT_GO): string | Error {
  let version = versions.get(go);
  if (version === undefined) {
    const result = spawnSync(go, ['version'], { encoding: 'utf8', env: goEnv() });
    version =
      result.error || result.status !== 0
        ? new Error(result.error?.message ?? result.stderr.trim())
        : result.stdout.trim();
    versions.set(go, version);
  }
  return version;
}

/**
 * `source` built with toolchain `go` as `.bin/<name>-<hash>` on first use; each call runs it
 * on `stdin`. With `moduleGo` (e.g. `1.23`) it is built as a module whose go.mod says
 * `go <moduleGo>`: from Go 1.21 the GODEBUG defaults follow that line (x509negativeserial=0
 * for go 1.23), while GOPATH-mode builds get Go 1.20's, which no real client of that release
 * has.
 */
export function goProgram(
  source: string,
  name: string,
  label: string,
  go: string = DEFAULT_GO,
  moduleGo: string | null = null,
): (stdin: string) => Promise<string> {
  let binary: Promise<string> | undefined;
  const build = (): Promise<string> =>
    (binary ??= (async () => {
      const version = goVersion(go);
      if (version instanceof Error) throw version;
      const hash = createHash('sha256')
        .update(readFileSync(source))
        .update(`${version} ${moduleGo ?? 'gopath'}`)
        .digest('hex')
        .slice(0, 12);
      const output = join(BIN_DIR, `${name}-${hash}`);
      if (!existsSync(output)) {
        mkdirSync(BIN_DIR, { recursive: true });
        const partial = `${output}.${process.pid}.partial`;
        if (moduleGo === null) {
          await promisify(execFile)(go, ['build', '-o', partial, source], { env: goEnv() });
        } else {
          const dir = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-go-module-'));
          try {
            writeFileSync(join(dir, 'go.mod'), `module oracle\n\ngo ${moduleGo}\n`);
            copyFileSync(source, join(dir, basename(source)));
            await promisify(execFile)(go, ['build', '-o', partial, '.'], {
              cwd: dir,
              env: { ...goEnv(), GO111MODULE: 'on', GOFLAGS: '-mod=mod' },
            });
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }
        renameSync(partial, output);
      }
      return output;
    })());
  return async (stdin) => {
    const bin = await build();
    return new Promise<string>((resolve, reject) => {
      const child = spawn(bin, [], { env: goEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else reject(new Error(`${label} exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
      });
      child.stdin.end(stdin);
    });
  };
}
