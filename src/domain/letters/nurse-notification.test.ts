/**
 * The health visitor or school nurse notification as composed (before restricted content is
 * applied): the exact title, sender, recipient, headings, rows and requests for the answers
 * that change them.
 */
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../assessment/record';
import { infantSuspectRecord, LETTER_TIME, letterSettings, noConcernsChildRecord, youngPersonAssaultRecord, youngPersonRestrictedRecord } from '../../test-support/letter-fixtures';
import type { LetterInput } from './facts';
import { letterFacts, noChoices } from './facts';
import type { LetterBlock, LetterDocument, LetterRow } from './model';
import { composeNurseNotification } from './nurse-notification';

const compose = (record: AssessmentRecord, extra: Partial<LetterInput> = {}): LetterDocument =>
  composeNurseNotification(letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices(), ...extra }));
const blocksOf = (document: LetterDocument, id: string): LetterBlock[] => document.sections.find((entry) => entry.id === id)?.blocks ?? [];
const rowsOf = (document: LetterDocument, id: string): LetterRow[] => blocksOf(document, id).flatMap((block) => (block.type === 'rows' ? block.rows : []));
const valueOf = (document: LetterDocument, id: string, key: string): string[] | undefined => rowsOf(document, id).find((entry) => entry.key === key)?.value;

describe('the notification', () => {
  test('the title, sender, recipient and headings for a school nurse', () => {
    const document = compose(noConcernsChildRecord());
    expect(document.kind).toBe('school-nurse');
    expect(document.title).toBe('Notification to the school nurse');
    expect(document.from.site).toBe("Queen's Medical Centre ED");
    expect(document.recipient).toEqual({ role: 'School nurse', lines: ["School nurse for the child's area"] });
    expect(document.sections.map((entry) => [entry.id, entry.heading])).toEqual([
      ['about-the-child', 'About the child'],
      ['this-attendance', 'This attendance'],
      ['people', 'Who came with the child, and parental responsibility'],
      ['safeguarding', 'Safeguarding'],
      ['requests', 'What we ask of you'],
      ['person-completing-record', 'Person completing record'],
      ['contact-for-further-information', 'Contact for further information'],
    ]);
  });

  test('a health visitor named in the record is the recipient, trimmed', () => {
    const record = infantSuspectRecord();
    record.answers.informationChecks.hvOrSchoolNurse = '  Jo Hughes  ';
    const document = compose(record);
    expect(document.kind).toBe('health-visitor');
    expect(document.title).toBe('Notification to the health visitor');
    expect(document.recipient).toEqual({ role: 'Health visitor', lines: ['Jo Hughes'] });
  });

  test('the site name is trimmed, and "Site name not set" when blank', () => {
    const settings = letterSettings();
    settings.siteName = '  Kings Mill ED  ';
    expect(compose(noConcernsChildRecord(), { settings }).from.site).toBe('Kings Mill ED');
    settings.siteName = '  ';
    expect(compose(noConcernsChildRecord(), { settings }).from.site).toBe('Site name not set');
  });
});

describe('this attendance', () => {
  test('the impression trimmed, then the destination and the GP', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge.clinicalImpression = '  Sprained left wrist  ';
    const blocks = blocksOf(compose(record), 'this-attendance');
    expect(blocks.slice(-2)).toEqual([
      { type: 'rows', rows: [{ key: 'Clinical impression or diagnosis', value: ['Sprained left wrist'] }] },
      { type: 'rows', rows: [{ key: 'Discharge destination', value: ['Home with parent or carer'] }, { key: 'GP', value: ['Arnold Medical Centre'] }] },
    ]);
  });

  test('no impression row and no destination row when they are blank: the GP stays', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.discharge, { clinicalImpression: ' ', destination: '' });
    const blocks = blocksOf(compose(record), 'this-attendance');
    expect(blocks.at(-1)).toEqual({ type: 'rows', rows: [{ key: 'GP', value: ['Arnold Medical Centre'] }] });
    expect(blocks.flatMap((block) => (block.type === 'rows' ? block.rows.map((entry) => entry.key) : []))).not.toContain('Clinical impression or diagnosis');
    expect(blocks.filter((block) => block.type === 'rows' && block.rows.length === 0)).toEqual([]);
  });
});

describe('safeguarding', () => {
  test('"No concerns identified" is said once: the concern level row is not repeated', () => {
    const document = compose(noConcernsChildRecord());
    expect(blocksOf(document, 'safeguarding')[0]).toEqual({ type: 'paragraph', text: 'No concerns identified.' });
    expect(rowsOf(document, 'safeguarding').map((entry) => entry.key)).not.toContain('Safeguarding concern level');
  });

  test('a disclosure is quoted and attributed', () => {
    const blocks = blocksOf(compose(youngPersonAssaultRecord()), 'safeguarding');
    expect(blocks).toContainEqual({ type: 'quote', attribution: 'Disclosure of harm, said by Leah (the child)', text: 'Tomasz grabbed me and threw me against the wall', restricted: 'words-about-harm' });
  });
});

describe('what we ask of the nurse', () => {
  test.each([
    ['suspect', "A referral has been made or is planned to children's social care. Please share what you know about the child and family when asked, and include this attendance in your contact with the family."],
    ['consider', 'Please consider this attendance with what you know of the child and family, and contact the hospital safeguarding team if you have information that adds to the concern.'],
    ['no-concern', 'For information: no safeguarding action is asked of the school nurse.'],
    ['excluded', 'For information: no safeguarding action is asked of the school nurse.'],
    ['', 'For information: no safeguarding action is asked of the school nurse.'],
  ] as const)('concern level %j', (level, request) => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome.concernLevel = level;
    expect(valueOf(compose(record), 'requests', 'For the school nurse')).toEqual([request]);
  });
});
