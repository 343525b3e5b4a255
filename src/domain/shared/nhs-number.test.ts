import { describe, expect, test } from 'vitest';
import { checkNhsNumber, formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from './nhs-number';
import type { NhsNumberProblem } from './nhs-number';

describe('checkNhsNumber', () => {
  // research/clinical-content.md §8.1 test vectors.
  test.each<[string, { ok: true; value: string } | { ok: false; problem: NhsNumberProblem }]>([
    ['943 476 5919', { ok: true, value: '9434765919' }],
    ['654 100 3238', { ok: true, value: '6541003238' }],
    ['401 023 2137', { ok: true, value: '4010232137' }],
    ['943 476 5918', { ok: false, problem: 'check-digit-mismatch' }],
    ['123 456 7890', { ok: false, problem: 'check-digit-is-ten' }],
    ['987 654 4321', { ok: false, problem: 'check-digit-mismatch' }],
  ])('research §8.1 vector %s', (input, expected) => {
    expect(checkNhsNumber(input)).toEqual(expected);
  });

  test('a remainder of 0 gives a check digit of 0, not 11', () => {
    // 200 000 001x: 2×10 + 1×2 = 22, a multiple of 11, so 11 − 0 = 11 becomes check digit 0.
    expect(checkNhsNumber('2000000010')).toEqual({ ok: true, value: '2000000010' });
    expect(checkNhsNumber('2000000011')).toEqual({ ok: false, problem: 'check-digit-mismatch' });
  });

  test.each(['943-476-5919', '9434765919', ' 943 476 5919 ', '943  476\t5919', '943-476 5919'])('accepts spaces and dashes: "%s"', (input) => {
    expect(checkNhsNumber(input)).toEqual({ ok: true, value: '9434765919' });
  });

  test.each([
    ['943 476 591', '9 digits'],
    ['943 476 59190', '11 digits'],
    ['', 'empty'],
    ['943 476 591O', 'a letter O for a zero'],
    ['ABC 476 5919', 'letters'],
    ['943.476.5919', 'dots'],
    ['943/476/5919', 'slashes'],
    ['+943 476 5919', 'a plus sign'],
    ['９４３４７６５９１９', 'full-width digits'],
  ])('rejects "%s" (%s) as not ten digits', (input) => {
    expect(checkNhsNumber(input)).toEqual({ ok: false, problem: 'not-ten-digits' });
  });

  test('does not reject on number range (sources disagree): a valid 999 number passes', () => {
    // 999 999 999x: 9 × (10+9+…+2) = 486, 486 mod 11 = 2, check = 9.
    expect(checkNhsNumber('9999999999')).toEqual({ ok: true, value: '9999999999' });
  });
});

describe('isValidNhsNumber', () => {
  test.each([
    ['943 476 5919', true],
    ['943 476 5918', false],
    ['987 654 4321', false],
    ['943 476 591', false],
  ])('%s is %s', (input, valid) => {
    expect(isValidNhsNumber(input)).toBe(valid);
  });
});

describe('normaliseNhsNumber', () => {
  test('strips spaces, tabs and dashes only', () => {
    expect(normaliseNhsNumber(' 943-476 5919\t')).toBe('9434765919');
    expect(normaliseNhsNumber('943.476.5919')).toBe('943.476.5919');
  });
});

describe('formatNhsNumber', () => {
  test.each([
    ['9434765919', '943 476 5919'],
    ['943-476-5919', '943 476 5919'],
    ['943 476 5919', '943 476 5919'],
    [' 94347 65919 ', '943 476 5919'],
  ])('formats "%s" as "%s" (3-3-4)', (input, text) => {
    expect(formatNhsNumber(input)).toBe(text);
  });

  test.each(['943 476 591', '94347659190', 'not known', ''])('leaves "%s" (not ten digits) as typed', (input) => {
    expect(formatNhsNumber(input)).toBe(input);
  });
});
