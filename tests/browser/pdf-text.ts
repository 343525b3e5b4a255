/**
 * Text out of a PDF that Chromium printed (page.pdf()): inflates Flate streams, reads each
 * font's ToUnicode map, and decodes the text-showing operators of each page's content
 * stream with the font in use. Enough for checking what a printed letter says; for tests
 * only. Chromium (Skia) writes Type0 fonts with 2-byte glyph ids and a ToUnicode CMap.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\s*/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt === -1) {
      found.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    found.set(Number(match[1]), { dict, stream: data });
  }
  return found;
}

function hexToCodes(hex: string, bytes: number): number[] {
  const clean = hex.replace(/\s+/g, '');
  const codes: number[] = [];
  for (let index = 0; index + bytes * 2 <= clean.length; index += bytes * 2) codes.push(parseInt(clean.slice(index, index + bytes * 2), 16));
  return codes;
}

function unicodeOf(hex: string): string {
  const units = hexToCodes(hex, 2);
  return String.fromCharCode(...units);
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(pair[1] ?? '0', 16), unicodeOf(pair[2] ?? ''));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const from = parseInt(range[1] ?? '0', 16);
      const to = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((item, index) => map.set(from + index, unicodeOf(item[1] ?? '')));
      } else {
        const base = hexToCodes(target.slice(1, -1), 2);
        for (let code = from; code <= to; code += 1) {
          const units = [...base];
          units[units.length - 1] = (units[units.length - 1] ?? 0) + (code - from);
          map.set(code, String.fromCharCode(...units));
        }
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string): number | undefined => {
  const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : undefined;
};

/** The text of each page, in drawing order; a line break between text objects. */
export function chromiumPdfText(pdf: Buffer): { pages: string[] } {
  const all = objects(pdf);
  const fontMaps = new Map<number, { map: Map<number, string>; bytes: number }>();
  const fontFor = (id: number) => {
    const cached = fontMaps.get(id);
    if (cached) return cached;
    const font = all.get(id)?.dict ?? '';
    const toUnicode = ref(font, 'ToUnicode');
    const map = toUnicode !== undefined ? parseCMap(all.get(toUnicode)?.stream?.toString('latin1') ?? '') : new Map<number, string>();
    const value = { map, bytes: /\/Type0/.test(font) ? 2 : 1 };
    fontMaps.set(id, value);
    return value;
  };
  const pages: string[] = [];
  for (const [, object] of all) {
    if (!/\/Type\s*\/Page\b/.test(object.dict)) continue;
    let resources = object.dict;
    const resourcesRef = ref(object.dict, 'Resources');
    if (resourcesRef !== undefined) resources = all.get(resourcesRef)?.dict ?? '';
    const fontDictInline = /\/Font\s*<<([^>]*)>>/.exec(resources)?.[1];
    const fontDictRef = ref(resources, 'Font');
    const fontDict = fontDictInline ?? (fontDictRef !== undefined ? all.get(fontDictRef)?.dict ?? '' : '');
    const fonts = new Map<string, number>();
    for (const entry of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fonts.set(entry[1] ?? '', Number(entry[2]));
    const contentIds = [...(/\/Contents\s*\[([^\]]*)\]/.exec(object.dict)?.[1] ?? `${ref(object.dict, 'Contents') ?? ''} 0 R`).matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
    const content = contentIds.map((id) => all.get(id)?.stream?.toString('latin1') ?? '').join('\n');
    let current: { map: Map<number, string>; bytes: number } | undefined;
    let out = '';
    const tokens = /\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)|\b(ET)\b|(-?\d+(?:\.\d+)?)\s*(?=[<(\]])/g;
    for (let match = tokens.exec(content); match; match = tokens.exec(content)) {
      if (match[1] !== undefined) {
        const id = fonts.get(match[1]);
        current = id !== undefined ? fontFor(id) : undefined;
      } else if (match[2] !== undefined && current) {
        for (const code of hexToCodes(match[2], current.bytes)) out += current.map.get(code) ?? '';
      } else if (match[3] !== undefined) {
        out += match[3].replace(/\\(.)/g, '$1');
      } else if (match[4] !== undefined) {
        out += '\n';
      } else if (match[5] !== undefined && Number(match[5]) < -200) {
        // A large negative kerning adjustment in TJ is a space between words.
        out += ' ';
      }
    }
    pages.push(out);
  }
  return { pages };
}
