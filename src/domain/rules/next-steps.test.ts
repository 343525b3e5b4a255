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

  test('out of hours: the emergency duty team now, and when the MASH opens', () => {
    expect(step(suspect, 'call-emergency-duty-team', FRIDAY_EVENING)?.text).toBe(
      'The MASH is closed until Monday 16 March 2026 at 09:00. Call the emergency duty team now: 0300 456 4546',
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
      'The MASH is closed until Tuesday 17 March 2026 at 09:00. Call the emergency duty team now: 0300 456 4546',
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
      'The MASH is closed until Wednesday 11 March 2026 at 09:00. Call the emergency duty team now: ask the nurse in charge for the number',
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
