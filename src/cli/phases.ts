/**
 * Where a cold start's time goes, for `npm run bench` (KUBE_TLS_DOCTOR_PHASES=1,
 * docs/performance.md). Milliseconds since the process started, read from process.uptime:
 * the global `performance` would load node:perf_hooks (a dozen modules) on first use.
 * bin/diagnose.js notes when it began to read the bundle, and whether V8 took the code
 * cache, under global symbols.
 */
export const phaseClock = (): number => process.uptime() * 1000;

type Phase = 'started' | 'command-loaded';

const key = (phase: Phase): symbol => Symbol.for(`kube-tls-doctor.${phase}`);

export function markPhase(phase: Phase): void {
  (globalThis as Record<symbol, number | undefined>)[key(phase)] = phaseClock();
}

export function phaseMark(phase: Phase): number | undefined {
  return (globalThis as Record<symbol, number | undefined>)[key(phase)];
}

/** Whether V8 compiled the bundle from its code cache: 'accepted', 'rejected' or 'absent'. */
export function codeCache(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[
    Symbol.for('kube-tls-doctor.code-cache')
  ];
}
