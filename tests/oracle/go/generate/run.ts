/**
 * Builds tests/oracle/go/generate/main.go once (standard library only, GO111MODULE=off,
 * nothing downloaded) and asks it for apiserver certificates made by the real Go
 * crypto/x509 following each era's recipe. Availability is the Go oracle's (../../go.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(HERE, 'main.go');
const BIN_DIR = join(HERE, '..', '..', '.bin');

export interface GoGenerateRequest {
  readonly id: string;
  readonly row: string;
  readonly host: string;
  readonly serviceIp: string;
  readonly unix: number;
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'kube-tls-doctor-go-build'),
  };
}

let binary: Promise<string> | undefined;

function build(): Promise<string> {
  binary ??= (async () => {
    const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 12);
    const output = join(BIN_DIR, `go-generate-${hash}`);
    if (!existsSync(output)) {
      mkdirSync(BIN_DIR, { recursive: true });
      await promisify(execFile)('go', ['build', '-o', output, SOURCE], { env: env() });
    }
    return output;
  })();
  return binary;
}

/** apiserver.crt PEM per request, made by real Go. */
export async function runGoGenerate(
  requests: readonly GoGenerateRequest[],
): Promise<Map<string, string>> {
  const bin = await build();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, [], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`Go generator exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(JSON.stringify(requests));
  });
  const answers = JSON.parse(stdout) as { id: string; pem: string }[];
  return new Map(answers.map((answer) => [answer.id, answer.pem]));
}
