/**
 * The letter facts (facts.ts): what each block says and which lines are marked restricted,
 * branch by branch. Restriction follows the words (PRODUCT.md section 5); blank optional
 * answers and questions that do not apply are left out; clinical facts stay with the GP.
 */
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../assessment/record';
import type { DateParts } from '../shared/dates';
import {
  adultWithChildrenRecord,
  CHARGE_NURSE,
  infantSuspectRecord,
  LETTER_TIME,
  letterSettings,
  noConcernsChildRecord,
  NURSE,
  youngPersonRestrictedRecord,
} from '../../test-support/letter-fixtures';
import type { SafeguardingContributor } from './contributions';
import type { Audience, LetterFacts } from './facts';
import {
  accountBlocks,
  accountsRestricted,
  answeredRows,
  attendanceCategory,
  attendanceRows,
  birthText,
  childAccountBlock,
  clinicalRestriction,
  contactRows,
  datedText,
  demographicsRows,
  disclosureBlock,
  gpPracticeLines,
  householdRows,
  informationCheckBlocks,
  letterFacts,
  noChoices,
  noConcernsIdentified,
  nhsNumberText,
  outcomeBlocks,
  parentRows,
  patientLine,
  patientName,
  patientNoun,
  peopleRows,
  personCompletingRows,
  presentingBlocks,
  preVerbal,
  recordedRestrictedCategories,
  safeguardingFindingBlocks,
  siteLines,
  staffLine,
} from './facts';
import type { LetterBlock, RestrictedCategory } from './model';
import { paragraph, quote, row, rows } from './model';

const factsOf = (record: AssessmentRecord, extra: Partial<LetterFacts> = {}): LetterFacts => ({
  ...letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices(), ...extra }),
});

/** A record of the 8-year-old with a different date of birth (arrival 10 March 2026). */
function aged(dateOfBirth: DateParts, record: AssessmentRecord = noConcernsChildRecord()): AssessmentRecord {
  record.answers.patient.dateOfBirth = dateOfBirth;
  return record;
}
const TEN = { day: '1', month: '1', year: '2016' };
const TWELVE = { day: '1', month: '1', year: '2014' };
const FOURTEEN = { day: '1', month: '1', year: '2012' };
const ONE = { day: '1', month: '1', year: '2025' };
const THREE = { day: '1', month: '1', year: '2023' };

const cseContributor = (category: RestrictedCategory): SafeguardingContributor => ({
  id: 'cse',
  contribute: () => ({ blocks: [paragraph('CSE screen: older boyfriend', category)], gpRequests: [], nurseRequests: [] }),
});

/** The restricted marks of the blocks, in order ('-' for a public block). */
const marks = (blocks: readonly LetterBlock[]): string[] => blocks.map((block) => block.restricted ?? '-');

