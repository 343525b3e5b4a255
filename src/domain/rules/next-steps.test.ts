/**
 * Tests for the "What to do next" actions: which are listed for each level, in and out of MASH
 * hours, their wording with and without local numbers, and what is done.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge, NOW } from '../../test-support/domain-fixtures';
import type { Answers } from '../assessment/record';
import { emptyAnswers } from '../assessment/record';
import type { DeviceSettings } from '../settings/device-settings';
import { defaultDeviceSettings, deviceSettingsSchema } from '../settings/device-settings';
import type { NextStepId } from './next-steps';
import { ASK_FOR_NUMBER, formatOpening, nextSteps, workingLevel } from './next-steps';
import { niceAlertingFeatures } from './nice-alerting-features';

const SETTINGS: DeviceSettings = deviceSettingsSchema.parse({
  contacts: {
    safeguardingTeam: '0115 924 9924 ext 1234',
    paediatricLiaison: '0115 924 9924 ext 5678',
    mash: '0300 500 8090',
    emergencyDutyTeam: '0300 456 4546',
  },
});
const NO_NUMBERS = defaultDeviceSettings();

/** Tuesday 10 March 2026: 14:00 is in MASH hours; 18:00 is not; Friday 16:30 is the weekend. */
const IN_HOURS = NOW;
const EVENING = '2026-03-10T18:00:00.000Z';
const FRIDAY_EVENING = '2026-03-13T16:30:00.000Z';

function answersWith(changes: {
  safeguarding?: Partial<Answers['safeguarding']>;
  outcome?: Partial<Answers['outcome']>;
}): Answers {
  const answers = emptyAnswers();
  return {
    ...answers,
    safeguarding: { ...answers.safeguarding, ...changes.safeguarding },
    outcome: { ...answers.outcome, ...changes.outcome },
  };
}

const ids = (
  answers: Answers,
  age: number,
  now = IN_HOURS,
  settings = SETTINGS,
  injury = false,
): NextStepId[] =>
  nextSteps(answers, contextForAge(age, { injuryRelated: injury, now }), settings, now).map(
    (step) => step.id,
  );

describe('which actions are listed', () => {
  test.each<[string, Answers, number, boolean, string, NextStepId[]]>([
    ['nothing recorded, no level chosen', emptyAnswers(), 8, false, IN_HOURS, []],
    [
      'No concern chosen and allowed',
      answersWith({ outcome: { concernLevel: 'no-concern' } }),
      8,
      false,
      IN_HOURS,
      [],
    ],
    ['an adult', answersWith({ safeguarding: { disclosure: 'yes' } }), 18, false, IN_HOURS, []],
    [
      'a consider-level feature, no level chosen yet',
      answersWith({ safeguarding: { alertingFeatures: ['neglect'] } }),
      8,
      false,
      IN_HOURS,
      ['discuss-today', 'look-for-other-features', 'gather-information', 'arrange-review'],
    ],
    [
      'Consider chosen',
      answersWith({ outcome: { concernLevel: 'consider' } }),
      8,
      false,
      IN_HOURS,
      ['discuss-today', 'look-for-other-features', 'gather-information', 'arrange-review'],
    ],
    [
      'a disclosure, in hours, no injury',
      answersWith({ safeguarding: { disclosure: 'yes' } }),
      8,
      false,
      IN_HOURS,
      [
        'refer-to-mash',
        'discuss-today',
        'tell-paediatric-liaison',
        'record-disclosure',
        'record-referral',
      ],
    ],
    [
      'a suspect-level injury feature, in hours',
      answersWith({ safeguarding: { alertingFeatures: ['fracture'] } }),
      8,
      false,
      IN_HOURS,
      [
        'refer-to-mash',
        'discuss-today',
        'tell-paediatric-liaison',
        'urgent-paediatric-assessment',
        'record-referral',
      ],
    ],
    [
      'Suspect chosen for an assault (injury-related attendance)',
      answersWith({ outcome: { concernLevel: 'suspect' } }),
      14,
      true,
      IN_HOURS,
      [
        'refer-to-mash',
        'discuss-today',
        'tell-paediatric-liaison',
        'urgent-paediatric-assessment',
        'record-referral',
      ],
    ],
    [
      'Suspect out of hours',
      answersWith({ outcome: { concernLevel: 'suspect' } }),
      8,
      false,
      EVENING,
      [
        'call-emergency-duty-team',
        'plan-next-day-referral',
        'discuss-today',
        'tell-paediatric-liaison',
        'record-referral',
      ],
    ],
    [
      'Suspect in immediate danger',
      answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes' } }),
      8,
      false,
      IN_HOURS,
      ['call-999', 'refer-to-mash', 'discuss-today', 'tell-paediatric-liaison', 'record-referral'],
    ],
    [
      'Excluded chosen after a suspect-level feature',
      answersWith({
        safeguarding: { alertingFeatures: ['patterned-bruise'] },
        outcome: { concernLevel: 'excluded' },
      }),
      8,
      false,
      IN_HOURS,
      ['record-exclusion'],
    ],
    [
      'No concern chosen against a disclosure: the panel works from Suspect',
      answersWith({ safeguarding: { disclosure: 'yes' }, outcome: { concernLevel: 'no-concern' } }),
      8,
      false,
      IN_HOURS,
      [
        'refer-to-mash',
        'discuss-today',
        'tell-paediatric-liaison',
        'record-disclosure',
        'record-referral',
      ],
    ],
  ])('%s', (_name, answers, age, injury, now, expected) => {
    expect(ids(answers, age, now, SETTINGS, injury)).toEqual(expected);
  });

  test.each<
    [string, Answers, number, 'consider' | 'suspect' | 'excluded' | 'no-concern' | undefined]
  >([
    ['nothing', emptyAnswers(), 8, undefined],
    [
      'highest NICE level when no level is chosen',
      answersWith({ safeguarding: { alertingFeatures: ['neglect'] } }),
      8,
      'consider',
    ],
    [
      'the chosen level when allowed',
      answersWith({
        safeguarding: { alertingFeatures: ['neglect'] },
        outcome: { concernLevel: 'suspect' },
      }),
      8,
      'suspect',
    ],
    [
      'the highest NICE level when the choice is refused',
      answersWith({
        safeguarding: { underThirteenSexualActivity: 'yes' },
        outcome: { concernLevel: 'excluded' },
      }),
      12,
      'suspect',
    ],
  ])('working level: %s', (_name, answers, age, expected) => {
    expect(workingLevel(answers, contextForAge(age))).toBe(expected);
  });
});

