/**
 * The MASH referral, section by section, with exact wording: the headings and their ids,
 * who it is from and to (with the fallbacks when the device is not set up), the concern
 * level stated once under "What we are worried about", immediate danger, the actions with
 * the discharge rows (trimmed, and left out when blank), and the presenting complaint never
 * marked restricted for the MASH.
 */
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../assessment/record';
import { infantSuspectRecord, LETTER_TIME, letterSettings, youngPersonRestrictedRecord } from '../../test-support/letter-fixtures';
import type { LetterChoices, LetterInput } from './facts';
import { letterFacts, noChoices } from './facts';
import { composeLetter } from './letters';
import { safeguardingContributions } from './contributions';
import type { SafeguardingContribution } from './contributions';
import type { LetterDocument } from './model';
import { paragraph } from './model';
import { renderLetterText } from './render-text';

const input = (record: AssessmentRecord, choices: LetterChoices = noChoices()): LetterInput => ({ record, settings: letterSettings(), at: LETTER_TIME, choices });
const mash = (value: LetterInput): LetterDocument => composeLetter('mash-referral', value);
const sectionText = (document: LetterDocument, id: string): string => {
  const found = document.sections.find((entry) => entry.id === id);
  return found ? renderLetterText({ ...document, sections: [found] }) : '';
};
/** The lines under a section's heading, without the letter's header. */
const body = (document: LetterDocument, id: string): string[] => {
  const lines = sectionText(document, id).split('\n');
  return lines.slice(lines.findIndex((line) => line.startsWith('== ')) + 1);
};
const sectionOf = (document: LetterDocument, id: string) => document.sections.find((entry) => entry.id === id);


