/**
 * Recognises kubectl output and kubeconfigs by content and parses them with the `yaml`
 * package (JSON is YAML, so `-o json` parses the same way). Parse errors name the line and
 * the problem only: the library's message quotes the offending line, which may hold a token.
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
  const { parseAllDocuments } = yaml.default ?? yaml;
  const documents = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const objects: Record<string, unknown>[] = [];
  for (const document of list) {
    const [error] = document.errors;
    if (error) {
      const where = error.linePos?.[0];
      const what = (error.message.split(' at line ')[0] ?? error.code).split('\n')[0];
      throw new InputError(
        source,
        `is not valid YAML${where ? ` (line ${where.line}, column ${where.col})` : ''}: ${what}`,
      );
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