describe('who the patient is', () => {
  test('name, date of birth and NHS number', () => {
    const facts = factsOf(noConcernsChildRecord());
    expect(patientLine(facts)).toBe('Oliver Brown, born 20 January 2018 (8 years), NHS number 943 476 5870');
    expect(patientNoun(facts.ctx)).toBe('the child');
    expect(patientNoun(factsOf(adultWithChildrenRecord()).ctx)).toBe('the patient');
  });

  test('a name not known, or left blank', () => {
    const record = noConcernsChildRecord();
    record.answers.patient.nameNotKnown = true;
    expect(patientName(record.answers)).toBe('Name not known');
    record.answers.patient.nameNotKnown = false;
    record.answers.patient.givenName = ' ';
    record.answers.patient.familyName = '';
    expect(patientName(record.answers)).toBe('Name not known');
  });

  test('date of birth not known, with or without an estimated age', () => {
    const record = adultWithChildrenRecord();
    record.answers.patient.dateOfBirth = { day: '', month: '', year: '' };
    record.answers.patient.dateOfBirthNotKnown = true;
    record.answers.patient.estimatedAgeYears = '30';
    expect(birthText(factsOf(record))).toBe('date of birth not known, estimated age 30 years');
    record.answers.patient.estimatedAgeYears = ' ';
    expect(birthText(factsOf(record))).toBe('date of birth not known');
  });

  test('NHS number not known', () => {
    expect(nhsNumberText(adultWithChildrenRecord().answers)).toBe('not known');
  });

  test('demographics leave out blank answers', () => {
    const record = noConcernsChildRecord();
    record.answers.patient.sex = '';
    expect(demographicsRows(factsOf(record)).map((entry) => entry.key)).toEqual(['Name', 'Date of birth', 'Age at arrival', 'NHS number', 'Address', 'School, college or nursery', 'Interpreter needed']);
  });

  test.each<[string, DateParts, { school: string; notInEducation: boolean }, string[] | undefined]>([
    ['a baby with a nursery named', ONE, { school: 'Little Acorns', notInEducation: false }, undefined],
    ['a 3-year-old at nursery', THREE, { school: 'Little Acorns', notInEducation: false }, ['Little Acorns']],
    ['a 3-year-old not in education', THREE, { school: '', notInEducation: true }, undefined],
    ['an 8-year-old not in education', { day: '20', month: '1', year: '2018' }, { school: '', notInEducation: true }, ['Not in education']],
    ['an 8-year-old with no school recorded', { day: '20', month: '1', year: '2018' }, { school: '', notInEducation: false }, undefined],
  ])('the school row: %s', (_name, dateOfBirth, school, expected) => {
    const record = aged(dateOfBirth);
    Object.assign(record.answers.patient, school);
    expect(demographicsRows(factsOf(record)).find((entry) => entry.key === 'School, college or nursery')?.value).toEqual(expected);
  });

  test('an adult has no school row', () => {
    expect(demographicsRows(factsOf(adultWithChildrenRecord())).map((entry) => entry.key)).not.toContain('School, college or nursery');
  });
});

describe('practice, site and attendance', () => {
  test('GP practice lines', () => {
    const record = noConcernsChildRecord();
    record.answers.patient.gpPractice = 'Arnold Medical Centre\nHigh Street';
    expect(gpPracticeLines(record.answers)).toEqual(['Arnold Medical Centre', 'High Street']);
    record.answers.patient.gpPractice = ' ';
    expect(gpPracticeLines(record.answers)).toEqual(['Not recorded']);
    record.answers.patient.gpNotRegistered = true;
    expect(gpPracticeLines(record.answers)).toEqual(['Not registered with a GP']);
  });

  test('site lines, and a site not named yet', () => {
    const settings = letterSettings();
    expect(siteLines(settings)).toEqual(["Queen's Medical Centre ED", 'Emergency department (ED)']);
    settings.siteName = ' ';
    expect(siteLines(settings)).toEqual(['Site name not set', 'Emergency department (ED)']);
  });

  test('attendance rows', () => {
    expect(attendanceRows(factsOf(noConcernsChildRecord()))).toEqual([
      row('Site', "Queen's Medical Centre ED"),
      row('Arrived', '10 March 2026 at 15:05'),
      row('Type of attendance', 'Emergency department (ED)'),
    ]);
  });

  test('dated: a draft, or the issued version', () => {
    expect(datedText(factsOf(noConcernsChildRecord()))).toBe('Draft, not issued: 10 March 2026 at 16:30');
    expect(datedText(factsOf(noConcernsChildRecord(), { version: 2 }))).toBe('Version 2, issued 10 March 2026 at 16:30');
  });
});

