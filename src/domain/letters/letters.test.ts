/**
 * Letter rules: which letters apply, PRSB headings and codes, the Safeguarding section for
 * every child, restricted content left out and put back, readiness messages, determinism,
 * and that text from the nurse stays text.
 */
import { describe, expect, test } from 'vitest';
import { emptyDischargeDraft } from '../assessment/discharge';
import type { AssessmentRecord } from '../assessment/record';
import {
  adultWithChildrenRecord,
  infantSuspectRecord,
  LETTER_TIME,
  letterSettings,
  noConcernsChildRecord,
  youngPersonRestrictedRecord,
} from '../../test-support/letter-fixtures';
import { deriveContext } from '../assessment/derive-context';
import type { LetterChoices, LetterInput } from './facts';
import { noChoices } from './facts';
import { gpSectionCodes, mandatoryGpHeadings } from './gp-letter';
import { applicableLetters, composeLetter, letterReadiness, restrictedContentOf } from './letters';
import type { LetterDocument } from './model';
import { documentSlots, letterDocumentSchema } from './model';
import { renderLetterText } from './render-text';

const input = (record: AssessmentRecord, choices: LetterChoices = noChoices()): LetterInput => ({ record, settings: letterSettings(), at: LETTER_TIME, choices });
const textOf = (document: LetterDocument): string => renderLetterText(document);
const sectionText = (document: LetterDocument, id: string): string => {
  const found = document.sections.find((entry) => entry.id === id);
  return found ? textOf({ ...document, sections: [found] }) : '';
};

describe('which letters apply', () => {
  const kinds = (record: AssessmentRecord) => applicableLetters(record.answers, deriveContext(record.answers, LETTER_TIME)).map((letter) => letter.kind);
  test.each<[string, () => AssessmentRecord, string[]]>([
    ['infant with a referral', infantSuspectRecord, ['gp', 'health-visitor', 'mash-referral']],
    ['15-year-old, consider, no referral', youngPersonRestrictedRecord, ['gp', 'school-nurse']],
    ['adult', adultWithChildrenRecord, ['gp']],
    ['8-year-old, no concerns', noConcernsChildRecord, ['gp', 'school-nurse']],
  ])('%s: %j', (_name, record, expected) => {
    expect(kinds(record())).toEqual(expected);
  });

  test('a Suspect concern brings the MASH referral even before the referral is recorded', () => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome.concernLevel = 'suspect';
    record.answers.outcome.referral = '';
    expect(kinds(record)).toContain('mash-referral');
  });

  test('a referral planned for the next working day brings the MASH referral', () => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome.referral = 'next-working-day';
    expect(kinds(record)).toContain('mash-referral');
  });
});

