/**
 * The lock screen's way to recovery (issue 11): its two lines only, apart from the recovery
 * form's questions (recovery-key.ts), so the lock screen does not load the account rules with
 * them (PRODUCT.md section 10: first load).
 */
export const recoverLinkText = {
  linkIntro: 'A nurse in charge who has forgotten their passphrase can set a new one with the recovery key the trust keeps.',
  link: 'Recover with the recovery key',
} as const;
