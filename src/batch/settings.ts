/**
 * What a batch run was asked for, as plain data that can cross to a worker thread,
 * and the AuditContext each thread builds from it (anchors parsed once per thread).
 */
import type { DialledName } from '../names/defaults.js';
import type { ClientId } from '../verify/types.js';
import type { AuditContext } from './audit.js';
import { parseAnchors } from './certificates.js';
import type { BatchFormat } from './format.js';

export interface BatchSettings {
  readonly names: readonly DialledName[] | null;
  readonly defaultNames: readonly DialledName[];
  readonly clients: readonly ClientId[];
  readonly heapster: { readonly version: string; readonly go: string } | null;
  /** --ca inputs, already read. */
  readonly ca: readonly { readonly bytes: Uint8Array; readonly source: string }[];
  readonly now: Date;
  readonly warnDays: number;
  readonly toolVersion: string;
  /** Plan each leaf as `diagnose` does (AuditContext.plan); absent: clients and names as given. */
  readonly plan?: AuditContext['plan'];
  readonly format: BatchFormat;
  readonly color: boolean;
}

export async function auditContext(settings: BatchSettings): Promise<AuditContext> {
  return {
    names: settings.names,
    defaultNames: settings.defaultNames,
    clients: settings.clients,
    heapster: settings.heapster,
    anchors: settings.ca.length > 0 ? await parseAnchors(settings.ca) : null,
    now: settings.now,
    warnDays: settings.warnDays,
    toolVersion: settings.toolVersion,
    ...(settings.plan ? { plan: settings.plan } : {}),
  };
}
