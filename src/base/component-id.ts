/**
 * The component ids: which Kubernetes component serves (or, for a kubeconfig, uses) the
 * certificate being judged. A CLI (`--component`) and JSON (`component.id`) contract shared
 * by recognition (src/diagnose/component.ts), the inputs that imply a component and the
 * renderers: never rename one.
 */
export const COMPONENT_IDS = [
  'kube-apiserver',
  'kubelet',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
  'webhook',
  'aggregated-apiserver',
  'ingress',
  'kubeconfig-client',
  'ca',
  'other',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

export function isComponentId(value: string): value is ComponentId {
  return (COMPONENT_IDS as readonly string[]).includes(value);
}
