/**
 * Builds tests/oracle/go/generate/main.go once (standard library only, GO111MODULE=off,
 * nothing downloaded) and asks it for apiserver certificates made by the real Go
 * crypto/x509 following each era's recipe. Availability is the Go oracle's (../../go.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goProgram } from '../../go-program.js';

const runGenerate = goProgram(
  join(dirname(fileURLToPath(import.meta.url)), 'main.go'),
  'go-generate',
  'Go generator',
);

export interface GoGenerateRequest {
  readonly id: string;
  readonly row: string;
  readonly host: string;
  readonly serviceIp: string;
  readonly unix: number;
}

/** apiserver.crt PEM per request, made by real Go. */
export async function runGoGenerate(
  requests: readonly GoGenerateRequest[],
): Promise<Map<string, string>> {
  const stdout = await runGenerate(JSON.stringify(requests));
  const answers = JSON.parse(stdout) as { id: string; pem: string }[];
  return new Map(answers.map((answer) => [answer.id, answer.pem]));
}
