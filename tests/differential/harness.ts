/**
 * What every differential test does the same way (skipping when its real verifier is not
 * installed is tests/oracle/require.ts's gate): turn a case into both the profile's input and the oracle's, and compare the
 * two verdicts on exactly the fields that client exposes.
 */
import type { OpensslVerdict } from '../../src/verify/openssl/index.js';
import { errorLine } from '../../src/verify/openssl/index.js';
import { computeSignatureChecks } from '../../src/verify/signatures.js';
import type { ClientVerdict, VerifyInput } from '../../src/verify/types.js';
import { makeCert, type MadeCert } from '../helpers/certs.js';
import type { OpensslOracleVerdict } from '../oracle/openssl.js';
import type { OracleCase, OracleVerdict } from '../oracle/types.js';
import { buildCorpus, corpusCases } from './corpus.js';
import type { ChainCase } from './chains.js';

/** One case as the profile sees it and as the real verifier is given it. */
export interface Prepared {
  readonly id: string;
  readonly input: VerifyInput;
  readonly oracleCase: OracleCase;
}

export async function prepare(chain: ChainCase, now: Date): Promise<Prepared> {
  const { id, leaf, intermediates, roots, host } = chain;
  const everything = [leaf, ...intermediates, ...roots];
  return {
    id,
    input: {
      leaf: leaf.facts,
      intermediates: intermediates.map((made) => made.facts),
      roots: roots.map((made) => made.facts),
      host,
      now,
      signatures: await computeSignatureChecks(everything.map((made) => made.read)),
    },
    oracleCase: {
      id,
      leafPem: leaf.pem,
      leafKeyPem: leaf.keyPem,
      intermediatesPem: intermediates.map((made) => made.pem),
      rootsPem: roots.map((made) => made.pem),
      host,
      now,
    },
  };
}

/**
 * The name corpus (tests/differential/corpus.ts): every shape × name, each certificate
 * trusted as its own anchor, as the pod's ca.crt holds the apiserver's self-signed one.
 */
export async function selfTrustCorpus(now: Date): Promise<Prepared[]> {
  const shapes = buildCorpus(now);
  const made = new Map<string, MadeCert>();
  for (const shape of shapes) made.set(shape.id, await makeCert(shape.spec));
  return Promise.all(
    corpusCases(shapes).map(({ id, shape, name }) => {
      const cert = made.get(shape.id);
      if (!cert) throw new Error(`no certificate for ${shape.id}`);
      return prepare({ id, leaf: cert, intermediates: [], roots: [cert], host: name }, now);
    }),
  );
}

function verdictText(verdict: Pick<OracleVerdict, 'ok' | 'message' | 'nativeCode'>): string {
  return verdict.ok ? 'ok' : `${verdict.nativeCode ?? ''} ${verdict.message ?? ''}`.trim();
}

function mismatch(id: string, client: string, real: string, ours: string): string {
  return `${id}\n  ${`${client}:`.padEnd(9)}${real}\n  profile: ${ours}`;
}

/** Go exposes the verdict and Error() text; null when they agree, else what differs. */
export function goMismatch(id: string, real: OracleVerdict, ours: ClientVerdict): string | null {
  return real.ok === ours.ok && real.message === ours.message
    ? null
    : mismatch(id, 'go', verdictText(real), verdictText(ours));
}

/** Node exposes err.message and err.code as well. */
export function nodeMismatch(id: string, real: OracleVerdict, ours: ClientVerdict): string | null {
  return real.ok === ours.ok && real.message === ours.message && real.nativeCode === ours.nativeCode
    ? null
    : mismatch(id, 'node', verdictText(real), verdictText(ours));
}

/** `openssl verify` prints every `error N at D depth lookup: TEXT` line: all must agree. */
export function opensslMismatch(
  id: string,
  real: OpensslOracleVerdict,
  ours: OpensslVerdict,
): string | null {
  const ourLines = ours.errors.map((error) => errorLine(error.failure, error.depth, error.number));
  const realLines = real.errors.map(
    (error) => `error ${error.number} at ${error.depth} depth lookup: ${error.text}`,
  );
  const agree =
    real.ok === ours.ok &&
    real.message === ours.message &&
    real.nativeCode === ours.nativeCode &&
    JSON.stringify(ourLines) === JSON.stringify(realLines);
  return agree
    ? null
    : mismatch(
        id,
        'openssl',
        real.ok ? 'OK' : realLines.join(' | '),
        ours.ok ? 'OK' : ourLines.join(' | '),
      );
}

/** What each disagreeing case says, from a comparison of one case (null: they agree). */
export function disagreements<T>(
  cases: readonly T[],
  compare: (item: T, index: number) => string | null,
): string[] {
  return cases.flatMap((item, index) => {
    const found = compare(item, index);
    return found === null ? [] : [found];
  });
}
