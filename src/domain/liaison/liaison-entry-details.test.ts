import { describe, expect, test } from 'vitest';
import { attendanceSummarySchema } from '../assessment/attendance-summary-schema';
import { concernLevelText, cpisText, followUpTexts, letterLines, letterStates, screeningFlags } from './liaison-entry-details';

const summary = (fields: Record<string, unknown>) => attendanceSummarySchema.parse({ id: 'a1', ...fields });

describe('what each liaison entry shows', () => {
  test.each([
    [null, 'Not chosen'],
    ['', 'Not chosen'],
    ['suspect', 'Suspect'],
    ['no-concern', 'No concern'],
  ])('concern level %j reads "%s"', (concernLevel, text) => {
    expect(concernLevelText(summary({ concernLevel }))).toBe(text);
  });

  test.each([
    [{ cpis: 'checked-cp-plan', ageYears: 6 }, 'Checked – child protection plan'],
    [{ cpis: '', ageYears: 6 }, 'Not recorded'],
    [{ cpis: '', ageYears: null }, 'Not recorded'],
    [{ cpis: '', ageYears: 30 }, 'Not applicable (adult)'],
  ])('CP-IS %j reads "%s"', (fields, text) => {
    expect(cpisText(summary(fields))).toBe(text);
  });

  test('screening flags: each screen not asked, deferred or unfinished, and the outcomes to act on; nothing for a screen asked with nothing found', () => {
    expect(
      screeningFlags(
        summary({
          screens: {
            cse: { state: 'not-asked', reason: 'declined' },
            crafft: { state: 'asked', score: 3, positive: true },
            fraser: { state: 'asked', result: 'not-competent' },
            fgm: { state: 'asked', atRisk: true },
            selfHarm: { state: 'incomplete', parentsInformed: 'no' },
          },
        }),
      ),
    ).toEqual([
      'Child sexual exploitation screen: not asked',
      'Self-harm and mental health: not finished',
      'Substance use screen positive (score 3)',
      'Fraser: not competent',
      'At risk of FGM',
      'Parents or carers not informed',
    ]);
    expect(screeningFlags(summary({ screens: { cse: { state: 'asked' }, crafft: { state: 'asked', score: 0 } } }))).toEqual([]);
    expect(screeningFlags(summary({}))).toEqual([]);
  });

  test('open follow-ups in the words the liaison nurse reads, and each needed letter with whether it is issued', () => {
    expect(followUpTexts(summary({ followUps: ['cse-not-asked'] }))).toEqual(['The child sexual exploitation screen was not asked: ask it at the next contact']);
    expect(letterStates(summary({ letters: ['gp', 'school-nurse'] }), new Set(['gp'] as const))).toEqual([
      { kind: 'gp', label: 'GP discharge letter', issued: true },
      { kind: 'school-nurse', label: 'Notification to the school nurse', issued: false },
    ]);
  });

  test("another tablet's letters: as its summary last said, or not known; never 'not issued' from an older summary", () => {
    const own = summary({ letters: ['gp', 'school-nurse'] });
    expect(letterLines(own, new Set(['gp'] as const))).toEqual(['GP discharge letter: issued', 'Notification to the school nurse: not issued']);
    const shared = { ...own, sharedFrom: { tabletId: 'tablet-a' } };
    // This tablet's issued letters say nothing of another tablet's attendance.
    expect(letterLines({ ...shared, lettersIssued: null }, new Set(['gp'] as const))).toEqual(['GP discharge letter: not known on this tablet', 'Notification to the school nurse: not known on this tablet']);
    expect(letterLines(shared, new Set())).toEqual(['GP discharge letter: not known on this tablet', 'Notification to the school nurse: not known on this tablet']);
    expect(letterLines({ ...shared, lettersIssued: { kinds: ['school-nurse'], gpFirstIssuedAt: '' } }, new Set(['gp'] as const))).toEqual([
      'GP discharge letter: not issued when that tablet last shared',
      'Notification to the school nurse: issued',
    ]);
  });
});
