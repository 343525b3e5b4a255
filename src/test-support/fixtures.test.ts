/**
 * The fixtures are only useful if they really are complete: every other test changes one
 * thing in them and expects exactly the issue that change causes.
 */
import { describe, expect, test } from 'vitest';
import { issuesBeforeSigning } from '../domain/rules/sections';
import { completeAdultAnswers, completeChildAnswers, contextFor, dateOfBirthForAge, recordWith } from './fixtures';

const messages = (answers: Parameters<typeof contextFor>[0]) =>
  issuesBeforeSigning(answers, contextFor(answers)).flatMap((entry) => entry.issues.map((issue) => `${entry.section.id}: ${issue.field}: ${issue.message}`));

describe('fixtures', () => {
  test.each(Array.from({ length: 18 }, (_, age) => age))('completeChildAnswers({ ageYears: %i }) has no issues and that age at arrival', (ageYears) => {
    for (const reason of ['injury', 'illness', 'assault', 'self-harm'] as const) {
      const answers = completeChildAnswers({ ageYears, reason });
      expect(messages(answers), reason).toEqual([]);
      expect(contextFor(answers).pathway).toMatchObject({ ageYears, child: true });
    }
  });

  test.each([18, 34, 90])('completeAdultAnswers({ ageYears: %i }) has no issues and that age at arrival', (ageYears) => {
    for (const reason of ['illness', 'injury', 'assault', 'mental-health'] as const) {
      const answers = completeAdultAnswers({ ageYears, reason });
      expect(messages(answers), reason).toEqual([]);
      expect(contextFor(answers).pathway).toMatchObject({ ageYears, adult: true });
    }
  });

  test('dateOfBirthForAge gives a 1 January birthday', () => {
    expect(dateOfBirthForAge(14)).toBe('2012-01-01');
  });

  test('recordWith keeps the answers and the confirmed sections', () => {
    const answers = completeChildAnswers();
    const record = recordWith(answers, ['patient']);
    expect(record.answers).toBe(answers);
    expect(record.confirmedSections).toEqual(['patient']);
    expect(record.status).toBe('in-progress');
  });
});
