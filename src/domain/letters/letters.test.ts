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
  youngPersonAssaultRecord,
  youngPersonRestrictedRecord,
} from '../../test-support/letter-fixtures';
import { deriveContext } from '../assessment/derive-context';
import type { LetterChoices, LetterInput } from './facts';
import { letterFacts, noChoices } from './facts';
import { gpSectionCodes, mandatoryGpHeadings } from './gp-letter';
import { applicableLetters, composeFullLetter, composeLetter, letterReadiness, restrictedContentOf } from './letters';
import type { LetterDocument } from './model';
import { documentSlots, letterDocumentSchema, paragraph } from './model';
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
    ['adult with two children, one shared with the school nurse', adultWithChildrenRecord, ['gp', 'school-nurse']],
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
    expect(safeguarding).not.toContain('Safeguarding concern: No concern');
    expect(safeguarding).toContain('Person with the patient: Mark Brown (Father)');
    expect(safeguarding).toContain('Has parental responsibility: Father – married to the mother at the birth');
    expect(safeguarding).toContain('CP-IS check: Checked – no plan');
    // The child's own words are in the clinical narrative, not printed twice.
    expect(safeguarding).not.toContain('“I went over the kerb and landed on my hand.”');
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

  test('an adult letter carries the Think Family findings, and the safeguarding comment what the nurse adds', () => {
    const document = composeLetter('gp', input(adultWithChildrenRecord(), { slots: { 'safeguarding-comment': 'Two children at home' }, restricted: { include: false, reason: '' } }));
    const safeguarding = sectionText(document, 'safeguarding');
    expect(safeguarding).not.toContain('not recorded in this assessment');
    expect(safeguarding).toContain('Amy Green, born 4 May 2018 (7 years)');
    expect(safeguarding).toContain('[Safeguarding comment]\n    Two children at home');
    expect(safeguarding).not.toContain('CP-IS');
    expect(textOf(document)).toContain("In the patient's own words:");
  });
});

describe('restricted content', () => {
  const words = ['My boyfriend is 17', 'The child is exposed to domestic abuse', 'Known risks in the household: Domestic abuse'];
  const clinical = ['Levonorgestrel 1.5 mg by mouth', 'Sexual health clinic within 3 weeks for a pregnancy test', 'Request for emergency contraception'];

  test('the 15-year-old has her words and domestic abuse content; the sexual-health details are restricted for the school nurse, not the GP', () => {
    expect(restrictedContentOf('gp', input(youngPersonRestrictedRecord()))).toEqual(['words-about-harm', 'domestic-abuse']);
    expect(restrictedContentOf('school-nurse', input(youngPersonRestrictedRecord()))).toEqual(['words-about-harm', 'sexual-health', 'domestic-abuse']);
    expect(restrictedContentOf('gp', { ...input(youngPersonRestrictedRecord()), declinedGpSharing: true })).toEqual(['words-about-harm', 'sexual-health', 'domestic-abuse']);
    expect(restrictedContentOf('gp', input(noConcernsChildRecord()))).toEqual([]);
  });

  test.each(['gp', 'school-nurse'] as const)('is left out of the %s letter by default, the safeguarding team named once', (kind) => {
    const text = textOf(composeLetter(kind, input(youngPersonRestrictedRecord())));
    for (const phrase of words) expect(text).not.toContain(phrase);
    expect(text.split('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.')).toHaveLength(2);
  });

  test('an emergency-contraception attendance: the GP letter keeps the treatment, follow-up and diagnosis', () => {
    const text = textOf(composeLetter('gp', input(youngPersonRestrictedRecord())));
    for (const phrase of clinical) expect(text).toContain(phrase);
  });

  test('the school nurse does not get the sexual-health clinical details', () => {
    const text = textOf(composeLetter('school-nurse', input(youngPersonRestrictedRecord())));
    for (const phrase of ['emergency contraception', 'Levonorgestrel', 'Sexual health, contraception or pregnancy']) expect(text).not.toContain(phrase);
  });

  test('a young person who declined sharing with the GP: the clinical facts are withheld from the GP by default too', () => {
    const text = textOf(composeLetter('gp', { ...input(youngPersonRestrictedRecord()), declinedGpSharing: true }));
    for (const phrase of clinical) expect(text).not.toContain(phrase);
    expect(sectionText(composeLetter('gp', { ...input(youngPersonRestrictedRecord()), declinedGpSharing: true }), 'diagnoses')).toContain('Left out of this letter: see Safeguarding.');
  });

  test('is always in the MASH referral', () => {
    const text = textOf(composeLetter('mash-referral', input(youngPersonRestrictedRecord())));
    for (const phrase of [...words, ...clinical]) expect(text).toContain(phrase);
    expect(text).not.toContain('Further safeguarding information is held');
  });

  test('is put back when the nurse includes it, with the reason in the letter', () => {
    const text = textOf(composeLetter('gp', input(youngPersonRestrictedRecord(), { slots: {}, restricted: { include: true, reason: 'Leah asked for it' } })));
    for (const phrase of words) expect(text).toContain(phrase);
    expect(text).toContain('Reason for including it: Leah asked for it.');
    expect(text).not.toContain('Further safeguarding information is held');
  });

  test('a reason left in the box after switching back to "leave it out" puts nothing back', () => {
    const text = textOf(composeLetter('gp', input(youngPersonRestrictedRecord(), { slots: {}, restricted: { include: false, reason: 'Leah asked for it' } })));
    for (const phrase of words) expect(text).not.toContain(phrase);
    expect(text).not.toContain('Leah asked for it');
  });

  test('a sexual-health attendance by an adult is not restricted', () => {
    const record = adultWithChildrenRecord();
    record.answers.patient.attendanceReason = 'sexual-health';
    expect(restrictedContentOf('gp', input(record))).toEqual([]);
  });
});

