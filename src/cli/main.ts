// The CLI's entry, bundled into dist/cli.cjs (scripts/build.mjs) and run by bin/diagnose.js.
// Everything a run may need is in that one file or beside it; what only some runs use
// (other subcommands, live TLS, batch, yargs when the fast argument path suffices, the full
// certificate parser with reflect-metadata before @peculiar/x509: src/facts/certificate.ts)
// is imported dynamically, so it is evaluated only when used.
import { outputSettled, processIo } from './io.js';
import { codeCache, phaseClock, phaseMark } from './phases.js';
import { run } from './run.js';

const loaded = phaseClock();
void run(process.argv.slice(2), processIo).then((code) => {
  // boot: Node's bootstrap and the bin; load: reading, compiling (from the code cache when
  // it is accepted) and evaluating this bundle; command: the command's own modules
  // (src/cli/diagnose/declare.ts marks when they are in); run: reading, parsing, verifying,
  // rendering. codeCache: whether V8 took the bundle's code cache.
  if (process.env['KUBE_TLS_DOCTOR_PHASES'] === '1') {
    const started = phaseMark('started') ?? 0;
    const commandLoaded = phaseMark('command-loaded') ?? loaded;
    const phases = {
      boot: started,
      load: loaded - started,
      command: commandLoaded - loaded,
      run: phaseClock() - commandLoaded,
      codeCache: codeCache(),
    };
    processIo.stderr(`phases ${JSON.stringify(phases)}\n`);
  }
  // The run is over and its output written, so end now: left to drain its event loop, Node
  // also frees the whole heap page by page first, a few milliseconds of every run. Output
  // still queued in a stream (a non-blocking descriptor, src/cli/output.ts) is waited for.
  process.exitCode = code;
  if (outputSettled()) process.exit();
});
