/**
 * Restarting the kube-apiserver, era by era, and what its clients then say about the
 * pods' ca.crt. The story of the `<host>@<unix time>` CN: every regeneration changes the
 * CN *and the key*; clients never look at the CN, but the copy of the first certificate
 * that the service-account secrets hold no longer signs what is served.
 *
 * When the apiserver regenerates (src/generate/apiserver.ts kubernetesRelease):
 *  - up to 1.2, on every start: GenerateSelfSignedCert overwrote the files
 *    ("If the certificate or key files already exist, they will be overwritten";
 *    kubernetes/kubernetes#19309);
 *  - from 1.3 (kubernetes/kubernetes#20313), only when the files are missing — which is
 *    every boot when --cert-dir (default /var/run/kubernetes) is on tmpfs
 *    (kubernetes/kubernetes#54740): `loseCertDir`.
 * Pure: the clock (`start`) and the generator come in; restarts are one `interval` apart.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../report/report.js';
import type { CertFacts } from '../facts/types.js';
import type { FailureCode } from '../verify/failures.js';
import type { ClientId } from '../verify/types.js';

export interface RestartPlanInput {
  readonly regenerates: 'every-start' | 'when-missing';
  /** Restarts after the first start. */
  readonly restarts: number;
  /** The cert dir does not survive a restart (tmpfs /var/run/kubernetes). */
  readonly loseCertDir: boolean;
  readonly start: Date;
  /** Time between starts; one hour by default. */
  readonly intervalMs?: number;
}

export interface PlannedStart {
  /** 0 is the first start; 1… the restarts. */
  readonly index: number;
  readonly at: Date;
  readonly regenerates: boolean;
  /** Why the apiserver did or did not generate a certificate at this start. */
  readonly why: string;
}

export function planRestarts(input: RestartPlanInput): PlannedStart[] {
  const interval = input.intervalMs ?? 3600 * 1000;
  const starts: PlannedStart[] = [];
  for (let index = 0; index <= input.restarts; index++) {
    const at = new Date(input.start.getTime() + index * interval);
    if (index === 0) {
      starts.push({ index, at, regenerates: true, why: 'first start: no certificate yet' });
    } else if (input.regenerates === 'every-start') {
      starts.push({
        index,
        at,
        regenerates: true,
        why: 'this release generates a new certificate on every start, overwriting the files',
      });
    } else if (input.loseCertDir) {
      starts.push({
        index,
        at,
        regenerates: true,
        why: 'the cert dir was lost (tmpfs), so both files are missing and a new certificate is generated',
      });
    } else {
      starts.push({
        index,
        at,
        regenerates: false,
        why: 'apiserver.crt and apiserver.key are still there, so they are reused',
      });
    }
  }
  return starts;
}

/** The served certificate at one start, as the simulation needs it. */
export interface ServedCertificate {
  /** The served chain's facts, leaf first (the CA follows from Kubernetes 1.11 on). */
  readonly chain: readonly CertFacts[];
}

export interface ClientAnswer {
  readonly client: ClientId;
  readonly name: string;
  readonly ok: boolean;
  readonly code: FailureCode | null;
  readonly message: string | null;
}

export interface RestartStep extends PlannedStart {
  readonly commonName: string;
  /** SHA-256 of the serving key's SubjectPublicKeyInfo. */
  readonly keySha256: string;
  readonly fingerprintSha256: string;
  readonly serialHex: string;
  /** The served leaf is byte-identical to the one copied into ca.crt. */
  readonly sameAsCaCrt: boolean;
  /** The served SANs equal those of the ca.crt copy: the names did not change. */
  readonly sameSans: boolean;
  readonly answers: readonly ClientAnswer[];
}

export interface RestartSimulation {
  readonly release: string;
  readonly row: string;
  readonly host: string;
  readonly serviceIp: string;
  readonly regenerates: 'every-start' | 'when-missing';
  readonly loseCertDir: boolean;
  /** What the service-account secrets hold: the certificate of the first start. */
  readonly caCrt: {
    readonly commonNames: readonly string[];
    readonly keySha256: string;
    readonly fingerprintSha256: string;
  };
  readonly clients: readonly ClientId[];
  readonly names: readonly string[];
  readonly steps: readonly RestartStep[];
  /** Failure codes seen after a regeneration (the trust codes, never a name code). */
  readonly failureCodes: readonly FailureCode[];
}

export interface SimulateInput {
  readonly release: string;
  readonly row: string;
  readonly host: string;
  readonly serviceIp: string;
  readonly plan: RestartPlanInput;
  /** Runs the generator at a start; called only for starts that regenerate. */
  readonly generate: (start: PlannedStart) => Promise<ServedCertificate>;
  /** Judges the served chain against ca.crt (src/diagnose at the start's time). */
  readonly judge: (
    served: ServedCertificate,
    caCrt: readonly CertFacts[],
    at: Date,
  ) => Promise<Report>;
}

export async function simulateRestarts(input: SimulateInput): Promise<RestartSimulation> {
  const plan = planRestarts(input.plan);
  let served: ServedCertificate | undefined;
  let caCrt: readonly CertFacts[] = [];
  const steps: RestartStep[] = [];
  for (const start of plan) {
    if (start.regenerates || !served) served = await input.generate(start);
    // The controller-manager's --root-ca-file is a copy of the first apiserver.crt,
    // leaf and (1.11+) CA alike; the tokens controller put it into every secret.
    if (start.index === 0) caCrt = served.chain;
    const report = await input.judge(served, caCrt, start.at);
    const leaf = served.chain[0];
    const original = caCrt[0];
    if (!leaf || !original) throw new Error('a generated chain has a leaf');
    steps.push({
      ...start,
      commonName: leaf.subject.commonNames.at(-1) ?? '',
      keySha256: keySha256(leaf),
      fingerprintSha256: leaf.fingerprintSha256,
      serialHex: leaf.serialHex,
      sameAsCaCrt: leaf.fingerprintSha256 === original.fingerprintSha256,
      sameSans: sansText(leaf) === sansText(original),
      answers: report.results
        .filter((result) => report.names.some((name) => name.name === result.name && name.decisive))
        .map(({ client, name, ok, code, message }) => ({ client, name, ok, code, message })),
    });
  }
  const first = caCrt[0];
  if (!first) throw new Error('no first start');
  const failureCodes = [
    ...new Set(
      steps
        .filter((step) => !step.sameAsCaCrt)
        .flatMap((step) => step.answers.flatMap((answer) => (answer.code ? [answer.code] : []))),
    ),
  ];
  const firstReport = steps[0];
  return {
    release: input.release,
    row: input.row,
    host: input.host,
    serviceIp: input.serviceIp,
    regenerates: input.plan.regenerates,
    loseCertDir: input.plan.loseCertDir,
    caCrt: {
      commonNames: caCrt.map((cert) => cert.subject.commonNames.at(-1) ?? cert.subject.dn),
      keySha256: keySha256(first),
      fingerprintSha256: first.fingerprintSha256,
    },
    clients: [...new Set(firstReport?.answers.map((answer) => answer.client) ?? [])],
    names: [...new Set(firstReport?.answers.map((answer) => answer.name) ?? [])],
    steps,
    failureCodes,
  };
}

export function keySha256(cert: CertFacts): string {
  return createHash('sha256').update(Buffer.from(cert.publicKeyHex, 'hex')).digest('hex');
}

function sansText(cert: CertFacts): string {
  return JSON.stringify([cert.san?.dns ?? [], cert.san?.ip.map((ip) => ip.text) ?? []]);
}
