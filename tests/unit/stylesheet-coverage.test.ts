/**
 * The app's stylesheet brings only the NHS.UK frontend components it uses (src/styles/app.scss;
 * PRODUCT.md section 10, Lighthouse performance). This checks it still styles every NHS.UK
 * class the app's code puts on the page: each `nhsuk-*` class written in src (and index.html)
 * that the whole library styles must be styled by the app's stylesheet too, so a screen that
 * starts using a component not yet imported fails here instead of showing unstyled. A class
 * written as the start of a template (`nhsuk-tag--${colour}`) stands for every class the
 * library has with that start. The build then leaves out the library's rules for classes the
 * code never writes (src/styles/unused-rules.ts): the same check runs on what it leaves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import postcss from 'postcss';
import { compile, compileString } from 'sass';
import { beforeAll, describe, expect, it } from 'vitest';
import { classesWritten, unusedLibraryRulesPlugin } from '../../src/styles/unused-rules';
import type { WrittenClasses } from '../../src/styles/unused-rules';

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

/** Classes styled by a selector that names no other NHS.UK class (`.nhsuk-hint`, `p .nhsuk-hint::after`). */
function soleClasses(css: string): Set<string> {
  const sole = new Set<string>();
  postcss.parse(css).walkRules((rule) => {
    for (const selector of rule.selectors) {
      const names = [...selector.matchAll(/\.(nhsuk-[A-Za-z0-9_-]+)/g)].map((match) => match[1] ?? '');
      if (names.length === 1 && !selector.includes('(')) sole.add(names[0] ?? '');
    }
  });
  return sole;
}

/** The NHS.UK classes the app's code writes: whole names, and template starts (ending - or _ before `${`). */
function usedClasses(): WrittenClasses {
  return classesWritten([...sourceFiles(resolve(root, 'src')), resolve(root, 'index.html')].map((file) => readFileSync(file, 'utf8')));
}

describe("the app's stylesheet and the NHS.UK classes the app uses", () => {
  let ours = new Set<string>();
  let built = new Set<string>();
  let oursSole = new Set<string>();
  let builtSole = new Set<string>();
  let whole = new Set<string>();
  const used = usedClasses();

  beforeAll(async () => {
    const css = compile(resolve(root, 'src/styles/app.scss'), { loadPaths }).css;
    ours = styledClasses(css);
    const pruned = (await postcss([unusedLibraryRulesPlugin(used)]).process(css, { from: undefined })).css;
    built = styledClasses(pruned);
    oursSole = soleClasses(css);
    builtSole = soleClasses(pruned);
    whole = styledClasses(compileString('@use "nhsuk-frontend/dist/nhsuk" with ($nhsuk-font-family: (arial, sans-serif));', { loadPaths }).css);
  }, 60_000);

  it('finds the classes in the code, template starts included', () => {
    expect(used.exact.size).toBeGreaterThan(100);
    expect(used.exact).toContain('nhsuk-radios__input');
    expect(used.prefixes).toContain('nhsuk-tag--');
  });

  it('styles every class the code uses that the whole library styles, before and after unused rules are left out', () => {
    const missing = [...used.exact].filter((name) => whole.has(name) && !ours.has(name));
    expect(missing, 'add the component to src/styles/app.scss').toEqual([]);
    // A class the library styles only beside a variant the code never writes (the striped
    // table's head) has nothing left; a class styled on its own must keep that style.
    expect([...used.exact].filter((name) => oursSole.has(name) && !builtSole.has(name))).toEqual([]);
  });

  it('styles every class the library has for each template start the code uses, before and after unused rules are left out', () => {
    const missing = [...used.prefixes].flatMap((prefix) => [...whole].filter((name) => name.startsWith(prefix) && !ours.has(name)));
    expect(missing, 'add the component to src/styles/app.scss').toEqual([]);
    expect([...used.prefixes].flatMap((prefix) => [...oursSole].filter((name) => name.startsWith(prefix) && !builtSole.has(name)))).toEqual([]);
  });

  it('leaves out the rules of classes the code never writes', () => {
    expect(built.size).toBeLessThan(ours.size);
    for (const name of ['nhsuk-table__header', 'nhsuk-card--care--emergency', 'nhsuk-header__search']) {
      expect(ours.has(name), name).toBe(true);
      expect(used.exact.has(name), name).toBe(false);
      expect(built.has(name), name).toBe(false);
    }
  });

  it('leaves out components the app does not use (the check above compares against something larger)', () => {
    for (const name of ['nhsuk-footer', 'nhsuk-hero', 'nhsuk-pagination', 'nhsuk-u-margin-top-4']) {
      expect(whole.has(name), name).toBe(true);
      expect(ours.has(name), name).toBe(false);
    }
  });
});
