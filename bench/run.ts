/**
 * `npm run bench`: cold start and batch throughput against baselines measured in the
 * same run on the same machine, then the results table in docs/performance.md.
 *
 *   cold start   `diagnose <seed> --client all`, `--help` and `--version` vs `node -e 0`
 *                vs the openssl workflow that answers the same question by hand (one
 *                verify per default name plus `openssl x509 -text`); rounds interleave
 *                them all, after warm-up
 *   batch        10,000 generated certificates end to end (process start included) vs
 *                an `openssl x509 -text` loop over a sample of the same files
 *   memory       peak RSS of a 100,000-certificate batch (VmHWM, /proc)
 *   List stream  `kubectl get secrets -A -o json | diagnose batch -`: a List of 10,000,
 *                100,000 and 1,000,000 TLS Secrets generated on the fly and piped into
 *                standard input (bench/list.ts); peak RSS, certificates/s, one output
 *                line per certificate checked; the 100,000 run's rate is compared with the
 *                file path's (10,000 files) measured in the same run
 *   YAML List    the same Secrets as `kubectl get secrets -A -o yaml` prints them (one
 *                YAML document, read an item at a time): 10,000 and 100,000; peak RSS
 *
 * Medians throughout. Options: --quick (fewer rounds, 20,000 instead of 100,000 files;
 * Lists of 10,000, 50,000 and 200,000), --no-write (print only), --yaml-list (only the
 * YAML List rows, printed, nothing written). No test asserts any of these numbers.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CORPUS_NOW, makeCorpus, writeCorpus } from './generate.js';
import { certificatePool, writeList } from './list.js';

const quick = process.argv.includes('--quick');
const yamlListOnly = process.argv.includes('--yaml-list');
const write = !process.argv.includes('--no-write') && !yamlListOnly;
const BIN = 'bin/diagnose.js';
const SEED = 'fixtures/seed/apiserver.crt';
const DOC = 'docs/performance.md';
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const log = (text: string): void => void process.stderr.write(`${text}\n`);

/** Wall time of one command in milliseconds (output discarded). */
function wall(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'ignore'], env });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Interleaved rounds after warm-up: every scenario sees the same machine state. */
function interleave(
  scenarios: Record<string, () => number>,
  rounds: number,
  warmup: number,
): Record<string, number[]> {
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(scenarios).map((k) => [k, []]),
  );
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, measure] of Object.entries(scenarios)) {
      const time = measure();
      if (round >= warmup) times[name]?.push(time);
    }
  }
  return times;
}

// --- cold start ----------------------------------------------------------------------

/** The by-hand answer: openssl x509 -text, then openssl verify per default name. */
function opensslWorkflow(): string {
  const names = [
    'kubernetes.default',
    'kubernetes',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
  ];
  const verify = (flag: string, name: string): string =>
    `openssl verify -CAfile ${SEED} ${flag} ${name} ${SEED}`;
  return [
    `openssl x509 -in ${SEED} -noout -text`,
    ...names.map((name) => verify('-verify_hostname', name)),
    verify('-verify_ip', '10.0.0.1'),
  ]
    .map((command) => `${command} >/dev/null 2>&1`)
    .join('; ');
}

interface Phases {
  boot: number;
  load: number;
  command: number;
  run: number;
  /** Whether V8 took the bundle's code cache (bin/diagnose.js). */
  codeCache?: string;
}