describe('restriction follows the words: a 15-year-old assaulted at home who names her mother’s partner', () => {
  const named = 'Mum’s boyfriend Tomasz grabbed my arms and threw me against the wall last night.';
  const disclosed = 'Tomasz grabbed me and threw me against the wall';
  const include = { slots: {}, restricted: { include: true, reason: 'The GP practice has confirmed the record is not shared with the family' } };

  test.each(['gp', 'school-nurse'] as const)('her words and the disclosure are not in the %s letter by default', (kind) => {
    const text = textOf(composeLetter(kind, input(youngPersonAssaultRecord())));
    expect(text).not.toContain(named);
    expect(text).not.toContain(disclosed);
    expect(text).not.toContain('Child or someone else said someone has hurt, abused or neglected the child: Yes');
    expect(text.match(/Further safeguarding information is held by the hospital safeguarding team/g)).toHaveLength(1);
  });

  test('the clinical facts stay in the GP letter', () => {
    const text = textOf(composeLetter('gp', input(youngPersonAssaultRecord())));
    expect(text).toContain('Treatment given: Paracetamol 1 g by mouth');
    expect(text).toContain('Follow-up arranged: Child protection medical by the paediatric team today');
    expect(text).toContain('Fingertip bruises on both upper arms, 1 to 2 cm, red-purple; no other injury');
  });

  test('the MASH referral carries her words, the disclosure, the findings and the household', () => {
    const document = composeLetter('mash-referral', input(youngPersonAssaultRecord()));
    const text = textOf(document);
    expect(text).toContain(`In the child's own words:\n    “${named}”`);
    expect(text).toContain(`Disclosure of harm, said by Leah (the child):\n    “${disclosed}”`);
    expect(text).toContain('Child or someone else said someone has hurt, abused or neglected the child: Yes');
    expect(sectionText(document, 'what-happened')).toContain('Clinical impression and examination findings: Fingertip bruises on both upper arms, 1 to 2 cm, red-purple; no other injury');
    expect(sectionText(document, 'the-child-and-household')).toContain("Who else lives in the child's household?: Tomasz Wrona (Mother’s partner), about 40");
    expect(sectionText(document, 'the-child-and-household')).toContain('Next of kin: Ewa Nowak (Mother)\n    07700 900123');
  });

  test('after "include" with a reason, the GP letter carries her words and the disclosure, and why', () => {
    const text = textOf(composeLetter('gp', input(youngPersonAssaultRecord(), include)));
    expect(text).toContain(`In the child's own words:\n    “${named}”`);
    expect(text).toContain(`“${disclosed}”`);
    expect(text).toContain('Reason for including it: The GP practice has confirmed the record is not shared with the family.');
    expect(text).toContain('(accounts, disclosures and explanations in the words given)');
  });

  test('"No concerns identified" is never printed with a disclosure', () => {
    const record = youngPersonAssaultRecord();
    record.answers.outcome.concernLevel = 'no-concern';
    for (const kind of ['gp', 'school-nurse'] as const) expect(textOf(composeLetter(kind, input(record)))).not.toContain('No concerns identified');
  });
});

