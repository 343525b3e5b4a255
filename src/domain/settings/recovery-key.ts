/**
 * The recovery key's words on screen and the checks before storage is asked (issue 11
 * Clarification: a nurse in charge's lost passphrase must not lock a department out). The
 * key itself is made and checked in storage (storage/repositories/staff-keys.ts); its text is
 * 32 letters and numbers in 8 groups of 4 (Crockford base32: no I, L, O or U).
 */
import * as z from 'zod/mini';
import type { Issue } from '../assessment/issues';
import { IssueList } from '../assessment/issues';
import { recoverLinkText } from './recovery-key-link';
import { staffAccountQuestions, validateSecret } from './staff-account';

/** What the nurse in charge sees once, after set-up, after a recovery, or when issuing a new one. */
export const recoveryKeyShownText = {
  title: 'Your recovery key',
  intro:
    'If the nurse in charge forgets their passphrase, this key lets a nurse in charge set a new one from the lock screen. It opens everything on this tablet, so keep it like a master key.',
  keep: 'Print it or write it down now and give it to the trust to keep safe, away from the tablet (for example with the information governance lead or in the department safe). It is shown only once and is not stored on the tablet.',
  afterUse: 'Using it replaces it: a new recovery key is shown straight after, and the used one stops working.',
  label: 'Recovery key',
  print: 'Print the recovery key',
  kept: 'I have kept the recovery key',
} as const;

/** The settings page for issuing a new one (the nurse in charge only). */
export const recoveryKeySettingsText = {
  title: 'Recovery key',
  link: 'Recovery key',
  intro: 'Each tablet has one recovery key, for the trust to keep. Issue a new one if it has been lost, may have been seen by someone else, or you cannot be sure where it is.',
  warning: 'Issuing a new recovery key makes the old one stop working at once.',
  issue: 'Issue a new recovery key',
  issued: 'A new recovery key has been issued. The old one no longer works.',
} as const;

/** "Recover with the recovery key", from the lock screen. */
export const recoverQuestions = {
  ...recoverLinkText,
  title: 'Recover with the recovery key',
  intro: 'For a nurse in charge who has forgotten their passphrase. Type the recovery key the trust keeps and choose a new passphrase. The recovery key is then replaced by a new one, which you will be shown once.',
  staffId: { label: 'Whose passphrase is it?' },
  recoveryKey: { label: 'Recovery key', hint: '32 letters and numbers in 8 groups of 4, for example 7K2M-9QXD-…' },
  passphrase: { label: 'New passphrase', hint: staffAccountQuestions.passphrase.hint },
  secretConfirm: staffAccountQuestions.secretConfirm,
  submit: 'Set the new passphrase',
  back: 'Back to unlock',
} as const;

export const recoverDraftSchema = z.object({
  staffId: z.catch(z.string(), ''),
  recoveryKey: z.catch(z.string(), ''),
  secret: z.catch(z.string(), ''),
  secretConfirm: z.catch(z.string(), ''),
});

export type RecoverDraft = z.infer<typeof recoverDraftSchema>;

export const emptyRecoverDraft = (): RecoverDraft => recoverDraftSchema.parse({});

export function validateRecover(draft: RecoverDraft): Issue[] {
  const issues = new IssueList();
  if (draft.staffId === '') issues.add('staffId', 'Select whose passphrase it is');
  if (draft.recoveryKey.trim() === '') issues.add('recoveryKey', 'Enter the recovery key');
  // The nurse in charge's rules: a passphrase of at least 12 characters.
  for (const issue of validateSecret('passphrase', draft.secret, draft.secretConfirm, 'secret', 'nurse-in-charge')) issues.add(issue.field, issue.message);
  return issues.items;
}
