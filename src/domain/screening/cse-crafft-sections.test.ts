/**
 * The CSE and substance use screens as sections (PRODUCT.md 3, 4.6): on the task list at the
 * right ages, completable by answering or by a reasoned "not asked", the record facts making
 * the CSE screen mandatory, the outcome as actions with local numbers, and check-answers rows
 * that never show a partial score.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { screeningContext } from '../../test-support/screening-contexts';
import { emptyAnswers } from '../assessment/record';
import type { Answers } from '../assessment/record';
import { relevantSections, sectionById } from '../rules/sections';
import { localContactsSchema } from '../settings/device-settings';
import { cseOutcome } from './cse';
import { cseActionViews, summariseCse, summariseSubstanceUse, validateCseSection, validateSubstanceUseSection } from './cse-crafft-sections';

const ids = (age: number | undefined) => relevantSections(contextForAge(age)).map((section) => section.id);

describe('on the task list', () => {
  test.each<[number | undefined, boolean, boolean]>([
    [10, false, false],
    [11, true, false],
    [12, true, true],
    [17, true, true],
    [18, false, false],
    [undefined, false, false],
  ])('age %s: CSE %s, substance use %s', (age, cse, substance) => {
    expect(ids(age).includes('cse')).toBe(cse);
    expect(ids(age).includes('substanceUse')).toBe(substance);
  });

  test('both come before the outcome, which reads them', () => {
    const order = ids(15);
    expect(order.indexOf('cse')).toBeLessThan(order.indexOf('outcome'));
    expect(order.indexOf('substanceUse')).toBeLessThan(order.indexOf('outcome'));
  });
});

const withCse = (change: (answers: Answers) => void): Answers => {
  const answers = emptyAnswers();
  change(answers);
  return answers;
};

describe('completing the CSE screen', () => {
  test('empty: each significant indicator is asked for', () => {
    expect(validateCseSection(emptyAnswers(), contextForAge(15)).map((issue) => issue.field)).toHaveLength(8);
  });

  test('"not asked – declined" completes it when no trigger applies', () => {
    const answers = withCse((a) => {
      a.cse.notAsked = true;
      a.cse.notAskedReason = 'declined';
    });
    expect(validateCseSection(answers, contextForAge(15))).toEqual([]);
  });

  test('the accounts section saying the story is unclear makes it mandatory: only "too unwell or intoxicated" completes it', () => {
    const ctx = screeningContext(15, 'injury', undefined, { injuryRelated: true });
    const answers = withCse((a) => {
      a.accounts.accountConsistent = 'no';
      a.cse.notAsked = true;
      a.cse.notAskedReason = 'declined';
    });
    expect(validateCseSection(answers, ctx)[0]?.message).toMatch(/^The screen must be asked because the explanation of the injury is not consistent/);
    answers.cse.notAskedReason = 'too-unwell-or-intoxicated';
    expect(validateCseSection(answers, ctx)).toEqual([]);
  });
});

describe('the CSE outcome as actions', () => {
  test('a significant indicator: discuss today and refer, with the numbers set on this tablet and none invented', () => {
    const answers = withCse((a) => {
      a.cse.significant['online-grooming'] = 'yes';
    });
    const contacts = localContactsSchema.parse({ safeguardingTeam: '01632 960001' });
    const views = cseActionViews(cseOutcome(answers.cse, contextForAge(15)), contacts);
    expect(views.map((view) => [view.text, view.contacts.map((contact) => contact.number)])).toEqual([
      ['Discuss with the safeguarding lead today', ['01632 960001']],
      ['Refer under the local child sexual exploitation procedure', []],
    ]);
  });

  test('a referral under the local procedure gives the MASH, out-of-hours and CSE team numbers set on this tablet', () => {
    const answers = withCse((a) => {
      a.cse.significant['online-grooming'] = 'yes';
    });
    const contacts = localContactsSchema.parse({ mash: '0300 500 8090', cseTeam: '0115 876 5432' });
    const refer = cseActionViews(cseOutcome(answers.cse, contextForAge(15)), contacts).find((view) => view.action === 'refer-under-local-procedure');
    expect(refer?.contacts).toEqual([
      { label: "Children's social care (MASH)", number: '0300 500 8090' },
      { label: 'Child sexual exploitation (CSE) team', number: '0115 876 5432' },
    ]);
  });

  test('check answers shows every indicator with a Change link target, and the outcome', () => {
    const answers = withCse((a) => {
      a.cse.significant['going-missing'] = 'yes';
    });
    const rows = summariseCse(answers, contextForAge(15));
    expect(rows[0]).toEqual({ key: 'Going missing, or staying out overnight or longer, with whereabouts unknown', value: ['Yes'], field: 'significant.going-missing' });
    expect(rows.at(-1)?.value[0]).toBe('Discuss with the safeguarding lead today. Refer under the local child sexual exploitation procedure');
    expect(sectionById('cse').summarise(answers, contextForAge(10))).toEqual([]);
  });
});

describe('the substance use section', () => {
  test('empty: the three day counts are asked for, and nothing is scored', () => {
    const answers = emptyAnswers();
    expect(validateSubstanceUseSection(answers, contextForAge(15)).map((issue) => issue.field)).toEqual(['daysAlcohol', 'daysCannabis', 'daysOther']);
    expect(summariseSubstanceUse(answers, contextForAge(15)).find((row) => row.key === 'Score')?.value).toEqual(['Not provided']);
  });

  test('a partial Part B is never shown as a score', () => {
    const answers = emptyAnswers();
    Object.assign(answers.substanceUse, { daysAlcohol: '5', daysCannabis: '0', daysOther: '0', car: 'yes', relax: 'yes', partBAnsweredWithPartA: '5|0|0' });
    expect(summariseSubstanceUse(answers, contextForAge(15)).find((row) => row.key === 'Score')?.value).toEqual(['No score yet: answer every question']);
  });

  test('score 3 of 6 is positive and brief advice and the referral are then required', () => {
    const answers = emptyAnswers();
    Object.assign(answers.substanceUse, { daysAlcohol: '5', daysCannabis: '0', daysOther: '0', car: 'yes', relax: 'yes', alone: 'yes', forget: 'no', friends: 'no', trouble: 'no', partBAnsweredWithPartA: '5|0|0' });
    const rows = summariseSubstanceUse(answers, contextForAge(15));
    expect(rows.find((row) => row.key === 'Score')?.value).toEqual(['Score 3 out of 6 (the number of yes answers). 2 or more: positive']);
    expect(validateSubstanceUseSection(answers, contextForAge(15)).map((issue) => issue.field)).toEqual(['briefAdvice', 'referral']);
  });

  test('deferred because intoxicated completes the section and shows as such', () => {
    const answers = emptyAnswers();
    answers.substanceUse.notAsked = 'deferred-intoxicated';
    expect(validateSubstanceUseSection(answers, contextForAge(15))).toEqual([]);
    expect(summariseSubstanceUse(answers, contextForAge(15))).toEqual([{ key: 'Was the screen asked?', value: ['Defer – the young person is intoxicated now'], field: 'notAsked' }]);
  });
});
