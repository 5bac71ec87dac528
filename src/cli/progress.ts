/**
 * A one-line progress indicator for long batch runs, redrawn at most ten times a
 * second on a terminal's stderr: a bar when the total is known, a counter otherwise.
 * The caller creates it only for a TTY, so pipes and CI logs stay clean.
 */
export interface ProgressStream {
  readonly write: (text: string) => void;
  readonly columns: number;
}

export interface Progress {
  /** `done` certificates so far; `total` inputs when known. */
  readonly update: (certificates: number, inputs: number, totalInputs: number | null) => void;
  readonly finish: () => void;
}

const REDRAW_MS = 100;

export function progressBar(stream: ProgressStream, clock: () => number = Date.now): Progress {
  const started = clock();
  let last = 0;
  let drawn = false;
  return {
    update(certificates, inputs, totalInputs) {
      const now = clock();
      if (now - last < REDRAW_MS) return;
      last = now;
      drawn = true;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = `${Math.round(certificates / seconds).toLocaleString('en-US')} certs/s`;
      const counts = `${certificates.toLocaleString('en-US')} certificates`;
      let line: string;
      if (totalInputs !== null && totalInputs > 0) {
        const width = Math.max(10, Math.min(30, stream.columns - 60));
        const filled = Math.min(width, Math.round((inputs / totalInputs) * width));
        line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${inputs}/${totalInputs} inputs  ${counts}  ${rate}`;
      } else {
        line = `${inputs.toLocaleString('en-US')} inputs  ${counts}  ${rate}`;
      }
      stream.write(`\r${line.slice(0, Math.max(stream.columns - 1, 20))}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
