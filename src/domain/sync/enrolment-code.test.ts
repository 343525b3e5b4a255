import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { enrolmentCodeCountdown, enrolmentCodeProblemWords, formatEnrolmentCode, minutesLeft, parseEnrolmentCode } from './enrolment-code';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('formatEnrolmentCode', () => {
  test('80 bits are 16 Crockford base-32 characters in four groups of four', () => {
    expect(formatEnrolmentCode(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(formatEnrolmentCode(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 01 23 45 67 89 AB CD EF 01 23 read five bits at a time, most significant first.
    expect(formatEnrolmentCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23))).toBe('04HM-ASW9-NF6Y-Y093');
  });

  test('never uses I, L, O or U', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (random) => {
        expect(formatEnrolmentCode(random)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      }),
    );
  });

  test('refuses anything but 10 bytes', () => {
    expect(() => formatEnrolmentCode(new Uint8Array(9))).toThrow(RangeError);
    expect(() => formatEnrolmentCode(new Uint8Array(11))).toThrow(RangeError);
  });
});

describe('parseEnrolmentCode', () => {
  test('reads back every code it writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (random) => {
        const parsed = parseEnrolmentCode(formatEnrolmentCode(random));
        expect(parsed).toEqual({ ok: true, value: random });
      }),
    );
  });

  test('forgives case, spaces, hyphens, I and L for 1, O for 0', () => {
    const code = formatEnrolmentCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23));
    const expected = parseEnrolmentCode(code);
    expect(expected.ok).toBe(true);
    for (const typed of [code.toLowerCase(), code.replace(/-/g, ' '), code.replace(/-/g, ''), `  ${code.replace(/-/g, ' - ')}  `, code.replace(/0/g, 'O').replace(/1/g, 'I'), code.replace(/0/g, 'o').replace(/1/g, 'l')]) {
      expect(parseEnrolmentCode(typed)).toEqual(expected);
    }
  });

  test('a code with a 1 typed as L or I, or a 0 as O, opens the same bytes', () => {
    const withOnes = formatEnrolmentCode(new Uint8Array(10).map((_, i) => (i % 2 ? 0x42 : 0x10)));
    expect(withOnes).toBe('2111-0GGG-8884-4422');
    expect(parseEnrolmentCode(withOnes.replace(/1/g, 'L').replace(/0/g, 'O'))).toEqual(parseEnrolmentCode(withOnes));
  });

  test.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['7KQ2-M9XD-4TNC-HW3', 'wrong-length'],
    ['7KQ2-M9XD-4TNC-HW3BB', 'wrong-length'],
    ['7KQ2-M9XD-4TNC-HW3U', 'not-a-code-character'],
    ['7KQ2-M9XD-4TNC-HW3!', 'not-a-code-character'],
  ] as const)('%j is refused as %s, with words', (typed, problem) => {
    expect(parseEnrolmentCode(typed)).toEqual({ ok: false, error: problem });
    expect(enrolmentCodeProblemWords[problem].length).toBeGreaterThan(10);
  });
});

describe('enrolmentCodeCountdown', () => {
  const now = new Date('2026-03-10T14:00:00.000Z');
  const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

  test('counts whole minutes, rounding up', () => {
    expect(enrolmentCodeCountdown(later(10 * 60_000), now)).toBe('This code works for 10 more minutes');
    expect(enrolmentCodeCountdown(later(9 * 60_000 + 1), now)).toBe('This code works for 10 more minutes');
    expect(enrolmentCodeCountdown(later(9 * 60_000), now)).toBe('This code works for 9 more minutes');
    expect(enrolmentCodeCountdown(later(61_000), now)).toBe('This code works for 2 more minutes');
    expect(enrolmentCodeCountdown(later(30_000), now)).toBe('This code works for 1 more minute');
  });

  test('never promises more than the 10 minutes a code has (a tablet clock behind the server’s)', () => {
    expect(enrolmentCodeCountdown(later(10 * 60_000 + 5), now)).toBe('This code works for 10 more minutes');
    expect(enrolmentCodeCountdown(later(14 * 60_000), now)).toBe('This code works for 10 more minutes');
  });

  test('at and after the expiry the code has expired', () => {
    expect(enrolmentCodeCountdown(later(0), now)).toBe('This code has expired');
    expect(enrolmentCodeCountdown(later(-5_000), now)).toBe('This code has expired');
    expect(minutesLeft(later(-60_000), now)).toBe(0);
  });
});
