/**
 * A minimal PDF 1.4 file writer for text documents: pages of positioned text lines and
 * rules in the three standard Helvetica fonts, an info dictionary, a cross-reference table
 * and trailer (PDF 32000-1 sections 7.5 file structure, 7.7 document structure, 9.6.2.2
 * standard Type 1 fonts).
 *
 * Everything written is ASCII: text bytes above 126 are octal escapes in literal strings
 * and the title is a UTF-16BE hex string, so byte offsets in the cross-reference table are
 * string offsets and the file is easy to inspect and test. Streams are not compressed: a
 * letter is a few kilobytes, and an uncompressed content stream keeps the text extractable
 * by the simplest tools.
 */

export type PdfFont = 'regular' | 'bold' | 'oblique';

export interface PdfText {
  font: PdfFont;
  size: number;
  x: number;
  y: number;
  /** WinAnsi codes. */
  codes: readonly number[];
  /** Grey level 0 (black) to 1 (white). */
  grey?: number;
}

export interface PdfRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  grey?: number;
}

export interface PdfPage {
  texts: PdfText[];
  rules: PdfRule[];
}

export interface PdfInfo {
  title: string;
  /** ISO 8601 instant: the domain has no clock. */
  createdAt: string;
  /** BCP 47 language of the text, for screen readers ("en-GB"). */
  language: string;
}

/** A4 in points (ISO 216: 210 × 297 mm). */
export const A4 = { width: 595.28, height: 841.89 } as const;

const FONT_RESOURCE: Record<PdfFont, string> = { regular: 'F1', bold: 'F2', oblique: 'F3' };
const FONT_NAME: Record<PdfFont, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', oblique: 'Helvetica-Oblique' };

const num = (value: number): string => {
  const fixed = value.toFixed(2);
  return fixed.replace(/\.?0+$/, '');
};

/** A literal string of WinAnsi codes: ( ) and \ escaped, bytes outside printable ASCII as octal. */
export function literal(codes: readonly number[]): string {
  let out = '(';
  for (const code of codes) {
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
    else if (code >= 0x20 && code <= 0x7e) out += String.fromCharCode(code);
    else out += `\\${code.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

/** A text string for the info dictionary: UTF-16BE with byte order mark, as hex (PDF 32000-1 7.9.2.2). */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index += 1) hex += text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** "D:20260310163000Z" from an ISO instant. */
export function pdfDate(iso: string): string {
  const digits = iso.replace(/[^0-9]/g, '').slice(0, 14).padEnd(14, '0');
  return `D:${digits}Z`;
}

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const rule of page.rules) {
    ops.push(`${num(rule.grey ?? 0)} G ${num(rule.width)} w ${num(rule.x1)} ${num(rule.y1)} m ${num(rule.x2)} ${num(rule.y2)} l S`);
  }
  for (const text of page.texts) {
    if (text.codes.length === 0) continue;
    ops.push(`BT ${num(text.grey ?? 0)} g /${FONT_RESOURCE[text.font]} ${num(text.size)} Tf ${num(text.x)} ${num(text.y)} Td ${literal(text.codes)} Tj ET`);
  }
  return ops.join('\n');
}

/** Writes the pages as a PDF file. */
export function writePdf(pages: readonly PdfPage[], info: PdfInfo): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const fonts = (['regular', 'bold', 'oblique'] as const).map((font) => add(`<< /Type /Font /Subtype /Type1 /BaseFont /${FONT_NAME[font]} /Encoding /WinAnsiEncoding >>`));
  const resources = `<< /Font << /F1 ${fonts[0]} 0 R /F2 ${fonts[1]} 0 R /F3 ${fonts[2]} 0 R >> >>`;
  const pageIds: number[] = [];
  for (const page of pages) {
    const stream = contentStream(page);
    const contents = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(A4.width)} ${num(A4.height)}] /Resources ${resources} /Contents ${contents} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang ${textString(info.language)} >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const infoId = add(`<< /Title ${textString(info.title)} /Producer ${textString('Safeguarding Triage')} /CreationDate (${pdfDate(info.createdAt)}) >>`);

  // A binary comment after the header tells transfer tools the file is binary (PDF 32000-1 7.5.2);
  // it is the only non-ASCII in the file, so it comes before any offset is counted from text.
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(body.length);
  for (let index = 0; index < body.length; index += 1) bytes[index] = body.charCodeAt(index) & 0xff;
  return bytes;
}
