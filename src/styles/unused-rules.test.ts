import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { classesWritten, selectorMayMatch, unusedLibraryRulesPlugin } from './unused-rules';

const written = classesWritten([
  '<div className="nhsuk-button nhsuk-card">',
  'const tag = `nhsuk-tag--${colour}`;',
  "const hint = 'nhsuk-hint';",
]);

describe('the NHS.UK classes the code writes', () => {
  it('reads whole names and the starts of templates', () => {
    expect([...written.exact].sort()).toEqual(['nhsuk-button', 'nhsuk-card', 'nhsuk-hint']);
    expect([...written.prefixes]).toEqual(['nhsuk-tag--']);
  });

  it('reads a template that does not end at a separator as a whole name', () => {
    expect(classesWritten(['`nhsuk-width${size}`']).exact.has('nhsuk-width')).toBe(true);
  });
});

describe('whether a selector can match an element of the app', () => {
  it.each([
    ['.nhsuk-button', true],
    ['.nhsuk-button:hover', true],
    ['.nhsuk-card .nhsuk-button', true],
    ['.nhsuk-tag--red', true],
    ['.nhsuk-tag', false],
    ['.nhsuk-header__search', false],
    ['.nhsuk-card .nhsuk-card__heading--feature', false],
    // Only the library's classes are judged.
    ['p', true],
    ['.app-summary-line .nhsuk-button', true],
    ['.app-unknown', true],
    // A class in :not() never removes a selector.
    ['.nhsuk-button:not(.nhsuk-button--disabled)', true],
    ['.nhsuk-hint:not(.nhsuk-header__search, .nhsuk-table)', true],
    // :is, :where and :has match when one of theirs can.
    [':is(.nhsuk-table, .nhsuk-button) a', true],
    [':where(.nhsuk-table, .nhsuk-header__search) a', false],
    ['p:has(+.nhsuk-card>.nhsuk-hint:first-child)', true],
    ['p:has(+.nhsuk-fieldset>.nhsuk-fieldset__legend:first-child)', false],
    ['.nhsuk-card:has(.nhsuk-header__search)', false],
    // Attribute selectors and other functional pseudo-classes are not read.
    ['[class^="nhsuk-table"]', true],
    ['.nhsuk-card[data-x=".nhsuk-table"]', true],
    ['li:nth-child(2 of .nhsuk-table)', true],
    // Escaped characters do not start a class.
    ['.x\\.nhsuk-table', true],
    // A list matches when one of its selectors can.
    ['.nhsuk-table, .nhsuk-card', true],
    ['.nhsuk-table, .nhsuk-header', false],
  ])('%s: %s', (selector, expected) => {
    expect(selectorMayMatch(selector, written)).toBe(expected);
  });
});

describe('leaving unused rules out of a stylesheet', () => {
  const prune = async (css: string) => (await postcss([unusedLibraryRulesPlugin(written)]).process(css, { from: undefined })).css;

  it('drops the selectors that cannot match, keeping the rest of each rule', async () => {
    expect(await prune('.nhsuk-table, .nhsuk-button { color: red }')).toBe('.nhsuk-button { color: red }');
  });

  it('drops a rule with no selector left, and a media or feature query left empty', async () => {
    const css = '@media (min-width: 40em) { @supports (display: grid) { .nhsuk-table { color: red } } } .nhsuk-card { color: blue }';
    expect((await prune(css)).replace(/\s+/g, ' ').trim()).toBe('.nhsuk-card { color: blue }');
  });

  it('keeps a media query that still holds a rule', async () => {
    const css = '@media print { .nhsuk-table { color: red } .nhsuk-hint { color: blue } }';
    expect((await prune(css)).replace(/\s+/g, ' ').trim()).toBe('@media print { .nhsuk-hint { color: blue } }');
  });

  it('keeps keyframes, font faces and rules without the library classes', async () => {
    const css = '@keyframes spin { from { opacity: 0 } to { opacity: 1 } } @font-face { font-family: x; src: url(x.woff2) } body { margin: 0 }';
    expect(await prune(css)).toBe(css);
  });
});