function coldStart(): {
  rows: string[][];
  phases: Phases;
  /** Runs in which V8 took the code cache, of those timed for the phases. */
  cached: string;
  times: { node: number; diagnose: number; openssl: number };
  ratios: { node: number; openssl: number };
} {
  const rounds = quick ? 7 : 21;
  log(`cold start: ${rounds} interleaved rounds after 3 warm-up rounds`);
  const diagnoseArgs = [BIN, SEED, '--client', 'all'];
  const workflow = opensslWorkflow();
  const times = interleave(
    {
      node: () => wall(process.execPath, ['-e', '0']),
      diagnose: () => wall(process.execPath, diagnoseArgs),
      help: () => wall(process.execPath, [BIN, '--help']),
      version: () => wall(process.execPath, [BIN, '--version']),
      openssl: () => wall('sh', ['-c', workflow]),
    },
    rounds,
    3,
  );
  const node = median(times['node'] ?? []);
  const diagnose = median(times['diagnose'] ?? []);
  const openssl = median(times['openssl'] ?? []);
  const help = median(times['help'] ?? []);
  const version = median(times['version'] ?? []);

  // Where the time goes: src/cli/main.ts reports its phases when asked.
  const phaseRuns: Phases[] = [];
  for (let i = 0; i < rounds; i++) {
    const result = spawnSync(process.execPath, diagnoseArgs, {
      encoding: 'utf8',
      env: { ...process.env, KUBE_TLS_DOCTOR_PHASES: '1' },
    });
    const line = /phases (\{.*\})/.exec(result.stderr)?.[1];
    if (line) phaseRuns.push(JSON.parse(line) as Phases);
  }
  const phases = {
    boot: median(phaseRuns.map((p) => p.boot)),
    load: median(phaseRuns.map((p) => p.load)),
    command: median(phaseRuns.map((p) => p.command)),
    run: median(phaseRuns.map((p) => p.run)),
  };
  const cached = phaseRuns.filter((p) => p.codeCache === 'accepted').length;
  return {
    rows: [
      ['`node -e 0`', ms(node), ''],
      [
        '`diagnose fixtures/seed/apiserver.crt --client all`',
        ms(diagnose),
        `${(diagnose / node).toFixed(2)}× node (target ≤ 1.50×)`,
      ],
      ['`diagnose --help`', ms(help), `${(help / node).toFixed(2)}× node`],
      ['`diagnose --version`', ms(version), `${(version / node).toFixed(2)}× node`],
      [
        'openssl workflow (x509 -text + 5 × verify)',
        ms(openssl),
        `diagnose is ${(diagnose / openssl).toFixed(2)}× its time (target ≤ 1.00×)`,
      ],
    ],
    phases,
    cached: `${cached} of ${phaseRuns.length}`,
    times: { node, diagnose, openssl },
    ratios: { node: diagnose / node, openssl: diagnose / openssl },
  };
}

// --- batch ---------------------------------------------------------------------------

function batchThroughput(
  directory: string,
  caPath: string,
  count: number,
): { rows: string[][]; ratio: number; rate: number } {
  const runs = quick ? 3 : 5;
  const args = (jobs?: string): string[] => [
    BIN,
    'batch',
    directory,
    '--ca',
    caPath,
    '--at',
    CORPUS_NOW.toISOString(),
    '--format',
    'jsonl',
    ...(jobs ? ['--jobs', jobs] : []),
  ];
  log(`batch: ${count.toLocaleString('en-US')} certificates, ${runs} runs each after a warm-up`);
  const times = interleave(
    {
      auto: () => wall(process.execPath, args()),
      one: () => wall(process.execPath, args('1')),
    },
    runs,
    1,
  );
  const auto = median(times['auto'] ?? []);
  const one = median(times['one'] ?? []);

  // The by-hand baseline: one openssl process per certificate, over a sample.
  const sample = quick ? 100 : 300;
  const files: string[] = [];
  for (let i = 0; i < sample; i++) {
    const index = Math.floor((i * count) / sample);
    files.push(
      join(
        directory,
        `d${String(Math.floor(index / 1000)).padStart(3, '0')}`,
        `c${String(index).padStart(6, '0')}.pem`,
      ),
    );
  }
  const list = join(directory, '..', 'sample.txt');
  writeFileSync(list, files.join('\n') + '\n');
  const loop = `while read f; do openssl x509 -in "$f" -noout -text >/dev/null; done < ${list}`;
  const opensslTimes = [0, 1, 2].map(() => wall('sh', ['-c', loop]));
  const opensslRate = sample / (median(opensslTimes) / 1000);
  const rate = count / (auto / 1000);
  const rateOne = count / (one / 1000);
  return {
    rows: [
      [
        `\`diagnose batch\` (${availableParallelism()} cores)`,
        ms(auto),
        `${Math.round(rate).toLocaleString('en-US')} certificates/s (target ≥ 5,000)`,
      ],
      [
        '`diagnose batch --jobs 1`',
        ms(one),
        `${Math.round(rateOne).toLocaleString('en-US')} certificates/s`,
      ],
      [
        `\`openssl x509 -text\` loop (${sample} of the files)`,
        ms(median(opensslTimes)),
        `${Math.round(opensslRate).toLocaleString('en-US')} certificates/s; batch is ${(rate / opensslRate).toFixed(0)}× (target ≥ 80×)`,
      ],
    ],
    ratio: rate / opensslRate,
    rate,
  };
}

