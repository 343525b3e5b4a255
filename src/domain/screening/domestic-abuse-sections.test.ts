/**
 * Check answers rows for the domestic abuse and AUDIT-C sections: what each answer reads as,
 * and the field each row's Change link focuses.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { auditCDraftSchema } from './audit-c';
import { domesticAbuseDraftSchema } from './domestic-abuse';
import { domesticAbuseFactsFromAnswers, summariseAuditC, summariseDomesticAbuse } from './domestic-abuse-sections';

const withDa = (changes: Record<string, unknown>): Answers => ({ ...emptyAnswers(), domesticAbuse: domesticAbuseDraftSchema.parse(changes) });
const withAuditC = (changes: Record<string, unknown>): Answers => ({ ...emptyAnswers(), auditC: auditCDraftSchema.parse(changes) });
const injury = screeningContext(30, 'injury');
const assault = screeningContext(30, 'assault');

describe('domestic abuse rows', () => {
  test('not on the list: no rows', () => {
    expect(summariseDomesticAbuse(withDa({ enquiry: 'disclosed' }), screeningContext(15, 'assault'))).toEqual([]);
  });

  test('no indicator: the indicators row only', () => {
    expect(summariseDomesticAbuse(withDa({ indicators: ['none'] }), injury)).toEqual([{ key: 'Indicators of domestic abuse', value: ['None of these'], field: 'indicators' }]);
    expect(summariseDomesticAbuse(withDa({}), injury)).toEqual([{ key: 'Indicators of domestic abuse', value: ['Not provided'], field: 'indicators' }]);
  });

  test('not safe to ask: the reason is kept with the answer; the reason-derived indicator is marked', () => {
    expect(summariseDomesticAbuse(withDa({ indicators: ['controlling-companion'], enquiry: 'not-safe', notSafeReason: 'Partner present' }), assault)).toEqual([
      {
        key: 'Indicators of domestic abuse',
        value: ['Assault (the reason for attendance)', 'A controlling partner or companion (answers for the patient, will not leave them alone)'],
        field: 'indicators',
      },
      { key: 'Has the patient been asked about domestic abuse, in private?', value: ['Not safe to ask', 'Partner present'], field: 'enquiry' },
    ]);
  });

  test('denied: the interpreter row follows', () => {
    expect(summariseDomesticAbuse(withDa({ enquiry: 'denied', interpreterUsed: 'professional' }), assault).slice(1)).toEqual([
      { key: 'Has the patient been asked about domestic abuse, in private?', value: ['Asked – denied'], field: 'enquiry' },
      { key: 'Was an interpreter used?', value: ['Yes – a professional interpreter'], field: 'interpreterUsed' },
    ]);
  });

  test('a disclosure below the threshold: DASH as typed, no MARAC row, the risk said plainly', () => {
    const rows = summariseDomesticAbuse(withDa({ enquiry: 'disclosed', dash: 'completed', dashYesCount: '9', judgementHighRisk: 'no', idvaReferral: 'declined', immediateDanger: 'no' }), assault);
    expect(rows.find((row) => row.key === 'DASH risk checklist')).toEqual({ key: 'DASH risk checklist', value: ['Number of "yes" answers (0 to 24): 9'], field: 'dashYesCount' });
    expect(rows.find((row) => row.key === 'Risk')?.value).toEqual(['Not high risk on the DASH count or professional judgement']);
    expect(rows.some((row) => row.key === 'MARAC referral')).toBe(false);
    expect(rows.find((row) => row.key === 'Safe contact number')?.value).toEqual(['Not provided']);
  });

  test('a wrong DASH count shows as typed; DASH not completed shows why', () => {
    expect(summariseDomesticAbuse(withDa({ enquiry: 'disclosed', dash: 'completed', dashYesCount: '30' }), assault).find((row) => row.key === 'DASH risk checklist')?.value).toEqual([
      'Number of "yes" answers (0 to 24): 30',
    ]);
    expect(summariseDomesticAbuse(withDa({ enquiry: 'disclosed', dash: 'not-completed', dashNotCompletedReason: 'Too distressed' }), assault).find((row) => row.key === 'DASH risk checklist')).toEqual({
      key: 'DASH risk checklist',
      value: ['Not completed (give the reason)', 'Too distressed'],
      field: 'dash',
    });
  });

  test('high risk on judgement: the reasons, MARAC made with date, by and reference, and the child referral', () => {
    const rows = summariseDomesticAbuse(
      withDa({
        enquiry: 'disclosed',
        dash: 'completed',
        dashYesCount: '12',
        judgementHighRisk: 'yes',
        judgementReasons: ['stalking', 'other'],
        judgementDetails: 'Turned up at her work twice',
        maracReferral: 'made',
        maracReferralDate: { day: '10', month: '3', year: '2026' },
        maracReferredBy: 'Alex Morgan',
        maracReference: 'M-1',
        immediateDanger: 'yes',
        policeDetails: '999 at 14:10, ref 55',
        childrenInHousehold: 'yes',
        childReferral: 'made',
        childReferralDetails: 'MASH 14:30',
      }),
      assault,
    );
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    expect(value('In your professional judgement, is the patient at high risk of serious harm?')).toEqual(['Yes', 'Stalking', 'Other: Turned up at her work twice']);
    expect(value('Risk')).toEqual(['High risk: professional judgement']);
    expect(value('MARAC referral')).toEqual(['Made', 'Date: 10 March 2026', 'By: Alex Morgan', 'Reference: M-1']);
    expect(value('Is the patient, or anyone else, in immediate danger?')).toEqual(['Yes', '999 at 14:10, ref 55']);
    expect(value("Child safeguarding referral (children's social care)")).toEqual(['Made', 'MASH 14:30']);
  });

  test('the interpreter fact comes from the patient page', () => {
    const answers = emptyAnswers();
    expect(domesticAbuseFactsFromAnswers(answers)).toEqual({ needsInterpreter: false });
    answers.patient.interpreterNeeded = 'yes';
    expect(domesticAbuseFactsFromAnswers(answers)).toEqual({ needsInterpreter: true });
  });
});

describe('AUDIT-C rows', () => {
  const intoxicated = screeningContext(40, 'intoxication');

  test('after an injury: whether alcohol was involved, and nothing more when it was not', () => {
    expect(summariseAuditC(withAuditC({ alcoholInvolved: 'no' }), injury)).toEqual([{ key: 'Was alcohol involved in this attendance?', value: ['No'], field: 'alcoholInvolved' }]);
  });

  test('not asked: the reason', () => {
    expect(summariseAuditC(withAuditC({ notAsked: true, notAskedReason: 'Asleep' }), intoxicated)).toEqual([{ key: 'AUDIT-C was not asked', value: ['Asleep'], field: 'notAsked' }]);
  });

  test('each answer with its score, the total and the band, and brief advice for a positive screen', () => {
    expect(summariseAuditC(withAuditC({ frequency: '2-3-a-week', typicalUnits: '5-6', heavyEpisodes: 'monthly', briefAdvice: 'given' }), intoxicated)).toEqual([
      { key: 'How often does the patient have a drink that contains alcohol?', value: ['2 to 3 times a week (scores 3)'], field: 'frequency' },
      { key: 'On a day when they drink, how many units of alcohol do they usually have?', value: ['5 to 6 (scores 2)'], field: 'typicalUnits' },
      { key: 'In the last year, how often have they had 6 or more units (women) or 8 or more units (men) on one occasion?', value: ['Monthly (scores 2)'], field: 'heavyEpisodes' },
      { key: 'AUDIT-C score', value: ['7 out of 12', 'Positive (5 or more): increasing or higher risk drinking'], field: 'frequency' },
      { key: 'Brief advice about alcohol', value: ['Given'], field: 'briefAdvice' },
    ]);
  });

  test('unanswered items read Not provided, and there is no total', () => {
    const rows = summariseAuditC(withAuditC({ frequency: 'never' }), intoxicated);
    expect(rows.map((row) => row.value)).toEqual([['Never (scores 0)'], ['Not provided'], ['Not provided'], ['Not provided']]);
  });
});
