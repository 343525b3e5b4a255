/**
 * A reference to the member of staff who did something, copied into the record at the
 * time, so that a letter or an audit still names them after their account is removed.
 */
import * as z from 'zod/mini';
import type { AnswerOption } from './fields';

export const staffRoleOptions = [
  { value: 'triage-nurse', label: 'Triage nurse' },
  { value: 'nurse-in-charge', label: 'Nurse in charge' },
  { value: 'paediatric-liaison', label: 'Paediatric liaison' },
] as const satisfies readonly AnswerOption[];

export const staffGroupOptions = [
  { value: 'substantive', label: 'Substantive' },
  { value: 'bank', label: 'Bank' },
  { value: 'agency', label: 'Agency' },
] as const satisfies readonly AnswerOption[];

export const staffRoleSchema = z.enum(['triage-nurse', 'nurse-in-charge', 'paediatric-liaison']);
export const staffGroupSchema = z.enum(['substantive', 'bank', 'agency']);
export type StaffRole = z.infer<typeof staffRoleSchema>;
export type StaffGroup = z.infer<typeof staffGroupSchema>;

export const staffRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.catch(staffRoleSchema, 'triage-nurse'),
  staffGroup: z.catch(staffGroupSchema, 'substantive'),
  agencyName: z.catch(z.string(), ''),
  registrationNumber: z.catch(z.string(), ''),
});

export type StaffRef = z.infer<typeof staffRefSchema>;
