/** The shape of fixtures/<name>/observed/<oracle>.json, written by scripts/record-observations.ts. */
export interface Observation {
  readonly profile: 'go' | 'openssl' | 'node';
  /** The real tool and version that answered. */
  readonly tool: string;
  /** The verification time the tool used. */
  readonly now: string;
  /** `self`: the certificate was its own only trust anchor; `ca`: the fixture's --ca files. */
  readonly trust: 'self' | 'ca';
  readonly results: readonly {
    readonly host: string;
    readonly ok: boolean;
    readonly message: string | null;
    readonly nativeCode: string | number | null;
  }[];
}