describe('restricted subjects and the accounts', () => {
  test.each<[string, () => AssessmentRecord, RestrictedCategory | undefined]>([
    ['a child’s sexual-health attendance', youngPersonRestrictedRecord, 'sexual-health'],
    ['a child’s injury', noConcernsChildRecord, undefined],
    [
      'an adult’s sexual-health attendance',
      () => {
        const record = adultWithChildrenRecord();
        record.answers.patient.attendanceReason = 'sexual-health';
        return record;
      },
      undefined,
    ],
  ])('the attendance itself: %s', (_name, record, expected) => {
    expect(attendanceCategory(factsOf(record()))).toBe(expected);
  });

  test.each<[string, () => AssessmentRecord, boolean, Audience, RestrictedCategory | undefined]>([
    ['sexual health, GP', youngPersonRestrictedRecord, false, 'gp', undefined],
    ['sexual health, GP, sharing declined', youngPersonRestrictedRecord, true, 'gp', 'sexual-health'],
    ['sexual health, school nurse', youngPersonRestrictedRecord, false, 'nurse', 'sexual-health'],
    ['sexual health, MASH', youngPersonRestrictedRecord, true, 'mash', undefined],
    ['injury, GP, sharing declined', noConcernsChildRecord, true, 'gp', 'fraser'],
    ['injury, school nurse', noConcernsChildRecord, false, 'nurse', undefined],
    ['adult, GP, declined', adultWithChildrenRecord, true, 'gp', undefined],
  ])('clinical facts: %s', (_name, record, declinedGpSharing, audience, expected) => {
    expect(clinicalRestriction(factsOf(record(), { declinedGpSharing }), audience)).toBe(expected);
  });

  test('no subject recorded: none, and the child’s own account goes to the GP', () => {
    const facts = factsOf(noConcernsChildRecord());
    expect(recordedRestrictedCategories(facts)).toEqual([]);
    expect(accountsRestricted(facts)).toBe(false);
    expect(childAccountBlock(facts)).toEqual(quote("In the child's own words", 'I went over the kerb and landed on my hand.'));
  });

  test.each<[string, (record: AssessmentRecord) => void, RestrictedCategory[]]>([
    ['a sexual-health attendance', (r) => (r.answers.patient.attendanceReason = 'sexual-health'), ['sexual-health']],
    ['domestic abuse in the household', (r) => (r.answers.safeguarding.householdRisks = ['domestic-abuse', 'parental-substance-misuse']), ['domestic-abuse']],
    ['a child exposed to domestic abuse', (r) => (r.answers.safeguarding.carerChildInteraction = ['exposed-to-domestic-abuse']), ['domestic-abuse']],
    [
      'sexual activity under 13',
      (r) => {
        aged(TEN, r);
        r.answers.safeguarding.underThirteenSexualActivity = 'yes';
      },
      ['sexual-health'],
    ],
    [
      'a stray under-13 answer at 14 (the question does not apply)',
      (r) => {
        aged(FOURTEEN, r);
        r.answers.safeguarding.underThirteenSexualActivity = 'yes';
      },
      [],
    ],
  ])('recorded from the record: %s', (_name, change, expected) => {
    const record = noConcernsChildRecord();
    change(record);
    const facts = factsOf(record);
    expect(recordedRestrictedCategories(facts)).toEqual(expected);
    expect(accountsRestricted(facts)).toBe(expected.length > 0);
  });

  test.each<RestrictedCategory>(['cse', 'fraser', 'fgm', 'domestic-abuse', 'sexual-health'])('a section’s %s block is a recorded subject, and restricts the accounts', (category) => {
    const facts = factsOf(noConcernsChildRecord(), { contributors: [cseContributor(category)] });
    expect(recordedRestrictedCategories(facts)).toEqual([category]);
    expect(accountsRestricted(facts)).toBe(true);
    expect(childAccountBlock(facts).restricted).toBe('words-about-harm');
  });

  test('a section’s words about harm are not a subject', () => {
    const facts = factsOf(noConcernsChildRecord(), { contributors: [cseContributor('words-about-harm')] });
    expect(recordedRestrictedCategories(facts)).toEqual([]);
    expect(accountsRestricted(facts)).toBe(false);
  });

  test('several subjects are listed in the fixed order', () => {
    const record = youngPersonRestrictedRecord();
    expect(recordedRestrictedCategories(factsOf(record, { contributors: [cseContributor('cse')] }))).toEqual(['sexual-health', 'cse', 'domestic-abuse']);
  });

  test('an adult has no restricted subjects, whatever is ticked', () => {
    const record = adultWithChildrenRecord();
    record.answers.safeguarding.householdRisks = ['domestic-abuse'];
    record.answers.patient.attendanceReason = 'sexual-health';
    expect(recordedRestrictedCategories(factsOf(record, { contributors: [cseContributor('cse')] }))).toEqual([]);
    expect(accountsRestricted(factsOf(record))).toBe(false);
  });

  test.each<[string, boolean]>([
    ['', false],
    ['no-concern', false],
    ['excluded', false],
    ['consider', true],
    ['suspect', true],
  ])('concern level %j restricts the accounts: %s', (level, expected) => {
    const record = noConcernsChildRecord();
    record.answers.outcome.concernLevel = level as typeof record.answers.outcome.concernLevel;
    expect(accountsRestricted(factsOf(record))).toBe(expected);
  });

  test('a disclosure restricts the accounts', () => {
    const record = noConcernsChildRecord();
    record.answers.safeguarding.disclosure = 'yes';
    expect(accountsRestricted(factsOf(record))).toBe(true);
  });

  test('the accounts, marked when restricted; the findings about them are not', () => {
    const record = noConcernsChildRecord();
    expect(marks(accountBlocks(factsOf(record)))).toEqual(['-', '-', '-']);
    record.answers.outcome.concernLevel = 'consider';
    const blocks = accountBlocks(factsOf(record));
    expect(blocks).toEqual([
      quote("In the child's own words", 'I went over the kerb and landed on my hand.', 'words-about-harm'),
      quote('What the parent or carer says happened, given by Mark Brown (Father)', 'He came off his bike outside the house; I saw it happen.', 'words-about-harm'),
      rows([row('Explanation consistent with the injury, age and development', 'Yes'), row('Was there a delay in seeking help?', 'No')]),
    ]);
  });

  test('a carer’s account with no one recorded as giving it', () => {
    const record = noConcernsChildRecord();
    record.answers.accounts.carerAccountGivenBy = '';
    expect(accountBlocks(factsOf(record))[1]).toEqual(quote('What the parent or carer says happened', 'He came off his bike outside the house; I saw it happen.'));
  });

  test('an adult’s own words, never restricted; none when blank', () => {
    expect(accountBlocks(factsOf(adultWithChildrenRecord()))[0]).toEqual(quote("In the patient's own words", 'I was overwhelmed. The kids are with my mum tonight.'));
    const record = adultWithChildrenRecord();
    record.answers.accounts.adultAccount = ' ';
    expect(accountBlocks(factsOf(record))).toEqual([]);
  });

  test.each<[string, string, string]>([
    ['pre-verbal', '', 'The child could not give an account: pre-verbal.'],
    ['declined', '', 'The child could not give an account: declined.'],
    ['communication-need', 'Uses Makaton', 'The child could not give an account: communication need (Uses Makaton).'],
    ['', '', 'The child could not give an account: not recorded.'],
  ])('no account from the child: %s', (reason, need, expected) => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.accounts, { childAccountNotGiven: true, childAccountNotGivenReason: reason, childAccountCommunicationNeed: need });
    expect(childAccountBlock(factsOf(record))).toEqual(paragraph(expected));
    expect(preVerbal(factsOf(record))).toBe(reason === 'pre-verbal');
  });

  test('a blank account says so', () => {
    const record = noConcernsChildRecord();
    record.answers.accounts.childAccount = '';
    expect(childAccountBlock(factsOf(record))).toEqual(quote("In the child's own words", 'Not recorded'));
  });

  test('pre-verbal is a child’s answer only', () => {
    expect(preVerbal(factsOf(infantSuspectRecord()))).toBe(true);
    expect(preVerbal(factsOf(noConcernsChildRecord()))).toBe(false);
  });

  test('the presenting complaint, marked for the school nurse only', () => {
    const facts = factsOf(youngPersonRestrictedRecord());
    const reason = row('Reason for attendance', 'Sexual health, contraception or pregnancy', 'Asking for emergency contraception after unprotected sex two days ago');
    expect(presentingBlocks(facts, 'gp')).toEqual([rows([reason])]);
    expect(presentingBlocks(facts, 'nurse')).toEqual([rows([reason], 'sexual-health')]);
    expect(presentingBlocks(factsOf(noConcernsChildRecord()), 'gp')).toEqual([
      rows([row('Reason for attendance', 'Injury', 'Fell off his bike onto his left wrist')]),
      rows([row('When the injury happened', '10 March 2026 at 14:30')]),
    ]);
  });
});

