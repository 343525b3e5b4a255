/**
 * The plain-text rendering of a letter (what the golden files hold): the header lines, the
 * section headings with their codes, and every block type with multi-line text indented
 * under its first line.
 */
import { describe, expect, test } from 'vitest';
import type { LetterDocument, LetterSection } from './model';
import { list, paragraph, quote, row, rows, section, slot, SNOMED } from './model';
import { EMPTY_SLOT_TEXT, renderLetterText } from './render-text';

const letter = (sections: LetterSection[]): LetterDocument => ({
  kind: 'gp',
  title: 'GP discharge letter',
  from: { site: 'Riverside MIU', lines: ['Riverside MIU', 'Nottingham'] },
  recipient: { role: 'GP', lines: ['The Surgery', '1 High Street'] },
  patientLine: 'Ava Smith, born 1 June 2025, NHS number 943 476 5919',
  marking: 'Confidential: clinical information',
  dated: '10 March 2026 at 16:30',
  sections,
});

const body = (blocks: Parameters<typeof section>[2]): string => renderLetterText(letter([section('s', 'Heading', blocks)])).split('== Heading ==\n')[1] ?? '';

const slotDefinition = { slotId: 'ask', label: 'What is asked of the GP', hint: 'Say what you ask', required: true };

describe('renderLetterText', () => {
  test('the header: title in capitals, marking, sender, recipient with its lines indented, patient and date', () => {
    expect(renderLetterText(letter([]))).toBe(
      [
        'GP DISCHARGE LETTER',
        'Confidential: clinical information',
        'From: Riverside MIU, Nottingham',
        'To: GP',
        '    The Surgery',
        '    1 High Street',
        'Patient: Ava Smith, born 1 June 2025, NHS number 943 476 5919',
        '10 March 2026 at 16:30',
        '',
      ].join('\n'),
    );
  });

  test('each section starts after a blank line, with its SNOMED CT code when it has one', () => {
    const text = renderLetterText(
      letter([
        section('plan', 'Plan', [paragraph('Home.')], { system: SNOMED, code: '734163000', display: 'Care plan' }),
        section('note', 'Note', [paragraph('None.')]),
      ]),
    );
    expect(text.endsWith('\n10 March 2026 at 16:30\n\n== Plan [SNOMED CT 734163000] ==\nHome.\n\n== Note ==\nNone.\n')).toBe(true);
  });

  test('blocks in a section are separated by one blank line', () => {
    expect(body([paragraph('One.'), paragraph('Two.'), paragraph('Three.')])).toBe('One.\n\nTwo.\n\nThree.\n');
  });

  test('a paragraph keeps its own line breaks, whichever convention they use, and blank lines stay empty', () => {
    expect(body([paragraph('a\r\nb\rc\n\nd')])).toBe('a\nb\nc\n\nd\n');
  });

  test('a list: "- " before each item, later lines of an item indented by two spaces', () => {
    expect(body([list(['first', 'second\nmore', ''])])).toBe('- first\n- second\n  more\n- \n');
  });

  test('rows: "key: value", further lines (of one value or several) indented by four spaces', () => {
    expect(body([rows([row('Seen by', 'Alex Morgan'), row('Address', '1 High Street\nNottingham', 'NG1 1AA'), row('Empty')])])).toBe(
      'Seen by: Alex Morgan\nAddress: 1 High Street\n    Nottingham\n    NG1 1AA\nEmpty: \n',
    );
  });

  test('a blank line inside an indented item or value stays empty, not indented', () => {
    expect(body([list(['a\n\nb']), rows([row('Key', 'x\n\ny')])])).toBe('- a\n\n  b\n\nKey: x\n\n    y\n');
  });

  test('a quote: the attribution, then the words in curly quotes, indented', () => {
    expect(body([quote("In the child's own words", 'He pushed me.\nI fell.')])).toBe("In the child's own words:\n    “He pushed me.\n    I fell.”\n");
  });

  test('a slot: its label in brackets and the nurse’s text indented, or "Not completed" when empty', () => {
    expect(EMPTY_SLOT_TEXT).toBe('Not completed');
    expect(body([slot(slotDefinition, 'Please review.\nThank you.')])).toBe('[What is asked of the GP]\n    Please review.\n    Thank you.\n');
    expect(body([slot(slotDefinition, '   ')])).toBe('[What is asked of the GP]\n    Not completed\n');
  });

  test('text is passed through unchanged: markup and right-to-left text are not escaped or reordered', () => {
    expect(body([paragraph('<b>bold</b> &amp; قال')])).toBe('<b>bold</b> &amp; قال\n');
  });
});
