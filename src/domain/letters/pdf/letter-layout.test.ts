/**
 * The PDF layout, by position: where each block type puts its lines (checked by hand against
 * the constants in letter-pdf.ts: 20 mm margins, body from 86 pt below the top edge,
 * leading 20/16/13 pt, keys 150 pt wide, indents of 14 pt), the running header and footer,
 * wrapping that fills each line but never passes the margin, and no heading left at the foot
 * of a page.
 */
import { describe, expect, test } from 'vitest';
import type { LetterDocument } from '../model';
import { list, paragraph, quote, row, rows, section, slot } from '../model';
import { helveticaBoldWidths, helveticaWidths } from './helvetica-metrics';
import { renderLetterPdf } from './letter-pdf';

interface Drawn {
  font: string;
  size: number;
  x: number;
  y: number;
  text: string;
}

const LEFT = 56.7;
const RIGHT = 538.58;
const BODY_BOTTOM = 60;

/** The text operations of each page, in drawing order (our writer's one-line form). */
function drawnPages(bytes: Uint8Array): Drawn[][] {
  const file = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return [...file.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((stream) =>
    [...(stream[1] ?? '').matchAll(/BT [\d.]+ g \/(F\d) ([\d.]+) Tf ([\d.]+) ([\d.]+) Td \(((?:\\.|[^\\)])*)\) Tj ET/g)].map((match) => ({
      font: match[1] ?? '',
      size: Number(match[2]),
      x: Number(match[3]),
      y: Number(match[4]),
      text: (match[5] ?? '').replace(/\\([()\\])/g, '$1'),
    })),
  );
}

const widthOf = (text: string, font: string, size: number): number =>
  (Array.from(text).reduce((total, char) => total + ((font === 'F2' ? helveticaBoldWidths : helveticaWidths)[char.charCodeAt(0) - 32] ?? 556), 0) * size) / 1000;

const letter = (sections: LetterDocument['sections']): LetterDocument => ({
  kind: 'gp',
  title: 'GP letter',
  from: { site: 'Site', lines: ['Site', 'Town'] },
  recipient: { role: 'GP', lines: ['Surgery'] },
  patientLine: 'Ava Smith',
  marking: 'Confidential',
  dated: '10 March 2026',
  sections,
});

const AT = '2026-03-10T16:30:00.000Z';
const isBody = (drawn: Drawn): boolean => drawn.y > BODY_BOTTOM && drawn.y < 780;

