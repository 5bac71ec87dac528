/**
 * Which Go toolchain built each published Heapster image, hence which Go profile judges it
 * (kubernetes-retired/heapster at each tag: Godeps/Godeps.json GoVersion, the Makefile's
 * build commands and GOLANG_VERSION, deploy/docker/Dockerfile). Every Heapster release
 * predates Go 1.10.
 *
 * Where the sources disagree, the build command decides:
 * - v0.13–v1.3: Godeps.json GoVersion. The Makefiles of that time (e.g. v0.18.1, v0.19.0) run
 *   `godep go build` on the release machine and `docker build` only copies the binary in,
 *   so the Go that `godep save` recorded there is the Go that built it.
 * - v1.4–v1.6: the Makefile's container target builds inside `golang:$(GOLANG_VERSION)`,
 *   GOLANG_VERSION=1.8; v1.6's Godeps.json says go1.9, which only records the Go of whoever
 *   last ran `godep save`, not what built the image. The golang:1.8 image carried the newest
 *   1.8.x of the day; 1.8.5+ differs from 1.8.0–1.8.4 only in rejecting a CA with an unknown
 *   critical extension, which Kubernetes CAs never have.
 */
import { UsageError } from '../base/errors.js';

interface HeapsterBuild {
  /** Inclusive [major, minor] range of Heapster releases. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  /** The Go release that built the published images. */
  readonly go: string;
  /** Where that comes from. */
  readonly source: string;
}

const BUILDS: readonly HeapsterBuild[] = [
  {
    from: [0, 13],
    to: [0, 17],
    go: 'go1.4.2',
    source: 'Godeps.json GoVersion go1.4.2; Makefile `godep go build` on the release machine',
  },
  {
    from: [0, 18],
    to: [1, 0],
    go: 'go1.5.1',
    source: 'Godeps.json GoVersion go1.5.1; Makefile `godep go build` on the release machine',
  },
  {
    from: [1, 1],
    to: [1, 2],
    go: 'go1.6',
    source: 'Godeps.json GoVersion go1.6',
  },
  {
    from: [1, 3],
    to: [1, 3],
    go: 'go1.7',
    source: 'Godeps.json GoVersion go1.7',
  },
  {
    from: [1, 4],
    to: [1, 5],
    go: 'go1.8',
    source: 'Makefile GOLANG_VERSION=1.8: built inside the golang:1.8 image (Godeps go1.8)',
  },
  {
    from: [1, 6],
    to: [1, 6],
    go: 'go1.8',
    source:
      'Makefile GOLANG_VERSION=1.8: built inside the golang:1.8 image; Godeps.json says go1.9, but only records who ran godep save',
  },
];

export const DEFAULT_HEAPSTER_VERSION = 'v1.6';

export interface HeapsterRelease {
  readonly version: string;
  /** The Go release that built it, e.g. `go1.4.2`. */
  readonly go: string;
  /** Where the Go release comes from (Godeps, Makefile, build image). */
  readonly goSource: string;
}

/**
 * The Heapster release and the Go that built it. Which profile models that Go is the
 * profiles' business: `heapsterClient` in src/verify/go/releases.ts.
 */
export function heapsterRelease(version: string = DEFAULT_HEAPSTER_VERSION): HeapsterRelease {
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
  return {
    version: `v${match[1]}.${match[2]}`,
    go: build.go,
    goSource: build.source,
  };
}