describe('rows fit for a letter', () => {
  test('"Not provided" lines are left out, and a question with nothing left', () => {
    expect(
      answeredRows([
        { key: 'Police informed', value: ['Not provided'] },
        { key: 'Social care', value: ['Yes', 'Not provided', 'Team: North'] },
        { key: 'Health visitor', value: ['Jo Hughes'] },
      ]),
    ).toEqual([row('Social care', 'Yes', 'Team: North'), row('Health visitor', 'Jo Hughes')]);
  });
});

describe('people', () => {
  test('someone came: the person’s row says it; the household is listed; the parents’ phone numbers are there', () => {
    const facts = factsOf(infantSuspectRecord());
    expect(peopleRows(facts)).toEqual([
      row('Person with the patient', 'Grace Okafor (Mother)', '07700 900982', 'Has parental responsibility: Birth mother'),
      row('Next of kin', 'Same as the person with the patient: Grace Okafor'),
      row('Other people with parental responsibility', 'Daniel Okafor (Father)', 'Has parental responsibility: Father – on the birth certificate (births registered from 1 December 2003)'),
      row('Who does the child live with?', 'Mother, father and brother aged 4'),
      row("Who else lives in the child's household?", 'Kofi Okafor (Brother), 4 years'),
    ]);
    expect(householdRows(facts)).toEqual([row("Who else lives in the child's household?", 'Kofi Okafor (Brother), 4 years')]);
    expect(parentRows(facts).map((entry) => entry.key)).not.toContain("Who else lives in the child's household?");
    expect(parentRows(facts)).toHaveLength(4);
  });

  test('came alone: said; no household recorded: left out', () => {
    const facts = factsOf(youngPersonRestrictedRecord());
    expect(peopleRows(facts)[0]).toEqual(row('Who has come with the patient today?', 'Nobody, the patient came alone'));
    const record = youngPersonRestrictedRecord();
    record.answers.people.household = [];
    expect(householdRows(factsOf(record))).toEqual([]);
  });
});

