import { describe, expect, test } from 'vitest';
import type { StaffAccountDraft } from './staff-account';
import { emptyStaffAccountDraft, MIN_PASSPHRASE_LENGTH, MIN_PIN_DIGITS, staffAccountDraftSchema, validateSecret, validateStaffAccount } from './staff-account';

const TRIVIAL = 'Choose a PIN that is harder to guess: not all the same number or a run like 123456';

function validDraft(changes: Partial<StaffAccountDraft> = {}): StaffAccountDraft {
  return {
    ...emptyStaffAccountDraft(),
    name: 'Priya Shah',
    role: 'triage-nurse',
    staffGroup: 'substantive',
    secretKind: 'pin',
    secret: '402913',
    secretConfirm: '402913',
    ...changes,
  };
}

describe('validateSecret', () => {
  test('the minimums are a 6-digit PIN and a 12-character passphrase', () => {
    expect(MIN_PIN_DIGITS).toBe(6);
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
  });

  test('PIN or passphrase must be chosen', () => {
    expect(validateSecret('', '402913', '402913')).toEqual([{ field: 'secretKind', message: 'Select PIN or passphrase' }]);
  });

  describe('PIN', () => {
    test.each(['402913', '7395028', '0284617395', '102938'])('"%s" is accepted when confirmed', (pin) => {
      expect(validateSecret('pin', pin, pin)).toEqual([]);
    });

    test.each([
      ['', 'Enter a PIN of at least 6 numbers'],
      ['40291a', 'Enter a PIN of at least 6 numbers'],
      ['402 913', 'Enter a PIN of at least 6 numbers'],
      [' 402913', 'Enter a PIN of at least 6 numbers'],
      ['４０２９１３', 'Enter a PIN of at least 6 numbers'],
      ['40291', 'PIN must be at least 6 numbers'],
      ['1', 'PIN must be at least 6 numbers'],
    ])('"%s" is refused: "%s"', (pin, message) => {
      expect(validateSecret('pin', pin, pin)).toEqual([{ field: 'secret', message }]);
    });

    test.each(['000000', '111111', '9999999999', '123456', '234567', '4567890', '7890123', '654321', '3210987', '0123456789', '9876543210'])(
      'the trivial PIN "%s" is refused',
      (pin) => {
        expect(validateSecret('pin', pin, pin)).toEqual([{ field: 'secret', message: TRIVIAL }]);
      },
    );

    test.each(['123457', '112233', '321299'])('"%s" is not a straight run, a repeated digit or a date, so it is allowed', (pin) => {
      expect(validateSecret('pin', pin, pin)).toEqual([]);
    });

    test.each(['121212', '121299', '14032012'])('"%s" is a date (DDMMYY or DDMMYYYY), so it is refused', (pin) => {
      expect(validateSecret('pin', pin, pin)).toEqual([{ field: 'secret', message: 'Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)' }]);
    });

    test('the confirmation must match', () => {
      expect(validateSecret('pin', '402913', '402931')).toEqual([{ field: 'secretConfirm', message: 'The two entries do not match' }]);
      expect(validateSecret('pin', '402913', '')).toEqual([{ field: 'secretConfirm', message: 'The two entries do not match' }]);
    });

    test('a mismatch is not reported while the PIN itself has a problem', () => {
      expect(validateSecret('pin', '123', '456')).toEqual([{ field: 'secret', message: 'PIN must be at least 6 numbers' }]);
    });
  });

  describe('passphrase', () => {
    test.each(['horse battery', 'correct horse battery staple', 'twelve chars', '१२३४५६७८९०१२'])('"%s" is accepted when confirmed', (phrase) => {
      expect(validateSecret('passphrase', phrase, phrase)).toEqual([]);
    });

    test.each(['', 'eleven char', 'short'])('"%s" is refused as too short', (phrase) => {
      expect(validateSecret('passphrase', phrase, phrase)).toEqual([{ field: 'secret', message: 'Passphrase must be at least 12 characters' }]);
    });

    test('the confirmation must match exactly, including case and spaces', () => {
      expect(validateSecret('passphrase', 'Horse Battery Staple', 'horse battery staple')).toEqual([{ field: 'secretConfirm', message: 'The two entries do not match' }]);
      expect(validateSecret('passphrase', 'horse battery staple', 'horse battery staple ')).toEqual([{ field: 'secretConfirm', message: 'The two entries do not match' }]);
    });
  });

  test('issues are reported against the given field path (e.g. a new secret when changing it)', () => {
    expect(validateSecret('pin', '12345', '12345', 'newSecret')).toEqual([{ field: 'newSecret', message: 'PIN must be at least 6 numbers' }]);
    expect(validateSecret('pin', '402913', '402914', 'newSecret')).toEqual([{ field: 'newSecretConfirm', message: 'The two entries do not match' }]);
  });
});

