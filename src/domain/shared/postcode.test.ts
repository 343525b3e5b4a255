import { describe, expect, test } from 'vitest';
import { checkPostcode, isValidPostcode, normalisePostcode, NO_FIXED_ABODE_POSTCODE, NOT_KNOWN_POSTCODE } from './postcode';

describe('checkPostcode: Royal Mail shapes (research §8.2)', () => {
  test.each([
    ['M1 1AA', 'M1 1AA', 'A9 9AA'],
    ['M60 1NW', 'M60 1NW', 'A99 9AA'],
    ['CR2 6XH', 'CR2 6XH', 'AA9 9AA'],
    ['DN55 1PT', 'DN55 1PT', 'AA99 9AA'],
    ['W1A 1HQ', 'W1A 1HQ', 'A9A 9AA'],
    ['EC1A 1BB', 'EC1A 1BB', 'AA9A 9AA'],
    ['SW1A 2AA', 'SW1A 2AA', 'AA9A 9AA'],
    ['ng5 1pb', 'NG5 1PB', 'lower case'],
    ['NG51PB', 'NG5 1PB', 'no space'],
    ['sw1a2aa', 'SW1A 2AA', 'lower case, no space'],
    ['  NG5   1PB  ', 'NG5 1PB', 'extra spaces'],
  ])('accepts "%s" as %s (%s)', (input, value) => {
    expect(checkPostcode(input)).toEqual({ ok: true, value, pseudo: false });
  });

  test.each([
    ['QA1 1AA', 'Q in the first position'],
    ['VA1 1AA', 'V in the first position'],
    ['XA1 1AA', 'X in the first position'],
    ['AI1 1AA', 'I in the second position'],
    ['AJ1 1AA', 'J in the second position'],
    ['W1I 1HQ', 'I in the third position of A9A'],
    ['M1 1CA', 'C in the inward code'],
    ['M1 1AI', 'I in the inward code'],
    ['M1 1AK', 'K in the inward code'],
    ['M1 1MA', 'M in the inward code'],
    ['M1 1AO', 'O in the inward code'],
    ['M1 1VA', 'V in the inward code'],
    ['M1 AAA', 'a letter where the inward digit goes'],
    ['GIR 0AA', 'the Girobank special case (not allowed: unverified)'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['M1', 'outward code only'],
    ['M1 1A', 'inward code too short'],
    ['ABC123 1AA', 'outward code too long'],
    ['12345', 'digits only'],
    ['NG5-1PB', 'a dash instead of a space'],
  ])('rejects "%s" (%s)', (input) => {
    expect(checkPostcode(input)).toEqual({ ok: false });
  });
});

describe('checkPostcode: NHS pseudo-postcodes, allowed before the Royal Mail rules', () => {
  test.each([
    ['ZZ99 3VZ', 'ZZ99 3VZ', 'No fixed abode'],
    ['ZZ99 3WZ', 'ZZ99 3WZ', 'Address not known'],
    ['ZZ99 3CZ', 'ZZ99 3CZ', 'England or UK, not otherwise stated'],
    ['ZZ99 1WZ', 'ZZ99 1WZ', 'Scotland'],
    ['ZZ99 2WZ', 'ZZ99 2WZ', 'Northern Ireland'],
    ['ZZ99 3GZ', 'ZZ99 3GZ', 'Wales'],
    ['ZZ99 6CZ', 'ZZ99 6CZ', 'Overseas (NHS pseudo-postcode)'],
    ['zz993vz', 'ZZ99 3VZ', 'No fixed abode'],
  ])('accepts "%s" as %s meaning "%s"', (input, value, meaning) => {
    expect(checkPostcode(input)).toEqual({ ok: true, value, pseudo: true, meaning });
  });

  test.each(['ZZ99 3VA', 'ZZ98 3VZ', 'ZZ99 AVZ', 'ZZ9 3VZ', 'AZZ99 3VZ'])('rejects "%s", which is neither a pseudo-postcode nor a Royal Mail postcode', (input) => {
    expect(checkPostcode(input)).toEqual({ ok: false });
  });

  test('the "No fixed abode" and "Not known" buttons fill in ZZ99 3VZ and ZZ99 3WZ', () => {
    expect(NO_FIXED_ABODE_POSTCODE).toBe('ZZ99 3VZ');
    expect(NOT_KNOWN_POSTCODE).toBe('ZZ99 3WZ');
    expect(checkPostcode(NO_FIXED_ABODE_POSTCODE)).toMatchObject({ ok: true, pseudo: true, meaning: 'No fixed abode' });
    expect(checkPostcode(NOT_KNOWN_POSTCODE)).toMatchObject({ ok: true, pseudo: true, meaning: 'Address not known' });
  });
});

describe('isValidPostcode', () => {
  test.each([
    ['NG5 1PB', true],
    ['ZZ99 3VZ', true],
    ['QA1 1AA', false],
    ['', false],
  ])('%s is %s', (input, valid) => {
    expect(isValidPostcode(input)).toBe(valid);
  });
});

describe('normalisePostcode', () => {
  test.each([
    ['ng51pb', 'NG5 1PB'],
    ['NG5 1PB', 'NG5 1PB'],
    [' n g 5 1 p b ', 'NG5 1PB'],
    ['ec1a1bb', 'EC1A 1BB'],
    ['m11aa', 'M1 1AA'],
    ['zz993vz', 'ZZ99 3VZ'],
  ])('"%s" is stored as "%s": capitals, one space before the inward code', (input, value) => {
    expect(normalisePostcode(input)).toBe(value);
  });

  test.each([
    ['m1', 'M1'],
    ['ab 12', 'AB12'],
    ['', ''],
  ])('"%s" (under 5 characters) is only compacted and capitalised: "%s"', (input, value) => {
    expect(normalisePostcode(input)).toBe(value);
  });
});
