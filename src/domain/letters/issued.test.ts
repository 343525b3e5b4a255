/**
 * Reading an issued letter back from storage: the schema accepts what was issued and refuses
 * a damaged row (stored data is untrusted).
 */
import { describe, expect, test } from 'vitest';
import { infantSuspectRecord, LETTER_TIME, letterSettings, NURSE } from '../../test-support/letter-fixtures';
import { noChoices } from './facts';
import { issuedLetterSchema, letterChoicesSchema } from './issued';
import type { IssuedLetter } from './issued';
import { composeLetter } from './letters';

const issued = (): IssuedLetter => ({
  id: 'letter-1',
  attendanceId: 'attendance-1',
  kind: 'gp',
  version: 1,
  issuedAt: LETTER_TIME,
  issuedBy: NURSE,
  document: composeLetter('gp', { record: infantSuspectRecord(), settings: letterSettings(), at: LETTER_TIME, choices: noChoices() }),
  choices: { slots: { ask: 'Please review.' }, restricted: { include: true, reason: 'The GP holds the family file' } },
  restrictedCategories: ['sexual-health', 'domestic-abuse', 'cse'],
});

describe('issuedLetterSchema', () => {
  test('an issued letter reads back unchanged', () => {
    const letter = issued();
    expect(issuedLetterSchema.parse(structuredClone(letter))).toEqual(letter);
  });

  test.each<[string, (letter: Record<string, unknown>) => void]>([
    ['an empty id', (letter) => (letter.id = '')],
    ['an empty attendance id', (letter) => (letter.attendanceId = '')],
    ['an unknown kind', (letter) => (letter.kind = 'police')],
    ['version 0', (letter) => (letter.version = 0)],
    ['a fractional version', (letter) => (letter.version = 1.5)],
    ['no issuing staff', (letter) => delete letter.issuedBy],
    ['an unknown restricted category', (letter) => (letter.restrictedCategories = ['sensitive'])],
    ['no document', (letter) => delete letter.document],
    ['no choices', (letter) => delete letter.choices],
  ])('refuses %s', (_name, damage) => {
    const letter: Record<string, unknown> = { ...issued() };
    damage(letter);
    expect(issuedLetterSchema.safeParse(letter).success).toBe(false);
  });

  test('version 2 and no restricted categories are accepted', () => {
    expect(issuedLetterSchema.safeParse({ ...issued(), version: 2, restrictedCategories: [] }).success).toBe(true);
  });
});

describe('letterChoicesSchema', () => {
  test('slots map ids to text; the restricted choice needs include and reason', () => {
    expect(letterChoicesSchema.parse({ slots: {}, restricted: { include: false, reason: '' } })).toEqual({ slots: {}, restricted: { include: false, reason: '' } });
    expect(letterChoicesSchema.safeParse({ slots: { ask: 1 }, restricted: { include: false, reason: '' } }).success).toBe(false);
    expect(letterChoicesSchema.safeParse({ slots: {}, restricted: { include: 'yes', reason: '' } }).success).toBe(false);
    expect(letterChoicesSchema.safeParse({ slots: {}, restricted: { include: true } }).success).toBe(false);
  });
});
