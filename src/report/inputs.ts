/** Where the report says its inputs came from (src/inputs reads them and fills these in). */

export type InputForm =
  | 'certificate'
  | 'secret'
  | 'secret-list'
  | 'kubeconfig'
  | 'serviceaccount-dir'
  | 'endpoint'
  | 'heapster-source';

/** Where one piece of the diagnosis came from, for the report (no secret values, ever). */
export interface InputEntry {
  /** What it supplied: the served certificate(s), the trust anchors, the names, the endpoint. */
  readonly role: 'certificate' | 'ca' | 'names' | 'endpoint';
  readonly form: InputForm;
  /** As named on the command line (a path, `-`, a flag value). */
  readonly source: string;
  /** Which secret, key, context or file inside it, in words. */
  readonly detail: string;
}
