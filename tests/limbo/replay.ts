/**
 * x509-limbo (C2SP/x509-limbo, with Netflix BetterTLS's cases) as a differential suite:
 * each SERVER case with a DNS or IP peer name goes through the library's profiles in this
 * process, and each answer is compared with what the real client answered on that case
 * (`real-results.jsonl`: Go 1.19.8 Certificate.Verify, `openssl verify` 3.0.19, a Node
 * 20.20.2 handshake). Used by scripts/limbo.ts (the whole corpus, plus live re-runs) and
 * tests/limbo/limbo.test.ts (a recorded subset in fixtures/limbo/).
 */
import { readCertificates } from '../../src/facts/certificate.js';
import type { CertFacts } from '../../src/facts/types.js';
import { checkServerIdentity } from '../../src/verify/node/identity.js';
import { ALTNAME_CODE, identityMessage } from '../../src/verify/node/messages.js';
import { profileById } from '../../src/verify/profiles.js';
import { computeSignatureChecks, type SignatureChecks } from '../../src/verify/signatures.js';
import type { VerifyInput } from '../../src/verify/types.js';

/** The fields of a limbo test case this suite reads (limbo's schema). */
export interface LimboCase {
  readonly id: string;
  readonly validation_kind: 'SERVER' | 'CLIENT';
  readonly trusted_certs: readonly string[];
  readonly untrusted_intermediates: readonly string[];
  readonly peer_certificate: string;
  readonly peer_certificate_key?: string | null;
  readonly validation_time: string | null;
  readonly expected_peer_name: { readonly kind: string; readonly value: string } | null;
  readonly extended_key_usage: readonly string[];
}

/** The clients the corpus recorded, each compared with the profile of the same id. */
export const LIMBO_CLIENTS = ['go', 'openssl', 'node'] as const;
export type LimboClient = (typeof LIMBO_CLIENTS)[number];

/** One line of real-results.jsonl: what one real client answered on one case. */
export interface RealLine {
  readonly id: string;
  readonly client: LimboClient;
  readonly name: string;
  readonly at: string;
  readonly ok: boolean;
  readonly message: string | null;
  readonly nativeCode: string | number | null;
  /** Node without a leaf key: only tls.checkServerIdentity could be run. */
  readonly nodeMode?: string;
  /** false: the handshake failed before any certificate check. */
  readonly comparable?: boolean;
}

export interface Answer {
  readonly ok: boolean;
  readonly message: string | null;
  readonly nativeCode: string | number | null;
}

/** A case's certificates as the profiles see them, or why the tool refused them. */
export type PreparedCase =
  | {
      readonly ok: true;
      readonly leaf: CertFacts;
      readonly intermediates: readonly CertFacts[];
      readonly roots: readonly CertFacts[];
      readonly signatures: SignatureChecks;
    }
  | { readonly ok: false; readonly error: string };

export function parseRealResults(text: string): RealLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RealLine);
}

/** Lines a profile can be held to: not the two whose handshake failed before any check. */
export function isComparable(line: RealLine): boolean {
  return line.comparable !== false;
}