describe('the information checks count when reading the chosen level (false reassurance)', () => {
  const withChecks = (informationChecks: Partial<Answers['informationChecks']>, concernLevel: Answers['outcome']['concernLevel']): Answers => {
    const answers = answersWith({ outcome: { concernLevel } });
    return { ...answers, informationChecks: { ...answers.informationChecks, ...informationChecks } };
  };

  test('"No concern" chosen for a child on a child-protection plan is not taken as allowed: the Consider actions show', () => {
    const answers = withChecks({ cpis: 'checked-cp-plan' }, 'no-concern');
    expect(workingLevel(answers, contextForAge(8))).toBe('consider');
    expect(ids(answers, 8, IN_HOURS)).toContain('discuss-today');
  });

  test('"No concern" chosen with an open social-care case is not taken as allowed', () => {
    const answers = withChecks({ socialCare: 'yes', openCase: 'yes' }, 'no-concern');
    expect(workingLevel(answers, contextForAge(8))).not.toBe('no-concern');
    expect(ids(answers, 8, IN_HOURS).length).toBeGreaterThan(0);
  });

  test('with nothing in the information checks, "No concern" stands and there are no actions', () => {
    const answers = withChecks({ cpis: 'checked-no-plan' }, 'no-concern');
    expect(workingLevel(answers, contextForAge(8))).toBe('no-concern');
    expect(ids(answers, 8, IN_HOURS)).toEqual([]);
  });
});

