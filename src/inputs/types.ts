/** What the input readers share: how they read, and what they report about where things came from. */

/** How src/inputs reaches files: injected by the CLI (src/cli/io.ts), so this layer never touches fs. */
export interface InputReader {
  /** The bytes of a file (InputError when it cannot be read). */
  readonly read: (path: string) => Promise<Uint8Array>;
  readonly pathKind: (path: string) => Promise<PathKind>;
}

export type PathKind = 'file' | 'directory' | 'missing' | 'other';

/** Certificate bytes found inside a structured input, with the label errors should name. */
export interface FoundBytes {
  readonly bytes: Uint8Array;
  /** e.g. `secret.yaml: Secret kube-system/default-token-x data["ca.crt"]`. */
  readonly label: string;
}

/**
 * Trust anchors an input brings: certificates, the system roots (client-go's fallback when
 * ca.crt cannot be loaded; not modelled here), or none (the served certificate trusts itself).
 */
export type Anchors = { readonly bytes: readonly FoundBytes[] } | 'system' | null;
