/**
 * Recognises kubectl output and kubeconfigs by content and parses them with the `yaml`
 * package (JSON is YAML, so `-o json` parses the same way). Parse errors name the line and
 * the problem only: the library's message quotes the offending line, which may hold a token,
 * so only its constant messages are repeated and every other one is replaced by words of our
 * own for its error code.
 *
 * Limits, each an InputError (exit 2) before the parser can crash or explode:
 * - nesting deeper than MAX_NESTING levels (flow brackets, block indentation and `- `
 *   indicators counted together) is refused by a linear scan before parsing — the parser
 *   and toJS recurse per level, and 100,000 levels overflow the stack;
 * - aliases: at most MAX_ALIAS_COUNT alias nodes are expanded per document (the
 *   "billion laughs" bomb), and an alias to an anchor that is not defined is refused
 *   without naming it (the name is whatever the input wrote, e.g. a password).
 */
import type * as YamlNamespace from 'yaml';
import { InputError } from '../base/errors.js';

type YamlModule = typeof YamlNamespace;

/** A top-level `apiVersion:`, `kind:` or `clusters:` key, or a JSON object with "kind". */
export function looksStructured(text: string): boolean {
  if (/^\s*\{[\s\S]*"(kind|apiVersion|clusters)"\s*:/.test(text)) return true;
  return /^(apiVersion|kind|clusters|current-context|items|data)\s*:/m.test(text);
}

export async function parseStructured(
  text: string,
  source: string,
): Promise<Record<string, unknown>[]> {
  // Loaded here, not at start-up: a PEM or DER input, the common case, needs no YAML.
  // `yaml` is CommonJS: its exports are the namespace's `default` when bundled.
  const yaml = (await import('yaml')) as YamlModule & { default?: YamlModule };
  const { Composer, LineCounter, Parser } = yaml.default ?? yaml;
  const depth = nestingDepth(text, MAX_NESTING);
  if (depth > MAX_NESTING)
    throw new InputError(
      source,
      `nests deeper than ${MAX_NESTING} levels (line ${depthLine(text, depth)}); no Kubernetes object does`,
    );
  // One document at a time (what parseAllDocuments does, without holding every document's
  // syntax tree at once): each is turned into plain values as soon as it is composed.
  const lines = new LineCounter();
  const composer = new Composer({ uniqueKeys: false });
  const tokens = new Parser(lines.addNewLine).parse(text);
  const objects: Record<string, unknown>[] = [];
  for (const document of composer.compose(tokens, true, text.length)) {
    const [error] = document.errors;
    if (error) {
      const where = lines.linePos(error.pos[0]);
      throw new InputError(
        source,
        `is not valid YAML${where ? ` (line ${where.line}, column ${where.col})` : ''}: ${yamlProblem(error)}`,
      );
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      throw new InputError(source, aliasProblem(error));
    }
    if (value === null || value === undefined) continue;
    if (!isRecord(value))
      throw new InputError(
        source,
        'is YAML but not a mapping (expected a Secret, a List or a kubeconfig)',
      );
    objects.push(value);
  }
  if (objects.length === 0) throw new InputError(source, 'is an empty YAML document');
  return objects;
}

/** Nesting levels a manifest may have; a Secret or kubeconfig needs fewer than 10, a CRD's schema a few dozen. */
export const MAX_NESTING = 256;
/** Alias nodes expanded per document (yaml's toJS maxAliasCount); kubectl never writes aliases. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The deepest nesting in the text, stopping as soon as it passes `limit`: brackets outside
 * quoted scalars and comments, plus, outside brackets, one level per deeper indentation and
 * one per `- `, `? ` or `: ` indicator starting a line. Over-counting is harmless (the limit is
 * far above real manifests); the parser's own depth is never above this count.
 */
export function nestingDepth(text: string, limit: number): number {
  let deepest = 0;
  let brackets = 0;
  const indents: number[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (brackets === 0) {
        let column = 0;
        while (text.charCodeAt(i + column) === 0x20) column++;
        let indicators = 0;
        let j = i + column;
        for (;;) {
          const k = text.charCodeAt(j);
          const next = text.charCodeAt(j + 1);
          if ((k === 0x2d || k === 0x3f || k === 0x3a) && (next === 0x20 || next === 0x0a)) {
            indicators++;
            j += 2;
            while (text.charCodeAt(j) === 0x20) j++;
          } else break;
        }
        const blank =
          j >= text.length || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x23;
        if (!blank) {
          while (indents.length > 0 && (indents[indents.length - 1] as number) >= column)
            indents.pop();
          indents.push(column);
          deepest = Math.max(deepest, indents.length + indicators);
          if (deepest > limit) return deepest;
        }
        i = j;
        if (i >= text.length) break;
        c = text.charCodeAt(i);
      }
    }
    if (c === 0x0a) {
      lineStart = true;
    } else if (c === 0x5b || c === 0x7b) {
      brackets++;
      if (brackets + indents.length > deepest) {
        deepest = brackets + indents.length;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) {
      if (brackets > 0) brackets--;
    } else if (c === 0x22 || c === 0x27) {
      // A quoted scalar starts only where a value can: after a space, a bracket, a comma, a colon.
      const before = i === 0 ? 0x20 : text.charCodeAt(i - 1);
      if (
        before === 0x20 ||
        before === 0x0a ||
        before === 0x5b ||
        before === 0x7b ||
        before === 0x2c ||
        before === 0x3a ||
        before === 0x09
      ) {
        i = quotedEnd(text, i, c);
        if (text.charCodeAt(i) === 0x0a) lineStart = true;
      }
    } else if (c === 0x23) {
      const before = i === 0 ? 0x20 : text.charCodeAt(i - 1);
      if (before === 0x20 || before === 0x09) {
        while (i + 1 < text.length && text.charCodeAt(i + 1) !== 0x0a) i++;
      }
    }
  }
  return deepest;
}

/** Index of the closing quote (or the end): `\\` escapes in double quotes, `''` in single ones. */
function quotedEnd(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c) i++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return text.length;
}