/** Peak RSS (VmHWM) of the whole process, worker threads included, sampled from /proc. */
async function peakRss(args: readonly string[]): Promise<{ kb: number; ms: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  let peak = 0;
  const sample = (): void => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited between samples
    }
  };
  const timer = setInterval(sample, 20);
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  clearInterval(timer);
  return { kb: peak, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * A List of `count` Secrets piped into `batch -` as it is generated: peak RSS of the
 * batch process, wall time, and the output lines (one per certificate, then the tally).
 */
async function streamedList(
  count: number,
  pool: readonly string[],
  format: 'json' | 'yaml' = 'json',
): Promise<{ kb: number; ms: number; lines: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [BIN, 'batch', '-', '--at', CORPUS_NOW.toISOString(), '--format', 'jsonl'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 0x0a) lines++;
  });
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited between samples
    }
  }, 20);
  child.stdin.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await writeList(child.stdin, count, pool, format);
  await exited;
  clearInterval(timer);
  return { kb: peak, ms: Number(process.hrtime.bigint() - start) / 1e6, lines };
}

// --- report --------------------------------------------------------------------------

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const YAML_LIST_COUNTS = [10_000, 100_000];

/** The YAML List rows: `kubectl get secrets -A -o yaml | diagnose batch -`. */
async function yamlLists(pool: readonly string[]): Promise<string[][]> {
  const rows: string[][] = [];
  for (const count of YAML_LIST_COUNTS) {
    log(`streaming a YAML List of ${count.toLocaleString('en-US')} Secrets into batch -`);
    const list = await streamedList(count, pool, 'yaml');
    const rate = count / (list.ms / 1000);
    rows.push([
      count.toLocaleString('en-US'),
      `${(list.kb / 1024).toFixed(0)} MB`,
      ms(list.ms),
      `${Math.round(rate).toLocaleString('en-US')} certificates/s`,
      list.lines === count + 1 ? 'yes' : `no (${list.lines - 1} lines)`,
    ]);
  }
  return rows;
}

const YAML_HEADER = ['Secrets', 'peak RSS', 'wall time', 'throughput', 'one line per certificate'];

