/**
 * Reads the clinical safety hazard log (docs/clinical-safety/hazard-log.md) and the test
 * files it names, so tests/unit/hazard-log.test.ts can fail when a control cites a test that
 * does not exist. The matching rule is written in the log's header; in short:
 *
 * - a reference is one list item `- tests: \`<path from the repository root>\` › "<title>"`;
 * - a test exists when `<title>` equals, character for character, the first argument (a
 *   '…', "…" or `…` string literal, escapes as written in the source) of an `it(`, `test(`,
 *   `it.each(…)(` or `test.each(…)(` call in that file, with any `.only`, `.skip`,
 *   `.concurrent` or `.fails` between the name and the bracket. A `.each` title is matched
 *   as written, with its `%s` or `$name` placeholders; `describe` titles are not part of it.
 */
import { readFileSync } from 'node:fs';

/** One reference: a list item `- tests: \`<path>\` › "<title>"` (the title may itself hold quotes). */
const referenceLine = /^\s*- tests: `([^`]+)` › "(.*)"\s*$/;

export interface TestReference {
  readonly hazard: string;
  readonly file: string;
  readonly title: string;
  readonly line: number;
}

export interface Hazard {
  readonly id: string;
  readonly heading: string;
  readonly body: string;
}

const quotes = new Set(["'", '"', '`']);

/** Reads the string literal starting at `start` (a quote); returns its raw text and the index after it. */
function readString(text: string, start: number): { value: string; end: number } | undefined {
  const quote = text[start];
  if (quote === undefined || !quotes.has(quote)) return undefined;
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === quote) return { value: text.slice(start + 1, index), end: index + 1 };
    else index += 1;
  }
  return undefined;
}

function skipSpace(text: string, index: number): number {
  let at = index;
  while (at < text.length && /\s/.test(text[at] ?? '')) at += 1;
  return at;
}

/** The index just after the bracket that closes the one at `open`, skipping string literals. */
function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  let index = open;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (quotes.has(char)) {
      const literal = readString(text, index);
      if (!literal) return undefined;
      index = literal.end;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth += 1;
    if (char === ')' || char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return undefined;
}

/** The index after a type-argument list `<…>` starting at `open` (nested brackets, `=>` inside allowed). */
function afterTypeArguments(text: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const char = text[index];
    if (char === '<') depth += 1;
    if (char === '>' && text[index - 1] !== '=') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return undefined;
}

/** The index of the call bracket after `at`, past any type arguments; undefined when there is none. */
function callBracket(text: string, at: number): number | undefined {
  let index = skipSpace(text, at);
  if (text[index] === '<') {
    const after = afterTypeArguments(text, index);
    if (after === undefined) return undefined;
    index = skipSpace(text, after);
  }
  return text[index] === '(' ? index : undefined;
}

/** Every test title declared in a test file's source, by the rule in the module header. */
export function testTitles(source: string): string[] {
  const titles: string[] = [];
  const call = /(?<![\w.$])(?:it|test)(?:\.(?:only|skip|concurrent|fails))*(\.each)?(?:\.(?:only|skip|concurrent|fails))*/g;
  for (const match of source.matchAll(call)) {
    let open = callBracket(source, match.index + match[0].length);
    if (open === undefined) continue;
    if (match[1]) {
      const afterTable = closingBracket(source, open);
      open = afterTable === undefined ? undefined : callBracket(source, afterTable);
      if (open === undefined) continue;
    }
    const literal = readString(source, skipSpace(source, open + 1));
    if (literal) titles.push(literal.value);
  }
  return titles;
}

/** The hazards (level-3 headings `### H<n>. <name>`) with the text under each. */
export function hazards(log: string): Hazard[] {
  const parts = log.split(/^### /m).slice(1);
  return parts.flatMap((part) => {
    const heading = part.split('\n', 1)[0] ?? '';
    const id = /^(H\d+)\./.exec(heading)?.[1];
    return id ? [{ id, heading, body: part }] : [];
  });
}

/** Every test reference in the log, attributed to the hazard it sits under (the header's example is not one). */
export function testReferences(log: string): TestReference[] {
  const references: TestReference[] = [];
  let hazard = '';
  log.split('\n').forEach((text, index) => {
    if (text.startsWith('#')) hazard = /^### (H\d+)\./.exec(text)?.[1] ?? '';
    const reference = referenceLine.exec(text);
    if (hazard && reference?.[1] !== undefined && reference[2] !== undefined) {
      references.push({ hazard, file: reference[1], title: reference[2], line: index + 1 });
    }
  });
  return references;
}

/**
 * List items under a hazard that start `- tests:` but do not follow the reference format (a
 * typo would otherwise go unchecked).
 */
export function malformedReferences(log: string): string[] {
  return hazards(log).flatMap((hazard) =>
    hazard.body.split('\n').filter((text) => /^\s*- tests:/.test(text) && !referenceLine.test(text)),
  );
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
