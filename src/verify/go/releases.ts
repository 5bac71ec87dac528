/**
 * Go release names → the profile that models them: `go1.9.2` is the Go 1.9.2–1.9.7 row.
 * A release belongs to the newest row whose first release is not after it (eras.ts), so
 * every release from Go 1.4 on resolves, including ones newer than the table.
 */
import { UsageError } from '../../base/errors.js';
import type { ClientId } from '../../base/client-id.js';
import { heapsterRelease, type HeapsterRelease } from '../../kube/heapster.js';
import { GO_ERAS, type GoEra } from './eras.js';

export interface GoRelease {
  /** The release as asked for, normalised: `go1.9.2`, `go1.21`. */
  readonly release: string;
  readonly era: GoEra;
}

/** `go1.N` / `go1.N.P` (also without `go`), as [minor, patch]; null when not one. */
export function parseGoRelease(text: string): readonly [number, number] | null {
  const match = /^(?:go)?1\.(\d{1,3})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  return [Number(match[1]), Number(match[2] ?? 0)];
}

function compare(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Whether `text` looks like a Go release name (whether or not it is a modelled one). */
export function isGoReleaseName(text: string): boolean {
  return parseGoRelease(text) !== null;
}

/** The profile of a Go release; a UsageError for names that are not Go 1.4+ releases. */
export function resolveGoRelease(text: string): GoRelease {
  const version = parseGoRelease(text);
  if (version === null) {
    throw new UsageError(`${JSON.stringify(text)} is not a Go release like go1.9 or go1.9.2`);
  }
  const era = [...GO_ERAS]
    .filter((row) => compare(parseGoRelease(row.releases.first) ?? [0, 0], version) <= 0)
    .sort((a, b) =>
      compare(
        parseGoRelease(b.releases.first) ?? [0, 0],
        parseGoRelease(a.releases.first) ?? [0, 0],
      ),
    )[0];
  if (era === undefined) {
    throw new UsageError(
      `go1.${version[0]} is older than the modelled releases (Go 1.4 onwards; Heapster and Kubernetes clients never used older Go)`,
    );
  }
  const release =
    version[1] === 0 && !/\.\d+\.\d+$/.test(text)
      ? `go1.${version[0]}`
      : `go1.${version[0]}.${version[1]}`;
  return { release, era };
}

/** A Heapster release, the Go that built it and the profile that models that Go. */
export interface HeapsterClient extends HeapsterRelease {
  readonly profile: ClientId;
}

export function heapsterClient(version?: string): HeapsterClient {
  const release = heapsterRelease(version);
  return { ...release, profile: resolveGoRelease(release.go).era.id };
}
