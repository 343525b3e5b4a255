/**
 * The backup's rules that screens and storage need without the file's schemas (issue 13;
 * docs/backup.md): why a file is refused, in plain words; what a chosen backup passphrase
 * must be; the generated passphrase; and when the home screen reminds the nurse in charge.
 * Kept apart from backup-format.ts so the home screen's reminder does not load the record
 * and letter schemas.
 *
 * Pure: no clock, no I/O; randomness is passed in.
 */

/** Why a file was not restored. Each is a plain message; none changes anything on the tablet. */
export type BackupRefusal =
  | 'empty'
  | 'json-not-ours'
  | 'not-ours'
  | 'newer-version'
  | 'truncated'
  | 'reordered'
  | 'changed'
  | 'wrong-passphrase'
  | 'same-tablet'
  | 'not-restorable-here';

const NOTHING_CHANGED = 'Nothing on this tablet has been changed.';

export const backupRefusalMessages: Record<BackupRefusal, string> = {
  empty: `The file is empty. It may not have finished copying: copy the backup file again from where it was saved. ${NOTHING_CHANGED}`,
  'json-not-ours': `This file is a JSON file, not a backup made by this app. Choose the backup file made from Settings, Back up this tablet. ${NOTHING_CHANGED}`,
  'not-ours': `This file is not a backup made by this app. Choose the backup file made from Settings, Back up this tablet. ${NOTHING_CHANGED}`,
  'newer-version': `This backup was made by a newer version of the app. Accept the update on this tablet first, then restore the backup. ${NOTHING_CHANGED}`,
  truncated: `This backup file is incomplete: it ends before its last part. It may not have finished downloading or copying: copy it again from where it was saved. ${NOTHING_CHANGED}`,
  reordered: `The parts of this backup file are out of order, so it has been changed since it was made and cannot be trusted. ${NOTHING_CHANGED}`,
  changed: `This backup file has been changed or damaged since it was made, so it cannot be trusted. Use another copy of the backup. ${NOTHING_CHANGED}`,
  'wrong-passphrase': `The backup passphrase is not right. Check each word and the spaces between them, then try again. ${NOTHING_CHANGED}`,
  'same-tablet': `This backup was made on this tablet, and its records are already here. Restoring it again would bring back older copies and a second copy of the audit trail. ${NOTHING_CHANGED}`,
  'not-restorable-here': `A backup can be restored on the set-up screen of a new tablet, or by the nurse in charge of a tablet in use. ${NOTHING_CHANGED}`,
};

/** The shortest chosen backup passphrase: long enough that words, not a single word, are needed. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 24;
/** Fewest different words (of three or more letters) in a chosen passphrase made of words. */
export const MIN_BACKUP_PASSPHRASE_WORDS = 6;

/**
 * Why a passphrase chosen by the nurse in charge is refused, or undefined when it is strong
 * enough. A backup file leaves the tablet and its only protection against someone guessing
 * offline is this passphrase (PBKDF2 slows each guess, nothing else does), so the bar is the
 * generated one's: six or more different words, or 24 or more characters that are not one
 * character or a short piece repeated.
 */
export function backupPassphraseProblem(passphrase: string): string | undefined {
  const text = passphrase.normalize('NFC').trim();
  if (text === '') return 'Enter a backup passphrase, or use the one generated for you';
  const words = new Set(text.toLowerCase().split(/[\s\-_.,]+/).filter((word) => word.length >= 3));
  if (words.size >= MIN_BACKUP_PASSPHRASE_WORDS) return undefined;
  if (text.length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    return `Backup passphrase must be at least ${String(MIN_BACKUP_PASSPHRASE_WORDS)} different words, or at least ${String(MIN_BACKUP_PASSPHRASE_LENGTH)} characters`;
  }
  if (new Set(text).size < 8 || /^(.{1,6})\1+$/.test(text)) return 'Backup passphrase is a short piece repeated: use the generated one or six different words';
  return undefined;
}

/** How many words a generated passphrase has: seven from the list of about 1,900 words is about 76 bits (docs/backup.md). */
export const GENERATED_PASSPHRASE_WORDS = 7;

/**
 * A passphrase of `GENERATED_PASSPHRASE_WORDS` words, each drawn uniformly from `words` with
 * `randomBelow` (the caller passes a cryptographic source; tests pass a fixed one).
 */
export function generatePassphrase(words: readonly string[], randomBelow: (limit: number) => number): string {
  const picked: string[] = [];
  for (let index = 0; index < GENERATED_PASSPHRASE_WORDS; index += 1) picked.push(words[randomBelow(words.length)] ?? '');
  return picked.join(' ');
}

/**
 * The home screen reminds the nurse in charge when the newest backup (or, before the first,
 * the set-up) is `reminderDays` or more days old. PRODUCT.md section 8: a lost tablet loses
 * every unissued letter and pending referral it holds, unless it was backed up.
 */
export function backupReminderDue(lastBackupAt: string | undefined, setUpAt: string, now: string, reminderDays: number): { due: boolean; daysSince: number; never: boolean } {
  const since = Date.parse(lastBackupAt ?? setUpAt);
  const daysSince = Number.isNaN(since) ? reminderDays : Math.floor((Date.parse(now) - since) / 86_400_000);
  return { due: daysSince >= reminderDays, daysSince: Math.max(0, daysSince), never: lastBackupAt === undefined };
}