describe('restricted subjects reach only the MASH referral by default', () => {
  test('sexual activity under 13: the details are not in the GP or school nurse letter; the MASH referral has them', () => {
    const record = noConcernsChildRecord();
    record.answers.patient.dateOfBirth = { day: '1', month: '1', year: '2016' };
    Object.assign(record.answers.safeguarding, { underThirteenSexualActivity: 'yes', underThirteenSexualActivityDetails: 'Older boy at the park touched her' });
    Object.assign(record.answers.outcome, { concernLevel: 'suspect', referral: 'made' });
    for (const kind of ['gp', 'school-nurse'] as const) {
      const text = textOf(composeLetter(kind, input(record)));
      expect(text).not.toContain('Older boy at the park touched her');
      expect(text).not.toContain('Sexual activity or pregnancy (child under 13)');
    }
    expect(textOf(composeLetter('mash-referral', input(record)))).toContain('Sexual activity or pregnancy (child under 13): Yes\n    Older boy at the park touched her');
  });

  test('a CSE block from the CSE screen is withheld from the GP, with the child’s words, and carried to the MASH', () => {
    const contributors = [{ id: 'cse', contribute: () => ({ blocks: [paragraph('CSE screen: older boyfriend, gifts and a new phone', 'cse')], gpRequests: [], nurseRequests: [] }) }];
    const value = { ...input(noConcernsChildRecord()), contributors };
    expect(restrictedContentOf('gp', value)).toEqual(['words-about-harm', 'cse']);
    const gp = textOf(composeLetter('gp', value));
    expect(gp).not.toContain('CSE screen: older boyfriend');
    expect(gp).not.toContain('I went over the kerb');
    expect(gp).toContain('Further safeguarding information is held by the hospital safeguarding team');
    const record = noConcernsChildRecord();
    record.answers.outcome.concernLevel = 'suspect';
    expect(textOf(composeLetter('mash-referral', { ...input(record), contributors }))).toContain('CSE screen: older boyfriend, gifts and a new phone');
  });

  test('domestic abuse ticked with other household risks: the other risks stay in the GP letter', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.outcome, { concernLevel: 'consider', discussedWithName: 'Kim Lewis' });
    record.answers.safeguarding.householdRisks = ['domestic-abuse', 'parental-substance-misuse'];
    const text = textOf(composeLetter('gp', input(record)));
    expect(text).toContain('Known risks in the household: Parental substance misuse');
    expect(text).not.toContain('Domestic abuse');
  });
});

