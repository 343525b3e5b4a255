import { describe, expect, it } from 'vitest';
import { isDateLikePin, isRepeatOrRun, NURSE_IN_CHARGE_NEEDS_PASSPHRASE, secretProblem, secretProblemForRole } from './secret-policy';

describe('the PIN and passphrase rules', () => {
  it.each(['140312', '010100', '311299', '14032012', '01011900', '31122099'])('refuse %s: a date as DDMMYY or DDMMYYYY', (pin) => {
    expect(isDateLikePin(pin)).toBe(true);
    expect(secretProblem('pin', pin)).toBe('Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)');
  });

  it.each(['482916', '321300', '001299', '140012', '14031899', '14032100', '1403201', '1403201234'])('accept %s: no day and month, or a year out of range, or another length', (pin) => {
    expect(isDateLikePin(pin)).toBe(false);
  });

  it.each(['111111', '000000', '123456', '654321', '890123', '21098765'])('refuse %s: a repeat or a run', (pin) => {
    expect(isRepeatOrRun(pin)).toBe(true);
    expect(secretProblem('pin', pin)).toBe('Choose a PIN that is harder to guess: not all the same number or a run like 123456');
  });

  it('refuse short PINs, PINs with other characters, and short passphrases; accept good ones', () => {
    expect(secretProblem('pin', '48291')).toBe('PIN must be at least 6 numbers');
    expect(secretProblem('pin', '48291a')).toBe('Enter a PIN of at least 6 numbers');
    expect(secretProblem('passphrase', 'eleven char')).toBe('Passphrase must be at least 12 characters');
    expect(secretProblem('passphrase', 'harbour lantern')).toBeUndefined();
    expect(secretProblem('pin', '482916')).toBeUndefined();
    expect(secretProblem('pin', '48291637')).toBeUndefined();
  });
});

describe('the nurse in charge', () => {
  it('must use a passphrase: a good PIN is refused for them and accepted for everyone else', () => {
    expect(secretProblemForRole('nurse-in-charge', 'pin', '482916')).toBe(NURSE_IN_CHARGE_NEEDS_PASSPHRASE);
    expect(secretProblemForRole('nurse-in-charge', 'passphrase', 'short')).toBe('Passphrase must be at least 12 characters');
    expect(secretProblemForRole('nurse-in-charge', 'passphrase', 'harbour lantern')).toBeUndefined();
    expect(secretProblemForRole('triage-nurse', 'pin', '482916')).toBeUndefined();
    expect(secretProblemForRole('paediatric-liaison', 'pin', '140312')).toBe('Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)');
  });
});
