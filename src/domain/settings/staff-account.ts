/**
 * Rules for staff accounts and their unlock secrets (PRODUCT.md section 7).
 * A PIN is at least 6 digits; a passphrase at least 12 characters, and required for the
 * nurse in charge (issue 11; SECURITY.md: a 6-digit PIN alone cannot resist an attacker who
 * copies the tablet's storage and has unlimited time).
 */
import * as z from 'zod/mini';
import type { Issue } from '../assessment/issues';
import { IssueList } from '../assessment/issues';
import { isBlank } from '../shared/text';
import { MIN_PASSPHRASE_LENGTH, MIN_PIN_DIGITS, NURSE_IN_CHARGE_NEEDS_PASSPHRASE, secretProblemForRole } from './secret-policy';
import type { StaffRole } from '../assessment/staff-ref';

export { MIN_PASSPHRASE_LENGTH, MIN_PIN_DIGITS } from './secret-policy';

export const staffAccountDraftSchema = z.object({
  name: z.catch(z.string(), ''),
  role: z.catch(z.enum(['', 'triage-nurse', 'nurse-in-charge', 'paediatric-liaison']), ''),
  staffGroup: z.catch(z.enum(['', 'substantive', 'bank', 'agency']), ''),
  agencyName: z.catch(z.string(), ''),
  registrationNumber: z.catch(z.string(), ''),
  secretKind: z.catch(z.enum(['', 'pin', 'passphrase']), ''),
  secret: z.catch(z.string(), ''),
  secretConfirm: z.catch(z.string(), ''),
});

export type StaffAccountDraft = z.infer<typeof staffAccountDraftSchema>;

export const emptyStaffAccountDraft = (): StaffAccountDraft => staffAccountDraftSchema.parse({});

export const staffAccountQuestions = {
  name: { label: 'Full name' },
  role: { label: 'Role' },
  staffGroup: { label: 'Staff group' },
  agencyName: { label: 'Agency name' },
  registrationNumber: { label: 'Professional registration number', hint: 'For example, NMC PIN 12A3456E' },
  secretKind: { label: 'How will they unlock the app?' },
  pin: { label: 'PIN', hint: `At least ${MIN_PIN_DIGITS} numbers. Do not use a date of birth or 123456` },
  passphrase: { label: 'Passphrase', hint: `At least ${MIN_PASSPHRASE_LENGTH} characters, for example 3 or 4 unrelated words` },
  secretConfirm: { label: 'Enter it again' },
  /** Set-up asks the nurse in charge for a passphrase only: no choice of PIN is offered. */
  nurseInChargePassphrase: { hint: `The nurse in charge unlocks with a passphrase, not a PIN. At least ${MIN_PASSPHRASE_LENGTH} characters, for example 3 or 4 unrelated words` },
} as const;

export const secretKindOptions = [
  { value: 'pin', label: 'PIN' },
  { value: 'passphrase', label: 'Passphrase (stronger: required for the nurse in charge)' },
] as const;

export function validateSecret(kind: StaffAccountDraft['secretKind'], secret: string, confirm: string, path = 'secret', role: StaffRole | '' = ''): Issue[] {
  const issues = new IssueList();
  if (kind === '') issues.add('secretKind', 'Select PIN or passphrase');
  else {
    // The same rules storage applies where the key is wrapped (secret-policy.ts).
    const problem = secretProblemForRole(role, kind, secret);
    if (problem) issues.add(problem === NURSE_IN_CHARGE_NEEDS_PASSPHRASE ? 'secretKind' : path, problem);
  }
  if (kind !== '' && issues.isEmpty && secret !== confirm) issues.add(`${path}Confirm`, 'The two entries do not match');
  return issues.items;
}

export function validateStaffAccount(draft: StaffAccountDraft, opts: { askRole: boolean }): Issue[] {
  const issues = new IssueList();
  if (isBlank(draft.name)) issues.add('name', 'Enter their full name');
  if (opts.askRole && draft.role === '') issues.add('role', 'Select their role');
  if (draft.staffGroup === '') issues.add('staffGroup', 'Select their staff group');
  else if (draft.staffGroup === 'agency' && isBlank(draft.agencyName)) issues.add('agencyName', 'Enter the agency name');
  // Set-up (no role asked) makes the nurse in charge.
  const role = opts.askRole ? draft.role : 'nurse-in-charge';
  for (const issue of validateSecret(draft.secretKind, draft.secret, draft.secretConfirm, 'secret', role)) issues.add(issue.field, issue.message);
  return issues.items;
}