/** The line where the nesting first reaches `depth`, for the error. */
function depthLine(text: string, depth: number): number {
  let low = 0;
  let high = text.length;
  // The scan is linear; find the shortest prefix that reaches the depth by bisection.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nestingDepth(text.slice(0, middle + 1), depth - 1) >= depth) high = middle;
    else low = middle + 1;
  }
  let line = 1;
  for (let i = 0; i < low && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** The library's messages that quote nothing of the input. */
const CONSTANT_MESSAGES = new Set([
  'An alias node must not specify any properties',
  'Alias cannot be an empty string',
  'Alias ending in : is ambiguous',
  'Anchor cannot be an empty string',
  'Anchor ending in : is ambiguous',
  'All sequence items must start at the same column',
  'A block sequence may not be used as an implicit map key',
  'Nested mappings are not allowed in compact mappings',
  'Map keys must be unique',
  'Block collection cannot start on same line with directives-end marker',
  'Comments must be separated from other tokens by white space characters',
  'Implicit map keys need to be followed by map values',
  'Missing closing "quote',
  'Missing directives-end indicator line',
  'Missing directives-end/doc-start indicator line',
  'Sequence item without - indicator',
  'Tags and anchors must be separated from the next token by white space',
  'Implicit keys need to be on a single line',
  'Implicit keys of flow sequence pairs need to be on a single line',
  'A node can have at most one anchor',
  'A node can have at most one tag',
  'Tabs are not allowed as indentation',
]);

/** Our words for each of the library's error codes, for messages that quote the input. */
const CODE_WORDS: Record<string, string> = {
  ALIAS_PROPS: 'an alias has properties',
  BAD_ALIAS: 'a bad alias or anchor',
  BAD_DIRECTIVE: 'a bad directive',
  BAD_DQ_ESCAPE: 'an invalid escape in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'anchors and tags in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character',
  BLOCK_AS_IMPLICIT_KEY: 'a block used as an implicit key',
  BLOCK_IN_FLOW: 'a block inside a flow collection',
  DUPLICATE_KEY: 'a duplicate key',
  KEY_OVER_1024_CHARS: 'an implicit key over 1024 characters',
  MISSING_CHAR: 'a missing character',
  MULTILINE_IMPLICIT_KEY: 'an implicit key over several lines',
  MULTIPLE_ANCHORS: 'more than one anchor on a node',
  MULTIPLE_DOCS: 'several documents',
  MULTIPLE_TAGS: 'more than one tag on a node',
  NON_STRING_KEY: 'a key that is not a string',
  RESOURCE_EXHAUSTION: 'too many aliases',
  TAB_AS_INDENT: 'a tab used as indentation',
  TAG_RESOLVE_FAILED: 'an unknown tag',
  UNEXPECTED_TOKEN: 'an unexpected token',
  BAD_COLLECTION_TYPE: 'a tag of the wrong collection type',
};

function yamlProblem(error: { readonly message: string; readonly code: string }): string {
  const first = (error.message.split(' at line ')[0] ?? '').split('\n')[0] ?? '';
  if (CONSTANT_MESSAGES.has(first)) return first;
  return CODE_WORDS[error.code] ?? 'a syntax error';
}

/** toJS's errors, worded without the alias's name (the input's text). */
function aliasProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Excessive alias count'))
    return `expands more than ${MAX_ALIAS_COUNT} YAML aliases (an alias bomb?); kubectl never writes aliases`;
  if (message.startsWith('Unresolved alias'))
    return 'has a YAML alias (*name) to an anchor that is not defined before it';
  return 'cannot be read as YAML';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
