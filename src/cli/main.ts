// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the
// Reflect metadata API before anything else is evaluated. The rest is imported
// dynamically so that, in the code-split bundle, nothing can be evaluated before it.
import 'reflect-metadata';

// Milliseconds since the process started: Node's bootstrap plus loading this entry.
const started = performance.now();
const [{ processIo }, { run }] = await Promise.all([import('./io.js'), import('./run.js')]);
const loaded = performance.now();
process.exitCode = await run(process.argv.slice(2), processIo);
// `npm run bench` asks where a cold start's time goes (docs/performance.md).
if (process.env['KUBE_TLS_DOCTOR_PHASES'] === '1') {
  const phases = { boot: started, load: loaded - started, run: performance.now() - loaded };
  process.stderr.write(`phases ${JSON.stringify(phases)}\n`);
}
