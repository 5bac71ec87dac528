/**
 * kube-tls-doctor as a library: the same pipeline the CLI runs, without its I/O.
 *
 *   bytes ─readCertificates─▶ certificates (with facts) ─diagnose─▶ Report ─render*─▶ text
 *
 * The caller brings what the CLI would read: the certificate bytes, the trust anchors, the
 * moment of verification and the names to check. docs/architecture.md shows a whole run.
 */

// Reading certificates: PEM, DER or base64, each with its facts.
export { readCertificates, type Certificate } from './facts/certificate.js';
export type { CertFacts } from './facts/types.js';
export { computeSignatureChecks, type SignatureChecks } from './verify/signatures.js';

// The names in-cluster clients dial.
export {
  defaultNames,
  userNames,
  type DefaultNameOptions,
  type DialledName,
} from './names/defaults.js';

// The client profiles.
export { CLIENT_IDS, type ClientId } from './base/client-id.js';
export { PROFILES, profileById } from './verify/profiles.js';
export type { ClientProfile, ClientVerdict, MatchedBy, VerifyInput } from './verify/types.js';
export type { Failure, FailureCode } from './verify/failures.js';
export { heapsterRelease, type HeapsterRelease } from './kube/heapster.js';
export { heapsterClient, type HeapsterClient } from './verify/go/releases.js';

// What a certificate is: its component (and why), its era, who dials it, by which names.
export { COMPONENT_IDS, isComponentId, type ComponentId } from './base/component-id.js';
export { recognizeComponent, eraOf, type ComponentInput, type Era } from './diagnose/component.js';
export { planJudgement, type Plan, type PlanInput } from './diagnose/plan.js';
export { chooseServiceIp, WELL_KNOWN_SERVICE_RANGES } from './names/defaults.js';

// Diagnosis, and the Report it makes.
export { diagnose, type DiagnoseInput } from './diagnose/index.js';
export { explainCode, type CodeExplanation } from './diagnose/explain.js';
export type * from './report/report.js';
export type * from './report/findings.js';
export type * from './report/trust.js';
export type * from './report/inputs.js';

// Renderers: pure functions of the Report.
export { renderText, type TextOptions } from './render/text.js';
export { escapeControl } from './render/escape.js';
export { renderMarkdown } from './render/markdown.js';
export { renderJson } from './render/json.js';
export { redactReport } from './render/redact.js';
export { plainStyle, type Style } from './render/style.js';

export { InputError, UsageError } from './base/errors.js';
export { VERSION } from './base/version.js';
