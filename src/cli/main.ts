// Everything is imported dynamically: what a run needs is loaded as it needs it (the
// full certificate parser, @peculiar/x509 with reflect-metadata before it, only for a
// certificate the DER reader declines: src/facts/certificate.ts).

// Milliseconds since the process started: Node's bootstrap plus loading this entry.
const started = performance.now();
const [{ processIo, quietPipes }, { run }] = await Promise.all([
  import('./io.js'),
  import('./run.js'),
]);
quietPipes();
const loaded = performance.now();
process.exitCode = await run(process.argv.slice(2), processIo);
// `npm run bench` asks where a cold start's time goes (docs/performance.md).
// boot: Node and this entry; load: the CLI's core (argument parsing, command declarations);
// command: the command's own modules (src/cli/diagnose/declare.ts marks when they are in);
// run: reading, parsing, verifying, rendering.
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
