/**
 * The backup file's domain rules: the header schema refuses what we could not have written,
 * the passphrase rules, the generated passphrase, and when the home screen reminds.
 */
import { describe, expect, test } from 'vitest';
import { backupHeaderSchema } from './backup-format';
import { backupPassphraseProblem, backupReminderDue, GENERATED_PASSPHRASE_WORDS, generatePassphrase } from './backup-rules';
import { passphraseWords } from './passphrase-words';

const header = {
  app: 'safeguarding-triage',
  format: 1,
  tabletId: 'tablet-1',
  createdAt: '2026-03-10T14:00:00.000Z',
  counts: { attendances: 1, letters: 0, letterDrafts: 0, liaisonReviews: 0, auditEvents: 3, staff: 1 },
  auditHeadHash: 'a'.repeat(64),
  kdf: { name: 'PBKDF2-SHA-256', iterations: 600_000, salt: 'A'.repeat(22) },
  passphraseCheck: 'B'.repeat(22),
  compression: 'gzip',
  chunkCount: 1,
  bodyBytes: 100,
};

describe('backup header', () => {
  test('accepts the header we write, refuses fewer than 600,000 iterations, a newer format and extra fields', () => {
    expect(backupHeaderSchema.safeParse(header).success).toBe(true);
    expect(backupHeaderSchema.safeParse({ ...header, kdf: { ...header.kdf, iterations: 599_999 } }).success).toBe(false);
    expect(backupHeaderSchema.safeParse({ ...header, format: 2 }).success).toBe(false);
    expect(backupHeaderSchema.safeParse({ ...header, note: 'added' }).success).toBe(false);
  });
});

describe('backup passphrase', () => {
  test.each([
    ['', 'Enter a backup passphrase, or use the one generated for you'],
    ['correct horse battery', 'Backup passphrase must be at least 6 different words, or at least 24 characters'],
    ['abcabcabcabcabcabcabcabcabc', 'Backup passphrase is a short piece repeated: use the generated one or six different words'],
  ])('refuses %j', (passphrase, message) => {
    expect(backupPassphraseProblem(passphrase)).toBe(message);
  });

  test.each(['amber lantern quartz meadow violin harbor', 'Tr0ub4dor&3-plus-a-long-tail!'])('accepts %j', (passphrase) => {
    expect(backupPassphraseProblem(passphrase)).toBeUndefined();
  });

  test('the generated passphrase is seven words from a list of distinct plain words, and passes the rules', () => {
    expect(new Set(passphraseWords).size).toBe(passphraseWords.length);
    expect(passphraseWords.length).toBeGreaterThan(1800);
    expect(passphraseWords.every((word) => /^[a-z]{3,8}$/.test(word))).toBe(true);
    let call = 0;
    const generated = generatePassphrase(passphraseWords, (limit) => (call++ * 977) % limit);
    expect(generated.split(' ')).toHaveLength(GENERATED_PASSPHRASE_WORDS);
    expect(backupPassphraseProblem(generated)).toBeUndefined();
    // At least as strong as six words of a 7,776-word list (77.5 bits) within half a bit.
    expect(GENERATED_PASSPHRASE_WORDS * Math.log2(passphraseWords.length)).toBeGreaterThan(76);
  });
});

describe('backup reminder', () => {
  test('due once the newest backup, or the set-up before the first, is the set number of days old', () => {
    const setUp = '2026-03-01T09:00:00.000Z';
    expect(backupReminderDue(undefined, setUp, '2026-03-07T09:00:00.000Z', 7)).toEqual({ due: false, daysSince: 6, never: true });
    expect(backupReminderDue(undefined, setUp, '2026-03-08T09:00:00.000Z', 7)).toEqual({ due: true, daysSince: 7, never: true });
    expect(backupReminderDue('2026-03-08T08:00:00.000Z', setUp, '2026-03-10T09:00:00.000Z', 7)).toEqual({ due: false, daysSince: 2, never: false });
    expect(backupReminderDue('2026-03-08T08:00:00.000Z', setUp, '2026-03-10T09:00:00.000Z', 1)).toEqual({ due: true, daysSince: 2, never: false });
  });
});
