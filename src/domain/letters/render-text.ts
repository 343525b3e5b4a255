/**
 * A letter as plain text: the stable rendering the golden tests check in, and what a size
 * or a diff of a letter is measured on. Every line is the model's text, unchanged apart
 * from indentation, so what the golden files show is what every renderer shows.
 */
import type { LetterBlock, LetterDocument } from './model';

/** Shown for a slot the nurse left empty. */
export const EMPTY_SLOT_TEXT = 'Not completed';

const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const indent = (lines: readonly string[], by: string): string[] => lines.map((line) => (line === '' ? '' : `${by}${line}`));

function blockLines(block: LetterBlock): string[] {
  switch (block.type) {
    case 'paragraph':
      return splitLines(block.text);
    case 'list':
      return block.items.flatMap((item) => {
        const [first = '', ...rest] = splitLines(item);
        return [`- ${first}`, ...indent(rest, '  ')];
      });
    case 'rows':
      return block.rows.flatMap((entry) => {
        const lines = entry.value.flatMap(splitLines);
        const [first = '', ...rest] = lines;
        return [`${entry.key}: ${first}`, ...indent(rest, '    ')];
      });
    case 'quote':
      return [`${block.attribution}:`, ...indent(splitLines(`“${block.text}”`), '    ')];
    case 'slot':
      return [`[${block.label}]`, ...indent(splitLines(block.text === '' ? EMPTY_SLOT_TEXT : block.text), '    ')];
  }
}

/** The whole letter as text, with a final newline. */
export function renderLetterText(document: LetterDocument): string {
  const lines: string[] = [
    document.title.toUpperCase(),
    document.marking,
    `From: ${document.from.lines.join(', ')}`,
    `To: ${document.recipient.role}`,
    ...indent(document.recipient.lines, '    '),
    `Patient: ${document.patientLine}`,
    document.dated,
  ];
  for (const entry of document.sections) {
    lines.push('', `== ${entry.heading}${entry.code ? ` [SNOMED CT ${entry.code.code}]` : ''} ==`);
    entry.blocks.forEach((block, index) => {
      if (index > 0) lines.push('');
      lines.push(...blockLines(block));
    });
  }
  return `${lines.join('\n')}\n`;
}
