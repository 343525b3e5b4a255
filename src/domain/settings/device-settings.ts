/**
 * Device settings set up by the nurse in charge: the site, local contact numbers the
 * prompts quote to agency staff, MASH opening hours, idle lock and retention.
 * Not patient data, so kept in clear; still parsed leniently, like every stored value.
 */
import { z } from 'zod';
import type { AnswerOption } from '../assessment/fields';

export const siteTypeOptions = [
  { value: 'ED', label: 'Emergency department (ED)' },
  { value: 'MIU', label: 'Minor injury unit (MIU)' },
  { value: 'UTC', label: 'Urgent treatment centre (UTC)' },
] as const satisfies readonly AnswerOption[];

export const localContactsSchema = z.object({
  safeguardingTeam: z.string().catch(''),
  paediatricLiaison: z.string().catch(''),
  mash: z.string().catch(''),
  emergencyDutyTeam: z.string().catch(''),
  policeNonEmergency: z.string().catch('101'),
  substanceMisuseService: z.string().catch(''),
  camhsLiaison: z.string().catch(''),
  domesticAbuseService: z.string().catch(''),
});

export type LocalContacts = z.infer<typeof localContactsSchema>;

export const localContactLabels: Record<keyof LocalContacts, string> = {
  safeguardingTeam: 'Hospital safeguarding team',
  paediatricLiaison: 'Paediatric liaison nurse',
  mash: "Children's social care (MASH)",
  emergencyDutyTeam: "Emergency duty team (children's social care out of hours)",
  policeNonEmergency: 'Police (non-emergency)',
  substanceMisuseService: "Young people's substance misuse service",
  camhsLiaison: 'CAMHS or liaison mental health',
  domesticAbuseService: 'Domestic abuse service (IDVA)',
};

const timeOfDay = z.string().regex(/^\d{2}:\d{2}$/);

/** MASH opening hours. Defaults: Monday to Friday 09:00–16:00 (issue 4). */
export const mashHoursSchema = z.object({
  /** ISO weekdays the MASH is open: 1 = Monday … 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).catch([1, 2, 3, 4, 5]),
  opensAt: timeOfDay.catch('09:00'),
  closesAt: timeOfDay.catch('16:00'),
  /** Bank holidays (ISO dates) when the MASH is closed. */
  bankHolidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).catch([]),
});

export type MashHours = z.infer<typeof mashHoursSchema>;

export const deviceSettingsSchema = z.object({
  siteName: z.string().catch(''),
  siteType: z.enum(['ED', 'MIU', 'UTC']).catch('ED'),
  contacts: localContactsSchema.catch(() => localContactsSchema.parse({})),
  mashHours: mashHoursSchema.catch(() => mashHoursSchema.parse({})),
  /** Minutes of no use before the app locks itself (default 5, PRODUCT.md section 7). */
  idleLockMinutes: z.number().int().min(1).max(60).catch(5),
  /** Days a finished attendance is kept before purge (default 30, PRODUCT.md section 8). */
  retentionDays: z.number().int().min(1).max(3650).catch(30),
});

export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const defaultDeviceSettings = (): DeviceSettings => deviceSettingsSchema.parse({});
