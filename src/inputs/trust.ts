/**
 * What trust objects (src/inputs/trust-objects.ts) make a client trust and dial: the CA of
 * the selected entries (one CA: several different ones stop with the entries that hold
 * each), the names the client verifies, and provenance and findings for the report.
 */
import { InputError } from '../base/errors.js';
import type { DialledName } from '../names/defaults.js';
import type { InputFinding } from '../report/findings.js';
import type { InputEntry } from '../report/inputs.js';
import type { Opened } from './open.js';
import { parseName } from '../names/parse.js';
import { selectEntries, trustEntryText, type TrustEntry } from './trust-objects.js';
import type { Anchors } from './types.js';

export interface TrustFound {
  readonly anchors: Anchors;
  /** The names the dialling client verifies; empty when the objects dial nothing (a ConfigMap). */
  readonly names: DialledName[];
}

export function trustFrom(
  opened: Extract<Opened, { form: 'trust' }>,
  wanted: string | undefined,
  role: InputEntry['role'],
  trail: { readonly findings: InputFinding[]; readonly inputs: InputEntry[] },
): TrustFound {
  const { source } = opened;
  const selected = selectEntries(opened.entries, wanted, source);
  const groups = new Map<string, TrustEntry[]>();
  for (const entry of selected) {
    const key = entry.ca ? Buffer.from(entry.ca.bytes).toString('hex') : 'none';
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  if (groups.size > 1) {
    const configMaps = selected.every((entry) => entry.form === 'configmap');
    const listed = [...groups.values()]
      .map((group) => `[${group.map(entryName).join(', ')}]`)
      .join(' vs ');
    throw new InputError(
      source,
      configMaps
        ? `holds ${groups.size} different ca.crt values (${listed}): some namespaces still publish an old CA; pass one ConfigMap to check what its pods trust`
        : `holds ${groups.size} different CAs (${listed}); pick one with --webhook NAME`,
    );
  }
  if (selected.every((entry) => entry.dialled === null && entry.form === 'apiservice'))
    throw new InputError(source, selected[0]?.note ?? 'has no APIService that is served over TLS');

  for (const entry of selected) {
    trail.inputs.push({
      role,
      form: entry.form,
      source,
      detail: trustEntryText(entry),
      component: entry.component,
    });
    if (entry.insecure)
      trail.findings.push({
        code: 'insecure-skip-tls-verify',
        severity: 'warning',
        note: `${source}: ${entry.object} has insecureSkipTLSVerify: true — the kube-aggregator accepts any certificate from ${entry.dialled?.host ?? 'its service'}.`,
      });
    // With verification off the missing caBundle is hidden, not a failure of its own.
    if (entry.ca === null && entry.dialled !== null && !entry.insecure)
      trail.findings.push({
        code: 'webhook-ca-missing',
        severity: 'error',
        note: `${source}: ${entryName(entry)} has no caBundle, so the kube-apiserver verifies ${entry.dialled.host} against its system roots${entry.injectFrom ? `; it is annotated ${'cert-manager.io/inject-ca-from'}: ${entry.injectFrom}, so cert-manager's cainjector has not (yet) copied that Certificate's ca.crt in` : ''}.`,
      });
  }

  const names: DialledName[] = [];
  for (const entry of selected) {
    if (!entry.dialled || names.some((name) => name.host === entry.dialled?.host)) continue;
    names.push({
      ...parseName(entry.dialled.host),
      dialledBy: dialledBy(entry),
      decisive: true,
      // What the kube-apiserver logs when the call fails (src/diagnose/logged.ts).
      ...(entry.form === 'webhook-configuration'
        ? {
            call: {
              webhook: entry.name,
              url: entry.dialled.url,
              timeoutSeconds: entry.timeoutSeconds ?? 10,
            },
          }
        : {}),
    });
  }
  const [first] = selected;
  const anchors: Anchors = first?.ca ? { bytes: [first.ca] } : 'system';
  return { anchors, names };
}

function entryName(entry: TrustEntry): string {
  return entry.form === 'webhook-configuration'
    ? `webhook ${JSON.stringify(entry.name)}`
    : entry.object;
}

function dialledBy(entry: TrustEntry): string {
  const url = entry.dialled?.url ?? '';
  if (entry.form === 'webhook-configuration')
    return `kube-apiserver calling webhook ${JSON.stringify(entry.name)} (${url})`;
  if (entry.form === 'crd-conversion')
    return `kube-apiserver calling the conversion webhook of ${entry.object} (${url})`;
  if (entry.form === 'apiservice') return `kube-aggregator proxying ${entry.object} (${url})`;
  return `${entry.object} (${url})`;
}