describe('information checks', () => {
  test('the health visitor or school nurse is named, except in their own notification; blank is left out', () => {
    const facts = factsOf(infantSuspectRecord());
    const gp = informationCheckBlocks(facts, 'gp');
    expect(gp).toEqual([
      rows([
        row('CP-IS check', 'Checked – no plan'),
        row("Known to children's social care", 'No'),
        row('ED, MIU or urgent care attendances in the last 12 months', '1'),
        row('Health visitor', 'Jo Hughes, Bestwood health visiting team'),
      ]),
    ]);
    expect(informationCheckBlocks(facts, 'nurse')).toEqual([rows((gp[0]?.type === 'rows' ? gp[0].rows : []).slice(0, 3))]);
    expect(informationCheckBlocks(facts, 'mash')).toEqual(gp);
    const schoolNurseBlank = informationCheckBlocks(factsOf(noConcernsChildRecord()), 'gp');
    expect(JSON.stringify(schoolNurseBlank)).not.toContain('School nurse');
  });

  test('an adult has none', () => {
    expect(informationCheckBlocks(factsOf(adultWithChildrenRecord()), 'gp')).toEqual([]);
  });
});

describe('safeguarding findings', () => {
  test('the explanation given for a feature is split out as the words about harm; the rest of the list continues', () => {
    const blocks = safeguardingFindingBlocks(factsOf(infantSuspectRecord()));
    expect(blocks).toEqual([
      rows([row('Independently mobile', 'No'), row('Alerting feature', 'Any bruise in a child who is not independently mobile', 'NICE level: Suspect')]),
      { ...rows([row('Explanation given, and by whom', 'Mother: hit her face on the cot bars in the night')], 'words-about-harm'), continues: true },
      {
        ...rows([
          row('Child or someone else said someone has hurt, abused or neglected the child', 'No'),
          row('Concerns about how the carer and child interact', 'No concerns about how the carer and child interact'),
          row('Known risks in the household', 'None known'),
        ]),
        continues: true,
      },
    ]);
  });

  test('a feature with no explanation recorded: no restricted line', () => {
    const record = infantSuspectRecord();
    record.answers.safeguarding.alertingFeatureExplanations = { 'bruise-not-independently-mobile': ' ' };
    expect(marks(safeguardingFindingBlocks(factsOf(record)))).toEqual(['-']);
  });

  test('a disclosure: the row says Yes only, restricted (the quote carries the words)', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.safeguarding, { disclosure: 'yes', disclosureWhatWasSaid: 'Dad hit me', disclosureBy: 'Oliver' });
    const blocks = safeguardingFindingBlocks(factsOf(record));
    expect(blocks[1]).toEqual({ ...rows([row('Child or someone else said someone has hurt, abused or neglected the child', 'Yes')], 'words-about-harm'), continues: true });
    expect(JSON.stringify(blocks)).not.toContain('Dad hit me');
    expect(disclosureBlock(factsOf(record))).toEqual(quote('Disclosure of harm, said by Oliver', 'Dad hit me', 'words-about-harm'));
  });

  test('the disclosure quote: who said it not recorded, words not recorded; none without a disclosure or for an adult', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.safeguarding, { disclosure: 'yes', disclosureWhatWasSaid: ' ', disclosureBy: '' });
    expect(disclosureBlock(factsOf(record))).toEqual(quote('Disclosure of harm, said by someone not recorded', 'Not recorded', 'words-about-harm'));
    expect(disclosureBlock(factsOf(noConcernsChildRecord()))).toBeUndefined();
    const adult = adultWithChildrenRecord();
    adult.answers.safeguarding.disclosure = 'yes';
    expect(disclosureBlock(factsOf(adult))).toBeUndefined();
  });

  test('interaction: domestic abuse and the details are restricted; the other concerns stay', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.safeguarding, { carerChildInteraction: ['hostility-or-rejection', 'exposed-to-domestic-abuse'], carerChildInteractionDetails: 'Father shouted at him in the cubicle' });
    const blocks = safeguardingFindingBlocks(factsOf(record));
    expect(blocks).toContainEqual(rows([row('Alerting features (NICE CG89)', 'None of these'), row('Child or someone else said someone has hurt, abused or neglected the child', 'No'), row('Concerns about how the carer and child interact', 'Hostility towards the child, or rejecting the child')]));
    expect(blocks).toContainEqual({ ...rows([row('Concerns about how the carer and child interact', 'The child is exposed to domestic abuse')], 'domestic-abuse'), continues: true });
    expect(blocks).toContainEqual({ ...rows([row('What was seen', 'Father shouted at him in the cubicle')], 'words-about-harm'), continues: true });
  });

  test('household: the other risks stay when domestic abuse is ticked', () => {
    const record = noConcernsChildRecord();
    record.answers.safeguarding.householdRisks = ['domestic-abuse', 'parental-substance-misuse', 'parental-mental-illness'];
    const blocks = safeguardingFindingBlocks(factsOf(record));
    const publicText = JSON.stringify(blocks.filter((block) => block.restricted === undefined));
    expect(publicText).toContain('"Known risks in the household","value":["Parental substance misuse","Parental mental illness"]');
    expect(publicText).not.toContain('Domestic abuse');
    expect(blocks.filter((block) => block.restricted === 'domestic-abuse')).toEqual([{ ...rows([row('Known risks in the household', 'Domestic abuse')], 'domestic-abuse'), continues: true }]);
  });

  test('household: domestic abuse alone leaves no public household line', () => {
    const record = noConcernsChildRecord();
    record.answers.safeguarding.householdRisks = ['domestic-abuse'];
    const publicText = JSON.stringify(safeguardingFindingBlocks(factsOf(record)).filter((block) => block.restricted === undefined));
    expect(publicText).not.toContain('Known risks in the household');
  });

  test.each<[string, DateParts, 'yes' | 'no', string[] | undefined, string]>([
    ['10, yes: restricted with the details', TEN, 'yes', ['Yes', 'Older boy at the park'], 'sexual-health'],
    ['12, no: printed', TWELVE, 'no', ['No'], '-'],
    ['10, no: not printed', TEN, 'no', undefined, ''],
    ['a baby, no: not printed', ONE, 'no', undefined, ''],
  ])('sexual activity under 13: %s', (_name, dateOfBirth, answer, expected, mark) => {
    const record = aged(dateOfBirth);
    Object.assign(record.answers.safeguarding, { underThirteenSexualActivity: answer, underThirteenSexualActivityDetails: 'Older boy at the park' });
    const blocks = safeguardingFindingBlocks(factsOf(record));
    const found = blocks.find((block) => block.type === 'rows' && block.rows.some((entry) => entry.key === 'Sexual activity or pregnancy (child under 13)'));
    const value = found?.type === 'rows' ? found.rows.find((entry) => entry.key === 'Sexual activity or pregnancy (child under 13)')?.value : undefined;
    expect(value).toEqual(expected);
    if (found) expect(found.restricted ?? '-').toBe(mark);
  });
});

