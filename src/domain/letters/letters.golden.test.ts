/**
 * Golden letters: representative records composed into each letter that applies and
 * rendered as text, compared with the expected text checked in under
 * tests/fixtures/letters. A change to a letter shows as a readable diff of that file.
 * Regenerate after a deliberate change with UPDATE_GOLDEN=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../assessment/record';
import {
  adultWithChildrenRecord,
  infantSuspectRecord,
  LETTER_TIME,
  letterSettings,
  noConcernsChildRecord,
  youngPersonRestrictedRecord,
  youngPersonScreenedRecord,
} from '../../test-support/letter-fixtures';
import type { LetterChoices } from './facts';
import { composeLetter } from './letters';
import type { LetterKind } from './model';
import { renderLetterText } from './render-text';

const dir = resolve(__dirname, '../../../tests/fixtures/letters');

interface Golden {
  file: string;
  record: () => AssessmentRecord;
  kind: LetterKind;
  choices: LetterChoices;
  /** A notification about one child of the patient (Think Family). */
  childId?: string;
}

const withheld = { include: false, reason: '' };

const goldenCases: Golden[] = [
  { file: 'infant-suspect.gp.txt', record: infantSuspectRecord, kind: 'gp', choices: { slots: { 'gp-requests': 'Please see Amara with her mother after discharge from the ward.' }, restricted: withheld } },
  { file: 'infant-suspect.health-visitor.txt', record: infantSuspectRecord, kind: 'health-visitor', choices: { slots: {}, restricted: withheld } },
  {
    file: 'infant-suspect.mash-referral.txt',
    record: infantSuspectRecord,
    kind: 'mash-referral',
    choices: {
      slots: {
        'mash-worries': 'A bruise in a baby who cannot move about is rarely accidental. The explanation does not fit the injury.',
        'mash-working-well': 'Mother brought Amara in herself and has stayed with her. Father is at home with her brother.',
        'mash-needs-to-happen': 'A strategy discussion today, and a child protection medical before discharge.',
        'mash-parents-know': 'Yes. Grace Okafor (mother) was told at 14:15 and agrees; she has told Daniel Okafor (father) by phone.',
      },
      restricted: withheld,
    },
  },
  { file: 'young-person.gp.withheld.txt', record: youngPersonRestrictedRecord, kind: 'gp', choices: { slots: {}, restricted: withheld } },
  {
    file: 'young-person.gp.included.txt',
    record: youngPersonRestrictedRecord,
    kind: 'gp',
    choices: { slots: {}, restricted: { include: true, reason: 'Leah asked for her GP to know, and the GP record is not shared with her mother' } },
  },
  { file: 'young-person.school-nurse.txt', record: youngPersonRestrictedRecord, kind: 'school-nurse', choices: { slots: { 'nurse-requests': 'Please see Leah at school this week.' }, restricted: withheld } },
  {
    file: 'adult-with-children.gp.txt',
    record: adultWithChildrenRecord,
    kind: 'gp',
    choices: { slots: { 'safeguarding-comment': 'Two children at home, aged 3 and 6. Their grandmother is looking after them tonight and will stay until Rachel is home.' }, restricted: withheld },
  },
  { file: 'no-concerns.gp.txt', record: noConcernsChildRecord, kind: 'gp', choices: { slots: {}, restricted: withheld } },
  { file: 'no-concerns.school-nurse.txt', record: noConcernsChildRecord, kind: 'school-nurse', choices: { slots: {}, restricted: withheld } },
  { file: 'young-person-screened.gp.txt', record: youngPersonScreenedRecord, kind: 'gp', choices: { slots: {}, restricted: withheld } },
  { file: 'young-person-screened.school-nurse.txt', record: youngPersonScreenedRecord, kind: 'school-nurse', choices: { slots: {}, restricted: withheld } },
  {
    file: 'young-person-screened.mash-referral.txt',
    record: youngPersonScreenedRecord,
    kind: 'mash-referral',
    choices: {
      slots: {
        'mash-worries': 'A 24-year-old boyfriend who supplies her with alcohol: she may be being sexually exploited.',
        'mash-working-well': 'Jade talked openly and agreed to the substance misuse referral. Her mother came as soon as she was called.',
        'mash-needs-to-happen': 'A strategy discussion about exploitation, and contact with Jade this week.',
        'mash-parents-know': 'Yes. Her mother was told and agrees with the referral.',
      },
      restricted: withheld,
    },
  },
  { file: 'adult-with-children.school-nurse.amy.txt', record: adultWithChildrenRecord, kind: 'school-nurse', childId: 'child-amy', choices: { slots: { 'child-requests': 'Please see Amy at school this week.' }, restricted: withheld } },
];

describe('golden letters', () => {
  test.each(goldenCases)('$file', ({ file, record, kind, choices, childId }) => {
    const text = renderLetterText(composeLetter(kind, { record: record(), settings: letterSettings(), at: LETTER_TIME, choices, version: 1, childId }));
    const path = join(dir, file);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});
