/**
 * How the report names certificates in trust findings: which certificate, and why a
 * candidate issuer was not used. The findings (src/diagnose/trust.ts) compute them.
 */

/** A certificate as the report names it. */
export interface CertRef {
  /** Its CN, else its DN. */
  readonly name: string;
  /** `served`: the input's certificates (0 the leaf); `ca`: the --ca certificates. */
  readonly source: 'served' | 'ca';
  readonly index: number;
  readonly fingerprintSha256: string;
}

/** Why a candidate did not sign the certificate the path stopped at. */
export type CandidateRejection =
  /** Its subject is not the issuer name the child carries. */
  | 'subject-mismatch'
  /** Both have key ids and its subject key id is not the child's authority key id. */
  | 'key-id-mismatch'
  /** The names match, but its key does not verify the child's signature: another key. */
  | 'bad-signature'
  /** CA:FALSE, a v3 certificate without basicConstraints, or keyUsage without keyCertSign. */
  | 'not-a-ca'
  | 'expired'
  | 'not-yet-valid';

export interface IssuerCandidate {
  readonly cert: CertRef;
  /** Empty when the candidate did sign the child and is usable. */
  readonly rejections: readonly CandidateRejection[];
}

/** A certificate made by the apiserver's self-signing code, with when. */
export interface KubeCertRef extends CertRef {
  readonly role: 'serving' | 'ca';
  readonly host: string;
  readonly generatedAt: Date;
}

/** The report's words for a rejection (renderers and the closest-miss summary share them). */
export function rejectionText(rejection: CandidateRejection): string {
  switch (rejection) {
    case 'subject-mismatch':
      return 'a different subject';
    case 'key-id-mismatch':
      return 'a different key id';
    case 'bad-signature':
      return 'its key does not verify the signature';
    case 'not-a-ca':
      return 'not a CA';
    case 'expired':
      return 'expired';
    case 'not-yet-valid':
      return 'not yet valid';
  }
}
