/**
 * The layering docs/architecture.md describes, checked over every import in src/ (static,
 * type-only and dynamic): a module imports only from its own layer or the layers below it,
 * and no set of modules imports itself round.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Lowest first. A module may import from its own layer and any layer before it. */
const LAYERS = [
  'base',
  'kube',
  'load',
  'facts',
  'names',
  'verify',
  'report',
  'live',
  'inputs',
  'generate',
  'diagnose',
  'render',
  'batch',
  'cli',
  // Files directly in src/: the library entry, above everything it exports.
  '.',
] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of one module, as src-relative .ts paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
}

function layerOf(path: string): number {
  const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : '.';
  return LAYERS.indexOf(top as (typeof LAYERS)[number]);
}

const graph = new Map(
  sourceFiles(SRC).map((file) => [relative(SRC, file), importsOf(file)] as const),
);

describe('src/ layering', () => {
  it('finds the modules and their imports', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('diagnose/index.ts')).toContain('report/findings.ts');
  });

  it('puts every module in a known layer', () => {
    const unplaced = [...graph.keys()].filter((path) => layerOf(path) < 0);
    expect(unplaced).toEqual([]);
  });

  it('imports only existing modules', () => {
    const missing = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => !graph.has(to)).map((to) => `${from} -> ${to}`),
    );
    expect(missing).toEqual([]);
  });

  it('never imports from a higher layer', () => {
    const upward = [...graph].flatMap(([from, targets]) =>
      targets.filter((to) => layerOf(to) > layerOf(from)).map((to) => `${from} -> ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import circles', () => {
    // Tarjan's strongly connected components: any component of two or more is a circle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let next = 0;
    const visit = (node: string): void => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      for (const target of graph.get(node) ?? []) {
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          visit(target);
          low.set(node, Math.min(low.get(node)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node)!, index.get(target)!));
        }
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    expect(circles).toEqual([]);
  });
});
