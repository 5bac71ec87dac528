/**
 * Shell examples in the docs are executable: a ```console block whose first line is
 * `$ diagnose …` is followed by exactly what that command prints on stdout. The tests
 * run each one through run() and compare; `npm run docs:examples` rewrites them.
 */
import { readFile } from 'node:fs/promises';
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';
import { processIo } from '../../src/cli/io.js';

export interface DocExample {
  readonly file: string;
  readonly command: string;
  readonly expected: string;
  /** Offsets of the block body in the file, for rewriting. */
  readonly start: number;
  readonly end: number;
}

const BLOCK = /```console\n\$ (diagnose[^\n]*)\n([\s\S]*?)```/g;

export function findExamples(file: string, text: string): DocExample[] {
  return [...text.matchAll(BLOCK)].map((match) => {
    const start = (match.index ?? 0) + match[0].indexOf('\n') + 1;
    return {
      file,
      command: match[1] ?? '',
      expected: match[2] ?? '',
      start,
      end: (match.index ?? 0) + match[0].length - 3,
    };
  });
}

/** Runs `diagnose …` as the docs show it: real files, no colour, a fixed environment. */
export async function runExample(
  command: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = command.split(/\s+/).slice(1);
  let stdout = '';
  let stderr = '';
  const io: Io = {
    ...processIo,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    stdoutIsTTY: false,
    read: (path, max) => processIo.read(path, max),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export async function examplesIn(files: readonly string[]): Promise<DocExample[]> {
  const all = await Promise.all(
    files.map(async (file) => findExamples(file, await readFile(file, 'utf8'))),
  );
  return all.flat();
}