describe('the outcome', () => {
  test('level, discussion, referral and police; the health visitor line left out or said as done', () => {
    const facts = factsOf(infantSuspectRecord());
    const actions = [
      row('Discussed with', 'Dr Priya Shah (Paediatric registrar)', '10 March 2026 at 13:40'),
      row('Child in immediate danger', 'No'),
      row("Referral to children's social care (MASH)", 'Made', 'At 10 March 2026 at 14:10', 'Taken by Chris Bell, MASH social worker', 'Reference: MASH-2026-0412'),
      row('Police informed', 'No', 'MASH to decide on strategy discussion'),
    ];
    expect(outcomeBlocks(facts, { notify: 'omit' })).toEqual([rows([row('Safeguarding concern', 'Suspect'), ...actions])]);
    expect(outcomeBlocks(facts, { notify: 'as-done', level: 'without' })).toEqual([rows([...actions, row('Health visitor', 'Informed of this attendance by a separate notification')])]);
    expect(outcomeBlocks(facts, { notify: 'omit', level: 'only' })).toEqual([rows([row('Safeguarding concern', 'Suspect')])]);
  });

  test('not informed: nothing said', () => {
    const facts = factsOf(noConcernsChildRecord());
    expect(outcomeBlocks(facts, { notify: 'as-done' })).toEqual([rows([row('Safeguarding concern', 'No concern')])]);
  });

  test('an exclusion: who agreed stays, the explanation is the words about harm', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.outcome, { concernLevel: 'excluded', excludedExplanation: 'Witnessed fall from the climbing frame', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: 'Consultant' });
    expect(outcomeBlocks(factsOf(record), { notify: 'omit' })).toEqual([
      rows([row('Safeguarding concern', 'Excluded', 'Agreed by: Dr Lee (Consultant)')]),
      { ...rows([row('Suitable explanation found', 'Witnessed fall from the climbing frame')], 'words-about-harm'), continues: true },
    ]);
  });

  test('an exclusion with no explanation typed: no restricted line', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.outcome, { concernLevel: 'excluded', excludedExplanation: '', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: '' });
    expect(outcomeBlocks(factsOf(record), { notify: 'omit' })).toEqual([rows([row('Safeguarding concern', 'Excluded', 'Agreed by: Dr Lee')])]);
  });

  test('an optional question left blank is left out', () => {
    const record = infantSuspectRecord();
    Object.assign(record.answers.outcome, { police: '', policeNotInformedReason: '' });
    expect(JSON.stringify(outcomeBlocks(factsOf(record), { notify: 'omit' }))).not.toContain('Police informed');
  });

  test.each<[string, 'yes' | 'no', boolean]>([
    ['no-concern', 'no', true],
    ['no-concern', 'yes', false],
    ['consider', 'no', false],
    ['', 'no', false],
  ])('"No concerns identified" for level %j and disclosure %s: %s', (level, disclosure, expected) => {
    const record = noConcernsChildRecord();
    record.answers.outcome.concernLevel = level as typeof record.answers.outcome.concernLevel;
    record.answers.safeguarding.disclosure = disclosure;
    expect(noConcernsIdentified(factsOf(record))).toBe(expected);
  });
});

