import { describe, expect, test } from 'vitest';
import { isValidPhone, normalisePhone } from './phone';

describe('normalisePhone', () => {
  test.each([
    ['07700 900123', '07700900123'],
    ['(0115) 496-0000', '01154960000'],
    ['+44 (0) 7700.900.123', '+4407700900123'],
    [' 101 ', '101'],
  ])('"%s" becomes "%s"', (input, value) => {
    expect(normalisePhone(input)).toBe(value);
  });
});

describe('isValidPhone', () => {
  test.each([
    ['07700 900123', 'UK mobile'],
    ['07700 900 982', 'UK mobile, 5-3-3'],
    ['0115 496 0000', 'UK landline'],
    ['(0115) 496 0000', 'UK landline with brackets'],
    ['0115-496-0000', 'UK landline with dashes'],
    ['01632 96000', 'UK number with 10 digits'],
    ['+44 7700 900123', 'UK mobile in international form'],
    ['+44 115 496 0000', 'UK landline in international form'],
    ['+44 (0)7700 900123', 'UK mobile with the bracketed trunk 0, as printed on letters and cards'],
    ['+44 (0)115 496 0000', 'UK landline with the bracketed trunk 0'],
    ['0044 7700 900123', 'UK mobile with the 00 international prefix'],
    ['+33 6 12 34 56 78', 'French mobile'],
    ['0033 6 12 34 56 78', 'French mobile with 00'],
    ['+1 202 555 0123', 'US number'],
    ['101', 'police non-emergency'],
    ['999', 'emergency'],
    ['111', 'NHS 111'],
    ['4567', 'hospital extension'],
    ['123456', 'six-digit extension'],
  ])('accepts "%s" (%s)', (input) => {
    expect(isValidPhone(input)).toBe(true);
  });

  test.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['12', 'two digits'],
    ['1234567', 'seven digits without a leading 0 or +'],
    ['07700 900', 'UK number with only 8 digits after the 0'],
    ['077009001234', 'UK mobile a digit long'],
    ['+44 0115 496 000 0000', 'UK international form too long'],
    ['+44 12345678', 'UK international form too short'],
    ['+12345', 'international number too short'],
    ['+1234567890123456', 'international number too long'],
    ['07700 9OO123', 'letter O for zero'],
    ['ring mum', 'words'],
    ['07700 900123 ext 4', 'an extension written in words'],
    ['1 07700 900123', 'a digit typed before a UK number'],
    ['1 0044 7700 900123', 'a digit typed before a UK number in 00 form'],
    ['1 +44 7700 900123', 'a digit typed before a UK number in + form'],
  ])('rejects "%s" (%s)', (input) => {
    expect(isValidPhone(input)).toBe(false);
  });
});
