/**
 * The PDF file writer byte for byte on a small two-page file: object order, fonts, the
 * content stream (rules, then texts; empty texts skipped; numbers written short), literal
 * escapes, the info dictionary, and a cross-reference table whose offsets are exact.
 * Every line below was checked against PDF 32000-1 (7.5 file structure, 7.7 document
 * structure, 9.6.2.2 standard Type 1 fonts).
 */
import { describe, expect, test } from 'vitest';
import { readPdf } from '../../../test-support/pdf-reader';
import type { PdfPage } from './pdf-file';
import { A4, literal, pdfDate, textString, writePdf } from './pdf-file';

const pages: PdfPage[] = [
  {
    texts: [
      { font: 'bold', size: 9, x: 56.7, y: 805.89, codes: [0x41, 0x28], grey: 0.25 },
      { font: 'oblique', size: 10, x: 70, y: 700.125, codes: [] },
      { font: 'regular', size: 10.5, x: 0, y: 1, codes: [0xe9] },
    ],
    rules: [
      { x1: 56.7, y1: 780, x2: 538.58, y2: 780, width: 0.5, grey: 0.6 },
      { x1: 0, y1: 0.004, x2: 1, y2: 2, width: 1 },
    ],
  },
  { texts: [], rules: [] },
];

const asText = (bytes: Uint8Array): string => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

describe('writePdf', () => {
  test('writes this two-page file exactly', () => {
    const expected = [
      '%PDF-1.4',
      '%âãÏÓ',
      '1 0 obj',
      '<< /Type /Catalog /Pages 2 0 R /Lang <FEFF0065006E002D00470042> >>',
      'endobj',
      '2 0 obj',
      '<< /Type /Pages /Kids [7 0 R 9 0 R] /Count 2 >>',
      'endobj',
      '3 0 obj',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      'endobj',
      '4 0 obj',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
      'endobj',
      '5 0 obj',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>',
      'endobj',
      '6 0 obj',
      '<< /Length 144 >>',
      'stream',
      '0.6 G 0.5 w 56.7 780 m 538.58 780 l S',
      '0 G 1 w 0 0 m 1 2 l S',
      'BT 0.25 g /F2 9 Tf 56.7 805.89 Td (A\\() Tj ET',
      'BT 0 g /F1 10.5 Tf 0 1 Td (\\351) Tj ET',
      'endstream',
      'endobj',
      '7 0 obj',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents 6 0 R >>',
      'endobj',
      '8 0 obj',
      '<< /Length 0 >>',
      'stream',
      '',
      'endstream',
      'endobj',
      '9 0 obj',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents 8 0 R >>',
      'endobj',
      '10 0 obj',
      '<< /Title <FEFF004700500020006C00650074007400650072> /Producer <FEFF0053006100660065006700750061007200640069006E00670020005400720069006100670065> /CreationDate (D:20260310163000Z) >>',
      'endobj',
      'xref',
      '0 11',
      '0000000000 65535 f ',
      '0000000015 00000 n ',
      '0000000097 00000 n ',
      '0000000160 00000 n ',
      '0000000257 00000 n ',
      '0000000359 00000 n ',
      '0000000464 00000 n ',
      '0000000659 00000 n ',
      '0000000811 00000 n ',
      '0000000860 00000 n ',
      '0000001012 00000 n ',
      'trailer',
      '<< /Size 11 /Root 1 0 R /Info 10 0 R >>',
      'startxref',
      '1211',
      '%%EOF',
    ].join('\n');
    expect(asText(writePdf(pages, { title: 'GP letter', createdAt: '2026-03-10T16:30:00.000Z', language: 'en-GB' }))).toBe(`${expected}\n`);
  });

  test('the file reads back: two pages, the text of the first, none on the second', () => {
    const read = readPdf(writePdf(pages, { title: 'GP letter', createdAt: '2026-03-10T16:30:00.000Z', language: 'en-GB' }));
    expect(read.pageCount).toBe(2);
    expect(read.pages).toEqual(['A(\né', '']);
  });

  test('every byte after the binary comment is ASCII', () => {
    const bytes = writePdf(pages, { title: 'Łódź – 😀', createdAt: '2026-03-10T16:30:00.000Z', language: 'en-GB' });
    expect(Array.from(bytes.slice(15)).every((byte) => byte < 0x80)).toBe(true);
  });

  test('a page is A4', () => {
    expect(A4).toEqual({ width: 595.28, height: 841.89 });
  });
});

describe('PDF strings and dates', () => {
  test('literal: printable ASCII as is; 0x1F, 0x7F and above as three octal digits', () => {
    expect(literal([0x20, 0x7e, 0x1f, 0x7f, 0x80, 0xff, 0x00])).toBe('( ~\\037\\177\\200\\377\\000)');
    expect(literal([])).toBe('()');
  });

  test('text string: four hex digits per UTF-16 code unit, surrogate pairs as two', () => {
    expect(textString('')).toBe('<FEFF>');
    expect(textString('\u00ff\u0100😀')).toBe('<FEFF00FF0100D83DDE00>');
  });

  test('dates: the first 14 digits of the instant, padded with zeros', () => {
    expect(pdfDate('2026-03-10T16:30:59.123Z')).toBe('D:20260310163059Z');
    expect(pdfDate('2026-03-10')).toBe('D:20260310000000Z');
  });
});
