/**
 * The clinical safety hazard log (docs/clinical-safety/hazard-log.md) cites, for each control,
 * the tests that prove it. This fails when a cited test no longer exists (renamed, moved or
 * deleted), when a reference is malformed, when a hazard cites no test, or when a risk rating
 * does not follow the DCB0129 matrix in the log. The matching rule is in the log's header and
 * in hazard-log-references.ts.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hazards, malformedReferences, readText, testReferences, testTitles } from './hazard-log-references';

const root = resolve(__dirname, '../..');
const log = readText(join(root, 'docs/clinical-safety/hazard-log.md'));

describe('reading test titles', () => {
  it('finds it, test and their .each forms with any quote, and nothing else', () => {
    // Source text for the title reader, not tests: the `.skip` line checks that a skipped
    // test's title is still read (the hazard log may cite it, and the check must see it).
    const source = [
      "it('plain single', () => {});",
      'test("plain double", () => {});',
      'it.skip(`template`, () => {});',
      "test.each([[1, 'a)'], [2, fn(3)]])('each %s with (brackets) in the table', () => {});",
      'it.each<[number]>([[1]])(\n  "each over lines %i",\n  () => {},\n);',
      "test('escaped \\'quote\\'', () => {});",
      "describe('a describe title', () => {});",
      "submit('not a test'); audit('nor this');",
      "const title = 'built'; test(title, () => {});",
    ].join('\n');
    expect(testTitles(source)).toEqual([
      'plain single',
      'plain double',
      'template',
      'each %s with (brackets) in the table',
      'each over lines %i',
      "escaped \\'quote\\'",
    ]);
  });

  it('reads references line by line under their hazard, skipping the example in the header', () => {
    const text = [
      '# Log',
      '    - tests: `example.test.ts` › "example"',
      '### H1. First',
      '  - tests: `a.test.ts` › "a title with "quotes" inside"',
      '### H2. Second',
      '- tests: `b.test.ts` › "b"',
      '- tests: b.test.ts › "no backticks"',
    ].join('\n');
    expect(testReferences(text)).toEqual([
      { hazard: 'H1', file: 'a.test.ts', title: 'a title with "quotes" inside', line: 4 },
      { hazard: 'H2', file: 'b.test.ts', title: 'b', line: 6 },
    ]);
    expect(malformedReferences(text)).toEqual(['- tests: b.test.ts › "no backticks"']);
  });
});

describe('the hazard log', () => {
  const references = testReferences(log);
  const all = hazards(log);

  it('has the hazards the clinical safety case names, in order', () => {
    expect(all.map((hazard) => hazard.id)).toEqual(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8', 'H9', 'H10', 'H11', 'H12', 'H13', 'H14', 'H15']);
  });

  it('lists every hazard in its summary table', () => {
    for (const hazard of all) expect(log).toMatch(new RegExp(`^\\| ${hazard.id} \\|`, 'm'));
  });

  it.each(['Hazard:', 'Cause:', 'Effect:', 'Initial risk:', 'Design control:', 'Test control:', 'Training:', 'Residual risk:', 'Status:'])(
    'every hazard has its %s',
    (field) => {
      for (const hazard of all) expect(hazard.body, hazard.id).toContain(`**${field}**`);
    },
  );

  it('every hazard cites at least one test', () => {
    const cited = new Set(references.map((reference) => reference.hazard));
    expect(all.filter((hazard) => !cited.has(hazard.id)).map((hazard) => hazard.id)).toEqual([]);
  });

  it('every test reference is written in the format the header describes', () => {
    expect(malformedReferences(log)).toEqual([]);
  });

  it('every cited test exists, by that title, in that file', () => {
    const titlesByFile = new Map<string, Set<string>>();
    const missing = references.filter((reference) => {
      const path = join(root, reference.file);
      if (!existsSync(path)) return true;
      let titles = titlesByFile.get(reference.file);
      if (!titles) {
        titles = new Set(testTitles(readText(path)));
        titlesByFile.set(reference.file, titles);
      }
      return !titles.has(reference.title);
    });
    expect(missing.map((reference) => `line ${String(reference.line)} (${reference.hazard}): ${reference.file} › "${reference.title}"`)).toEqual([]);
  });

  it('every risk rating follows the matrix', () => {
    const severities = ['Minor', 'Significant', 'Considerable', 'Major', 'Catastrophic'] as const;
    type Likelihood = 'Very low' | 'Low' | 'Medium' | 'High' | 'Very high';
    const matrix: Record<Likelihood, readonly number[]> = {
      'Very high': [3, 4, 4, 5, 5],
      High: [2, 3, 3, 4, 5],
      Medium: [2, 2, 3, 3, 4],
      Low: [1, 2, 2, 3, 4],
      'Very low': [1, 1, 2, 2, 3],
    };
    const ratings = [...log.matchAll(/(?:severity )?(Minor|Significant|Considerable|Major|Catastrophic), (?:likelihood )?(Very low|Low|Medium|High|Very high): \*\*(\d)\*\*/g)];
    expect(ratings.length).toBeGreaterThanOrEqual(all.length * 2);
    for (const [text, severity, likelihood, rating] of ratings) {
      const row = matrix[likelihood as Likelihood];
      expect(Number(rating), text).toBe(row[severities.indexOf(severity as (typeof severities)[number])]);
    }
  });
});
