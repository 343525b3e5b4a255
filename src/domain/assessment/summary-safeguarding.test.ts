/**
 * Tests for the check-answers rows of the three child safeguarding sections.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { Answers } from './record';
import { emptyAnswers } from './record';
import { summariseInformationChecks, summariseOutcome, summariseSafeguarding } from './summary-safeguarding';

const day = { day: '10', month: '3', year: '2026' };

function answersWith(changes: { informationChecks?: Partial<Answers['informationChecks']>; safeguarding?: Partial<Answers['safeguarding']>; outcome?: Partial<Answers['outcome']> }): Answers {
  const answers = emptyAnswers();
  return {
    ...answers,
    informationChecks: { ...answers.informationChecks, ...changes.informationChecks },
    safeguarding: { ...answers.safeguarding, ...changes.safeguarding },
    outcome: { ...answers.outcome, ...changes.outcome },
  };
}

describe('summariseInformationChecks', () => {
  test('an empty section says what was not provided', () => {
    expect(summariseInformationChecks(emptyAnswers(), contextForAge(3))).toEqual([
      { key: 'CP-IS check', value: ['Not provided'], field: 'cpis' },
      { key: "Known to children's social care", value: ['Not provided'], field: 'socialCare' },
      { key: 'ED, MIU or urgent care attendances in the last 12 months', value: ['Not provided'], field: 'previousAttendances' },
      { key: 'Health visitor', value: ['Not provided'], field: 'hvOrSchoolNurse' },
    ]);
  });

  test('a full section, with the frequent-attendance flag', () => {
    const answers = answersWith({
      informationChecks: {
        cpis: 'checked-cp-plan',
        socialCare: 'yes',
        socialWorkerName: 'Sam Jones',
        socialWorkerTeam: 'Mansfield CIN team',
        socialWorkerPhone: '0115 496 0000',
        previousAttendances: '2',
        hvOrSchoolNurse: 'Ashfield school nursing team',
      },
    });
    expect(summariseInformationChecks(answers, contextForAge(9))).toEqual([
      { key: 'CP-IS check', value: ['Checked – child protection plan'], field: 'cpis' },
      { key: "Known to children's social care", value: ['Yes', 'Social worker: Sam Jones', 'Team: Mansfield CIN team', 'Phone: 0115 496 0000'], field: 'socialCare' },
      { key: 'ED, MIU or urgent care attendances in the last 12 months', value: ['2', '3 or more attendances in 12 months, including this one'], field: 'previousAttendances' },
      { key: 'School nurse', value: ['Ashfield school nursing team'], field: 'hvOrSchoolNurse' },
    ]);
  });

  test.each<[string, Partial<Answers['informationChecks']>, string, string[], string]>([
    ['CP-IS not checked for another reason', { cpis: 'not-checked-other', cpisOtherReason: 'Spine down' }, 'CP-IS check', ['Not checked: Spine down'], 'cpisOtherReason'],
    ['attendances not known', { previousAttendancesNotKnown: true }, 'ED, MIU or urgent care attendances in the last 12 months', ['Not known'], 'previousAttendances'],
    ['one earlier attendance: no flag', { previousAttendances: '1' }, 'ED, MIU or urgent care attendances in the last 12 months', ['1'], 'previousAttendances'],
    ['social care not known: no social worker lines', { socialCare: 'not-known', socialWorkerName: 'stale' }, "Known to children's social care", ['Not known'], 'socialCare'],
    ['known to social care with an open case', { socialCare: 'yes', socialWorkerTeam: 'Mansfield CIN team', openCase: 'yes' }, "Known to children's social care", ['Yes', 'Team: Mansfield CIN team', 'Open case now: Yes'], 'socialCare'],
    ['known to social care, case closed', { socialCare: 'yes', openCase: 'no' }, "Known to children's social care", ['Yes', 'Open case now: No'], 'socialCare'],
    ['not known to social care: a stale open-case answer is not shown', { socialCare: 'no', openCase: 'yes' }, "Known to children's social care", ['No'], 'socialCare'],
  ])('%s', (_name, changes, key, value, field) => {
    const rows = summariseInformationChecks(answersWith({ informationChecks: changes }), contextForAge(9));
    expect(rows.find((row) => row.key === key)).toEqual({ key, value, field });
  });

  test('no rows for an adult', () => {
    expect(summariseInformationChecks(emptyAnswers(), contextForAge(30))).toEqual([]);
  });
});

describe('summariseSafeguarding', () => {
  test('a baby with non-mobile bruising and a disclosure', () => {
    const answers = answersWith({
      safeguarding: {
        independentlyMobile: 'no',
        alertingFeatures: ['bruise-not-independently-mobile', 'neglect'],
        alertingFeatureExplanations: { 'bruise-not-independently-mobile': 'Mother: sibling fell on him' },
        disclosure: 'yes',
        disclosureWhatWasSaid: '"He hit the baby"',
        disclosureBy: 'Sibling, aged 6',
        carerChildInteraction: ['emotionally-unavailable'],
        carerChildInteractionDetails: 'Did not look at the baby while he cried',
        householdRisks: ['domestic-abuse', 'parental-mental-illness'],
        underThirteenSexualActivity: 'no',
      },
    });
    expect(summariseSafeguarding(answers, contextForAge(0))).toEqual([
      { key: 'Independently mobile', value: ['No'], field: 'independentlyMobile' },
      {
        key: 'Alerting feature (1)',
        value: ['Any bruise in a child who is not independently mobile', 'NICE level: Suspect', 'Explanation given, and by whom: Mother: sibling fell on him'],
        field: 'alertingFeatureExplanations.bruise-not-independently-mobile',
      },
      {
        key: 'Alerting feature (2)',
        value: [
          'Signs of neglect: delay or failure in getting medical help that harms the child (including ongoing pain); an injury or ingestion that suggests poor supervision; repeatedly missed essential follow-up; persistently poor hygiene or unsuitable clothing',
          'NICE level: Consider',
          'Explanation given, and by whom: Not provided',
          'No longer applies: keep it or untick it',
        ],
        field: 'keptAlertingFeatures.neglect',
      },
      { key: 'Child or someone else said someone has hurt, abused or neglected the child', value: ['Yes', 'What was said: "He hit the baby"', 'Said by: Sibling, aged 6'], field: 'disclosure' },
      {
        key: 'Concerns about how the carer and child interact',
        value: ['The carer is emotionally unavailable or unresponsive to the child, especially an infant', 'Did not look at the baby while he cried'],
        field: 'carerChildInteraction',
      },
      { key: 'Known risks in the household', value: ['Domestic abuse', 'Parental mental illness'], field: 'householdRisks' },
      { key: 'Sexual activity or pregnancy (child under 13)', value: ['No'], field: 'underThirteenSexualActivity' },
    ]);
  });

  test('a 15-year-old with nothing found: no mobility or under-13 rows', () => {
    const answers = answersWith({
      safeguarding: { alertingFeatures: ['none'], disclosure: 'no', carerChildInteraction: ['none'], householdRisks: ['not-known'] },
    });
    expect(summariseSafeguarding(answers, contextForAge(15))).toEqual([
      { key: 'Alerting features (NICE CG89)', value: ['None of these'], field: 'alertingFeatures' },
      { key: 'Child or someone else said someone has hurt, abused or neglected the child', value: ['No'], field: 'disclosure' },
      { key: 'Concerns about how the carer and child interact', value: ['No concerns about how the carer and child interact'], field: 'carerChildInteraction' },
      { key: 'Known risks in the household', value: ['Not known'], field: 'householdRisks' },
    ]);
  });

  test('an unanswered section at 12 says what was not provided', () => {
    expect(summariseSafeguarding(emptyAnswers(), contextForAge(12))).toEqual([
      { key: 'Alerting features (NICE CG89)', value: ['Not provided'], field: 'alertingFeatures' },
      { key: 'Child or someone else said someone has hurt, abused or neglected the child', value: ['Not provided'], field: 'disclosure' },
      { key: 'Concerns about how the carer and child interact', value: ['Not provided'], field: 'carerChildInteraction' },
      { key: 'Known risks in the household', value: ['Not provided'], field: 'householdRisks' },
      { key: 'Sexual activity or pregnancy (child under 13)', value: ['Not provided'], field: 'underThirteenSexualActivity' },
    ]);
  });

  test('a single feature is not numbered', () => {
    const answers = answersWith({ safeguarding: { alertingFeatures: ['fracture'], alertingFeatureExplanations: { fracture: 'Fell from a trampoline' } } });
    const features = summariseSafeguarding(answers, contextForAge(8)).filter((row) => row.key.startsWith('Alerting feature'));
    expect(features.map((row) => [row.key, row.field])).toEqual([['Alerting feature', 'alertingFeatureExplanations.fracture']]);
  });

  test('a tick that no longer applies is still shown, saying so; once kept, it says the nurse kept it', () => {
    const safeguarding = { independentlyMobile: 'yes' as const, alertingFeatures: ['bruise-not-independently-mobile', 'fracture'], alertingFeatureExplanations: { fracture: 'Fell from a trampoline' } };
    const undecided = summariseSafeguarding(answersWith({ safeguarding }), contextForAge(1)).filter((row) => row.key.startsWith('Alerting feature'));
    expect(undecided.map((row) => [row.key, row.field, row.value.at(-1)])).toEqual([
      ['Alerting feature (1)', 'keptAlertingFeatures.bruise-not-independently-mobile', 'No longer applies: keep it or untick it'],
      ['Alerting feature (2)', 'alertingFeatureExplanations.fracture', 'Explanation given, and by whom: Fell from a trampoline'],
    ]);
    const kept = summariseSafeguarding(answersWith({ safeguarding: { ...safeguarding, keptAlertingFeatures: ['bruise-not-independently-mobile'] } }), contextForAge(1));
    expect(kept.find((row) => row.key === 'Alerting feature (1)')?.value.at(-1)).toBe('Kept by the nurse although it no longer applies');
  });

  test('the disability question and a disabled 6-year-old\'s mobility are shown', () => {
    const answers = answersWith({ safeguarding: { mobilityDisability: 'yes', independentlyMobile: 'no', alertingFeatures: ['none'] } });
    expect(summariseSafeguarding(answers, contextForAge(6)).slice(0, 2)).toEqual([
      { key: 'Disability or condition that affects how the child moves', value: ['Yes'], field: 'mobilityDisability' },
      { key: 'Independently mobile', value: ['No'], field: 'independentlyMobile' },
    ]);
  });
});

describe('summariseOutcome', () => {
  test('Suspect with a referral made', () => {
    const answers = answersWith({
      outcome: {
        concernLevel: 'suspect',
        discussedWithName: 'Amy Patel',
        discussedWithRole: 'Paediatric registrar',
        discussedWithDate: day,
        discussedWithTime: '13:30',
        immediateDanger: 'no',
        referral: 'made',
        referralDate: day,
        referralTime: '13:45',
        referralTakenBy: 'Jo Smith',
        referralReference: 'MASH-1234',
        police: 'no',
        notify: 'yes',
      },
    });
    expect(summariseOutcome(answers, contextForAge(8))).toEqual([
      { key: 'Safeguarding concern', value: ['Suspect'], field: 'concernLevel' },
      { key: 'Discussed with', value: ['Amy Patel (Paediatric registrar)', '10 March 2026 at 13:30'], field: 'discussedWithName' },
      { key: 'Child in immediate danger', value: ['No'], field: 'immediateDanger' },
      { key: "Referral to children's social care (MASH)", value: ['Made', 'At 10 March 2026 at 13:45', 'Taken by Jo Smith', 'Reference: MASH-1234'], field: 'referral' },
      { key: 'Police informed', value: ['No'], field: 'police' },
      { key: 'Inform the school nurse', value: ['Yes'], field: 'notify' },
    ]);
  });

  test('Suspect out of hours, to be referred next working day', () => {
    const answers = answersWith({
      outcome: {
        concernLevel: 'suspect',
        referral: 'next-working-day',
        referralNextDayBy: 'Chris Brown',
        referralNextDayDate: { day: '11', month: '3', year: '2026' },
        referralNextDayTime: '09:00',
        immediateDanger: 'yes',
        emergencyDutyTeamCalled: 'yes',
      },
    });
    const referral = summariseOutcome(answers, contextForAge(8)).find((row) => row.field === 'referral');
    expect(referral?.value).toEqual(['To be made next working day', 'By Chris Brown', 'At 11 March 2026 at 09:00', 'Emergency duty team called: Yes']);
    // Not in immediate danger: the question was not asked, and the record does not print it.
    const waiting = { ...answers, outcome: { ...answers.outcome, immediateDanger: 'no' as const, emergencyDutyTeamCalled: '' as const } };
    expect(summariseOutcome(waiting, contextForAge(8)).find((row) => row.field === 'referral')?.value).toEqual(['To be made next working day', 'By Chris Brown', 'At 11 March 2026 at 09:00']);
  });

  test('Excluded shows the explanation and who agreed it, and nothing about referral or police', () => {
    const answers = answersWith({
      outcome: { concernLevel: 'excluded', excludedExplanation: 'Birthmark (Mongolian blue spot)', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: 'ED consultant', notify: 'no' },
    });
    expect(summariseOutcome(answers, contextForAge(1))).toEqual([
      { key: 'Safeguarding concern', value: ['Excluded', 'Explanation: Birthmark (Mongolian blue spot)', 'Agreed by: Dr Lee (ED consultant)'], field: 'concernLevel' },
      { key: 'Inform the health visitor', value: ['No'], field: 'notify' },
    ]);
  });

  test('Excluded by role, with the time the senior agreed', () => {
    const answers = answersWith({
      outcome: {
        concernLevel: 'excluded',
        excludedExplanation: 'Birthmark (Mongolian blue spot)',
        excludedAgreedByName: 'Dr Lee',
        excludedSeniorRole: 'consultant-paediatrician',
        excludedAgreedDate: day,
        excludedAgreedTime: '13:50',
        notify: 'no',
      },
    });
    expect(summariseOutcome(answers, contextForAge(1))[0]?.value).toEqual(['Excluded', 'Explanation: Birthmark (Mongolian blue spot)', 'Agreed by: Dr Lee (Consultant paediatrician)', 'Agreed at: 10 March 2026 at 13:50']);
  });

  test.each<[string, Partial<Answers['outcome']>, Answers['discharge']['destination'], string[] | undefined]>([
    ['answered safe, with who agreed', { safeToGoHome: 'yes', safeToGoHomeAgreedBy: 'Dr Osei, paediatric registrar' }, '', ['Yes, it is safe and the child feels safe to go home', 'Agreed by: Dr Osei, paediatric registrar']],
    ['answered not safe, with the plan', { safeToGoHome: 'no', safeToGoHomeNotSafePlan: 'Admitted to the ward; agreed with the safeguarding team' }, 'admitted', ['No', 'Admitted to the ward; agreed with the safeguarding team']],
    ['unanswered, going home: says it is missing', {}, 'home-with-carer', ['Not recorded: needed before the child is discharged home']],
    ['unanswered, admitted: not shown', {}, 'admitted', undefined],
  ])('safe to go home (Consider): %s', (_name, outcome, destination, expected) => {
    const answers = answersWith({ outcome: { concernLevel: 'consider', notify: 'yes', ...outcome } });
    answers.discharge = { ...answers.discharge, destination };
    expect(summariseOutcome(answers, contextForAge(8)).find((row) => row.field === 'safeToGoHome')?.value).toEqual(expected);
  });

  test('Consider with the discussion time incomplete, referral not made', () => {
    const answers = answersWith({
      outcome: { concernLevel: 'consider', discussedWithName: 'Amy Patel', discussedWithDate: day, referral: 'not-made', referralNotMadeReason: 'Agreed to review', police: 'yes', policeDetails: 'PC Khan' },
    });
    expect(summariseOutcome(answers, contextForAge(8))).toEqual([
      { key: 'Safeguarding concern', value: ['Consider'], field: 'concernLevel' },
      { key: 'Discussed with', value: ['Amy Patel', '10 March 2026'], field: 'discussedWithName' },
      { key: "Referral to children's social care (MASH)", value: ['Not made: Agreed to review'], field: 'referral' },
      { key: 'Police informed', value: ['Yes', 'PC Khan'], field: 'police' },
      { key: 'Inform the school nurse', value: ['Not provided'], field: 'notify' },
    ]);
  });

  test('an unanswered outcome', () => {
    expect(summariseOutcome(emptyAnswers(), contextForAge(8))).toEqual([
      { key: 'Safeguarding concern', value: ['Not provided'], field: 'concernLevel' },
      { key: 'Inform the school nurse', value: ['Not provided'], field: 'notify' },
    ]);
  });

  test('no rows for an adult', () => {
    expect(summariseOutcome(emptyAnswers(), contextForAge(18))).toEqual([]);
  });
});