describe('the GP letter', () => {
  const records = [infantSuspectRecord, youngPersonRestrictedRecord, adultWithChildrenRecord, noConcernsChildRecord];

  test.each(records)('has every mandatory PRSB heading, none empty (%#)', (record) => {
    const document = composeLetter('gp', input(record()));
    for (const id of mandatoryGpHeadings) {
      const found = document.sections.find((entry) => entry.id === id);
      expect(found, id).toBeDefined();
      expect(found?.blocks.length, id).toBeGreaterThan(0);
      expect(found?.code?.system).toBe('http://snomed.info/sct');
    }
  });

  test('carries the SNOMED CT section codes as data, in PRSB order', () => {
    const document = composeLetter('gp', input(infantSuspectRecord()));
    expect(document.sections.map((entry) => entry.code?.code)).toEqual([
      gpSectionCodes.patientDemographics.code,
      gpSectionCodes.gpPractice.code,
      gpSectionCodes.attendanceDetails.code,
      gpSectionCodes.presentingComplaints.code,
      gpSectionCodes.clinicalNarrative.code,
      gpSectionCodes.diagnoses.code,
      gpSectionCodes.dischargeDetails.code,
      gpSectionCodes.planAndRequestedActions.code,
      gpSectionCodes.informationAndAdvice.code,
      '1077911000000105',
      gpSectionCodes.personCompletingRecord.code,
      gpSectionCodes.contactForFurtherInformation.code,
      gpSectionCodes.distributionList.code,
    ]);
  });

  test('every child has a Safeguarding section; with no concern it says "No concerns identified"', () => {
    const safeguarding = sectionText(composeLetter('gp', input(noConcernsChildRecord())), 'safeguarding');
    expect(safeguarding).toContain('No concerns identified.');
    expect(safeguarding).toContain('Person with the patient: Mark Brown (Father)');
    expect(safeguarding).toContain('Has parental responsibility: Father – married to the mother at the birth');
    expect(safeguarding).toContain('“I went over the kerb and landed on my hand.”');
    expect(safeguarding).toContain('CP-IS check: Checked – no plan');
    expect(safeguarding).toContain('What we ask of the GP: No safeguarding action is asked of the GP.');
  });

  test('a suspect concern gives the level, the discussion, the referral with its reference and the police', () => {
    const safeguarding = sectionText(composeLetter('gp', input(infantSuspectRecord())), 'safeguarding');
    expect(safeguarding).not.toContain('No concerns identified');
    expect(safeguarding).toContain('Safeguarding concern: Suspect');
    expect(safeguarding).toContain('Discussed with: Dr Priya Shah (Paediatric registrar)');
    expect(safeguarding).toContain('Reference: MASH-2026-0412');
    expect(safeguarding).toContain('Police informed: No');
    expect(safeguarding).toContain('Any bruise in a child who is not independently mobile');
  });

  test("the clinical narrative attributes the carer's account and keeps the child's words", () => {
    const narrative = sectionText(composeLetter('gp', input(noConcernsChildRecord())), 'clinical-narrative');
    expect(narrative).toContain("In the child's own words:\n    “I went over the kerb and landed on my hand.”");
    expect(narrative).toContain('What the parent or carer says happened, given by Mark Brown (Father):');
  });

  test('an adult letter works now: Think Family not recorded, the safeguarding comment carries what the nurse knows', () => {
    const document = composeLetter('gp', input(adultWithChildrenRecord(), { slots: { 'safeguarding-comment': 'Two children at home' }, restricted: { include: false, reason: '' } }));
    const safeguarding = sectionText(document, 'safeguarding');
    expect(safeguarding).toContain('Children at home (Think Family): not recorded in this assessment.');
    expect(safeguarding).toContain('[Safeguarding comment]\n    Two children at home');
    expect(safeguarding).not.toContain('CP-IS');
    expect(textOf(document)).toContain("In the patient's own words:");
  });
});

