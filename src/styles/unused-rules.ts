/**
 * Which of the NHS.UK frontend's style rules can style something in this app, for the build
 * (vite.config.ts, `unusedLibraryRules`) and the stylesheet tests (tests/unit/stylesheet-coverage.test.ts).
 *
 * Why: each component's stylesheet brings every variant the library has (a header with search,
 * navigation menus and six colour schemes; tables that reflow; care cards in four levels of
 * urgency), and every first page parses all of it before its first paint. Lighthouse, mobile
 * preset, found the stylesheet's parse the longest task on the set-up page and the lock screen
 * (260-280 ms at its 4x CPU slowdown; PRODUCT.md section 10). A selector needs every NHS.UK
 * class it names on some element, and the app puts an NHS.UK class on an element only by
 * writing it in its code (no NHS.UK script runs here), so a selector naming a class the code
 * never writes matches nothing and is left out of the build.
 *
 * Only the library's classes (`nhsuk-`) are judged; elements, attributes and the app's own
 * classes are kept as they are. Conservative where a selector could still match:
 * - a class inside `:not(...)` never removes a selector (`.a:not(.b)` matches without `.b`);
 * - `:is(...)`, `:where(...)` and `:has(...)` match when one of their selectors can;
 * - any other functional pseudo-class or an attribute selector is not read at all.
 * A class written as the start of a template (`nhsuk-tag--${colour}`) stands for every class
 * with that start, as the stylesheet tests read it.
 *
 * Pure: no file system and no PostCSS at run time (the rule tree's shape is typed from PostCSS,
 * which Vite runs the plugin in).
 */
import type { AtRule, Container, Plugin, Rule } from 'postcss';

/** The NHS.UK classes the app's code writes: whole names, and starts of templates. */
export interface WrittenClasses {
  readonly exact: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

/** The NHS.UK classes written in `texts` (source files, index.html). */
export function classesWritten(texts: Iterable<string>): WrittenClasses {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/(nhsuk-[A-Za-z0-9_-]+)(\$\{)?/g)) {
      const name = match[1] ?? '';
      if (match[2] && /[-_]$/.test(name)) prefixes.add(name);
      else exact.add(name);
    }
  }
  return { exact, prefixes };
}

function isWritten(name: string, written: WrittenClasses): boolean {
  if (written.exact.has(name)) return true;
  for (const prefix of written.prefixes) if (name.startsWith(prefix)) return true;
  return false;
}

/** Each character of `text` from `start` that is outside a string, with the depth of brackets and parentheses after it. */
function* outsideStrings(text: string, start = 0): Generator<[number, string, number]> {
  let depth = 0;
  let quote = '';
  for (let index = start; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (quote) {
      if (character === '\\') index += 1;
      else if (character === quote) quote = '';
      continue;
    }
    if (character === '"' || character === "'") quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    yield [index, character, depth];
  }
}

/** `text` split at commas outside brackets, parentheses and strings. */
function topLevelList(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const [index, character, depth] of outsideStrings(text)) {
    if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The index just past the bracket that closes the one opened at `open`, strings skipped. */
function closing(text: string, open: number): number {
  for (const [index, character, depth] of outsideStrings(text, open)) if ((character === ')' || character === ']') && depth === 0) return index + 1;
  return text.length;
}

const MATCHES_ONE_OF = new Set(['is', 'where', 'has', '-webkit-any', '-moz-any']);

/** Whether one selector (no top-level comma) could match an element of the app. */
function compoundListMayMatch(selector: string, written: WrittenClasses): boolean {
  let index = 0;
  while (index < selector.length) {
    const character = selector[index];
    if (character === '\\') {
      index += 2;
    } else if (character === '[') {
      // An attribute selector (strings appear only inside one): not read.
      index = closing(selector, index);
    } else if (character === '.') {
      const name = /^[A-Za-z0-9_-]+/.exec(selector.slice(index + 1))?.[0] ?? '';
      if (name.startsWith('nhsuk-') && !isWritten(name, written)) return false;
      index += 1 + name.length;
    } else if (character === ':') {
      const pseudo = /^:{1,2}([A-Za-z-]+)\(/.exec(selector.slice(index));
      if (!pseudo) {
        index += 1;
        continue;
      }
      const open = index + pseudo[0].length - 1;
      const end = closing(selector, open);
      const argument = selector.slice(open + 1, end - 1);
      const name = (pseudo[1] ?? '').toLowerCase();
      if (MATCHES_ONE_OF.has(name) && !topLevelList(argument).some((one) => compoundListMayMatch(one, written))) return false;
      index = end;
    } else {
      index += 1;
    }
  }
  return true;
}

/** Whether `selector` (a single selector or a list) could match an element of the app. */
export function selectorMayMatch(selector: string, written: WrittenClasses): boolean {
  return topLevelList(selector).some((one) => compoundListMayMatch(one.trim(), written));
}

/** Drops the at-rules (media queries, feature queries) that have nothing left in them. */
function dropEmpty(container: Container): void {
  container.each((node) => {
    if (node.type !== 'atrule' || !node.nodes) return;
    dropEmpty(node);
    if (node.nodes.length === 0) node.remove();
  });
}

/**
 * A PostCSS plugin that leaves out of a stylesheet each selector naming an NHS.UK class the
 * app never writes, and each rule, media query and feature query left empty. Keyframes and
 * font faces are kept as they are.
 */
export function unusedLibraryRulesPlugin(written: WrittenClasses): Plugin {
  return {
    postcssPlugin: 'unused-nhsuk-rules',
    OnceExit(root) {
      root.walkRules((rule: Rule) => {
        const parent = rule.parent;
        if (parent?.type === 'atrule' && /keyframes$/i.test((parent as AtRule).name)) return;
        const kept = rule.selectors.filter((selector) => selectorMayMatch(selector, written));
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      dropEmpty(root);
    },
  };
}