async function main(): Promise<void> {
  if (yamlListOnly) {
    const rows = await yamlLists(certificatePool(makeCorpus(), 5_000));
    process.stdout.write(`${table(YAML_HEADER, rows)}\n`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'kube-tls-doctor-bench-'));
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  try {
    const cold = coldStart();

    const corpus = makeCorpus();
    let started = Date.now();
    const small = join(work, 'c10k');
    const smallCa = writeCorpus(small, 10_000, corpus);
    log(`generated 10,000 certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const batch = batchThroughput(small, smallCa, 10_000);

    const bigCount = quick ? 20_000 : 100_000;
    started = Date.now();
    const big = join(work, 'c100k');
    const bigCa = writeCorpus(big, bigCount, corpus);
    log(
      `generated ${bigCount.toLocaleString('en-US')} certificates in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const memory = await peakRss([
      BIN,
      'batch',
      big,
      '--ca',
      bigCa,
      '--at',
      CORPUS_NOW.toISOString(),
      '--format',
      'jsonl',
    ]);
    const memorySmall = await peakRss([
      BIN,
      'batch',
      small,
      '--ca',
      smallCa,
      '--at',
      CORPUS_NOW.toISOString(),
      '--format',
      'jsonl',
    ]);

    const pool = certificatePool(corpus, 5_000);
    const listCounts = quick ? [10_000, 50_000, 200_000] : [10_000, 100_000, 1_000_000];
    const lists: { count: number; kb: number; ms: number; lines: number }[] = [];
    for (const count of listCounts) {
      log(`streaming a List of ${count.toLocaleString('en-US')} Secrets into batch -`);
      lists.push({ count, ...(await streamedList(count, pool)) });
    }
    const listRows = lists.map((list) => {
      const rate = list.count / (list.ms / 1000);
      const complete = list.lines === list.count + 1 ? 'yes' : `no (${list.lines - 1} lines)`;
      return [
        list.count.toLocaleString('en-US'),
        `${(list.kb / 1024).toFixed(0)} MB (target ≤ 200 MB)`,
        ms(list.ms),
        `${Math.round(rate).toLocaleString('en-US')} certificates/s (target ≥ 5,000; files: ${Math.round(batch.rate).toLocaleString('en-US')})`,
        complete,
      ];
    });

    const yamlRows = await yamlLists(pool);

    const openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
    const machine = [
      `- ${availableParallelism()} cores (\`nproc\`), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
      `- Node ${process.version}, ${openssl}`,
      `- load average when the run started: ${load} (other work on the machine slows every row alike; the ratios compare rows of the same run)`,
      `- measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench${quick ? ' -- --quick' : ''}\``,
    ].join('\n');
    const results = [
      '### Cold start (median wall time)',
      '',
      table(['scenario', 'median', 'ratio'], cold.rows),
      '',
      `Where a \`diagnose\` run's time goes (medians, from \`KUBE_TLS_DOCTOR_PHASES=1\`): Node's bootstrap and the bin ${ms(cold.phases.boot)}; reading the bundle, compiling it from its code cache (taken in ${cold.cached} runs) and evaluating the CLI's core ${ms(cold.phases.load)}; the diagnose command's modules (input readers, the DER certificate reader, the client profiles, the text renderer, and \`node:crypto\` for the signatures and fingerprints) ${ms(cold.phases.command)}; reading, parsing, verifying and rendering ${ms(cold.phases.run)}. Above \`node -e 0\` a run spends ${ms(cold.times.diagnose - cold.times.node)}; \`node -e 0\` alone takes ${(cold.times.node / cold.times.openssl).toFixed(2)}× the openssl workflow.`,
      '',
      '### Batch (10,000 generated certificates, end to end, median of runs)',
      '',
      table(['scenario', 'median', 'throughput'], batch.rows),
      '',
      '### Memory',
      '',
      table(
        ['certificates', 'peak RSS', 'wall time'],
        [
          ['10,000', `${(memorySmall.kb / 1024).toFixed(0)} MB`, ms(memorySmall.ms)],
          [
            bigCount.toLocaleString('en-US'),
            `${(memory.kb / 1024).toFixed(0)} MB (target ≤ 150 MB)`,
            ms(memory.ms),
          ],
        ],
      ),
      '',
      '### A `List` of Secrets streamed into `batch -` (generated on the fly, one JSON document)',
      '',
      table(
        ['Secrets', 'peak RSS', 'wall time', 'throughput', 'one line per certificate'],
        listRows,
      ),
      '',
      '### The same Secrets as a YAML `List` (`kubectl get secrets -A -o yaml`, one document read an item at a time)',
      '',
      table(YAML_HEADER, yamlRows),
      '',
      '### Machine',
      '',
      machine,
    ].join('\n');
    process.stdout.write(`${results}\n`);
    if (write) {
      const doc = readFileSync(DOC, 'utf8');
      const from = doc.indexOf(START);
      const to = doc.indexOf(END);
      if (from < 0 || to < from) throw new Error(`${DOC} has no ${START} … ${END} section`);
      writeFileSync(DOC, `${doc.slice(0, from + START.length)}\n\n${results}\n\n${doc.slice(to)}`);
      log(`wrote the results to ${DOC}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
