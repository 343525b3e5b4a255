/**
 * A small reader for the PDFs our own writer makes (uncompressed, standard fonts,
 * WinAnsiEncoding): checks the structure a viewer relies on (header, every cross-reference
 * offset landing on its object, startxref, trailer), counts pages and extracts the text of
 * each page in drawing order. For tests only.
 */
const WIN_ANSI_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160,
  0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
  0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

export interface ReadPdf {
  version: string;
  objectCount: number;
  pageCount: number;
  /** Text of each page, one entry per drawn text, joined by newlines. */
  pages: string[];
  info: string;
}

function unescapeLiteral(body: string): string {
  let out = '';
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] ?? '';
    if (char !== '\\') {
      out += String.fromCodePoint(WIN_ANSI_HIGH[char.charCodeAt(0)] ?? char.charCodeAt(0));
      continue;
    }
    const next = body[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(index + 1))?.[0] ?? '0';
      const code = parseInt(octal, 8);
      out += String.fromCodePoint(WIN_ANSI_HIGH[code] ?? code);
      index += octal.length;
    } else {
      out += next;
      index += 1;
    }
  }
  return out;
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const text = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  const header = /^%PDF-(\d\.\d)\n/.exec(text);
  if (!header) throw new Error('no PDF header');
  if (!text.endsWith('%%EOF\n')) throw new Error('no %%EOF at the end');
  const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (!startxref) throw new Error('no startxref');
  const xrefAt = Number(startxref[1]);
  if (!text.startsWith('xref\n', xrefAt)) throw new Error('startxref does not point at the xref table');
  const xref = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  if (!xref) throw new Error('bad xref header');
  const size = Number(xref[1]);
  const entries = text.slice(xrefAt + xref[0].length).split('\n').slice(0, size);
  const objects = new Map<number, string>();
  entries.forEach((entry, index) => {
    if (entry.length !== 19) throw new Error(`xref entry ${index} is not 20 bytes`);
    if (index === 0) {
      if (!entry.startsWith('0000000000 65535 f')) throw new Error('bad free entry');
      return;
    }
    const offset = Number(entry.slice(0, 10));
    if (!text.startsWith(`${index} 0 obj\n`, offset)) throw new Error(`xref offset of object ${index} does not point at it`);
    const end = text.indexOf('\nendobj\n', offset);
    objects.set(index, text.slice(offset, end));
  });
  const trailer = /trailer\n<< \/Size (\d+) \/Root (\d+) 0 R \/Info (\d+) 0 R >>/.exec(text);
  if (!trailer || Number(trailer[1]) !== size) throw new Error('bad trailer');
  const root = objects.get(Number(trailer[2])) ?? '';
  const pagesRef = /\/Pages (\d+) 0 R/.exec(root)?.[1];
  const pagesObject = objects.get(Number(pagesRef)) ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObject)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
  const count = Number(/\/Count (\d+)/.exec(pagesObject)?.[1]);
  if (kids.length !== count) throw new Error('/Count does not match /Kids');
  const pages = kids.map((kid) => {
    const page = objects.get(kid) ?? '';
    const contents = Number(/\/Contents (\d+) 0 R/.exec(page)?.[1]);
    const stream = objects.get(contents) ?? '';
    const length = Number(/\/Length (\d+)/.exec(stream)?.[1]);
    const start = stream.indexOf('stream\n') + 'stream\n'.length;
    const data = stream.slice(start, start + length);
    if (stream.slice(start + length) !== '\nendstream') throw new Error('stream /Length is wrong');
    return [...data.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((match) => unescapeLiteral(match[1] ?? '')).join('\n');
  });
  return { version: header[1] ?? '', objectCount: size - 1, pageCount: count, pages, info: objects.get(Number(trailer[3])) ?? '' };
}
