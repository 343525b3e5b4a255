import { describe, expect, test } from 'vitest';
import { ageBand, pathwayForAge } from './pathway';
import type { AgeBand, Pathway } from './pathway';

type Flags = Omit<Pathway, 'ageYears' | 'band'>;

const F = false;
const T = true;

/**
 * PRODUCT.md section 3, one row per boundary age.
 * child <18 · adult ≥18 · underTwo <2 · underFive <5 · schoolAge 5–17 · youngPerson 11–17 ·
 * substanceScreen 12–17 · underThirteen <13 · underSixteen <16 · sixteenOrOver ≥16
 */
const table: [number | undefined, AgeBand, Flags][] = [
  // age        band        child adult  <2  <5  5-17 11-17 12-17 <13 <16 16+
  [undefined, 'unknown', flags(F, F, F, F, F, F, F, F, F, F)],
  [0, 'under-2', flags(T, F, T, T, F, F, F, T, T, F)],
  [1, 'under-2', flags(T, F, T, T, F, F, F, T, T, F)],
  [2, '2-4', flags(T, F, F, T, F, F, F, T, T, F)],
  [4, '2-4', flags(T, F, F, T, F, F, F, T, T, F)],
  [5, '5-10', flags(T, F, F, F, T, F, F, T, T, F)],
  [10, '5-10', flags(T, F, F, F, T, F, F, T, T, F)],
  [11, '11', flags(T, F, F, F, T, T, F, T, T, F)],
  [12, '12', flags(T, F, F, F, T, T, T, T, T, F)],
  [13, '13-15', flags(T, F, F, F, T, T, T, F, T, F)],
  [15, '13-15', flags(T, F, F, F, T, T, T, F, T, F)],
  [16, '16-17', flags(T, F, F, F, T, T, T, F, F, T)],
  [17, '16-17', flags(T, F, F, F, T, T, T, F, F, T)],
  [18, 'adult', flags(F, T, F, F, F, F, F, F, F, T)],
  [90, 'adult', flags(F, T, F, F, F, F, F, F, F, T)],
];

function flags(
  child: boolean,
  adult: boolean,
  underTwo: boolean,
  underFive: boolean,
  schoolAge: boolean,
  youngPerson: boolean,
  substanceScreen: boolean,
  underThirteen: boolean,
  underSixteen: boolean,
  sixteenOrOver: boolean,
): Flags {
  return { child, adult, underTwo, underFive, schoolAge, youngPerson, substanceScreen, underThirteen, underSixteen, sixteenOrOver };
}

describe('pathwayForAge', () => {
  test.each(table)('age %s: band %s and every flag', (ageYears, band, expected) => {
    expect(pathwayForAge(ageYears)).toEqual({ ageYears, band, ...expected });
  });

  test('a 16-year-old is on the child pathway whatever the clinical area (PRODUCT.md 3)', () => {
    expect(pathwayForAge(16)).toMatchObject({ child: true, adult: false, sixteenOrOver: true });
  });

  test('when the age is not known no age-specific section applies', () => {
    const pathway = pathwayForAge(undefined);
    const anyFlag = Object.entries(pathway).some(([key, value]) => key !== 'ageYears' && key !== 'band' && value === true);
    expect(anyFlag).toBe(false);
  });

  test('every known age is on exactly one of the child and adult pathways', () => {
    for (let age = 0; age <= 120; age += 1) {
      const pathway = pathwayForAge(age);
      expect(pathway.child !== pathway.adult, `age ${age}`).toBe(true);
    }
  });
});

describe('ageBand', () => {
  test.each(table.map(([age, band]) => [age, band] as const))('age %s is band %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });

  test.each([
    [3, '2-4'],
    [119, 'adult'],
    [120, 'adult'],
  ] as const)('age %i is band %s', (age, band) => {
    expect(ageBand(age)).toBe(band);
  });
});