describe('the wording, with local numbers', () => {
  const suspect = answersWith({ safeguarding: { disclosure: 'yes' } });
  const step = (answers: Answers, id: NextStepId, now = IN_HOURS, settings = SETTINGS, age = 8) =>
    nextSteps(answers, contextForAge(age, { now }), settings, now).find(
      (candidate) => candidate.id === id,
    );

  test('in hours: refer to the MASH now, with its number', () => {
    expect(step(suspect, 'refer-to-mash')?.text).toBe(
      "Refer to children's social care (MASH) now. MASH: 0300 500 8090",
    );
  });

  test('out of hours, immediate danger not yet answered: decide, and the emergency duty team number', () => {
    expect(step(suspect, 'call-emergency-duty-team', FRIDAY_EVENING)?.text).toBe(
      'The MASH is closed until Monday 16 March 2026 at 09:00. Decide whether the child needs protection before it opens. If they do, call the emergency duty team now: 0300 456 4546',
    );
    expect(step(suspect, 'plan-next-day-referral', FRIDAY_EVENING)?.text).toBe(
      "Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: 0300 500 8090",
    );
  });

  test('out of hours with the plan recorded: who will refer and when', () => {
    const planned = answersWith({
      safeguarding: { disclosure: 'yes' },
      outcome: {
        referral: 'next-working-day',
        referralNextDayBy: 'Chris Brown',
        referralNextDayDate: { day: '16', month: '3', year: '2026' },
        referralNextDayTime: '09:00',
        emergencyDutyTeamCalled: 'yes',
      },
    });
    const plan = step(planned, 'plan-next-day-referral', FRIDAY_EVENING);
    expect(plan?.text).toBe(
      "Chris Brown will refer to children's social care (MASH) on Monday 16 March 2026 at 09:00. Hand this over to the nurse in charge. MASH: 0300 500 8090",
    );
    expect(plan?.done).toBe(true);
    expect(step(planned, 'call-emergency-duty-team', FRIDAY_EVENING)?.done).toBe(true);
  });

  test('a configured bank holiday moves the opening on', () => {
    const settings = deviceSettingsSchema.parse({
      ...SETTINGS,
      mashHours: { bankHolidays: ['2026-03-16'] },
    });
    expect(step(suspect, 'call-emergency-duty-team', FRIDAY_EVENING, settings)?.text).toBe(
      'The MASH is closed until Tuesday 17 March 2026 at 09:00. Decide whether the child needs protection before it opens. If they do, call the emergency duty team now: 0300 456 4546',
    );
  });

  test('under 13 with sexual activity: the referral is mandatory', () => {
    const answers = answersWith({ safeguarding: { underThirteenSexualActivity: 'yes' } });
    const refer = step(answers, 'refer-to-mash', IN_HOURS, SETTINGS, 12);
    expect(refer?.text).toBe(
      "Refer to children's social care (MASH) now. Referral is mandatory for sexual activity or pregnancy in a child under 13. MASH: 0300 500 8090",
    );
    expect(refer?.source).toMatch(/under-13/);
  });

  test('discuss today, with the safeguarding team number', () => {
    expect(step(suspect, 'discuss-today')?.text).toBe(
      'Discuss with the nurse in charge and the safeguarding team today: 0115 924 9924 ext 1234',
    );
  });

  test('the health visitor is named for an under-5 when gathering information', () => {
    const answers = answersWith({ outcome: { concernLevel: 'consider' } });
    expect(step(answers, 'gather-information', IN_HOURS, SETTINGS, 3)?.text).toBe(
      "Gather information from the GP, the health visitor, children's social care and CP-IS",
    );
    expect(step(answers, 'gather-information', IN_HOURS, SETTINGS, 9)?.text).toBe(
      "Gather information from the GP, the school nurse, children's social care and CP-IS",
    );
  });

  test.each<[NextStepId, string]>([
    [
      'discuss-today',
      'Discuss with the nurse in charge and the safeguarding team today: ask the nurse in charge for the number',
    ],
    [
      'tell-paediatric-liaison',
      'Tell the paediatric liaison nurse: ask the nurse in charge for the number',
    ],
    [
      'call-emergency-duty-team',
      'The MASH is closed until Wednesday 11 March 2026 at 09:00. Decide whether the child needs protection before it opens. If they do, call the emergency duty team now: ask the nurse in charge for the number',
    ],
    [
      'plan-next-day-referral',
      "Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: ask the nurse in charge for the number",
    ],
  ])('no number set: %s says to ask the nurse in charge', (id, text) => {
    expect(step(suspect, id, EVENING, NO_NUMBERS)?.text).toBe(text);
  });

  test('no number set in hours: the MASH step says to ask', () => {
    expect(step(suspect, 'refer-to-mash', IN_HOURS, NO_NUMBERS)?.text).toBe(
      `Refer to children's social care (MASH) now. MASH: ${ASK_FOR_NUMBER}`,
    );
  });

  test('every action cites its source', () => {
    const all = [
      ...nextSteps(
        answersWith({
          safeguarding: { alertingFeatures: ['fracture'], disclosure: 'yes' },
          outcome: { immediateDanger: 'yes' },
        }),
        contextForAge(8),
        SETTINGS,
        EVENING,
      ),
      ...nextSteps(
        answersWith({ outcome: { concernLevel: 'consider' } }),
        contextForAge(8),
        SETTINGS,
        IN_HOURS,
      ),
      ...nextSteps(
        answersWith({ outcome: { concernLevel: 'excluded' } }),
        contextForAge(8),
        SETTINGS,
        IN_HOURS,
      ),
    ];
    expect(all.length).toBeGreaterThan(10);
    for (const item of all) expect(item.source).toMatch(/NICE CG89|PRODUCT\.md/);
  });

  test('formats the opening with the weekday', () => {
    expect(formatOpening('2026-03-30T08:00:00.000Z')).toBe('Monday 30 March 2026 at 09:00');
  });
});