describe('restricted content', () => {
  const sensitive = ['emergency contraception', 'Levonorgestrel', 'Domestic abuse', 'The child is exposed to domestic abuse', 'My boyfriend is 17'];

  test('the 15-year-old has sexual health and domestic abuse content', () => {
    expect(restrictedContentOf('gp', input(youngPersonRestrictedRecord()))).toEqual(['sexual-health', 'domestic-abuse']);
    expect(restrictedContentOf('gp', input(noConcernsChildRecord()))).toEqual([]);
  });

  test.each(['gp', 'school-nurse'] as const)('is left out of the %s letter by default, with the safeguarding team and its number', (kind) => {
    const text = textOf(composeLetter(kind, input(youngPersonRestrictedRecord())));
    for (const phrase of sensitive) expect(text).not.toContain(phrase);
    expect(text).toContain('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
  });

  test('is always in the MASH referral', () => {
    const text = textOf(composeLetter('mash-referral', input(youngPersonRestrictedRecord())));
    for (const phrase of sensitive) expect(text).toContain(phrase);
    expect(text).not.toContain('Further safeguarding information is held');
  });

  test('is put back when the nurse includes it, with the reason in the letter', () => {
    const text = textOf(composeLetter('gp', input(youngPersonRestrictedRecord(), { slots: {}, restricted: { include: true, reason: 'Leah asked for it' } })));
    for (const phrase of sensitive) expect(text).toContain(phrase);
    expect(text).toContain('Reason for including it: Leah asked for it.');
    expect(text).not.toContain('Further safeguarding information is held');
  });

  test('a sexual-health attendance by an adult is not restricted', () => {
    const record = adultWithChildrenRecord();
    record.answers.patient.attendanceReason = 'sexual-health';
    expect(restrictedContentOf('gp', input(record))).toEqual([]);
  });
});

describe('readiness: the Issue button names what is missing', () => {
  const messages = (kind: Parameters<typeof letterReadiness>[0], value: LetterInput) => letterReadiness(kind, value).map((problem) => problem.message);

  test('ready records have nothing missing', () => {
    expect(messages('gp', input(noConcernsChildRecord()))).toEqual([]);
    expect(messages('school-nurse', input(noConcernsChildRecord()))).toEqual([]);
  });

  test('an unsigned record must be signed first', () => {
    const record = { ...noConcernsChildRecord(), status: 'in-progress' as const, signature: undefined };
    expect(messages('gp', input(record))).toEqual(['Sign the assessment first']);
  });

  test('the GP letter needs the discharge section, and names what is missing', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge = emptyDischargeDraft();
    expect(messages('gp', input(record))).toEqual([
      'Complete the discharge section: clinical impression, treatment given, discharge destination, follow-up, advice given and advice given to the parent or carer',
    ]);
    record.answers.discharge = { ...noConcernsChildRecord().answers.discharge, clinicalImpression: '' };
    expect(messages('gp', input(record))).toEqual(['Complete the discharge section: clinical impression']);
    expect(letterReadiness('gp', input(record))[0]?.fix).toEqual({ to: 'section', slug: 'discharge', field: 'clinicalImpression' });
    // Other letters do not need it.
    expect(messages('school-nurse', input(record))).toEqual([]);
  });

  test('a discharge section added as an addendum after signing counts', () => {
    const record = noConcernsChildRecord();
    const discharge = record.answers.discharge;
    record.answers.discharge = emptyDischargeDraft();
    record.addenda.push({ id: 'add-1', at: LETTER_TIME, by: record.createdBy, reason: 'Discharge details', changes: { discharge } });
    expect(messages('gp', input(record))).toEqual([]);
  });

  test('including restricted content needs a reason', () => {
    expect(messages('gp', input(youngPersonRestrictedRecord(), { slots: {}, restricted: { include: true, reason: ' ' } }))).toEqual(['Enter the reason for including restricted safeguarding information']);
  });

  test('the MASH referral needs the nurse’s own words', () => {
    expect(messages('mash-referral', input(infantSuspectRecord()))).toEqual([
      'Complete “What we are worried about, in your words”',
      'Complete “What is working well”',
      'Complete “What needs to happen”',
    ]);
  });

  test('the safeguarding team’s number must be set', () => {
    const value = input(noConcernsChildRecord());
    value.settings.contacts.safeguardingTeam = '';
    expect(messages('gp', value)).toEqual(["Add the hospital safeguarding team's phone number in settings (ask the nurse in charge)"]);
  });

  test('a letter that does not apply cannot be issued', () => {
    expect(messages('health-visitor', input(noConcernsChildRecord()))).toEqual(['The notification to the health visitor does not apply to this attendance']);
  });
});

describe('the document model', () => {
  test('is deterministic and parses with its schema', () => {
    const a = composeLetter('gp', input(infantSuspectRecord()));
    const b = composeLetter('gp', input(infantSuspectRecord()));
    expect(a).toEqual(b);
    expect(letterDocumentSchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
  });

  test('text from the nurse stays text: markup, right-to-left and long words pass through unchanged', () => {
    const record = noConcernsChildRecord();
    const hostile = '<script>alert(1)</script> <b>bold</b> مرحبا بكم ' + 'x'.repeat(300);
    record.answers.accounts.childAccount = hostile;
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain(hostile);
  });

  test('slots carry the nurse’s text, trimmed', () => {
    const document = composeLetter('gp', input(noConcernsChildRecord(), { slots: { 'gp-requests': '  Review in 5 days  ' }, restricted: { include: false, reason: '' } }));
    expect(documentSlots(document).map((entry) => [entry.slotId, entry.text])).toEqual([
      ['gp-requests', 'Review in 5 days'],
      ['safeguarding-comment', ''],
    ]);
  });
});
