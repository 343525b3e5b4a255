/**
 * The PDF writer: a valid file (header, every cross-reference offset on its object,
 * trailer), the page count, extractable text, wrapping inside the margins, pagination with
 * "Page N of M", and characters outside WinAnsi (accents simplified; Arabic and emoji marked).
 */
import { describe, expect, test } from 'vitest';
import { LETTER_TIME, infantSuspectRecord, letterSettings, noConcernsChildRecord } from '../../../test-support/letter-fixtures';
import { readPdf } from '../../../test-support/pdf-reader';
import { noChoices } from '../facts';
import { composeLetter } from '../letters';
import type { LetterDocument } from '../model';
import { paragraph, section } from '../model';
import { helveticaWidths } from './helvetica-metrics';
import { renderLetterPdf } from './letter-pdf';
import { literal, pdfDate, textString } from './pdf-file';
import { toWinAnsi } from './win-ansi';

const gpLetter = (): LetterDocument => composeLetter('gp', { record: infantSuspectRecord(), settings: letterSettings(), at: LETTER_TIME, choices: noChoices(), version: 1 });

describe('WinAnsi encoding', () => {
  test.each<[string, string, number, number]>([
    ['plain ASCII', 'Hello (world) \\', 0, 0],
    ['typographic punctuation is in WinAnsi', '“quoted” – ‘single’ … € •', 0, 0],
    ['Latin-1 accents are kept', 'Zoë Brontë, José, Ørsted', 0, 0],
    ['accents outside WinAnsi are simplified', 'Łukasz Wiśniewski, Ștefan', 3, 0],
    ['Arabic is marked once per word', 'مرحبا بكم', 0, 2],
    ['emoji with modifiers are one marker', 'ok 👍🏽 thanks', 0, 1],
    ['zero-width and direction marks vanish', 'a\u200bb\u200fc\ufeff', 0, 0],
  ])('%s', (_name, text, simplified, unsupported) => {
    const result = toWinAnsi(text);
    expect(result.simplified).toBe(simplified);
    expect(result.unsupported).toBe(unsupported);
    expect(result.codes.every((code) => code >= 0x20 && code <= 0xff)).toBe(true);
  });

  test('what the codes read as', () => {
    const read = (text: string) => String.fromCharCode(...toWinAnsi(text).codes);
    expect(read('Łukasz Wiśniewski')).toBe('Lukasz Wisniewski');
    expect(read('Said: مرحبا')).toBe('Said: [?]');
    expect(read('a\u2011b\u2003c')).toBe('a-b c');
  });

  test('widths are Helvetica’s', () => {
    expect(helveticaWidths[0]).toBe(278); // space
    expect(helveticaWidths['W'.charCodeAt(0) - 32]).toBe(944);
    expect(helveticaWidths[0xe9 - 32]).toBe(556); // é
  });
});

describe('PDF file syntax', () => {
  test('literal strings escape delimiters and non-ASCII', () => {
    expect(literal([0x28, 0x41, 0x29, 0x5c, 0xe9, 0x0a])).toBe('(\\(A\\)\\\\\\351\\012)');
  });
  test('text strings are UTF-16BE hex with a byte order mark', () => {
    expect(textString('Aé')).toBe('<FEFF004100E9>');
  });
  test('dates', () => {
    expect(pdfDate('2026-03-10T16:30:00.000Z')).toBe('D:20260310163000Z');
  });
});

describe('a letter as a PDF', () => {
  test('is a valid PDF whose cross-reference table points at every object', () => {
    const pdf = renderLetterPdf(gpLetter(), LETTER_TIME);
    const read = readPdf(pdf.bytes);
    expect(read.version).toBe('1.4');
    expect(read.pageCount).toBe(pdf.pageCount);
    expect(read.info).toContain('/CreationDate (D:20260310163000Z)');
  });

  test('has extractable text: every heading and the patient on every page', () => {
    const document = gpLetter();
    const read = readPdf(renderLetterPdf(document, LETTER_TIME).bytes);
    const all = read.pages.join('\n');
    for (const entry of document.sections) expect(all).toContain(entry.heading);
    expect(all).toContain('Reference: MASH-2026-0412');
    expect(all).toContain('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
    read.pages.forEach((page, index) => {
      expect(page).toContain('Amara Okafor, born 2 August 2025');
      expect(page).toContain(`Page ${index + 1} of ${read.pageCount}`);
      expect(page).toContain("Queen's Medical Centre ED");
    });
  });

  test('paginates a long letter', () => {
    const document = gpLetter();
    const long = { ...document, sections: [...document.sections, section('long', 'Long account', Array.from({ length: 80 }, (_, index) => paragraph(`Line ${index + 1}: ${'word '.repeat(30)}`)))] };
    const pdf = renderLetterPdf(long, LETTER_TIME);
    expect(pdf.pageCount).toBeGreaterThan(3);
    const read = readPdf(pdf.bytes);
    expect(read.pageCount).toBe(pdf.pageCount);
    expect(read.pages.join('\n')).toContain('Line 80:');
  });

  test('wraps long lines and unbroken words inside the margins', () => {
    const document = { ...gpLetter(), sections: [section('x', 'Wrapping', [paragraph('y'.repeat(400)), paragraph('short words '.repeat(60))])] };
    const read = readPdf(renderLetterPdf(document, LETTER_TIME).bytes);
    const lines = read.pages.join('\n').split('\n');
    const ys = lines.filter((line) => /^y+$/.test(line));
    expect(ys.length).toBeGreaterThan(3);
    expect(ys.join('')).toBe('y'.repeat(400));
  });

  test('marks Arabic and emoji, simplifies accents, and says so at the end', () => {
    const record = noConcernsChildRecord();
    record.answers.accounts.childAccount = 'قال إنه سقط 😢 — Łukasz pushed me <script>alert(1)</script>';
    const document = composeLetter('gp', { record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() });
    const pdf = renderLetterPdf(document, LETTER_TIME);
    expect(pdf.unsupported).toBeGreaterThan(0);
    expect(pdf.simplified).toBeGreaterThan(0);
    // Wrapped lines joined back into running text.
    const all = readPdf(pdf.bytes).pages.join('\n').replace(/\n/g, ' ');
    expect(all).toContain('[?] [?] [?] [?] — Lukasz pushed me <script>alert(1)</script>');
    expect(all).toContain('cannot be shown in this PDF and are marked [?]');
    expect(all).toContain('shown here without their accents');
  });

  test('a letter with nothing outside WinAnsi has no note', () => {
    const pdf = renderLetterPdf(gpLetter(), LETTER_TIME);
    expect(pdf.unsupported).toBe(0);
    expect(readPdf(pdf.bytes).pages.join('\n')).not.toContain('[?]');
  });

  test('is deterministic', () => {
    expect(renderLetterPdf(gpLetter(), LETTER_TIME).bytes).toEqual(renderLetterPdf(gpLetter(), LETTER_TIME).bytes);
  });
});