describe('what is already done', () => {
  test.each<[string, Partial<Answers['outcome']>, NextStepId, boolean]>([
    ['referral not yet made', {}, 'refer-to-mash', false],
    ['referral made', { referral: 'made' }, 'refer-to-mash', true],
    ['referral made but not yet recorded in full', { referral: 'made' }, 'record-referral', false],
    [
      'referral recorded in full',
      {
        referral: 'made',
        referralDate: { day: '10', month: '3', year: '2026' },
        referralTime: '13:50',
        referralTakenBy: 'Jo Smith',
      },
      'record-referral',
      true,
    ],
    ['not yet discussed', {}, 'discuss-today', false],
    [
      'discussed, with the time',
      {
        discussedWithName: 'Amy Patel',
        discussedWithDate: { day: '10', month: '3', year: '2026' },
        discussedWithTime: '13:30',
      },
      'discuss-today',
      true,
    ],
  ])('%s', (_name, outcome, id, done) => {
    const answers = answersWith({
      safeguarding: { disclosure: 'yes', disclosureWhatWasSaid: 'x', disclosureBy: 'y' },
      outcome,
    });
    expect(
      nextSteps(answers, contextForAge(8), SETTINGS, IN_HOURS).find((step) => step.id === id)?.done,
    ).toBe(done);
  });

  test('the disclosure step is done once what was said and by whom are recorded', () => {
    const steps = (safeguarding: Partial<Answers['safeguarding']>) =>
      nextSteps(answersWith({ safeguarding }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(steps({ disclosure: 'yes' }).find((step) => step.id === 'record-disclosure')?.done).toBe(
      false,
    );
    expect(
      steps({
        disclosure: 'yes',
        disclosureWhatWasSaid: '"He hit me"',
        disclosureBy: 'The child',
      }).find((step) => step.id === 'record-disclosure')?.done,
    ).toBe(true);
  });

  test('999 is done once the police are informed; the exclusion once its explanation and senior are recorded', () => {
    const danger = nextSteps(
      answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes', police: 'yes' } }),
      contextForAge(8),
      SETTINGS,
      IN_HOURS,
    );
    expect(danger.find((step) => step.id === 'call-999')?.done).toBe(true);
    const excluded = nextSteps(
      answersWith({
        outcome: {
          concernLevel: 'excluded',
          excludedExplanation: 'Birthmark',
          excludedAgreedByName: 'Dr Lee',
          excludedAgreedByRole: 'ED consultant',
        },
      }),
      contextForAge(1),
      SETTINGS,
      IN_HOURS,
    );
    expect(excluded).toEqual([
      {
        id: 'record-exclusion',
        text: 'Record the suitable explanation, and the name and role of the senior who agreed it',
        source: expect.stringMatching(/^NICE CG89: exclude/) as string,
        done: true,
      },
    ]);
  });
});

/**
 * Exact truth tables over every branch of nextSteps: the full list of ids for each level,
 * MASH open or closed, immediate danger, referral answer and injury; and what counts as done.
 * Written to kill the mutants measured on this file (999 ticked when the police were not
 * called; the paediatric assessment lost for injury features other than fractures; the
 * emergency duty team after a referral already made).
 */
describe('truth table: suspect, by MASH hours, immediate danger and referral', () => {
  type Danger = '' | 'yes' | 'no';
  type Referral = Answers['outcome']['referral'];
  const SUSPECT_TAIL: NextStepId[] = ['discuss-today', 'tell-paediatric-liaison', 'record-referral'];
  test.each<[string, string, Danger, Referral, NextStepId[]]>([
    ['in hours', IN_HOURS, '', '', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['in hours', IN_HOURS, 'no', '', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['in hours', IN_HOURS, 'yes', '', ['call-999', 'refer-to-mash', ...SUSPECT_TAIL]],
    ['in hours', IN_HOURS, '', 'made', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['in hours', IN_HOURS, 'no', 'not-made', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, '', '', ['call-emergency-duty-team', 'plan-next-day-referral', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'no', '', ['plan-next-day-referral', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'yes', '', ['call-999', 'call-emergency-duty-team', 'plan-next-day-referral', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'no', 'next-working-day', ['plan-next-day-referral', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'yes', 'next-working-day', ['call-999', 'call-emergency-duty-team', 'plan-next-day-referral', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, '', 'made', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'no', 'made', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['out of hours', EVENING, 'yes', 'made', ['call-999', 'refer-to-mash', ...SUSPECT_TAIL]],
    ['the weekend', FRIDAY_EVENING, 'no', 'made', ['refer-to-mash', ...SUSPECT_TAIL]],
    ['the weekend', FRIDAY_EVENING, 'no', '', ['plan-next-day-referral', ...SUSPECT_TAIL]],
  ])('%s, immediate danger "%s", referral "%s"', (_when, now, immediateDanger, referral, expected) => {
    const answers = answersWith({ outcome: { concernLevel: 'suspect', immediateDanger, referral } });
    expect(ids(answers, 8, now)).toEqual(expected);
  });

  test('a referral already made out of hours is never followed by "call the emergency duty team"', () => {
    for (const immediateDanger of ['', 'yes', 'no'] as const) {
      const steps = ids(answersWith({ outcome: { concernLevel: 'suspect', immediateDanger, referral: 'made' } }), 8, EVENING);
      expect(steps).not.toContain('call-emergency-duty-team');
      expect(steps).not.toContain('plan-next-day-referral');
      expect(steps).toContain('refer-to-mash');
    }
  });

  test('out of hours with immediate danger: protection now, with the emergency duty team number', () => {
    const answers = answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes' } });
    const steps = nextSteps(answers, contextForAge(8, { now: FRIDAY_EVENING }), SETTINGS, FRIDAY_EVENING);
    expect(steps.find((item) => item.id === 'call-emergency-duty-team')?.text).toBe(
      'The MASH is closed until Monday 16 March 2026 at 09:00. The child needs protection now: call the emergency duty team now: 0300 456 4546',
    );
    expect(steps.find((item) => item.id === 'plan-next-day-referral')?.text).toBe(
      "Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: 0300 500 8090",
    );
  });

  test('out of hours without immediate danger: the next-working-day plan says the MASH is closed, and no call now', () => {
    const answers = answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'no' } });
    const steps = nextSteps(answers, contextForAge(8, { now: FRIDAY_EVENING }), SETTINGS, FRIDAY_EVENING);
    expect(steps.map((item) => item.text).join(' ')).not.toMatch(/emergency duty team/);
    expect(steps.find((item) => item.id === 'plan-next-day-referral')?.text).toBe(
      "The MASH is closed until Monday 16 March 2026 at 09:00. Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: 0300 500 8090",
    );
  });

  test('out of hours without immediate danger, under 13: the plan says the referral is mandatory', () => {
    const answers = answersWith({ safeguarding: { underThirteenSexualActivity: 'yes' }, outcome: { immediateDanger: 'no' } });
    const plan = nextSteps(answers, contextForAge(12, { now: EVENING }), SETTINGS, EVENING).find((item) => item.id === 'plan-next-day-referral');
    expect(plan?.text).toBe(
      "The MASH is closed until Wednesday 11 March 2026 at 09:00. Referral is mandatory for sexual activity or pregnancy in a child under 13. Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: 0300 500 8090",
    );
  });

  test('the MASH with no next opening configured says it is closed now', () => {
    const closedAlways = deviceSettingsSchema.parse({ ...SETTINGS, mashHours: { days: [] } });
    const answers = answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes' } });
    const edt = nextSteps(answers, contextForAge(8, { now: IN_HOURS }), closedAlways, IN_HOURS).find((item) => item.id === 'call-emergency-duty-team');
    expect(edt?.text).toBe('The MASH is closed now. The child needs protection now: call the emergency duty team now: 0300 456 4546');
  });
});

describe('truth table: what is done', () => {
  const doneOf = (outcome: Partial<Answers['outcome']>, id: NextStepId, now = IN_HOURS) =>
    nextSteps(answersWith({ outcome: { concernLevel: 'suspect', ...outcome } }), contextForAge(8, { now }), SETTINGS, now).find((item) => item.id === id)?.done;

  test.each<['' | 'yes' | 'no', boolean]>([
    ['', false],
    ['no', false],
    ['yes', true],
  ])('999 with police "%s": done is %s', (police, done) => {
    expect(doneOf({ immediateDanger: 'yes', police }, 'call-999')).toBe(done);
  });

  test.each<['' | 'yes' | 'no', '' | 'yes' | 'no', boolean]>([
    ['yes', '', false],
    ['yes', 'no', false],
    ['yes', 'yes', true],
    ['', '', false],
    ['', 'no', false],
    ['', 'yes', true],
  ])('emergency duty team, immediate danger "%s", called "%s": done is %s', (immediateDanger, emergencyDutyTeamCalled, done) => {
    expect(doneOf({ immediateDanger, emergencyDutyTeamCalled }, 'call-emergency-duty-team', EVENING)).toBe(done);
  });

  const PLAN = {
    referral: 'next-working-day',
    referralNextDayBy: 'Chris Brown',
    referralNextDayDate: { day: '11', month: '3', year: '2026' },
    referralNextDayTime: '09:00',
  } as const;
  test.each<[string, Partial<Answers['outcome']>, boolean]>([
    ['the full plan', PLAN, true],
    ['no one named', { ...PLAN, referralNextDayBy: '  ' }, false],
    ['no time', { ...PLAN, referralNextDayTime: '' }, false],
    ['no date', { ...PLAN, referralNextDayDate: { day: '', month: '', year: '' } }, false],
    ['the answer is Not made', { ...PLAN, referral: 'not-made' }, false],
    ['nothing', {}, false],
  ])('next-working-day plan with %s: done is %s', (_name, outcome, done) => {
    expect(doneOf({ immediateDanger: 'no', ...outcome }, 'plan-next-day-referral', EVENING)).toBe(done);
  });

  const MADE = { referral: 'made', referralDate: { day: '10', month: '3', year: '2026' }, referralTime: '13:50', referralTakenBy: 'Jo Smith' } as const;
  test.each<[string, Partial<Answers['outcome']>, boolean, boolean]>([
    ['made in full', MADE, true, true],
    ['made, no taker', { ...MADE, referralTakenBy: ' ' }, true, false],
    ['made, no time', { ...MADE, referralTime: '' }, true, false],
    ['made, no date', { ...MADE, referralDate: { day: '', month: '', year: '' } }, true, false],
    ['recorded in full but Not made', { ...MADE, referral: 'not-made' }, false, false],
    ['nothing', {}, false, false],
  ])('referral %s: refer-to-mash done %s, record-referral done %s', (_name, outcome, referDone, recordDone) => {
    expect(doneOf(outcome, 'refer-to-mash')).toBe(referDone);
    expect(doneOf(outcome, 'record-referral')).toBe(recordDone);
  });

  const DISCUSSED = { discussedWithName: 'Amy Patel', discussedWithDate: { day: '10', month: '3', year: '2026' }, discussedWithTime: '13:30' } as const;
  test.each<[string, Partial<Answers['outcome']>, boolean]>([
    ['name and time', DISCUSSED, true],
    ['no name', { ...DISCUSSED, discussedWithName: ' ' }, false],
    ['no time', { ...DISCUSSED, discussedWithTime: '' }, false],
  ])('discussed with %s: done is %s, at Suspect and at Consider', (_name, outcome, done) => {
    expect(doneOf(outcome, 'discuss-today')).toBe(done);
    const consider = nextSteps(answersWith({ outcome: { concernLevel: 'consider', ...outcome } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(consider.find((item) => item.id === 'discuss-today')?.done).toBe(done);
  });

  test('the steps with nothing to record are never done', () => {
    const everything = nextSteps(
      answersWith({ safeguarding: { alertingFeatures: ['fracture'] }, outcome: { concernLevel: 'suspect', ...MADE, ...DISCUSSED, police: 'yes' } }),
      contextForAge(8),
      SETTINGS,
      IN_HOURS,
    );
    expect(everything.filter((item) => !item.done).map((item) => item.id)).toEqual(['tell-paediatric-liaison', 'urgent-paediatric-assessment']);
    const consider = nextSteps(answersWith({ outcome: { concernLevel: 'consider', ...DISCUSSED } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(consider.filter((item) => !item.done).map((item) => item.id)).toEqual(['look-for-other-features', 'gather-information', 'arrange-review']);
  });

  test.each<[string, Partial<Answers['outcome']>, boolean]>([
    ['all three', { excludedExplanation: 'Birthmark', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: 'ED consultant' }, true],
    ['no explanation', { excludedExplanation: ' ', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: 'ED consultant' }, false],
    ['no name', { excludedExplanation: 'Birthmark', excludedAgreedByName: '', excludedAgreedByRole: 'ED consultant' }, false],
    ['no role', { excludedExplanation: 'Birthmark', excludedAgreedByName: 'Dr Lee', excludedAgreedByRole: '' }, false],
  ])('exclusion with %s: done is %s', (_name, outcome, done) => {
    const steps = nextSteps(answersWith({ outcome: { concernLevel: 'excluded', ...outcome } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(steps.map((item) => [item.id, item.done])).toEqual([['record-exclusion', done]]);
  });

  test.each<[string, Partial<Answers['safeguarding']>, boolean]>([
    ['what and who', { disclosureWhatWasSaid: '"He hit me"', disclosureBy: 'The child' }, true],
    ['no words', { disclosureWhatWasSaid: ' ', disclosureBy: 'The child' }, false],
    ['no one', { disclosureWhatWasSaid: '"He hit me"', disclosureBy: '' }, false],
  ])('disclosure with %s: done is %s', (_name, safeguarding, done) => {
    const steps = nextSteps(answersWith({ safeguarding: { disclosure: 'yes', ...safeguarding } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(steps.find((item) => item.id === 'record-disclosure')?.done).toBe(done);
  });
});

describe('truth table: urgent paediatric assessment for every injury feature', () => {
  // Age 1 and not independently mobile, so every feature in the catalogue applies.
  test.each(niceAlertingFeatures.map((feature) => [feature.id, feature] as const))('%s', (_id, feature) => {
    const answers = answersWith({
      safeguarding: {
        independentlyMobile: 'no',
        alertingFeatures: [feature.id],
        carerChildInteraction: feature.recordedAs === 'interaction-checklist' ? ['hostility-or-rejection'] : [],
      },
      outcome: { concernLevel: 'suspect' },
    });
    const steps = ids(answers, 1, IN_HOURS, SETTINGS, false);
    expect(steps.includes('urgent-paediatric-assessment')).toBe(feature.injury);
    expect(steps.slice(0, 3)).toEqual(['refer-to-mash', 'discuss-today', 'tell-paediatric-liaison']);
  });

  test('the catalogue has injury features other than fractures, so the table above means something', () => {
    expect(niceAlertingFeatures.filter((feature) => feature.injury).map((feature) => feature.id).length).toBeGreaterThan(3);
  });

  test.each<[string, boolean, string[], boolean]>([
    ['injury attendance, nothing ticked', true, [], true],
    ['illness, nothing ticked', false, [], false],
    ['illness, a non-injury feature ticked', false, ['neglect'], false],
    ['illness, a non-injury then an injury feature ticked', false, ['neglect', 'patterned-bruise'], true],
  ])('%s: urgent paediatric assessment %s', (_name, injury, alertingFeatures, expected) => {
    const answers = answersWith({ safeguarding: { alertingFeatures }, outcome: { concernLevel: 'suspect' } });
    expect(ids(answers, 8, IN_HOURS, SETTINGS, injury).includes('urgent-paediatric-assessment')).toBe(expected);
  });

  test('urgent paediatric assessment is a Suspect action only', () => {
    const answers = answersWith({ safeguarding: { alertingFeatures: ['neglect'] }, outcome: { concernLevel: 'consider' } });
    expect(ids(answers, 8, IN_HOURS, SETTINGS, true)).toEqual(['discuss-today', 'look-for-other-features', 'gather-information', 'arrange-review']);
  });
});

describe('truth table: who gets no actions', () => {
  test.each<[string, Answers, number | undefined]>([
    ['an adult with a disclosure', answersWith({ safeguarding: { disclosure: 'yes' }, outcome: { concernLevel: 'suspect' } }), 30],
    ['age not known', answersWith({ outcome: { concernLevel: 'suspect' } }), undefined],
    ['a child with nothing recorded', emptyAnswers(), 8],
    ['a child, No concern allowed', answersWith({ outcome: { concernLevel: 'no-concern' } }), 8],
  ])('%s', (_name, answers, age) => {
    expect(nextSteps(answers, contextForAge(age), SETTINGS, IN_HOURS)).toEqual([]);
  });

  test('immediate danger at Consider does not bring 999 (the police question is asked in the outcome)', () => {
    expect(ids(answersWith({ outcome: { concernLevel: 'consider', immediateDanger: 'yes' } }), 8)).not.toContain('call-999');
  });

  test('the 999 step wording and source', () => {
    const [first] = nextSteps(answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes' } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(first).toEqual({ id: 'call-999', text: 'The child is in immediate danger: call the police on 999 now', source: 'PRODUCT.md 4.9: police when a child is in immediate danger', done: false });
  });

  test('each Suspect step cites its own source', () => {
    const steps = nextSteps(answersWith({ safeguarding: { disclosure: 'yes', alertingFeatures: ['fracture'] } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(Object.fromEntries(steps.map((item) => [item.id, item.source.split(' (')[0]]))).toEqual({
      'refer-to-mash': 'NICE CG89: suspect – refer to children’s social care under the local multi-agency safeguarding arrangements',
      'discuss-today': 'NICE CG89: consider – discuss with a more experienced colleague; GMC 0–18 guidance',
      'tell-paediatric-liaison': 'NICE CG89: suspect – inform the safeguarding lead or paediatric liaison',
      'urgent-paediatric-assessment': 'NICE CG89: suspect – urgent paediatric assessment where injuries are involved',
      'record-disclosure': 'NICE CG89 step 3: record exactly what was said, by whom and when',
      'record-referral': 'NICE CG89: suspect – record the referral: time, to whom, reference',
    });
  });

  test('the wording of the Suspect steps that carry no number', () => {
    const steps = nextSteps(answersWith({ safeguarding: { disclosure: 'yes', alertingFeatures: ['fracture'] } }), contextForAge(8), SETTINGS, IN_HOURS);
    const text = (id: NextStepId) => steps.find((item) => item.id === id)?.text;
    expect(text('tell-paediatric-liaison')).toBe('Tell the paediatric liaison nurse: 0115 924 9924 ext 5678');
    expect(text('urgent-paediatric-assessment')).toBe('Arrange urgent paediatric assessment of the injuries');
    expect(text('record-disclosure')).toBe('Write down exactly what was said, who said it and when, in their own words');
    expect(text('record-referral')).toBe('Record the referral: the time, who took it and the reference');
  });

  test('the wording of the Consider and Excluded steps', () => {
    const consider = nextSteps(answersWith({ outcome: { concernLevel: 'consider' } }), contextForAge(8), SETTINGS, IN_HOURS);
    expect(consider.map((item) => item.text)).toEqual([
      'Discuss with the nurse in charge and the safeguarding team today: 0115 924 9924 ext 1234',
      'Look for other alerting features in the history, the examination and how the carer and child interact',
      "Gather information from the GP, the school nurse, children's social care and CP-IS",
      'Agree when the child will be reviewed, and keep the concern under review for repeated or new features',
    ]);
    expect(consider.map((item) => item.source.split(' (')[0])).toEqual([
      'NICE CG89: consider – discuss with a more experienced colleague; GMC 0–18 guidance',
      'NICE CG89: consider – look for other alerting features',
      'NICE CG89: consider – gather collateral information from other agencies',
      'NICE CG89: consider – arrange a review; GMC 0–18 guidance: keep under review',
    ]);
  });

  test('the out-of-hours steps cite CQC finding 3.4 and the referral source', () => {
    const steps = nextSteps(answersWith({ outcome: { concernLevel: 'suspect', immediateDanger: 'yes' } }), contextForAge(8, { now: EVENING }), SETTINGS, EVENING);
    expect(steps.find((item) => item.id === 'call-emergency-duty-team')?.source).toBe(
      'NICE CG89: suspect – refer to children’s social care under the local multi-agency safeguarding arrangements (research §1.3); PRODUCT.md 4.9; CQC finding 3.4 (out-of-hours referrals held to the next working day)',
    );
    expect(steps.find((item) => item.id === 'plan-next-day-referral')?.source).toBe('PRODUCT.md 4.9; CQC finding 3.4 (out-of-hours referrals held to the next working day)');
  });
});

/** Issue 12: "Tell the paediatric liaison" can be marked done. */
describe('telling the paediatric liaison nurse', () => {
  test.each<[Answers['outcome']['paediatricLiaisonTold'], boolean]>([
    ['', false],
    ['no', false],
    ['yes', true],
  ])('told "%s": the step is done %s', (told, done) => {
    const steps = nextSteps(answersWith({ outcome: { concernLevel: 'suspect', paediatricLiaisonTold: told } }), contextForAge(8, { now: IN_HOURS }), SETTINGS, IN_HOURS);
    expect(steps.find((step) => step.id === 'tell-paediatric-liaison')?.done).toBe(done);
  });
});
