/**
 * Certificates and VerifyInputs for the Go trust tests: Kubernetes generator rows
 * (k8s pkg/util/crypto.go, later client-go util/cert/cert.go) and small custom chains,
 * built with real keys and signatures.
 */
import type { CertificateSpec } from '../../../src/generate/certificate.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import type { VerifyInput } from '../../../src/verify/types.js';
import { makeCert, testKey, type MadeCert } from '../../helpers/certs.js';
import type { OracleCase } from '../../oracle/types.js';

export const NOW = new Date('2016-03-01T12:00:00Z');
const DAY = 86_400_000;
export const VALID = {
  notBefore: new Date(NOW.getTime() - 30 * DAY),
  notAfter: new Date(NOW.getTime() + 335 * DAY),
};
export const SEED_CN = 'vm-56-65@1446612345';
const KUBE_SANS = [
  { ip: '10.10.56.65' },
  { ip: '10.0.0.1' },
  { dns: 'kubernetes.default.svc' },
  { dns: 'kubernetes.default' },
  { dns: 'kubernetes' },
] as const;

/** Row C (Kubernetes v1.0.x): CA:FALSE, keyUsage without certSign. */
export const ROW_C: CertificateSpec = {
  subject: `CN=${SEED_CN}`,
  serialHex: '01',
  ...VALID,
  san: KUBE_SANS,
  basicConstraints: { ca: false },
  keyUsage: ['keyEncipherment', 'digitalSignature'],
  extKeyUsage: ['serverAuth'],
};

/** Row D/E (Kubernetes v1.1–v1.10): the same certificate made a CA (kubernetes#11285). */
export const ROW_D: CertificateSpec = {
  ...ROW_C,
  basicConstraints: { ca: true },
  keyUsage: ['keyEncipherment', 'digitalSignature', 'keyCertSign'],
};

/** Row A (Kubernetes < v1.0): only the host as an IP SAN, CA:FALSE. */
export const ROW_A: CertificateSpec = {
  ...ROW_C,
  subject: 'CN=10.10.56.65@1436985353',
  san: [{ ip: '10.10.56.65' }],
};

export const CA_SPEC: CertificateSpec = {
  subject: 'CN=kube-ca',
  serialHex: '01',
  ...VALID,
  basicConstraints: { ca: true },
  keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'],
  keyIds: true,
};

/** Row F (Kubernetes ≥ 1.11) serving certificate, issued by CA_SPEC. */
export const LEAF_SPEC: CertificateSpec = {
  ...ROW_C,
  issuer: 'CN=kube-ca',
  serialHex: '02',
  keyIds: true,
};

export interface Scenario {
  readonly leaf: MadeCert;
  readonly intermediates: readonly MadeCert[];
  readonly roots: readonly MadeCert[];
}

export async function selfTrusted(spec: CertificateSpec, key = 'seed'): Promise<Scenario> {
  const leaf = await makeCert(spec, await testKey(key, 'rsa'));
  return { leaf, intermediates: [], roots: [leaf] };
}

export async function inputOf(scenario: Scenario, host: string, now = NOW): Promise<VerifyInput> {
  const all = [scenario.leaf, ...scenario.intermediates, ...scenario.roots];
  return {
    leaf: scenario.leaf.facts,
    intermediates: scenario.intermediates.map((cert) => cert.facts),
    roots: scenario.roots.map((cert) => cert.facts),
    host,
    now,
    signatures: await computeSignatureChecks(all.map(({ facts, cert }) => ({ facts, cert }))),
  };
}

export function oracleCaseOf(id: string, scenario: Scenario, host: string, now = NOW): OracleCase {
  return {
    id,
    leafPem: scenario.leaf.pem,
    leafKeyPem: scenario.leaf.keyPem,
    intermediatesPem: scenario.intermediates.map((cert) => cert.pem),
    rootsPem: scenario.roots.map((cert) => cert.pem),
    host,
    now,
  };
}
