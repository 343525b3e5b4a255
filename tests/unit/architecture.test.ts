/**
 * The house rules, checked on every test run: which layer may import which, no
 * cross-feature imports, no import cycles. ESLint checks the same directions per file as
 * you type; this test sees the whole graph, which is what cycles need.
 *
 *   domain  <-  storage  <-  features  <-  app      (components serve features and app;
 *                                                   pwa serves app)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.(ts|tsx)$/.test(name) && !path.includes(join('src', 'test-support')) ? [path] : [];
  });
}

/** Runtime imports only: `import type` and `export type` vanish at build time and cannot form cycles. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) if (match[1]) specifiers.push(match[1]);
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) if (match[1]) specifiers.push(match[1]);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

type Layer = 'domain' | 'storage' | 'features' | 'components' | 'pwa' | 'app' | 'entry' | 'styles';

function layerOf(file: string): { layer: Layer; feature?: string } {
  const parts = relative(src, file).split(/[\\/]/);
  const top = parts[0] ?? '';
  if (top === 'features') return { layer: 'features', feature: parts[1] ?? '' };
  if (['domain', 'storage', 'components', 'pwa', 'app', 'styles'].includes(top)) return { layer: top as Layer };
  return { layer: 'entry' };
}

const allowed: Record<Layer, readonly Layer[]> = {
  domain: ['domain'],
  storage: ['domain', 'storage'],
  components: ['domain', 'components'],
  features: ['domain', 'storage', 'components', 'features'],
  pwa: ['domain', 'storage', 'components', 'pwa'],
  app: ['domain', 'storage', 'components', 'features', 'pwa', 'app'],
  entry: ['app', 'storage', 'pwa', 'styles'],
  styles: [],
};

const files = walk(src);
const graph = new Map(files.map((file) => [file, runtimeImports(file).map((specifier) => resolveLocal(file, specifier)).filter((target): target is string => target !== undefined)]));

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('imports only point the allowed way between layers, and features never import each other', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        const crossFeature = from.layer === 'features' && to.layer === 'features' && from.feature !== to.feature;
        if (!allowed[from.layer].includes(to.layer) || crossFeature) violations.push(`${relative(root, file)} -> ${relative(root, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only storage imports dexie, and only storage/crypto calls crypto.subtle', () => {
    const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const dexieOutside = files.filter((file) => layerOf(file).layer !== 'storage' && /from ['"]dexie['"]/.test(code(file)));
    const subtleOutside = files.filter((file) => !relative(src, file).startsWith(join('storage', 'crypto')) && /crypto\.subtle/.test(code(file)));
    expect(dexieOutside.map((file) => relative(root, file))).toEqual([]);
    expect(subtleOutside.map((file) => relative(root, file))).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target].map((path) => relative(src, path)).join(' -> '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