describe('the MASH referral', () => {
  test('has the product’s headings, in order, with stable ids', () => {
    expect(mash(input(infantSuspectRecord())).sections.map((entry) => [entry.id, entry.heading])).toEqual([
      ['the-child-and-household', 'The child and household'],
      ['what-happened', 'What happened'],
      ['what-we-are-worried-about', 'What we are worried about'],
      ['what-is-working-well', 'What is working well'],
      ['what-needs-to-happen', 'What needs to happen'],
      ['actions-already-taken', 'Actions already taken'],
      ['referrer-and-contact', 'Referrer and contact'],
    ]);
  });

  test('is from the site and to the MASH by its telephone number, both trimmed', () => {
    const value = input(infantSuspectRecord());
    value.settings.siteName = "  Queen's Medical Centre ED  ";
    value.settings.contacts.mash = ' 0300 500 8090 ';
    const document = mash(value);
    expect(document.from.site).toBe("Queen's Medical Centre ED");
    expect(document.recipient).toEqual({ role: "Children's social care (MASH)", lines: ['Telephone 0300 500 8090'] });
  });

  test('says plainly when the site name or the MASH number is not set on this device', () => {
    const value = input(infantSuspectRecord());
    value.settings.siteName = '   ';
    value.settings.contacts.mash = '  ';
    const document = mash(value);
    expect(document.from.site).toBe('Site name not set');
    expect(document.recipient.lines).toEqual(['MASH number not set on this device']);
  });

  test('states the concern level once, under what we are worried about, and the actions without it', () => {
    const document = mash(input(infantSuspectRecord()));
    expect(body(document, 'what-we-are-worried-about')).toEqual([
      'Safeguarding concern: Suspect',
      '',
      'Independently mobile: No',
      'Alerting feature: Any bruise in a child who is not independently mobile',
      '    NICE level: Suspect',
      'Explanation given, and by whom: Mother: hit her face on the cot bars in the night',
      'Child or someone else said someone has hurt, abused or neglected the child: No',
      'Concerns about how the carer and child interact: No concerns about how the carer and child interact',
      'Known risks in the household: None known',
      '',
      '[What we are worried about, in your words]',
      '    Not completed',
      '',
    ]);
    expect(body(document, 'actions-already-taken').join('\n')).not.toContain('Safeguarding concern');
  });

  test('actions already taken: the discharge rows are trimmed', () => {
    const record = infantSuspectRecord();
    Object.assign(record.answers.discharge, { treatmentGiven: '  Paracetamol 120 mg by mouth  ', followUp: ' Child protection medical tomorrow ', clinicalImpression: '  Bruise on the left cheek  ' });
    const document = mash(input(record));
    expect(body(document, 'actions-already-taken')).toEqual([
      'Discussed with: Dr Priya Shah (Paediatric registrar)',
      '    10 March 2026 at 13:40',
      'Child in immediate danger: No',
      "Referral to children's social care (MASH): Made",
      '    At 10 March 2026 at 14:10',
      '    Taken by Chris Bell, MASH social worker',
      '    Reference: MASH-2026-0412',
      'Police informed: No',
      '    MASH to decide on strategy discussion',
      'Health visitor: Informed of this attendance by a separate notification',
      '',
      'Treatment given: Paracetamol 120 mg by mouth',
      'Discharge destination: Admitted to hospital: Children’s ward 2 for skeletal survey and safeguarding assessment',
      'Follow-up arranged: Child protection medical tomorrow',
      '',
    ]);
    expect(body(document, 'what-happened')).toContain('Clinical impression and examination findings: Bruise on the left cheek');
  });

  test('blank treatment, destination, follow-up and impression: no rows for them, and no empty block', () => {
    const record = infantSuspectRecord();
    Object.assign(record.answers.discharge, { treatmentGiven: '  ', destination: '', destinationDetail: '', followUp: ' ', clinicalImpression: '  ' });
    const document = mash(input(record));
    expect(body(document, 'actions-already-taken')).toEqual([
      'Discussed with: Dr Priya Shah (Paediatric registrar)',
      '    10 March 2026 at 13:40',
      'Child in immediate danger: No',
      "Referral to children's social care (MASH): Made",
      '    At 10 March 2026 at 14:10',
      '    Taken by Chris Bell, MASH social worker',
      '    Reference: MASH-2026-0412',
      'Police informed: No',
      '    MASH to decide on strategy discussion',
      'Health visitor: Informed of this attendance by a separate notification',
      '',
    ]);
    const taken = sectionOf(document, 'actions-already-taken')?.blocks ?? [];
    expect(taken.filter((block) => block.type === 'rows' && block.rows.length === 0)).toEqual([]);
    const happened = body(document, 'what-happened');
    expect(happened.at(-2)).toBe('Was there a delay in seeking help?: No');
    expect(happened.join('\n')).not.toContain('Clinical impression');
  });

  test('only the destination recorded: it is the one discharge row', () => {
    const record = infantSuspectRecord();
    Object.assign(record.answers.discharge, { treatmentGiven: '', followUp: '' });
    expect(body(mash(input(record)), 'actions-already-taken').slice(-4)).toEqual([
      'Health visitor: Informed of this attendance by a separate notification',
      '',
      'Discharge destination: Admitted to hospital: Children’s ward 2 for skeletal survey and safeguarding assessment',
      '',
    ]);
  });

  test('a child in immediate danger: what needs to happen says so first', () => {
    const record = infantSuspectRecord();
    record.answers.outcome.immediateDanger = 'yes';
    expect(body(mash(input(record)), 'what-needs-to-happen')).toEqual(['The child was recorded as being in immediate danger.', '', '[What needs to happen]', '    Not completed', '']);
  });

  test('immediate danger not answered: nothing is said about it', () => {
    const record = infantSuspectRecord();
    record.answers.outcome.immediateDanger = '';
    expect(body(mash(input(record)), 'what-needs-to-happen')).toEqual(['[What needs to happen]', '    Not completed', '']);
  });

  test('a sexual health attendance: the presenting complaint is not marked restricted for the MASH', () => {
    const happened = sectionOf(mash(input(youngPersonRestrictedRecord())), 'what-happened')?.blocks ?? [];
    expect(happened[1]).toEqual({ type: 'rows', rows: [{ key: 'Reason for attendance', value: ['Sexual health, contraception or pregnancy', 'Asking for emergency contraception after unprotected sex two days ago'] }] });
  });
});

describe('safeguarding contributions', () => {
  test('a contributor with nothing to say is left out; the others keep their order', () => {
    const first: SafeguardingContribution = { blocks: [paragraph('CSE screen: no concerns')], gpRequests: [], nurseRequests: [] };
    const second: SafeguardingContribution = { blocks: [paragraph('Children at home: two')], gpRequests: ['Please review'], nurseRequests: [], childrenAtHome: true };
    const facts = letterFacts(input(infantSuspectRecord()));
    const contributors = [
      { id: 'cse', contribute: () => first },
      { id: 'fgm', contribute: () => undefined },
      { id: 'think-family', contribute: () => second },
    ];
    expect(safeguardingContributions(facts, contributors)).toEqual([first, second]);
  });
});
