/**
 * A letter document as an A4 PDF, made on the device: lays the document model out in
 * Helvetica (wrapped by the real glyph widths), paginates, and writes the file.
 *
 * Every page has a running header (the site, the letter's title and the patient's name,
 * date of birth and NHS number, so a loose page is never anonymous) and a footer with the
 * confidentiality marking and "Page N of M". A heading is never left alone at the foot of a
 * page: it moves to the next page with the first lines of what follows.
 *
 * Characters the standard fonts cannot show: see win-ansi.ts; when any were replaced the
 * PDF ends with a note saying so, and `renderLetterPdf` reports the counts.
 */
import type { LetterBlock, LetterDocument } from '../model';
import { EMPTY_SLOT_TEXT } from '../render-text';
import { helveticaBoldWidths, helveticaWidths } from './helvetica-metrics';
import type { PdfFont, PdfPage, PdfText } from './pdf-file';
import { A4, writePdf } from './pdf-file';
import { toWinAnsi, UNSUPPORTED_MARKER } from './win-ansi';

const MARGIN = 56.7; // 20 mm
const LEFT = MARGIN;
const RIGHT = A4.width - MARGIN;
const WIDTH = RIGHT - LEFT;
const BODY_TOP = A4.height - 86;
const BODY_BOTTOM = 60;
const KEY_WIDTH = 150;
const GAP = 8;

const STYLE = {
  body: { size: 10, leading: 13 },
  heading: { size: 12, leading: 16 },
  title: { size: 16, leading: 20 },
  small: { size: 8, leading: 10 },
} as const;

export interface LetterPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** Characters shown without an accent the fonts lack. */
  simplified: number;
  /** Runs of characters shown as "[?]" (scripts and symbols the fonts cannot show). */
  unsupported: number;
}

const widthOf = (codes: readonly number[], font: PdfFont, size: number): number => {
  const table = font === 'bold' ? helveticaBoldWidths : helveticaWidths;
  let total = 0;
  for (const code of codes) total += table[code - 32] ?? 556;
  return (total * size) / 1000;
};

interface Counter {
  simplified: number;
  unsupported: number;
}