describe('where each line goes', () => {
  test('every block type, the header and the footer of a one-page letter', () => {
    const document = letter([
      section('a', 'Heading', [
        paragraph('One'),
        list(['Item', 'Two\nlines']),
        rows([row('Key', 'Value', 'More')]),
        quote('Child', 'Hi'),
        slot({ slotId: 's', label: 'Label', hint: '', required: true }, ''),
        slot({ slotId: 't', label: 'Other', hint: '', required: false }, 'Text'),
      ]),
    ]);
    const pdf = renderLetterPdf(document, AT);
    expect(pdf.pageCount).toBe(1);
    expect(drawnPages(pdf.bytes)[0]).toEqual([
      { font: 'F2', size: 16, x: 56.7, y: 740.89, text: 'GP letter' },
      { font: 'F2', size: 10, x: 56.7, y: 726.14, text: 'Confidential' },
      { font: 'F2', size: 10, x: 56.7, y: 707.14, text: 'To: GP' },
      { font: 'F1', size: 10, x: 70.7, y: 694.14, text: 'Surgery' },
      { font: 'F1', size: 10, x: 56.7, y: 677.14, text: 'From: Site, Town' },
      { font: 'F1', size: 10, x: 56.7, y: 664.14, text: 'Patient: Ava Smith' },
      { font: 'F1', size: 10, x: 56.7, y: 651.14, text: '10 March 2026' },
      { font: 'F2', size: 12, x: 56.7, y: 625.89, text: 'Heading' },
      { font: 'F1', size: 10, x: 56.7, y: 606.14, text: 'One' },
      { font: 'F1', size: 10, x: 58.7, y: 588.14, text: '\\225' },
      { font: 'F1', size: 10, x: 70.7, y: 588.14, text: 'Item' },
      { font: 'F1', size: 10, x: 58.7, y: 575.14, text: '\\225' },
      { font: 'F1', size: 10, x: 70.7, y: 575.14, text: 'Two' },
      { font: 'F1', size: 10, x: 70.7, y: 562.14, text: 'lines' },
      { font: 'F2', size: 10, x: 56.7, y: 544.14, text: 'Key' },
      { font: 'F1', size: 10, x: 206.7, y: 544.14, text: 'Value' },
      { font: 'F1', size: 10, x: 206.7, y: 531.14, text: 'More' },
      { font: 'F2', size: 10, x: 56.7, y: 511.14, text: 'Child:' },
      { font: 'F3', size: 10, x: 70.7, y: 498.14, text: '\\223Hi\\224' },
      { font: 'F2', size: 10, x: 56.7, y: 480.14, text: 'Label' },
      { font: 'F3', size: 10, x: 70.7, y: 467.14, text: 'Not completed' },
      { font: 'F2', size: 10, x: 56.7, y: 449.14, text: 'Other' },
      { font: 'F1', size: 10, x: 70.7, y: 436.14, text: 'Text' },
      // Running header: site, title right-aligned, patient; footer: marking, page number right-aligned.
      { font: 'F2', size: 9, x: 56.7, y: 805.89, text: 'Site' },
      { font: 'F1', size: 9, x: 503.07, y: 805.89, text: 'GP letter' },
      { font: 'F1', size: 8, x: 56.7, y: 793.89, text: 'Ava Smith' },
      { font: 'F1', size: 8, x: 56.7, y: 30, text: 'Confidential' },
      { font: 'F1', size: 8, x: 497.66, y: 30, text: 'Page 1 of 1' },
    ]);
    // The rule under the section heading, then the one under the running header.
    const stream = Array.from(pdf.bytes, (byte) => String.fromCharCode(byte)).join('');
    expect(stream).toContain('stream\n0.6 G 0.5 w 56.7 618.89 m 538.58 618.89 l S\n0.6 G 0.5 w 56.7 787.89 m 538.58 787.89 l S\nBT');
  });

  test('a row whose key is longer than its value runs to the key’s last line', () => {
    const pages = drawnPages(renderLetterPdf(letter([section('a', 'H', [rows([row('A key long enough to wrap onto a second line', 'v')])])]), AT).bytes);
    const rowTexts = (pages[0] ?? []).filter((drawn) => drawn.y < 620 && drawn.y > BODY_BOTTOM);
    // Keys wrap in 142 pt (150 less an 8 pt gap) of Helvetica-Bold 10 pt.
    expect(widthOf('A key long enough to wrap', 'F2', 10)).toBeLessThanOrEqual(142);
    expect(widthOf('A key long enough to wrap onto', 'F2', 10)).toBeGreaterThan(142);
    expect(rowTexts.map((drawn) => [drawn.font, drawn.x, drawn.y, drawn.text])).toEqual([
      ['F2', 56.7, 606.14, 'A key long enough to wrap'],
      ['F1', 206.7, 606.14, 'v'],
      ['F2', 56.7, 593.14, 'onto a second line'],
    ]);
  });
});

