/**
 * Text to WinAnsiEncoding codes for the standard PDF fonts, which have no glyphs outside
 * that encoding (PDF 32000-1 annex D.2).
 *
 * Our approach for characters outside it (say why: a PDF with embedded fonts for every
 * script would mean shipping font files several hundred kilobytes each):
 * 1. Characters in WinAnsi are kept, including € ‘ ’ “ ” – — … •.
 * 2. Letters with accents WinAnsi lacks (ł ś ș ą ő …) are simplified to the base letter, and
 *    counted, so the letter can say that some names are shown without their accents.
 * 3. Invisible format characters (zero-width, direction marks, variation selectors) are
 *    dropped; other spaces and dashes become a plain space or hyphen.
 * 4. Anything else (Arabic, Chinese, emoji…) becomes the marker "[?]", one per run, and is
 *    counted: the PDF then ends with a note saying so, and the screen tells the nurse before
 *    the download that the printed letter (the browser prints every script) shows it in full.
 */

export interface WinAnsiText {
  codes: number[];
  /** Characters shown without their accent. */
  simplified: number;
  /** Runs of characters shown as the marker. */
  unsupported: number;
}

export const UNSUPPORTED_MARKER = '[?]';

/** Unicode → WinAnsi for 0x80–0x9F (the rest of 0x20–0xFF is Latin-1 itself). */
const HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Letters with no decomposition to a WinAnsi base letter. */
const SIMPLER: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', ŧ: 't', Ŧ: 'T', ŋ: 'n', Ŋ: 'N', ĸ: 'k' };

const isInvisible = (cp: number): boolean =>
  (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xad || (cp >= 0x0300 && cp <= 0x036f);

const isSpace = (cp: number): boolean => cp === 0x09 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000;
const isDash = (cp: number): boolean => (cp >= 0x2010 && cp <= 0x2012) || cp === 0x2212 || cp === 0x2015;

/** The WinAnsi code of one code point, or undefined. */
export function winAnsiCode(cp: number): number | undefined {
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return HIGH[cp];
}

/** Encodes one line of text (no line breaks: split lines first). */
export function toWinAnsi(text: string): WinAnsiText {
  const codes: number[] = [];
  let simplified = 0;
  let unsupported = 0;
  let inRun = false;
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0;
    const direct = winAnsiCode(cp);
    if (direct !== undefined) {
      codes.push(direct);
      inRun = false;
      continue;
    }
    if (isInvisible(cp)) continue;
    if (isSpace(cp) || isDash(cp)) {
      codes.push(isSpace(cp) ? 0x20 : 0x2d);
      inRun = false;
      continue;
    }
    const base = SIMPLER[char] ?? char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    // Code points, not grapheme clusters: each is checked on its own against WinAnsi.
    const baseCodes = Array.from(base, (part) => winAnsiCode(part.codePointAt(0) ?? 0));
    if (base !== char && base.length > 0 && baseCodes.every((code) => code !== undefined)) {
      codes.push(...baseCodes);
      simplified += 1;
      inRun = false;
      continue;
    }
    if (!inRun) {
      for (const marker of UNSUPPORTED_MARKER) codes.push(marker.charCodeAt(0));
      unsupported += 1;
      inRun = true;
    }
  }
  return { codes, simplified, unsupported };
}