describe('letters a reader can act on', () => {
  const all = () =>
    [
      ['gp', infantSuspectRecord],
      ['health-visitor', infantSuspectRecord],
      ['mash-referral', infantSuspectRecord],
      ['gp', youngPersonRestrictedRecord],
      ['school-nurse', youngPersonRestrictedRecord],
      ['gp', adultWithChildrenRecord],
      ['gp', noConcernsChildRecord],
      ['school-nurse', noConcernsChildRecord],
      ['gp', youngPersonAssaultRecord],
    ] as const;

  test.each(all())('%s letter: no placeholders for blank optional answers (%#)', (kind, record) => {
    const text = textOf(composeLetter(kind, input(record())));
    expect(text).not.toContain('Not provided');
    expect(text).not.toContain('[Anything else we ask of the GP]');
    expect(text).not.toContain('[Safeguarding comment]');
    expect(text).not.toContain('[What we ask of you]');
  });

  test('the nurse notification never asks its reader to inform themselves, nor names them twice', () => {
    const text = textOf(composeLetter('school-nurse', input(noConcernsChildRecord())));
    expect(text).not.toContain('Inform the school nurse');
    const infant = textOf(composeLetter('health-visitor', input(infantSuspectRecord())));
    expect(infant).not.toContain('Inform the health visitor');
    expect(infant.match(/Jo Hughes, Bestwood health visiting team/g)).toHaveLength(1);
  });

  test('"Inform the health visitor: Yes" becomes what was done', () => {
    const mash = textOf(composeLetter('mash-referral', input(infantSuspectRecord())));
    expect(mash).toContain('Health visitor: Informed of this attendance by a separate notification');
    expect(mash).not.toContain('Inform the health visitor');
    const gp = textOf(composeLetter('gp', input(infantSuspectRecord())));
    expect(gp).not.toContain('Inform the health visitor');
    expect(gp).toContain('For the health visitor: Informed of this attendance by a separate notification.');
  });

  test('a baby: no under-13 sexual activity question, no school, no advice to the child', () => {
    const record = infantSuspectRecord();
    record.answers.patient.school = 'Little Acorns Nursery';
    for (const kind of ['gp', 'health-visitor', 'mash-referral'] as const) {
      const text = textOf(composeLetter(kind, input(record)));
      expect(text).not.toContain('Sexual activity or pregnancy');
      expect(text).not.toContain('School, college or nursery');
      expect(text).not.toContain('To the child');
    }
  });

  test('"Not in education" is not printed under 5; a named nursery from 2 is', () => {
    const record = infantSuspectRecord();
    record.answers.patient.dateOfBirth = { day: '2', month: '8', year: '2023' };
    record.answers.patient.school = 'Little Acorns Nursery';
    expect(textOf(composeLetter('gp', input(record)))).toContain('School, college or nursery: Little Acorns Nursery');
    record.answers.patient.notInEducation = true;
    expect(textOf(composeLetter('gp', input(record)))).not.toContain('Not in education');
  });

  test('the MASH referral asks whether the parents know and agree, and carries the answer', () => {
    const document = composeLetter('mash-referral', input(infantSuspectRecord(), { slots: { 'mash-parents-know': 'Not told: the mother’s partner is the alleged abuser' }, restricted: { include: false, reason: '' } }));
    expect(sectionText(document, 'the-child-and-household')).toContain('[Do the parents or carers know about this referral, and do they agree?]\n    Not told: the mother’s partner is the alleged abuser');
  });

  test('the MASH referral states the concern level once', () => {
    const text = textOf(composeLetter('mash-referral', input(infantSuspectRecord())));
    expect(text.match(/Safeguarding concern: Suspect/g)).toHaveLength(1);
  });

  test('an adult with children found by Think Family: the GP is asked about them', () => {
    const contributors = [{ id: 'think-family', contribute: () => ({ blocks: [paragraph('Children at home: two, aged 3 and 6.')], gpRequests: [], nurseRequests: [], childrenAtHome: true }) }];
    const document = composeLetter('gp', { ...input(adultWithChildrenRecord()), contributors });
    const safeguarding = sectionText(document, 'safeguarding');
    expect(safeguarding).toContain('Children at home: two, aged 3 and 6.');
    expect(safeguarding).toContain('What we ask of the GP: This patient has children at home or cares for children (see above).');
    expect(safeguarding).not.toContain('not recorded in this assessment');
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

  test('a record signed without the address, postcode, GP practice or school: the GP letter and the MASH referral ask for them first (misleading letters)', () => {
    const record = noConcernsChildRecord();
    record.answers.patient = { ...record.answers.patient, address: '', postcode: '', gpPractice: '', school: '', notInEducation: false };
    expect(messages('gp', input(record))).toEqual(["Add the patient's postcode, address, GP practice and school, college or nursery"]);
    expect(letterReadiness('gp', input(record))[0]?.fix).toEqual({ to: 'section', slug: 'patient', field: 'postcode' });
    // The school nurse notification does not wait for them.
    expect(messages('school-nurse', input(record))).toEqual([]);
    const infant = infantSuspectRecord();
    infant.answers.patient = { ...infant.answers.patient, gpPractice: '', gpNotRegistered: false };
    expect(messages('mash-referral', input(infant))[0]).toBe("Add the patient's GP practice");
  });

  test('the MASH referral needs the nurse’s own words', () => {
    expect(messages('mash-referral', input(infantSuspectRecord()))).toEqual([
      'Complete “Do the parents or carers know about this referral, and do they agree?”',
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

  test('slots carry the nurse’s text, trimmed; an optional one left empty is left out of the letter', () => {
    const value = input(noConcernsChildRecord(), { slots: { 'gp-requests': '  Review in 5 days  ' }, restricted: { include: false, reason: '' } });
    expect(documentSlots(composeLetter('gp', value)).map((entry) => [entry.slotId, entry.text])).toEqual([['gp-requests', 'Review in 5 days']]);
    expect(documentSlots(composeFullLetter('gp', letterFacts(value))).map((entry) => [entry.slotId, entry.text])).toEqual([
      ['gp-requests', 'Review in 5 days'],
      ['safeguarding-comment', ''],
    ]);
  });
});
