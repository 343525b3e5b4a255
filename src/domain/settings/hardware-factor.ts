/**
 * "Unlock with this tablet's authenticator as well" (issue 11 Clarification: an optional
 * hardware-bound factor, WebAuthn PRF where the tablet has one): the words on screen and the
 * check before storage is asked. Storage checks the current PIN or passphrase (throttled like
 * the lock screen), asks the authenticator, and audits every outcome.
 */
import * as z from 'zod/mini';
import type { Issue } from '../assessment/issues';
import { IssueList } from '../assessment/issues';
import { HARDWARE_FACTOR_LOCK_HINT } from './hardware-factor-hint';

export const hardwareFactorDraftSchema = z.object({
  factorCurrent: z.catch(z.string(), ''),
});

export type HardwareFactorDraft = z.infer<typeof hardwareFactorDraftSchema>;

export const emptyHardwareFactorDraft = (): HardwareFactorDraft => hardwareFactorDraftSchema.parse({});

export const hardwareFactorQuestions = {
  link: "Unlock with this tablet's authenticator as well",
  title: "Unlock with this tablet's authenticator as well",
  intro:
    "This is optional. Once added, unlocking needs your PIN or passphrase and this tablet's authenticator (its fingerprint, face or screen lock). Someone who copies this tablet's files and guesses your PIN still cannot open anything without the authenticator.",
  caution:
    'Only this tablet can then unlock your account. If its authenticator breaks, the nurse in charge must remove your account and add it again (a nurse in charge can use the recovery key).',
  enrolled: "You unlock with your PIN or passphrase and this tablet's authenticator.",
  notEnrolled: 'You unlock with your PIN or passphrase alone.',
  unavailable: 'This tablet has no authenticator the app can use.',
  current: { label: 'Your current PIN or passphrase' },
  add: "Add this tablet's authenticator",
  remove: 'Remove the authenticator',
  removeHint: 'You need your PIN or passphrase and the authenticator to remove it.',
  added: "This tablet's authenticator has been added. You will need it and your PIN or passphrase next time you unlock.",
  removed: 'The authenticator has been removed. You will unlock with your PIN or passphrase alone.',
  lockHint: HARDWARE_FACTOR_LOCK_HINT,
} as const;

export function validateHardwareFactor(draft: HardwareFactorDraft): Issue[] {
  const issues = new IssueList();
  if (draft.factorCurrent === '') issues.add('factorCurrent', 'Enter your current PIN or passphrase');
  return issues.items;
}
