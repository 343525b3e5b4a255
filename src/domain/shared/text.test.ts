import { describe, expect, test } from 'vitest';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT, normaliseNameForMatching } from './text';

describe('normaliseNameForMatching', () => {
  test.each([
    ["O'Neil-Smith", 'oneilsmith'],
    ['O’Neil Smith', 'oneilsmith'],
    ['o neil  smith', 'oneilsmith'],
    ['ONEIL-SMITH', 'oneilsmith'],
    ['  Smith. ', 'smith'],
    ['Smith 2nd', 'smith2nd'],
  ])('"%s" → "%s" (apostrophes, hyphens, spaces and case ignored)', (name, key) => {
    expect(normaliseNameForMatching(name)).toBe(key);
  });

  test('composed and decomposed accents give the same key', () => {
    const composed = 'Zo\u00e9 Ch\u00e1vez';
    const decomposed = 'Zoe\u0301 Cha\u0301vez';
    expect(normaliseNameForMatching(composed)).toBe('zo\u00e9ch\u00e1vez');
    expect(normaliseNameForMatching(decomposed)).toBe(normaliseNameForMatching(composed));
  });

  test('keeps accents: "José" and "Jose" are different keys', () => {
    expect(normaliseNameForMatching('José')).toBe('josé');
    expect(normaliseNameForMatching('José')).not.toBe(normaliseNameForMatching('Jose'));
  });

  test('compatibility forms fold (NFKC): full-width letters and ligatures', () => {
    expect(normaliseNameForMatching('ＳＭＩＴＨ')).toBe('smith');
    expect(normaliseNameForMatching('Ĳssel')).toBe('ijssel');
  });

  test('keeps Arabic letters and drops the spaces between words', () => {
    expect(normaliseNameForMatching('محمد علي')).toBe('محمدعلي');
  });

  test('keeps other scripts: Chinese, Cyrillic, Greek', () => {
    expect(normaliseNameForMatching('王 小明')).toBe('王小明');
    expect(normaliseNameForMatching('Иванова-Петрова')).toBe('ивановапетрова');
    expect(normaliseNameForMatching('Σοφία')).toBe('σοφία');
  });

  test('dotted capital İ becomes a plain i (en-GB lower-casing; the combining dot is dropped)', () => {
    expect(normaliseNameForMatching('İlhan')).toBe('ilhan');
  });

  test('a name of punctuation only gives an empty key', () => {
    expect(normaliseNameForMatching("'-. ")).toBe('');
  });
});

describe('isBlank', () => {
  test.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['   ', true],
    ['\n\t', true],
    ['a', false],
    ['  a  ', false],
    ['0', false],
  ])('isBlank(%j) is %s', (value, blank) => {
    expect(isBlank(value)).toBe(blank);
  });
});

describe('text limits', () => {
  test('free text holds 20,000 characters and short text 500', () => {
    expect(MAX_FREE_TEXT).toBe(20_000);
    expect(MAX_SHORT_TEXT).toBe(500);
  });
});