describe('wrapping and pages', () => {
  const words = (count: number, seed: number): string =>
    Array.from({ length: count }, (_, index) => ['a', 'word', 'longer', 'Safeguarding', 'of', 'WWW', 'iiii'][(index * 7 + seed) % 7]).join(' ');

  const long = letter(
    Array.from({ length: 24 }, (_, index) =>
      section(`s${String(index)}`, `Section ${String(index + 1)}`, Array.from({ length: 1 + (index % 4) }, (_, part) => paragraph(words(20 + ((index * 13 + part * 5) % 70), index + part)))),
    ),
  );
  const pdf = renderLetterPdf(long, AT);
  const pages = drawnPages(pdf.bytes);

  test('spreads over several pages, each numbered "Page N of M"', () => {
    expect(pdf.pageCount).toBeGreaterThan(3);
    pages.forEach((page, index) => expect(page.at(-1)?.text).toBe(`Page ${String(index + 1)} of ${String(pdf.pageCount)}`));
  });

  test('no line passes the right margin, and no body line goes below the bottom margin', () => {
    for (const page of pages) {
      for (const drawn of page.filter(isBody)) {
        expect(drawn.x + widthOf(drawn.text, drawn.font, drawn.size)).toBeLessThanOrEqual(RIGHT + 0.01);
        expect(drawn.y).toBeGreaterThan(BODY_BOTTOM);
      }
    }
  });

  test('each wrapped line is full: the next word would not have fitted on it', () => {
    let checked = 0;
    for (const page of pages) {
      // Paragraph lines only (the letter's opening lines have a colon or digits).
      const body = page.filter((drawn) => isBody(drawn) && drawn.font === 'F1' && drawn.x === LEFT && /^[A-Za-z ]+$/.test(drawn.text));
      body.forEach((drawn, index) => {
        const next = body[index + 1];
        // Lines of one paragraph follow 13 pt apart on the same page.
        if (!next || Math.abs(drawn.y - next.y - 13) > 0.01) return;
        const firstWord = next.text.split(' ')[0] ?? '';
        expect(widthOf(`${drawn.text} ${firstWord}`, 'F1', 10)).toBeGreaterThan(RIGHT - LEFT);
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  test('a heading is never the last line on a page: its section’s first line follows it', () => {
    for (const page of pages) {
      const body = page.filter(isBody);
      body.forEach((drawn, index) => {
        if (drawn.font === 'F2' && drawn.size === 12) expect(body[index + 1]?.font, `${drawn.text} at ${String(drawn.y)}`).toBe('F1');
      });
      const last = body.at(-1);
      expect(last && last.font === 'F2' && last.size === 12).toBe(false);
    }
  });

  test('every page after the first starts its body at the top', () => {
    for (const page of pages.slice(1)) expect(Math.max(...page.filter(isBody).map((drawn) => drawn.y))).toBeGreaterThan(735);
  });
});

describe('the width each block wraps in', () => {
  // "W" is 944/1000 em in Helvetica: 9.44 pt at 10 pt, so a line of n W's is 9.44 n pt wide.
  const ws = (count: number): string => 'W'.repeat(count);
  const bodyLines = (document: LetterDocument): [number, string][] =>
    (drawnPages(renderLetterPdf(document, AT).bytes)[0] ?? []).filter((drawn) => isBody(drawn) && drawn.y < 620 && drawn.text !== '\\225' && drawn.text !== 'Label').map((drawn) => [drawn.x, drawn.text]);

  test('a word longer than the line is broken where the line is full (51 W in 481.88 pt), with no empty line before it', () => {
    expect(widthOf(ws(51), 'F1', 10)).toBeLessThanOrEqual(RIGHT - LEFT);
    expect(widthOf(ws(52), 'F1', 10)).toBeGreaterThan(RIGHT - LEFT);
    expect(bodyLines(letter([section('a', 'H', [paragraph(ws(120))])]))).toEqual([
      [LEFT, ws(51)],
      [LEFT, ws(51)],
      [LEFT, ws(18)],
    ]);
    // The first piece is on the section's first line (as "One" is above), not after an empty one.
    const first = drawnPages(renderLetterPdf(letter([section('a', 'H', [paragraph(ws(120))])]), AT).bytes)[0]?.find((drawn) => drawn.text === ws(51));
    expect(first?.y).toBe(606.14);
  });

  test('list items wrap 14 pt in (49 W), row values in the 331.88 pt right of the keys (35 W), slot text 14 pt in (49 W)', () => {
    expect(bodyLines(letter([section('a', 'H', [list([ws(60)])])]))).toEqual([
      [70.7, ws(49)],
      [70.7, ws(11)],
    ]);
    expect(bodyLines(letter([section('a', 'H', [rows([row('Key', ws(40))])])]))).toEqual([
      [LEFT, 'Key'],
      [206.7, ws(35)],
      [206.7, ws(5)],
    ]);
    expect(bodyLines(letter([section('a', 'H', [slot({ slotId: 's', label: 'Label', hint: '', required: false }, ws(60))])]))).toEqual([
      [70.7, ws(49)],
      [70.7, ws(11)],
    ]);
  });

  test('the note about simplified letters is bold, and the file declares its language as en-GB', () => {
    const pdf = renderLetterPdf(letter([section('a', 'H', [paragraph('Łódź')])]), AT);
    expect(pdf.simplified).toBe(2);
    const note = drawnPages(pdf.bytes)[0]?.find((drawn) => drawn.text.startsWith('Some letters are shown here without their accents.'));
    expect(note?.font).toBe('F2');
    expect(Array.from(pdf.bytes, (byte) => String.fromCharCode(byte)).join('')).toContain('/Lang <FEFF0065006E002D00470042>');
  });
});

describe('a slot label or quote attribution is never left alone at the foot of a page', () => {
  test.each([
    ['slot', slot({ slotId: 's', label: 'Label', hint: '', required: false }, 'Slot text')],
    ['quote', quote('Label', 'Slot text')],
  ] as const)('%s: its first line follows it on the same page, wherever the page ends', (_name, last) => {
    for (let paragraphs = 20; paragraphs < 45; paragraphs += 1) {
      for (let items = 0; items < 3; items += 1) {
        const blocks = [...Array.from({ length: paragraphs }, () => paragraph('Line')), ...(items > 0 ? [list(Array.from({ length: items }, () => 'Item'))] : []), last];
        const pages = drawnPages(renderLetterPdf(letter([section('a', 'H', blocks)]), AT).bytes);
        const page = pages.find((drawn) => drawn.some((text) => text.text === 'Label:' || text.text === 'Label'));
        const body = (page ?? []).filter(isBody);
        const index = body.findIndex((text) => text.text === 'Label:' || text.text === 'Label');
        expect(body[index + 1]?.text, `${String(paragraphs)} paragraphs, ${String(items)} items`).toMatch(/Slot text/);
      }
    }
  });
});

describe('a section heading has room for three lines after it', () => {
  test('wherever the page ends, the heading and the first three lines of its section share a page', () => {
    for (let paragraphs = 20; paragraphs < 45; paragraphs += 1) {
      for (let items = 0; items < 3; items += 1) {
        const blocks = [...Array.from({ length: paragraphs }, () => paragraph('Line')), ...(items > 0 ? [list(Array.from({ length: items }, () => 'Item'))] : [])];
        const pages = drawnPages(renderLetterPdf(letter([section('a', 'H', blocks), section('b', 'Next', [paragraph('One\nTwo\nThree\nFour')])]), AT).bytes);
        const body = (pages.find((page) => page.some((drawn) => drawn.text === 'Next')) ?? []).filter(isBody);
        const index = body.findIndex((drawn) => drawn.text === 'Next');
        expect(body.slice(index + 1, index + 4).map((drawn) => drawn.text), `${String(paragraphs)} paragraphs, ${String(items)} items`).toEqual(['One', 'Two', 'Three']);
      }
    }
  });
});

describe('a short row is kept together', () => {
  test('wherever the page ends, a row of three lines is on one page', () => {
    for (let paragraphs = 20; paragraphs < 45; paragraphs += 1) {
      for (let items = 0; items < 3; items += 1) {
        const blocks = [...Array.from({ length: paragraphs }, () => paragraph('Line')), ...(items > 0 ? [list(Array.from({ length: items }, () => 'Item'))] : []), rows([row('Key', 'One', 'Two', 'Three')])];
        const page = drawnPages(renderLetterPdf(letter([section('a', 'H', blocks)]), AT).bytes).find((drawn) => drawn.some((text) => text.text === 'Key')) ?? [];
        expect(page.map((drawn) => drawn.text), `${String(paragraphs)} paragraphs, ${String(items)} items`).toEqual(expect.arrayContaining(['Key', 'One', 'Two', 'Three']));
      }
    }
  });
});
