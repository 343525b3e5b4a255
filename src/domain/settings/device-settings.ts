/**
 * Device settings set up by the nurse in charge: the site, local contact numbers the
 * prompts quote to agency staff, MASH opening hours, idle lock and retention.
 * Not patient data, so kept in clear; still parsed leniently, like every stored value.
 */
import * as z from 'zod/mini';
import type { AnswerOption } from '../assessment/fields';
import { choicesField } from '../assessment/fields';
import { thinkFamilyTriggerIds } from '../screening/think-family-trigger-ids';
import { SESSION_LIMIT_HOURS_DEFAULT, SESSION_LIMIT_HOURS_MAX, SESSION_LIMIT_HOURS_MIN } from './session-policy';
import { DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD, MAX_CSE_OTHER_INDICATOR_THRESHOLD, MIN_CSE_OTHER_INDICATOR_THRESHOLD } from '../screening/cse-threshold';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 } from '../liaison/bank-holidays';

export const siteTypeOptions = [
  { value: 'ED', label: 'Emergency department (ED)' },
  { value: 'MIU', label: 'Minor injury unit (MIU)' },
  { value: 'UTC', label: 'Urgent treatment centre (UTC)' },
] as const satisfies readonly AnswerOption[];

export const localContactsSchema = z.object({
  safeguardingTeam: z.catch(z.string(), ''),
  paediatricLiaison: z.catch(z.string(), ''),
  mash: z.catch(z.string(), ''),
  emergencyDutyTeam: z.catch(z.string(), ''),
  policeNonEmergency: z.catch(z.string(), '101'),
  substanceMisuseService: z.catch(z.string(), ''),
  camhsLiaison: z.catch(z.string(), ''),
  domesticAbuseService: z.catch(z.string(), ''),
  midwiferySafeguarding: z.catch(z.string(), ''),
  /** The child sexual exploitation (CSE) team: a CSE referral goes to it under local procedure (research §3.2 outcome field). */
  cseTeam: z.catch(z.string(), ''),
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
  midwiferySafeguarding: 'Midwifery safeguarding team',
  cseTeam: 'Child sexual exploitation (CSE) team',
};

const timeOfDay = z.string().check(z.regex(/^\d{2}:\d{2}$/));

/** MASH opening hours. Defaults: Monday to Friday 09:00–16:00 (issue 4). */
export const mashHoursSchema = z.object({
  /** ISO weekdays the MASH is open: 1 = Monday … 7 = Sunday. */
  days: z.catch(z.array(z.number().check(z.int(), z.minimum(1), z.maximum(7))), [1, 2, 3, 4, 5]),
  opensAt: z.catch(timeOfDay, '09:00'),
  closesAt: z.catch(timeOfDay, '16:00'),
  /** Bank holidays (ISO dates) when the MASH is closed. */
  bankHolidays: z.catch(z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), []),
});

export type MashHours = z.infer<typeof mashHoursSchema>;

export const deviceSettingsSchema = z.object({
  siteName: z.catch(z.string(), ''),
  siteType: z.catch(z.enum(['ED', 'MIU', 'UTC']), 'ED'),
  contacts: z.catch(localContactsSchema, () => localContactsSchema.parse({})),
  mashHours: z.catch(mashHoursSchema, () => mashHoursSchema.parse({})),
  /** Minutes of no use before the app locks itself (default 5, PRODUCT.md section 7). */
  idleLockMinutes: z.catch(z.number().check(z.int(), z.minimum(1), z.maximum(60)), 5),
  /** Hours a session lasts before the PIN or passphrase is asked again (default 12, PRODUCT.md section 7). */
  sessionLimitHours: z.catch(z.number().check(z.int(), z.minimum(SESSION_LIMIT_HOURS_MIN), z.maximum(SESSION_LIMIT_HOURS_MAX)), SESSION_LIMIT_HOURS_DEFAULT),
  /** Days a finished attendance is kept before purge (default 30, PRODUCT.md section 8). */
  retentionDays: z.catch(z.number().check(z.int(), z.minimum(1), z.maximum(3650)), 30),
  /**
   * How many CSE "other indicators" together prompt a discussion with the safeguarding lead
   * (issue 9; research §3.2 "several"; default 3, screening/cse-threshold.ts).
   */
  cseOtherIndicatorThreshold: z.catch(
    z.number().check(z.int(), z.minimum(MIN_CSE_OTHER_INDICATOR_THRESHOLD), z.maximum(MAX_CSE_OTHER_INDICATOR_THRESHOLD)),
    DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
  ),
  /** Think Family triggers turned off (PRODUCT.md 4.7: configurable; every trigger on by default, and a trigger added later starts on). */
  thinkFamilyTriggersOff: choicesField(thinkFamilyTriggerIds),
  /**
   * Bank holidays (ISO dates) that are not working days: the liaison review is due by the end
   * of the next working day (issue 12). Default: England and Wales 2026–2027 (liaison/bank-holidays.ts).
   */
  bankHolidays: z.catch(z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), () => [...ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027]),
  /**
   * Days without a backup before the home screen reminds the nurse in charge to make one
   * (issue 13; default 7: a week of unissued letters and pending referrals is the most a lost
   * tablet should take with it).
   */
  backupReminderDays: z.catch(z.number().check(z.int(), z.minimum(1), z.maximum(365)), 7),
  /** Months a purged attendance's sealed stub is kept for look-ups (default 12, the look-back; retention/retention.ts). */
  retainedStubMonths: z.catch(z.number().check(z.int(), z.minimum(12), z.maximum(120)), 12),
});

export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const defaultDeviceSettings = (): DeviceSettings => deviceSettingsSchema.parse({});
