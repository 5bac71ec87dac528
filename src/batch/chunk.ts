/**
 * A chunk of items → its output text and tally. The unit of work the in-process
 * path and the worker threads share, so both print exactly the same lines.
 */
import { InputError } from '../base/errors.js';
import type { Style } from '../render/style.js';
import type { CertFacts } from '../facts/types.js';
import { auditItem, type AuditContext } from './audit.js';
import { serviceNames } from '../inputs/serving.js';
import { escapeControl } from '../render/escape.js';
import { count, jsonLine, textRow, type BatchFormat } from './format.js';
import { emptyTally, sourceLabel, type Item, type ItemError, type Tally } from './types.js';

export interface ChunkResult {
  readonly stdout: string;
  /** One line per unreadable input. */
  readonly stderr: string;
  readonly tally: Tally;
  /**
   * The Secrets' tls.crt items (by index in the chunk) whose leaf may serve a Service: the
   * names it answers to that hold `.svc`, for the inventory (src/batch/inventory.ts).
   */
  readonly serving?: readonly { readonly index: number; readonly names: readonly string[] }[];
}

export async function auditChunk(
  items: readonly Item[],
  context: AuditContext,
  format: BatchFormat,
  style: Style,
): Promise<ChunkResult> {
  let stdout = '';
  let stderr = '';
  const tally = emptyTally();
  const serving: { index: number; names: string[] }[] = [];
  for (const [index, item] of items.entries()) {
    try {
      const { source } = item;
      const onLeaf =
        source.kind === 'secret' && source.key === 'tls.crt'
          ? (leaf: CertFacts): void => {
              const names = serviceNames(leaf, source.namespace);
              if (names.length > 0) serving.push({ index, names });
            }
          : undefined;
      for (const record of await auditItem(item, context, onLeaf)) {
        count(tally, record);
        stdout += format === 'jsonl' ? jsonLine(record) : textRow(record, style);
      }
    } catch (error) {
      // An error nobody foresaw in one item is that item's line, not the end of the batch.
      tally.errors++;
      const entry: ItemError =
        error instanceof InputError
          ? { type: 'error', source: error.source, problem: error.problem }
          : {
              type: 'error',
              source: item.label ?? sourceLabel(item.source),
              problem: 'could not be read (an internal error; please report it with this input)',
            };
      stderr += `diagnose: ${inputErrorLine(entry)}\n`;
      // Text: the table stays certificates only; the error line goes to stderr.
      if (format === 'jsonl') stdout += jsonLine(entry);
    }
  }
  return { stdout, stderr, tally, ...(serving.length > 0 ? { serving } : {}) };
}

export function inputErrorLine(error: ItemError): string {
  const problem = escapeControl(error.problem.replace(/\s*\n\s*/g, ' '));
  return error.source.length > 0 ? `${escapeControl(error.source)}: ${problem}` : problem;
}
