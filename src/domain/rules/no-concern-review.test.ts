/**
 * The sweep for false reassurance: which signed records' "No concern" the rules now refuse.
 */
import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, recordWith, testStaff } from '../../test-support/fixtures';
import { addAddendum, signAssessment } from '../assessment/lifecycle';
import type { Answers, AssessmentRecord } from '../assessment/record';
import { noConcernRecordsToReview, noConcernReviewReasons } from './no-concern-review';

const nurse = testStaff();
const SIGNED_AT = '2026-03-10T15:00:00.000Z';

function signedChild(id: string, change: (answers: Answers) => void = () => undefined, ageYears = 8): AssessmentRecord {
  const answers = completeChildAnswers({ ageYears });
  change(answers);
  return { ...signAssessment(recordWith(answers), SIGNED_AT, nurse), id };
}

describe('noConcernReviewReasons', () => {
  test.each<[string, (answers: Answers) => void, string[]]>([
    ['nothing of concern', () => undefined, []],
    ['a consider-level feature', (a) => Object.assign(a.safeguarding, { alertingFeatures: ['neglect'] }), ['a consider-level alerting feature is recorded (signs of neglect)']],
    ['a carer–child interaction concern', (a) => Object.assign(a.safeguarding, { carerChildInteraction: ['hostility-or-rejection'] }), ['a concern about how the carer and child interact is recorded']],
    ['a household risk', (a) => Object.assign(a.safeguarding, { householdRisks: ['parental-mental-illness'] }), ['a risk in the household is recorded (parental mental illness)']],
    ['CP-IS looked after', (a) => Object.assign(a.informationChecks, { cpis: 'checked-looked-after' }), ['CP-IS shows that the child is looked after']],
    ['an open social-care case', (a) => Object.assign(a.informationChecks, { socialCare: 'yes', openCase: 'yes' }), ["the child has an open case with children's social care"]],
    ['a disclosure', (a) => Object.assign(a.safeguarding, { disclosure: 'yes' }), ['the child, or someone else, has said that someone has hurt, abused or neglected the child']],
    ['a concern, but the level is Consider', (a) => {
        Object.assign(a.safeguarding, { householdRisks: ['domestic-abuse'] });
        Object.assign(a.outcome, { concernLevel: 'consider' });
      },
      [],
    ],
  ])('%s', (_name, change, expected) => {
    expect(noConcernReviewReasons(signedChild('a', change))).toEqual(expected);
  });

  test('an unsigned record is not swept (its outcome page refuses "No concern" already)', () => {
    const answers = completeChildAnswers();
    answers.safeguarding.householdRisks = ['domestic-abuse'];
    expect(noConcernReviewReasons(recordWith(answers))).toEqual([]);
  });

  test('read as the record now stands: an addendum that revisits the level takes it off', () => {
    const record = signedChild('a', (a) => Object.assign(a.safeguarding, { householdRisks: ['domestic-abuse'] }));
    const revisited = addAddendum(record, { id: 'ad-1', at: '2026-03-11T09:00:00.000Z', by: nurse, reason: 'Reviewed', changes: { outcome: { ...record.answers.outcome, concernLevel: 'consider' } } });
    expect(noConcernReviewReasons(record)).not.toEqual([]);
    expect(noConcernReviewReasons(revisited)).toEqual([]);
  });

  test('an addendum that adds a concern after signing puts it on', () => {
    const record = signedChild('a');
    const added = addAddendum(record, { id: 'ad-1', at: '2026-03-11T09:00:00.000Z', by: nurse, reason: 'CP-IS checked later', changes: { informationChecks: { ...record.answers.informationChecks, cpis: 'checked-cp-plan' } } });
    expect(noConcernReviewReasons(added)).toEqual(['CP-IS shows a child protection plan']);
  });

  test('an adult record is never swept', () => {
    const answers = completeAdultAnswers();
    answers.outcome.concernLevel = 'no-concern';
    answers.safeguarding.householdRisks = ['domestic-abuse'];
    expect(noConcernReviewReasons(signAssessment(recordWith(answers), SIGNED_AT, nurse))).toEqual([]);
  });
});

describe('noConcernRecordsToReview', () => {
  test('lists every record to review, in the order given, with its reasons', () => {
    const records = [
      signedChild('clear'),
      signedChild('risk', (a) => Object.assign(a.safeguarding, { householdRisks: ['domestic-abuse'] })),
      signedChild('plan-and-feature', (a) => {
        Object.assign(a.informationChecks, { cpis: 'checked-cp-plan' });
        Object.assign(a.safeguarding, { alertingFeatures: ['neglect'] });
      }),
    ];
    expect(noConcernRecordsToReview(records)).toEqual([
      { id: 'risk', reasons: ['a risk in the household is recorded (domestic abuse)'] },
      { id: 'plan-and-feature', reasons: ['CP-IS shows a child protection plan', 'a consider-level alerting feature is recorded (signs of neglect)'] },
    ]);
  });

  test('an empty set has nothing to review', () => {
    expect(noConcernRecordsToReview([])).toEqual([]);
  });
});