export async function prepareCase(testCase: LimboCase): Promise<PreparedCase> {
  try {
    const read = async (pems: readonly string[], what: string, first: number) => {
      const bytes = new TextEncoder().encode(pems.join('\n'));
      return pems.length === 0 ? [] : await readCertificates(bytes, what, first);
    };
    const [leaf] = await read([testCase.peer_certificate], 'peer', 0);
    if (!leaf) return { ok: false, error: 'no peer certificate' };
    const intermediates = await read(testCase.untrusted_intermediates, 'intermediates', 1);
    const roots = await read(
      testCase.trusted_certs,
      'roots',
      1 + testCase.untrusted_intermediates.length,
    );
    const everything = [leaf, ...intermediates, ...roots];
    return {
      ok: true,
      leaf: leaf.facts,
      intermediates: intermediates.map((cert) => cert.facts),
      roots: roots.map((cert) => cert.facts),
      signatures: await computeSignatureChecks(everything),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** What the library answers for one recorded line. */
/** crypto/tls handshake_client.go's words around a server certificate that does not parse. */
const GO_TLS_PARSE_WRAPPER = /^tls: failed to parse certificate from server: /;

export function ourAnswer(prepared: PreparedCase, line: RealLine): Answer {
  if (!prepared.ok) return { ok: false, message: `refused: ${prepared.error}`, nativeCode: null };
  if (line.client === 'node' && line.nodeMode === 'hostname-only') {
    const identity = checkServerIdentity(line.name, prepared.leaf);
    return identity.ok
      ? { ok: true, message: null, nativeCode: null }
      : {
          ok: false,
          message: identityMessage(identity.failure, prepared.leaf),
          nativeCode: ALTNAME_CODE,
        };
  }
  const input: VerifyInput = {
    leaf: prepared.leaf,
    intermediates: prepared.intermediates,
    roots: prepared.roots,
    host: line.name,
    now: new Date(line.at),
    signatures: prepared.signatures,
  };
  const verdict = profileById(line.client).verify(input);
  // The recorded Go answer is Certificate.Verify's, after ParseCertificate: a leaf that does
  // not parse is ParseCertificate's error, without the wrapper crypto/tls puts around it.
  const message =
    line.client === 'go'
      ? (verdict.message?.replace(GO_TLS_PARSE_WRAPPER, '') ?? null)
      : verdict.message;
  return { ok: verdict.ok, message, nativeCode: verdict.nativeCode };
}

/**
 * Agreement as the corpus defines it: the same verdict, and where both fail the same
 * message byte for byte and (OpenSSL, Node) the same native code.
 */
export function agrees(client: LimboClient, real: Answer, ours: Answer): boolean {
  if (real.ok !== ours.ok) return false;
  if (real.ok) return true;
  if (real.message !== ours.message) return false;
  return client === 'go' || real.nativeCode === ours.nativeCode;
}

/** `ok`, or `nativeCode message`, for printing a disagreement. */
export function describeAnswer(answer: Answer): string {
  if (answer.ok) return 'ok';
  return `${answer.nativeCode === null ? '' : `${answer.nativeCode} `}${answer.message ?? ''}`;
}

/** The category of a case: its id up to the last `::` (e.g. `bettertls::nameconstraints`). */
export function categoryOf(id: string): string {
  const cut = id.lastIndexOf('::');
  return cut === -1 ? id : id.slice(0, cut);
}

export interface Tally {
  total: number;
  agree: number;
  /** Lines where both failed. */
  bothFail: number;
  /** … and agreed on the message (and native code). */
  exact: number;
}

export const emptyTally = (): Tally => ({ total: 0, agree: 0, bothFail: 0, exact: 0 });

export function count(tally: Tally, client: LimboClient, real: Answer, ours: Answer): boolean {
  tally.total++;
  const same = agrees(client, real, ours);
  if (same) tally.agree++;
  if (!real.ok && !ours.ok) {
    tally.bothFail++;
    if (same) tally.exact++;
  }
  return same;
}

/**
 * Every comparable line against the library; the disagreements and tallies. `keep`, when
 * given, receives each case as prepared (for the live re-runs).
 */
export async function replay(
  cases: readonly LimboCase[],
  lines: readonly RealLine[],
  keep?: Map<string, PreparedCase>,
): Promise<{
  readonly byClient: Map<LimboClient, Tally>;
  readonly byCategory: Map<string, Map<LimboClient, Tally>>;
  readonly disagreements: { line: RealLine; ours: Answer }[];
}> {
  const byId = new Map(cases.map((testCase) => [testCase.id, testCase]));
  const linesById = new Map<string, RealLine[]>();
  for (const line of lines) {
    if (!isComparable(line)) continue;
    const group = linesById.get(line.id);
    if (group) group.push(line);
    else linesById.set(line.id, [line]);
  }
  const byClient = new Map<LimboClient, Tally>(LIMBO_CLIENTS.map((c) => [c, emptyTally()]));
  const byCategory = new Map<string, Map<LimboClient, Tally>>();
  const disagreements: { line: RealLine; ours: Answer }[] = [];
  for (const [id, group] of linesById) {
    const testCase = byId.get(id);
    if (!testCase) throw new Error(`real-results.jsonl names ${id}, which limbo.json lacks`);
    const prepared = await prepareCase(testCase);
    keep?.set(id, prepared);
    const category = categoryOf(id);
    let perCategory = byCategory.get(category);
    if (!perCategory) {
      perCategory = new Map(LIMBO_CLIENTS.map((c) => [c, emptyTally()]));
      byCategory.set(category, perCategory);
    }
    for (const line of group) {
      const ours = ourAnswer(prepared, line);
      count(perCategory.get(line.client) as Tally, line.client, line, ours);
      if (!count(byClient.get(line.client) as Tally, line.client, line, ours)) {
        disagreements.push({ line, ours });
      }
    }
  }
  return { byClient, byCategory, disagreements };
}
