// The CLI's entry, bundled into dist/cli.cjs (scripts/build.mjs) and run by bin/diagnose.js.
// Everything a run may need is in that one file; what only some runs use (other
// subcommands, live TLS, batch, yargs when the fast argument path suffices, the full
// certificate parser with reflect-metadata before @peculiar/x509: src/facts/certificate.ts)
// is still imported dynamically, so it is evaluated only when used.
import { processIo, quietPipes } from './io.js';
import { run } from './run.js';

// Milliseconds since the process started. bin/diagnose.js notes when it began to read and
// compile this bundle; from then to here is loading it.
const started =
  (globalThis as Record<symbol, number | undefined>)[Symbol.for('kube-tls-doctor.started')] ?? 0;
const loaded = performance.now();
quietPipes();
void run(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
  // `npm run bench` asks where a cold start's time goes (docs/performance.md).
  // boot: Node's bootstrap and the bin; load: reading, compiling (from the code cache when
  // it is accepted) and evaluating this bundle; command: the command's own modules
  // (src/cli/diagnose/declare.ts marks when they are in); run: reading, parsing, verifying,
  // rendering.
  if (process.env['KUBE_TLS_DOCTOR_PHASES'] === '1') {
    const ended = performance.now();
    const commandLoaded = performance.getEntriesByName('command-loaded')[0]?.startTime ?? loaded;
    const phases = {
      boot: started,
      load: loaded - started,
      command: commandLoaded - loaded,
      run: ended - commandLoaded,
    };
    process.stderr.write(`phases ${JSON.stringify(phases)}\n`);
  }
});
