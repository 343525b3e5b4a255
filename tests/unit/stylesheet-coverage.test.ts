/**
 * The app's stylesheet brings only the NHS.UK frontend components it uses (src/styles/app.scss;
 * PRODUCT.md section 10, Lighthouse performance). This checks it still styles every NHS.UK
 * class the app's code puts on the page: each `nhsuk-*` class written in src (and index.html)
 * that the whole library styles must be styled by the app's stylesheet too, so a screen that
 * starts using a component not yet imported fails here instead of showing unstyled. A class
 * written as the start of a template (`nhsuk-tag--${colour}`) stands for every class the
 * library has with that start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile, compileString } from 'sass';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const loadPaths = [resolve(root, 'node_modules')];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Class names in a stylesheet's selectors. */
function styledClasses(css: string): Set<string> {
  return new Set([...css.matchAll(/\.(nhsuk-[A-Za-z0-9_-]+)/g)].map((match) => match[1] ?? ''));
}

/** The NHS.UK classes the app's code writes: whole names, and template starts (ending - or _ before `${`). */
function usedClasses(): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const texts = [...sourceFiles(resolve(root, 'src')), resolve(root, 'index.html')].map((file) => readFileSync(file, 'utf8'));
  for (const text of texts) {
    for (const match of text.matchAll(/(nhsuk-[A-Za-z0-9_-]+)(\$\{)?/g)) {
      const name = match[1] ?? '';
      if (match[2] && /[-_]$/.test(name)) prefixes.add(name);
      else exact.add(name);
    }
  }
  return { exact, prefixes };
}

describe("the app's stylesheet and the NHS.UK classes the app uses", () => {
  let ours = new Set<string>();
  let whole = new Set<string>();
  const used = usedClasses();

  beforeAll(() => {
    ours = styledClasses(compile(resolve(root, 'src/styles/app.scss'), { loadPaths }).css);
    whole = styledClasses(compileString('@use "nhsuk-frontend/dist/nhsuk" with ($nhsuk-font-family: (arial, sans-serif));', { loadPaths }).css);
  }, 60_000);

  it('finds the classes in the code, template starts included', () => {
    expect(used.exact.size).toBeGreaterThan(100);
    expect(used.exact).toContain('nhsuk-radios__input');
    expect(used.prefixes).toContain('nhsuk-tag--');
  });

  it('styles every class the code uses that the whole library styles', () => {
    const missing = [...used.exact].filter((name) => whole.has(name) && !ours.has(name));
    expect(missing, 'add the component to src/styles/app.scss').toEqual([]);
  });

  it('styles every class the library has for each template start the code uses', () => {
    const missing = [...used.prefixes].flatMap((prefix) => [...whole].filter((name) => name.startsWith(prefix) && !ours.has(name)));
    expect(missing, 'add the component to src/styles/app.scss').toEqual([]);
  });

  it('leaves out components the app does not use (the check above compares against something larger)', () => {
    for (const name of ['nhsuk-footer', 'nhsuk-hero', 'nhsuk-pagination', 'nhsuk-u-margin-top-4']) {
      expect(whole.has(name), name).toBe(true);
      expect(ours.has(name), name).toBe(false);
    }
  });
});
