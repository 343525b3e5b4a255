/**
 * The letter kinds and their names: the type guard storage uses on clear row columns, and
 * the label inside a sentence.
 */
import { describe, expect, test } from 'vitest';
import { isLetterKind, letterKindInSentence, letterKindLabels, letterKinds } from './kinds';

describe('letter kinds', () => {
  test('the four kinds, in the order the letters page lists them', () => {
    expect(letterKinds).toEqual(['gp', 'health-visitor', 'school-nurse', 'mash-referral']);
  });

  test.each(letterKinds.map((kind) => [kind]))('"%s" is a letter kind', (kind) => {
    expect(isLetterKind(kind)).toBe(true);
  });

  test.each([['GP'], ['gp '], [''], ['letter'], [1], [null], [undefined], [['gp']], [{ kind: 'gp' }]])('%j is not a letter kind', (value) => {
    expect(isLetterKind(value)).toBe(false);
  });

  test('each kind has its label (PRODUCT.md section 5)', () => {
    expect(letterKindLabels).toEqual({
      gp: 'GP discharge letter',
      'health-visitor': 'Notification to the health visitor',
      'school-nurse': 'Notification to the school nurse',
      'mash-referral': "Referral to children's social care (MASH)",
    });
  });

  test('inside a sentence a label starts in lower case, but "GP" keeps its capitals', () => {
    expect(letterKinds.map(letterKindInSentence)).toEqual([
      'GP discharge letter',
      'notification to the health visitor',
      'notification to the school nurse',
      "referral to children's social care (MASH)",
    ]);
  });
});
