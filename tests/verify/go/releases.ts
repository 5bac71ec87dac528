/**
 * The recorded answers of real Go releases (fixtures/go-releases, see its README): each
 * case read as the tool reads certificates, ready for a Go profile, and the comparison of a
 * profile's verdict with what that release answered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCertificates, type Certificate } from '../../../src/facts/certificate.js';
import { computeSignatureChecks } from '../../../src/verify/signatures.js';
import type { VerifyInput } from '../../../src/verify/types.js';

export const RELEASES_DIR = join(process.cwd(), 'fixtures', 'go-releases');

export interface ReleaseCase {
  readonly n: number;
  readonly id: string;
  readonly leaf: string;
  readonly ca: string;
  readonly name: string;
  readonly at: string;
}

export interface ReleaseAnswer {
  readonly n: number;
  readonly id: string;
  readonly release: string;
  readonly commit: string;
  readonly ok: boolean;
  readonly error: string;
  readonly stage: string;
}

export interface PreparedCase {
  readonly case: ReleaseCase;
  readonly input: VerifyInput;
}

export function releaseCases(): ReleaseCase[] {
  return JSON.parse(readFileSync(join(RELEASES_DIR, 'cases.json'), 'utf8')) as ReleaseCase[];
}

/** One file under real/ and the releases it answers for (the corpus README's table). */
export interface ReleaseFile {
  readonly file: string;
  readonly first: string;
  readonly last: string;
}

/** Every file under real/, oldest release first. */
export function releaseFiles(): ReleaseFile[] {
  return JSON.parse(readFileSync(join(RELEASES_DIR, 'releases.json'), 'utf8')) as ReleaseFile[];
}

/**
 * What a Go profile's verdict message must be for a recorded answer: Verify's error, or for a
 * leaf that did not parse, that error as crypto/tls wraps it.
 */
export function expectedMessage(answer: ReleaseAnswer): string | null {
  if (answer.ok) return null;
  return answer.stage === 'parse-leaf'
    ? `tls: failed to parse certificate from server: ${answer.error}`
    : answer.error;
}

export function releaseAnswers(file: string): ReleaseAnswer[] {
  return readFileSync(join(RELEASES_DIR, 'real', `${file}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ReleaseAnswer);
}

const read = new Map<string, Promise<Certificate[]>>();

function certificatesOf(file: string): Promise<Certificate[]> {
  let certs = read.get(file);
  if (!certs) {
    certs = readCertificates(readFileSync(join(RELEASES_DIR, file)), file);
    read.set(file, certs);
  }
  return certs;
}

/** Every case as a VerifyInput: the leaf file's first certificate, its rest, the CA file. */
export async function prepareReleaseCases(): Promise<PreparedCase[]> {
  const prepared: PreparedCase[] = [];
  for (const entry of releaseCases()) {
    const [leaf, ...intermediates] = await certificatesOf(entry.leaf);
    const roots = await certificatesOf(entry.ca);
    if (!leaf) throw new Error(`${entry.leaf}: no certificate`);
    prepared.push({
      case: entry,
      input: {
        leaf: leaf.facts,
        intermediates: intermediates.map((cert) => cert.facts),
        roots: roots.map((cert) => cert.facts),
        host: entry.name,
        now: new Date(entry.at),
        signatures: await computeSignatureChecks([leaf, ...intermediates, ...roots]),
      },
    });
  }
  return prepared;
}
