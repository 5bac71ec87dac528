/**
 * Which Go toolchain built each Heapster release, hence which Go profile judges it
 * (kubernetes-retired/heapster: Godeps/Godeps.json GoVersion and Makefile GOLANG_VERSION per tag).
 * Every Heapster release predates Go 1.10.
 */
import { UsageError } from '../base/errors.js';
import type { ClientId } from '../base/client-id.js';

interface HeapsterBuild {
  /** Inclusive [major, minor] range of Heapster releases. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  readonly go: string;
  readonly profile: ClientId;
}

const BUILDS: readonly HeapsterBuild[] = [
  { from: [0, 13], to: [0, 17], go: 'go1.4.2', profile: 'go1.4' },
  { from: [0, 18], to: [1, 0], go: 'go1.5.1', profile: 'go1.5' },
  { from: [1, 1], to: [1, 2], go: 'go1.6', profile: 'go1.5' },
  { from: [1, 3], to: [1, 3], go: 'go1.7', profile: 'go1.5' },
  { from: [1, 4], to: [1, 5], go: 'go1.8', profile: 'go1.8' },
  { from: [1, 6], to: [1, 6], go: 'go1.9', profile: 'go1.8' },
];

export const DEFAULT_HEAPSTER_VERSION = 'v1.6';

export interface HeapsterClient {
  readonly version: string;
  readonly go: string;
  readonly profile: ClientId;
}

export function heapsterClient(version: string = DEFAULT_HEAPSTER_VERSION): HeapsterClient {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:-[\w.]+)?$/.exec(version.trim());
  if (!match)
    throw new UsageError(
      `--heapster-version: ${JSON.stringify(version)} is not a version like v1.6 or 0.18.2`,
    );
  const key = Number(match[1]) * 1000 + Number(match[2]);
  const build = BUILDS.find(
    ({ from, to }) => key >= from[0] * 1000 + from[1] && key <= to[0] * 1000 + to[1],
  );
  if (!build) {
    throw new UsageError(
      `--heapster-version: ${version} is outside the modelled releases (v0.13 to v1.6; earlier ones did not use HTTPS to the apiserver)`,
    );
  }
  return { version: `v${match[1]}.${match[2]}`, go: build.go, profile: build.profile };
}
