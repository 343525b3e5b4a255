/**
 * Domestic abuse in the letters (PRODUCT.md section 5): restricted content, withheld from the
 * GP letter by default with the safeguarding team's number, put back only with a reason, and
 * carried whole by the MASH referral; the AUDIT-C result, unrestricted, with its GP request.
 */
import { describe, expect, test } from 'vitest';
import { adultWithChildrenRecord, LETTER_TIME, letterSettings } from '../../test-support/letter-fixtures';
import type { AssessmentRecord } from '../assessment/record';
import { domesticAbuseDraftSchema } from '../screening/domestic-abuse';
import { safeguardingContributors } from './contributions';
import { AUDIT_C_GP_REQUEST, auditCContributor, domesticAbuseContributor } from './domestic-abuse-contribution';
import type { LetterChoices } from './facts';
import { letterFacts, noChoices } from './facts';
import { composeLetter, restrictedContentOf } from './letters';
import { renderLetterText } from './render-text';

const SAFE_NUMBER = '07700 900317';

/** An adult who attended after self-harm and disclosed domestic abuse: DASH 15, MARAC passed on, IDVA accepted. */
function disclosedRecord(): AssessmentRecord {
  const record = adultWithChildrenRecord();
  record.answers.domesticAbuse = domesticAbuseDraftSchema.parse({
    enquiry: 'disclosed',
    interpreterUsed: 'not-needed',
    dash: 'completed',
    dashYesCount: '15',
    judgementHighRisk: 'yes',
    judgementReasons: ['strangulation'],
    maracReferral: 'passed-on',
    maracPassedTo: 'Hospital IDVA, Jo Reid',
    idvaReferral: 'accepted',
    sharingBasis: 'consent',
    safeContactNumber: SAFE_NUMBER,
    safeContactTime: 'Weekdays after 10:00',
    immediateDanger: 'no',
    childrenInHousehold: 'yes',
    pregnant: 'no',
    childReferral: 'made',
    childReferralDetails: 'MASH, 10 March 2026 09:00, ref 4471',
  });
  return record;
}

const input = (record: AssessmentRecord, choices: LetterChoices = noChoices()) => ({ record, settings: letterSettings(), at: LETTER_TIME, choices });
const gpText = (record: AssessmentRecord, choices?: LetterChoices): string => renderLetterText(composeLetter('gp', input(record, choices)));
const NOTICE = `Further safeguarding information is held by the hospital safeguarding team: telephone ${letterSettings().contacts.safeguardingTeam.trim()}.`;

describe('domestic abuse details are restricted content', () => {
  test('the domestic abuse and AUDIT-C contributors are registered, in that order, after the young-person screens and before Think Family', () => {
    expect(safeguardingContributors.map((contributor) => contributor.id).slice(-3, -1)).toEqual(['domestic-abuse', 'audit-c']);
  });

  test('every block the enquiry contributes is marked domestic-abuse, and nothing is asked of the GP in words', () => {
    const contribution = domesticAbuseContributor.contribute(letterFacts(input(disclosedRecord())));
    expect(contribution?.blocks.map((block) => block.restricted)).toEqual(['domestic-abuse', 'domestic-abuse']);
    expect(contribution?.gpRequests).toEqual([]);
    expect(contribution?.nurseRequests).toEqual([]);
  });

  test('the GP letter withholds them by default, once, with the safeguarding team number', () => {
    const record = disclosedRecord();
    expect(restrictedContentOf('gp', input(record))).toEqual(['domestic-abuse']);
    const text = gpText(record);
    for (const detail of [SAFE_NUMBER, 'MARAC', 'DASH', 'IDVA', 'Domestic abuse', 'strangulation', 'Hospital IDVA, Jo Reid']) expect(text).not.toContain(detail);
    expect(text.split(NOTICE)).toHaveLength(2);
  });

  test('a denial is restricted too: that the patient was asked is not for a perpetrator to read', () => {
    const record = adultWithChildrenRecord();
    record.answers.domesticAbuse = domesticAbuseDraftSchema.parse({ enquiry: 'denied', interpreterUsed: 'not-needed' });
    expect(restrictedContentOf('gp', input(record))).toEqual(['domestic-abuse']);
    expect(gpText(record)).not.toContain('Asked – denied');
    expect(gpText(record)).toContain(NOTICE);
  });

  test('included with a recorded reason, the details are in the GP letter with the reason', () => {
    const text = gpText(disclosedRecord(), { slots: {}, restricted: { include: true, reason: 'Patient asked that her GP knows; the GP record is not shared with her partner' } });
    expect(text).toContain(SAFE_NUMBER);
    expect(text).toContain('MARAC referral');
    expect(text).toContain('Number of "yes" answers (0 to 24): 15');
    expect(text).toContain('Reason for including it: Patient asked that her GP knows');
  });

  test('nothing recorded: no contribution, no notice', () => {
    const record = adultWithChildrenRecord();
    expect(domesticAbuseContributor.contribute(letterFacts(input(record)))).toBeUndefined();
    expect(restrictedContentOf('gp', input(record))).toEqual([]);
  });

  test('the MASH referral carries everything', () => {
    const text = renderLetterText(composeLetter('mash-referral', input(disclosedRecord())));
    expect(text).toContain(SAFE_NUMBER);
    expect(text).toContain('High risk: 14 or more "yes" answers on the DASH risk checklist and professional judgement');
    expect(text).not.toContain(NOTICE);
  });
});

describe('AUDIT-C in the GP letter', () => {
  const withAuditC = (frequency: string, typicalUnits: string, heavyEpisodes: string, briefAdvice = ''): AssessmentRecord => {
    const record = adultWithChildrenRecord();
    record.answers.patient.attendanceReason = 'intoxication';
    record.answers.auditC = { ...record.answers.auditC, frequency, typicalUnits, heavyEpisodes, briefAdvice } as AssessmentRecord['answers']['auditC'];
    return record;
  };

  test('positive (5): the score, the brief advice and a request of the GP, never withheld', () => {
    const record = withAuditC('2-4-a-month', '5-6', 'less-than-monthly', 'given');
    const contribution = auditCContributor.contribute(letterFacts(input(record)));
    expect(contribution?.gpRequests).toEqual([AUDIT_C_GP_REQUEST]);
    expect(contribution?.blocks.every((block) => block.restricted === undefined)).toBe(true);
    const text = gpText(record);
    expect(text).toContain('AUDIT-C score');
    expect(text).toContain('5 out of 12');
    expect(text).toContain(AUDIT_C_GP_REQUEST);
    expect(text).toContain('Brief advice about alcohol: Given');
  });

  test('below 5 (4): the score, no request', () => {
    const contribution = auditCContributor.contribute(letterFacts(input(withAuditC('2-4-a-month', '3-4', 'less-than-monthly'))));
    expect(contribution?.gpRequests).toEqual([]);
    expect(contribution?.blocks).toEqual([{ type: 'rows', rows: [{ key: 'AUDIT-C score', value: ['4 out of 12', 'Below 5: lower risk'] }] }]);
  });

  test('not completed: nothing', () => {
    expect(auditCContributor.contribute(letterFacts(input(withAuditC('2-4-a-month', '', ''))))).toBeUndefined();
  });
});
