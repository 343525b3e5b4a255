/**
 * "Change my PIN or passphrase" (issue 11): the words on screen and the checks before
 * storage is asked. Storage applies the same rules again where the key is wrapped, and
 * throttles wrong current secrets like the lock screen.
 */
import * as z from 'zod/mini';
import type { Issue } from '../assessment/issues';
import { IssueList } from '../assessment/issues';
import { staffAccountQuestions, validateSecret } from './staff-account';
import type { StaffRole } from '../assessment/staff-ref';

export const changeSecretDraftSchema = z.object({
  current: z.catch(z.string(), ''),
  secretKind: z.catch(z.enum(['', 'pin', 'passphrase']), ''),
  secret: z.catch(z.string(), ''),
  secretConfirm: z.catch(z.string(), ''),
});

export type ChangeSecretDraft = z.infer<typeof changeSecretDraftSchema>;

export const emptyChangeSecretDraft = (): ChangeSecretDraft => changeSecretDraftSchema.parse({});

export const changeSecretQuestions = {
  title: 'Change your PIN or passphrase',
  intro: 'You will use the new one to unlock this tablet. Nobody else can see it, including the nurse in charge.',
  current: { label: 'Your current PIN or passphrase' },
  secretKind: { label: 'How will you unlock the app from now on?' },
  pin: staffAccountQuestions.pin,
  passphrase: staffAccountQuestions.passphrase,
  secretConfirm: staffAccountQuestions.secretConfirm,
  submit: 'Change PIN or passphrase',
  changed: 'Your PIN or passphrase has been changed. Use the new one next time you unlock.',
} as const;

/** `role`: whoever is changing it (the nurse in charge must choose a passphrase). */
export function validateChangeSecret(draft: ChangeSecretDraft, role: StaffRole | '' = ''): Issue[] {
  const issues = new IssueList();
  if (draft.current === '') issues.add('current', 'Enter your current PIN or passphrase');
  for (const issue of validateSecret(draft.secretKind, draft.secret, draft.secretConfirm, 'secret', role)) issues.add(issue.field, issue.message);
  return issues.items;
}