describe('who completed the record, and contacts', () => {
  test.each<[string, Partial<typeof NURSE>, string]>([
    ['bank, registered', {}, 'Alex Morgan, Triage nurse (Bank), registration 12A3456B'],
    ['agency, named', { staffGroup: 'agency', agencyName: 'NHS Professionals' }, 'Alex Morgan, Triage nurse (Agency: NHS Professionals), registration 12A3456B'],
    ['agency, not named', { staffGroup: 'agency', agencyName: ' ' }, 'Alex Morgan, Triage nurse (Agency), registration 12A3456B'],
    ['no registration', { registrationNumber: ' ' }, 'Alex Morgan, Triage nurse (Bank)'],
  ])('staff line: %s', (_name, change, expected) => {
    expect(staffLine({ ...NURSE, ...change })).toBe(expected);
  });

  test('signed, senior reviewer and who issues the letter', () => {
    const facts = factsOf(infantSuspectRecord(), { issuedBy: CHARGE_NURSE });
    expect(personCompletingRows(facts)).toEqual([
      row('Assessment completed by', 'Alex Morgan, Triage nurse (Bank), registration 12A3456B'),
      row('Signed', '10 March 2026 at 14:30'),
      row('Senior reviewer', 'Dr Priya Shah, Paediatric registrar'),
      row('Letter issued by', 'Sam Patel, Nurse in charge (Substantive)'),
    ]);
  });

  test('not signed yet; a senior reviewer without a role', () => {
    const record = { ...infantSuspectRecord(), signature: undefined };
    record.answers.discharge.seniorReviewerRole = '';
    expect(personCompletingRows(factsOf(record))).toEqual([
      row('Assessment completed by', 'Alex Morgan, Triage nurse (Bank), registration 12A3456B'),
      row('Signed', 'Not signed yet'),
      row('Senior reviewer', 'Dr Priya Shah'),
    ]);
  });

  test('contacts: the liaison nurse for a child only; a number not set says so', () => {
    expect(contactRows(factsOf(adultWithChildrenRecord()))).toEqual([row('Site', "Queen's Medical Centre ED", 'Emergency department (ED)'), row('Hospital safeguarding team', '0115 924 9924')]);
    const facts = factsOf(noConcernsChildRecord());
    facts.settings.contacts.safeguardingTeam = '';
    facts.settings.contacts.paediatricLiaison = ' ';
    expect(contactRows(facts)).toEqual([row('Site', "Queen's Medical Centre ED", 'Emergency department (ED)'), row('Hospital safeguarding team', 'Number not set on this device')]);
  });
});
