// The static checks `npm test` runs before the tests — the type check, ESLint and Prettier —
// side by side rather than one after another (they are independent, and each leaves a core
// idle much of the time). Each one's output is printed whole, in this order, once all end;
// the exit code is 1 if any failed.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['eslint', 'npx', ['eslint', '.']],
  ['prettier', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
];

const results = await Promise.all(
  CHECKS.map(
    ([name, command, args]) =>
      new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ name, code, output }));
      }),
  ),
);
for (const { name, code, output } of results) {
  if (output !== '') process.stdout.write(output);
  if (code !== 0) process.stderr.write(`${name} failed (exit ${code})\n`);
}
process.exitCode = results.every(({ code }) => code === 0) ? 0 : 1;