/** Splits text into lines (its own line breaks, then greedy word wrap; over-long words are broken). */
function wrap(text: string, font: PdfFont, size: number, width: number, counter: Counter): number[][] {
  const lines: number[][] = [];
  for (const paragraphText of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const encoded = toWinAnsi(paragraphText);
    counter.simplified += encoded.simplified;
    counter.unsupported += encoded.unsupported;
    const words: number[][] = [[]];
    for (const code of encoded.codes) {
      if (code === 0x20) words.push([]);
      else words[words.length - 1]?.push(code);
    }
    let line: number[] = [];
    for (const word of words) {
      const candidate = line.length === 0 ? word : [...line, 0x20, ...word];
      if (widthOf(candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line.length > 0) lines.push(line);
      line = [];
      let rest = word;
      while (widthOf(rest, font, size) > width) {
        let cut = 1;
        while (cut < rest.length && widthOf(rest.slice(0, cut + 1), font, size) <= width) cut += 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Lays out text lines top to bottom across pages. */
class Layout {
  readonly pages: PdfPage[] = [];
  private y = BODY_TOP;
  readonly counter: Counter = { simplified: 0, unsupported: 0 };

  constructor() {
    this.newPage();
  }

  private get page(): PdfPage {
    const page = this.pages[this.pages.length - 1];
    if (!page) throw new Error('no page');
    return page;
  }

  newPage(): void {
    this.pages.push({ texts: [], rules: [] });
    this.y = BODY_TOP;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `height` fits below the current position. */
  keep(height: number): void {
    if (this.y - height < BODY_BOTTOM && this.y < BODY_TOP) this.newPage();
  }

  line(parts: readonly Omit<PdfText, 'y'>[], leading: number): void {
    this.keep(leading);
    this.y -= leading;
    for (const part of parts) this.page.texts.push({ ...part, y: this.y + leading * 0.25 });
  }

  text(text: string, font: PdfFont, style: { size: number; leading: number }, indent = 0): void {
    for (const codes of wrap(text, font, style.size, WIDTH - indent, this.counter)) this.line([{ font, size: style.size, x: LEFT + indent, codes }], style.leading);
  }

  lines(text: string, font: PdfFont, style: { size: number; leading: number }, width: number): number[][] {
    return wrap(text, font, style.size, width, this.counter);
  }

  rule(): void {
    this.keep(6);
    this.y -= 3;
    this.page.rules.push({ x1: LEFT, y1: this.y, x2: RIGHT, y2: this.y, width: 0.5, grey: 0.6 });
    this.y -= 3;
  }
}

const ENCODE_COUNTER = (): Counter => ({ simplified: 0, unsupported: 0 });

function block(layout: Layout, entry: LetterBlock): void {
  const body = STYLE.body;
  switch (entry.type) {
    case 'paragraph':
      layout.text(entry.text, 'regular', body);
      return;
    case 'list':
      for (const item of entry.items) {
        const lines = layout.lines(item, 'regular', body, WIDTH - 14);
        lines.forEach((codes, index) => layout.line([...(index === 0 ? [{ font: 'regular' as const, size: body.size, x: LEFT + 2, codes: [0x95] }] : []), { font: 'regular', size: body.size, x: LEFT + 14, codes }], body.leading));
      }
      return;
    case 'rows':
      for (const row of entry.rows) {
        const keyLines = layout.lines(row.key, 'bold', body, KEY_WIDTH - GAP);
        const valueLines = row.value.flatMap((value) => layout.lines(value, 'regular', body, WIDTH - KEY_WIDTH));
        // Keep a short row together; a long one may run on to the next page.
        layout.keep(Math.min(Math.max(keyLines.length, valueLines.length), 4) * body.leading);
        const count = Math.max(keyLines.length, valueLines.length);
        for (let index = 0; index < count; index += 1) {
          layout.line(
            [
              { font: 'bold', size: body.size, x: LEFT, codes: keyLines[index] ?? [] },
              { font: 'regular', size: body.size, x: LEFT + KEY_WIDTH, codes: valueLines[index] ?? [] },
            ],
            body.leading,
          );
        }
        layout.space(2);
      }
      return;
    case 'quote':
      layout.keep(body.leading * 2);
      layout.text(`${entry.attribution}:`, 'bold', body);
      layout.text(`“${entry.text}”`, 'oblique', body, 14);
      return;
    case 'slot':
      layout.keep(body.leading * 2);
      layout.text(entry.label, 'bold', body);
      if (entry.text === '') layout.text(EMPTY_SLOT_TEXT, 'oblique', body, 14);
      else layout.text(entry.text, 'regular', body, 14);
      return;
  }
}

function runningHeaderAndFooter(pages: PdfPage[], document: LetterDocument): void {
  const counter = ENCODE_COUNTER();
  const encode = (text: string) => {
    const encoded = toWinAnsi(text);
    counter.simplified += encoded.simplified;
    counter.unsupported += encoded.unsupported;
    return encoded.codes;
  };
  const site = encode(document.from.site);
  const title = encode(document.title);
  const patient = wrap(document.patientLine, 'regular', STYLE.small.size, WIDTH, counter)[0] ?? [];
  const marking = encode(document.marking);
  pages.forEach((page, index) => {
    const top = A4.height - 36;
    page.texts.push({ font: 'bold', size: 9, x: LEFT, y: top, codes: site, grey: 0.25 });
    page.texts.push({ font: 'regular', size: 9, x: RIGHT - widthOf(title, 'regular', 9), y: top, codes: title, grey: 0.25 });
    page.texts.push({ font: 'regular', size: STYLE.small.size, x: LEFT, y: top - 12, codes: patient, grey: 0.25 });
    page.rules.push({ x1: LEFT, y1: top - 18, x2: RIGHT, y2: top - 18, width: 0.5, grey: 0.6 });
    const pageText = encode(`Page ${index + 1} of ${pages.length}`);
    page.texts.push({ font: 'regular', size: STYLE.small.size, x: LEFT, y: 30, codes: marking, grey: 0.25 });
    page.texts.push({ font: 'regular', size: STYLE.small.size, x: RIGHT - widthOf(pageText, 'regular', STYLE.small.size), y: 30, codes: pageText, grey: 0.25 });
  });
}

/** Lays out and writes the letter. `createdAt` is the time the PDF is made (ISO instant). */
export function renderLetterPdf(document: LetterDocument, createdAt: string): LetterPdf {
  const layout = new Layout();
  const body = STYLE.body;
  layout.text(document.title, 'bold', STYLE.title);
  layout.text(document.marking, 'bold', body);
  layout.space(6);
  layout.text(`To: ${document.recipient.role}`, 'bold', body);
  for (const line of document.recipient.lines) layout.text(line, 'regular', body, 14);
  layout.space(4);
  layout.text(`From: ${document.from.lines.join(', ')}`, 'regular', body);
  layout.text(`Patient: ${document.patientLine}`, 'regular', body);
  layout.text(document.dated, 'regular', body);
  for (const entry of document.sections) {
    layout.space(10);
    // No heading at the foot of a page: it needs room for itself and three lines after it.
    layout.keep(STYLE.heading.leading + body.leading * 3 + 6);
    layout.text(entry.heading, 'bold', STYLE.heading);
    layout.rule();
    entry.blocks.forEach((item, index) => {
      if (index > 0) layout.space(5);
      block(layout, item);
    });
  }
  const notes: string[] = [];
  if (layout.counter.unsupported > 0) notes.push(`Some characters in this letter (for example non-Latin scripts or emoji) cannot be shown in this PDF and are marked ${UNSUPPORTED_MARKER}. The printed letter shows them in full.`);
  if (layout.counter.simplified > 0) notes.push('Some letters are shown here without their accents. The printed letter shows them in full.');
  if (notes.length) {
    layout.space(10);
    for (const note of notes) layout.text(note, 'bold', body);
  }
  const { simplified, unsupported } = layout.counter;
  runningHeaderAndFooter(layout.pages, document);
  const bytes = writePdf(layout.pages, { title: document.title, createdAt, language: 'en-GB' });
  return { bytes, pageCount: layout.pages.length, simplified, unsupported };
}