describe('validateStaffAccount', () => {
  test('a complete account has no issues', () => {
    expect(validateStaffAccount(validDraft(), { askRole: true })).toEqual([]);
  });

  test('an empty form asks for everything, in page order', () => {
    expect(validateStaffAccount(emptyStaffAccountDraft(), { askRole: true })).toEqual([
      { field: 'name', message: 'Enter their full name' },
      { field: 'role', message: 'Select their role' },
      { field: 'staffGroup', message: 'Select their staff group' },
      { field: 'secretKind', message: 'Select PIN or passphrase' },
    ]);
  });

  test('the role is not asked when it is fixed (the first account is the nurse in charge, who needs a passphrase)', () => {
    const passphrase = { secretKind: 'passphrase' as const, secret: 'harbour lantern', secretConfirm: 'harbour lantern' };
    expect(validateStaffAccount(validDraft({ role: '', ...passphrase }), { askRole: false })).toEqual([]);
    expect(validateStaffAccount(validDraft({ role: '' }), { askRole: false })).toEqual([{ field: 'secretKind', message: 'The nurse in charge must unlock with a passphrase, not a PIN: select Passphrase' }]);
    expect(validateStaffAccount(validDraft({ role: '' }), { askRole: true })).toEqual([{ field: 'role', message: 'Select their role' }]);
  });

  test('a nurse in charge added with a PIN is asked for a passphrase instead', () => {
    expect(validateStaffAccount(validDraft({ role: 'nurse-in-charge' }), { askRole: true })).toEqual([{ field: 'secretKind', message: 'The nurse in charge must unlock with a passphrase, not a PIN: select Passphrase' }]);
    expect(validateStaffAccount(validDraft({ role: 'nurse-in-charge', secretKind: 'passphrase', secret: 'harbour lantern', secretConfirm: 'harbour lantern' }), { askRole: true })).toEqual([]);
  });

  test('agency staff need the agency name; substantive and bank staff do not', () => {
    expect(validateStaffAccount(validDraft({ staffGroup: 'agency' }), { askRole: true })).toEqual([{ field: 'agencyName', message: 'Enter the agency name' }]);
    expect(validateStaffAccount(validDraft({ staffGroup: 'agency', agencyName: 'Nightingale Nursing' }), { askRole: true })).toEqual([]);
    expect(validateStaffAccount(validDraft({ staffGroup: 'bank' }), { askRole: true })).toEqual([]);
  });

  test('the professional registration number is optional', () => {
    expect(validateStaffAccount(validDraft({ registrationNumber: '' }), { askRole: true })).toEqual([]);
  });

  test('secret problems are included', () => {
    expect(validateStaffAccount(validDraft({ name: '', secret: '111111', secretConfirm: '111111' }), { askRole: true })).toEqual([
      { field: 'name', message: 'Enter their full name' },
      { field: 'secret', message: TRIVIAL },
    ]);
  });
});

describe('staffAccountDraftSchema', () => {
  test('reads damaged form state as empty answers', () => {
    expect(staffAccountDraftSchema.parse({ name: 7, role: 'surgeon', staffGroup: 'agency', secretKind: 'password' })).toEqual({
      name: '',
      role: '',
      staffGroup: 'agency',
      agencyName: '',
      registrationNumber: '',
      secretKind: '',
      secret: '',
      secretConfirm: '',
    });
  });
});
