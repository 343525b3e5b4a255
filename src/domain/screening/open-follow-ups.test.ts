/**
 * openFollowUps: every follow-up a record leaves open for the liaison review, from every
 * source, in a fixed order, read from the answers as they now read (addenda applied).
 */
import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, completeChildSelfHarm, recordWith, testStaff } from '../../test-support/fixtures';
import { addAddendum, signAssessment } from '../assessment/lifecycle';
import type { Answers } from '../assessment/record';
import { emptyCrafftDraft } from './crafft';
import { emptyCseDraft } from './cse';
import { emptyFgmDraft } from './fgm';
import { emptyFraserDraft } from './fraser';
import { openFollowUps } from './open-follow-ups';
import { GENITAL_URINARY_GYNAE_REASON } from './screening-context';

const kinds = (answers: Answers) => openFollowUps(recordWith(answers)).map((item) => item.kind);
const cseNotAsked = { ...emptyCseDraft(), notAsked: true, notAskedReason: 'not-seen-alone' as const };

describe('openFollowUps', () => {
  test('a complete record leaves none open', () => {
    expect(kinds(completeChildAnswers({ ageYears: 15 }))).toEqual([]);
    expect(kinds(completeAdultAnswers())).toEqual([]);
  });

  test('each source, with its recorded reason', () => {
    const followUps = openFollowUps(recordWith({ ...completeChildAnswers({ ageYears: 15 }), cse: cseNotAsked }));
    expect(followUps).toEqual([{ kind: 'cse-not-asked', screen: 'cse', text: expect.any(String) as string, detail: 'Not asked – not seen alone' }]);
    expect(kinds({ ...completeChildAnswers({ ageYears: 15 }), substanceUse: { ...emptyCrafftDraft(), notAsked: 'declined' } })).toEqual(['crafft-not-asked']);
    expect(kinds({ ...completeChildAnswers({ ageYears: 14, reason: 'sexual-health' }), fraser: { ...emptyFraserDraft(), powerImbalance: 'yes' } })).toEqual(['fraser-power-imbalance']);
    const girl = completeChildAnswers({ ageYears: 15, reason: GENITAL_URINARY_GYNAE_REASON });
    girl.patient.sex = 'female';
    expect(kinds({ ...girl, fgm: { ...emptyFgmDraft(), asked: 'yes', observedSigns: 'not-examined', policeReport: 'will-report', reportedBy: 'Sam' } })).toEqual(['fgm-police-report-due']);
    expect(kinds({ ...girl, fgm: { ...emptyFgmDraft(), asked: 'no', observedSigns: 'no', atRisk: 'yes' } })).toEqual(['fgm-at-risk']);
    expect(kinds({ ...completeChildAnswers({ ageYears: 15, reason: 'self-harm' }), selfHarm: { ...completeChildSelfHarm(), parentsInformed: 'no' } })).toEqual(['self-harm-parents-not-informed']);
  });

  test('the adult sources: domestic abuse "Not safe to ask", AUDIT-C "Not asked" and Think Family "Not able to ask", each with its reason', () => {
    const adult = completeAdultAnswers({ reason: 'assault' });
    const notSafe = { ...adult, domesticAbuse: { ...adult.domesticAbuse, enquiry: 'not-safe' as const, notSafeReason: 'Partner in the cubicle' } };
    expect(openFollowUps(recordWith(notSafe)).map((item) => [item.kind, item.detail])).toEqual([['domestic-abuse-not-safe-to-ask', 'Partner in the cubicle']]);
    const drunk = completeAdultAnswers({ reason: 'intoxication' });
    expect(openFollowUps(recordWith(drunk)).map((item) => [item.kind, item.detail])).toEqual([['audit-c-not-asked', 'Too intoxicated to answer; ask before discharge']]);
    const unasked = { ...adult, thinkFamily: { ...adult.thinkFamily, hasChildren: 'not-able-to-ask' as const, hasChildrenNotAskedReason: 'Unconscious' } };
    expect(openFollowUps(recordWith(unasked)).map((item) => [item.kind, item.detail])).toEqual([['think-family-not-able-to-ask', 'Unconscious']]);
  });

  test('gathered from every source in a fixed order', () => {
    const answers = {
      ...completeChildAnswers({ ageYears: 15, reason: 'self-harm' }),
      cse: cseNotAsked,
      substanceUse: { ...emptyCrafftDraft(), notAsked: 'deferred-intoxicated' as const },
      selfHarm: { ...completeChildSelfHarm(), parentsInformed: 'no' as const },
    };
    // CSE not screened, so the deferred substance screen also points to it.
    expect(kinds(answers)).toEqual(['cse-not-asked', 'crafft-deferred-intoxicated', 'crafft-suggests-cse', 'self-harm-parents-not-informed']);
  });

  test('the CSE link closes once the CSE screen is answered', () => {
    const answers = { ...completeChildAnswers({ ageYears: 15 }), substanceUse: { ...emptyCrafftDraft(), notAsked: 'deferred-intoxicated' as const } };
    expect(kinds(answers)).toEqual(['crafft-deferred-intoxicated']);
  });

  test('outside the screens’ ages nothing is raised, whatever is stored', () => {
    expect(kinds({ ...completeChildAnswers({ ageYears: 9 }), cse: cseNotAsked })).toEqual([]);
    expect(kinds({ ...completeAdultAnswers(), cse: cseNotAsked, substanceUse: { ...emptyCrafftDraft(), notAsked: 'declined' } })).toEqual([]);
  });

  test('an addendum that asks the screen later closes its follow-up', () => {
    const answers = { ...completeChildAnswers({ ageYears: 15 }), cse: cseNotAsked };
    const signed = signAssessment(recordWith(answers), '2026-03-10T16:00:00.000Z', testStaff());
    expect(openFollowUps(signed).map((item) => item.kind)).toEqual(['cse-not-asked']);
    const asked = completeChildAnswers({ ageYears: 15 }).cse;
    const later = addAddendum(signed, { id: 'a1', at: '2026-03-11T10:00:00.000Z', by: testStaff(), reason: 'Screen asked at review', changes: { cse: asked } });
    expect(openFollowUps(later)).toEqual([]);
  });
});
