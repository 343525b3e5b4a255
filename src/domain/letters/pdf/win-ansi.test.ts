/**
 * WinAnsi encoding at the edges of each rule in win-ansi.ts: the printable ASCII and
 * Latin-1 ranges, the 0x80–0x9F table, the invisible, space and dash ranges, simplified
 * accents, and one marker per run of anything else.
 */
import { describe, expect, test } from 'vitest';
import { toWinAnsi, UNSUPPORTED_MARKER, winAnsiCode } from './win-ansi';

const marker = Array.from(UNSUPPORTED_MARKER, (char) => char.charCodeAt(0));
const read = (text: string): string => String.fromCharCode(...toWinAnsi(text).codes);

describe('winAnsiCode', () => {
  test.each([0x20, 0x41, 0x7e, 0xa0, 0xe9, 0xff])('U+%s is its own code', (cp) => {
    expect(winAnsiCode(cp)).toBe(cp);
  });

  test.each([0x00, 0x0a, 0x1f, 0x7f, 0x80, 0x9f, 0x100, 0x141, 0x2011])('U+%s has no code', (cp) => {
    expect(winAnsiCode(cp)).toBeUndefined();
  });

  test('the 27 characters WinAnsi places at 0x80–0x9F', () => {
    const table: [number, number][] = [
      [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
      [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
      [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
      [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
    ];
    expect(table.map(([cp]) => winAnsiCode(cp))).toEqual(table.map(([, code]) => code));
  });
});

describe('toWinAnsi', () => {
  test.each([
    ['U+200B zero width space', 0x200b],
    ['U+200F right-to-left mark', 0x200f],
    ['U+202A left-to-right embedding', 0x202a],
    ['U+202E right-to-left override', 0x202e],
    ['U+2060 word joiner', 0x2060],
    ['U+2069 pop directional isolate', 0x2069],
    ['U+FEFF byte order mark', 0xfeff],
    ['U+FE00 variation selector 1', 0xfe00],
    ['U+FE0F variation selector 16', 0xfe0f],
    ['U+0300 a combining grave accent on its own', 0x0300],
    ['U+036F the last combining mark', 0x036f],
  ])('drops the invisible %s', (_name, cp) => {
    // Between digits, so a combining mark has no letter to combine with.
    expect(toWinAnsi(`1${String.fromCodePoint(cp)}2`)).toEqual({ codes: [0x31, 0x32], simplified: 0, unsupported: 0 });
  });

  test('keeps the soft hyphen, which WinAnsi has', () => {
    expect(toWinAnsi('a\u00adb').codes).toEqual([0x61, 0xad, 0x62]);
  });

  test.each([
    ['tab', 0x09],
    ['en quad', 0x2000],
    ['hair space', 0x200a],
    ['narrow no-break space', 0x202f],
    ['medium mathematical space', 0x205f],
    ['ideographic space', 0x3000],
  ])('a %s becomes a plain space', (_name, cp) => {
    expect(read(`a${String.fromCodePoint(cp)}b`)).toBe('a b');
  });

  test.each([
    ['hyphen', 0x2010],
    ['figure dash', 0x2012],
    ['horizontal bar', 0x2015],
    ['minus sign', 0x2212],
  ])('a %s becomes a hyphen', (_name, cp) => {
    expect(read(`a${String.fromCodePoint(cp)}b`)).toBe('a-b');
  });

  test.each([
    ['U+1FFF, just before the spaces', 0x1fff],
    ['U+2016 double vertical line, just after the dashes', 0x2016],
    ['U+2029 paragraph separator', 0x2029],
    ['U+205E, just before the medium space', 0x205e],
    ['U+206A, just after the invisible formatting', 0x206a],
    ['U+2211 n-ary summation, just before the minus sign', 0x2211],
    ['U+2213 minus-or-plus sign, just after it', 0x2213],
    ['U+2FFF, just before the ideographic space', 0x2fff],
    ['U+FDFF, just before the variation selectors', 0xfdff],
    ['U+FE10, just after them', 0xfe10],
    ['U+0008 backspace, a control before the tab', 0x08],
  ])('marks %s', (_name, cp) => {
    expect(toWinAnsi(`a${String.fromCodePoint(cp)}b`)).toEqual({ codes: [0x61, ...marker, 0x62], simplified: 0, unsupported: 1 });
  });

  test('combines a letter and its accent first, so e + U+0301 is é, kept and not counted', () => {
    expect(toWinAnsi('Jose\u0301')).toEqual({ codes: [0x4a, 0x6f, 0x73, 0xe9], simplified: 0, unsupported: 0 });
  });

  test('simplifies letters WinAnsi lacks, counting each one', () => {
    expect(toWinAnsi('ł Ł đ ħ ŋ ș ő ṩ')).toEqual({ codes: Array.from('l L d h n s o s', (char) => char.charCodeAt(0)), simplified: 8, unsupported: 0 });
  });

  test('every letter with no decomposition has its own plain letter', () => {
    expect(toWinAnsi('ł Ł đ Đ ı ħ Ħ ŀ Ŀ ŧ Ŧ ŋ Ŋ ĸ')).toEqual({ codes: Array.from('l L d D i h H l L t T n N k', (char) => char.charCodeAt(0)), simplified: 14, unsupported: 0 });
  });

  test('a letter whose base letter is itself outside WinAnsi is marked, not simplified', () => {
    expect(toWinAnsi('ǅ')).toEqual({ codes: marker, simplified: 0, unsupported: 1 });
    expect(toWinAnsi('ә')).toEqual({ codes: marker, simplified: 0, unsupported: 1 });
  });

  test('one marker per run: a kept, simplified or space character ends the run; an invisible one does not', () => {
    expect(toWinAnsi('مم').unsupported).toBe(1);
    expect(toWinAnsi('م\u200bم')).toEqual({ codes: marker, simplified: 0, unsupported: 1 });
    expect(read('مaم')).toBe('[?]a[?]');
    expect(read('مłم')).toBe('[?]l[?]');
    expect(read('م\u2003م')).toBe('[?] [?]');
    expect(read('م\u2010م')).toBe('[?]-[?]');
    expect(toWinAnsi('مłم')).toEqual({ codes: [...marker, 0x6c, ...marker], simplified: 1, unsupported: 2 });
  });

  test('empty text is no codes', () => {
    expect(toWinAnsi('')).toEqual({ codes: [], simplified: 0, unsupported: 0 });
  });
});
