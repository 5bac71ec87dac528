/** Where the report says its inputs came from (src/inputs reads them and fills these in). */
import type { ComponentId } from '../base/component-id.js';

export type InputForm =
  | 'certificate'
  | 'secret'
  | 'secret-list'
  | 'kubeconfig'
  | 'serviceaccount-dir'
  | 'endpoint'
  | 'heapster-source'
  /** A Validating/MutatingWebhookConfiguration: per webhook, its caBundle and what it dials. */
  | 'webhook-configuration'
  /** A CustomResourceDefinition's conversion webhook. */
  | 'crd-conversion'
  /** An APIService of the aggregation layer. */
  | 'apiservice'
  /** A ConfigMap with `ca.crt` (kube-root-ca.crt: the CA every pod trusts). */
  | 'configmap'
  /** A kubeadm `/etc/kubernetes/pki` directory, or `/etc/kubernetes` with its kubeconfigs. */
  | 'kubeadm-pki';

/**
 * The component an input implies (a webhook configuration: `webhook`; an APIService:
 * `aggregated-apiserver` …). The ids are the report's component ids; this alias is the one
 * place that names them for inputs, so it can point at the report's own union.
 */
export type InputComponent = ComponentId;

/** Where one piece of the diagnosis came from, for the report (no secret values, ever). */
export interface InputEntry {
  /**
   * What it supplied: the served certificate(s), the trust anchors, the names, the endpoint,
   * or a certificate listed for its expiry and issuer only (a kubeadm pki inventory).
   */
  readonly role: 'certificate' | 'ca' | 'names' | 'endpoint' | 'inventory';
  readonly form: InputForm;
  /** As named on the command line (a path, `-`, a flag value). */
  readonly source: string;
  /** Which secret, key, context or file inside it, in words. */
  readonly detail: string;
  /** The component this input implies, when its kind says so. */
  readonly component?: InputComponent;
}
