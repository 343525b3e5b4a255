/**
 * Checks on the device settings form: the site, the local numbers prompts will read out
 * to agency staff, MASH opening hours and the idle lock.
 */
import { DEFAULT_STUB_MONTHS, MAX_STUB_MONTHS, MIN_STUB_MONTHS } from '../retention/retention';
import * as z from 'zod/mini';
import type { Issue } from '../assessment/issues';
import { IssueList } from '../assessment/issues';
import { isValidPhone } from '../shared/phone';
import { isBlank } from '../shared/text';
import { daysInMonth, parseTimeOfDay } from '../shared/dates';
import type { DeviceSettings, LocalContacts } from './device-settings';
import { localContactLabels } from './device-settings';
import { SESSION_LIMIT_HOURS_DEFAULT, SESSION_LIMIT_HOURS_MAX, SESSION_LIMIT_HOURS_MIN } from './session-policy';
import { DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD, MAX_CSE_OTHER_INDICATOR_THRESHOLD, MIN_CSE_OTHER_INDICATOR_THRESHOLD, readCseThreshold } from '../screening/cse-threshold';
import { thinkFamilyTriggerIds } from '../screening/think-family-trigger-ids';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 } from '../liaison/bank-holidays';

/** "2026-12-25" → "25/12/2026", as the nurse types it. */
function formatUkDate(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/** The settings form: every value as typed (strings), converted on save. */
export const settingsDraftSchema = z.object({
  siteName: z.catch(z.string(), ''),
  siteType: z.catch(z.enum(['', 'ED', 'MIU', 'UTC']), ''),
  contacts: z.catch(z.record(z.string(), z.string()), {}),
  mashDays: z.catch(z.array(z.string()), ['1', '2', '3', '4', '5']),
  mashOpensAt: z.catch(z.string(), '09:00'),
  mashClosesAt: z.catch(z.string(), '16:00'),
  bankHolidays: z.catch(z.string(), ''),
  idleLockMinutes: z.catch(z.string(), '5'),
  sessionLimitHours: z.catch(z.string(), String(SESSION_LIMIT_HOURS_DEFAULT)),
  retentionDays: z.catch(z.string(), '30'),
  cseOtherIndicatorThreshold: z.catch(z.string(), String(DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD)),
  /** Think Family triggers ticked (on); the settings keep the ones turned off. */
  thinkFamilyTriggersOn: z.catch(z.array(z.string()), () => [...thinkFamilyTriggerIds]),
  /** The site's bank holidays (not working days for the liaison review), one per line; England and Wales 2026–2027 until changed. */
  siteBankHolidays: z.catch(z.string(), () => ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027.map(formatUkDate).join('\n')),
  backupReminderDays: z.catch(z.string(), '7'),
  retainedStubMonths: z.catch(z.string(), String(DEFAULT_STUB_MONTHS)),
});

export type SettingsDraft = z.infer<typeof settingsDraftSchema>;

export function settingsToDraft(settings: DeviceSettings): SettingsDraft {
  return {
    siteName: settings.siteName,
    siteType: settings.siteType,
    contacts: { ...settings.contacts },
    mashDays: settings.mashHours.days.map(String),
    mashOpensAt: settings.mashHours.opensAt,
    mashClosesAt: settings.mashHours.closesAt,
    bankHolidays: settings.mashHours.bankHolidays.join('\n'),
    idleLockMinutes: String(settings.idleLockMinutes),
    sessionLimitHours: String(settings.sessionLimitHours),
    retentionDays: String(settings.retentionDays),
    cseOtherIndicatorThreshold: String(settings.cseOtherIndicatorThreshold),
    thinkFamilyTriggersOn: thinkFamilyTriggerIds.filter((id) => !settings.thinkFamilyTriggersOff.includes(id)),
    siteBankHolidays: settings.bankHolidays.map(formatUkDate).join('\n'),
    backupReminderDays: String(settings.backupReminderDays),
    retainedStubMonths: String(settings.retainedStubMonths),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Date.parse rolls 31 February over to 3 March instead of refusing it, so check the day against the month. */
function isRealDate(iso: string): boolean {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Bank holidays typed one per line as YYYY-MM-DD or DD/MM/YYYY. */
export function parseBankHolidays(text: string): { dates: string[]; bad: string[] } {
  const dates: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/[\n,]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(line);
    const iso = uk ? `${uk[3] ?? ''}-${(uk[2] ?? '').padStart(2, '0')}-${(uk[1] ?? '').padStart(2, '0')}` : line;
    if (ISO_DATE.test(iso) && isRealDate(iso)) dates.push(iso);
    else bad.push(line);
  }
  return { dates: [...new Set(dates)].sort(), bad };
}

/** "Hospital safeguarding team" → "hospital safeguarding team" mid-sentence; acronyms (CAMHS, MASH, IDVA) keep their capitals. */
function lowerFirstWord(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

export function validateSettings(draft: SettingsDraft): Issue[] {
  const issues = new IssueList();
  if (isBlank(draft.siteName)) issues.add('siteName', 'Enter the name of the site');
  if (draft.siteType === '') issues.add('siteType', 'Select the type of site');
  for (const key of Object.keys(localContactLabels) as (keyof LocalContacts)[]) {
    const value = draft.contacts[key] ?? '';
    if (!isBlank(value) && !isValidPhone(value)) issues.add(`contacts.${key}`, `Enter a phone number for ${lowerFirstWord(localContactLabels[key])} like 0115 924 9924`);
  }
  if (draft.mashDays.length === 0) issues.add('mashDays', 'Select the days the MASH is open');
  const opens = parseTimeOfDay(draft.mashOpensAt);
  const closes = parseTimeOfDay(draft.mashClosesAt);
  if (!opens) issues.add('mashOpensAt', 'Enter the opening time using the 24-hour clock, for example 09:00');
  if (!closes) issues.add('mashClosesAt', 'Enter the closing time using the 24-hour clock, for example 16:00');
  else if (opens && closes <= opens) issues.add('mashClosesAt', 'Closing time must be after the opening time');
  const holidays = parseBankHolidays(draft.bankHolidays);
  if (holidays.bad.length) issues.add('bankHolidays', `Write each bank holiday as a date like 25/12/2026. Check: ${holidays.bad.slice(0, 3).join(', ')}`);
  const idle = Number(draft.idleLockMinutes);
  if (!/^\d+$/.test(draft.idleLockMinutes.trim()) || idle < 1 || idle > 60) issues.add('idleLockMinutes', 'Idle lock must be a whole number of minutes from 1 to 60');
  const sessionLimit = Number(draft.sessionLimitHours);
  if (!/^\d+$/.test(draft.sessionLimitHours.trim()) || sessionLimit < SESSION_LIMIT_HOURS_MIN || sessionLimit > SESSION_LIMIT_HOURS_MAX)
    {issues.add('sessionLimitHours', `Session limit must be a whole number of hours from ${String(SESSION_LIMIT_HOURS_MIN)} to ${String(SESSION_LIMIT_HOURS_MAX)}`);}
  const retention = Number(draft.retentionDays);
  if (!/^\d+$/.test(draft.retentionDays.trim()) || retention < 1 || retention > 3650) issues.add('retentionDays', 'Keep records for a whole number of days from 1 to 3650');
  if (readCseThreshold(draft.cseOtherIndicatorThreshold) === undefined) {
    issues.add(
      'cseOtherIndicatorThreshold',
      `The number of other indicators must be a whole number from ${String(MIN_CSE_OTHER_INDICATOR_THRESHOLD)} to ${String(MAX_CSE_OTHER_INDICATOR_THRESHOLD)}`,
    );
  }
  const siteHolidays = parseBankHolidays(draft.siteBankHolidays);
  if (siteHolidays.bad.length) issues.add('siteBankHolidays', `Write each bank holiday as a date like 25/12/2026. Check: ${siteHolidays.bad.slice(0, 3).join(', ')}`);
  const reminder = Number(draft.backupReminderDays);
  if (!/^\d+$/.test(draft.backupReminderDays.trim()) || reminder < 1 || reminder > 365) issues.add('backupReminderDays', 'Remind after a whole number of days from 1 to 365');
  const stubMonths = Number(draft.retainedStubMonths);
  if (!/^\d+$/.test(draft.retainedStubMonths.trim()) || stubMonths < MIN_STUB_MONTHS || stubMonths > MAX_STUB_MONTHS) {
    issues.add('retainedStubMonths', `Keep what stays of removed records for a whole number of months from ${String(MIN_STUB_MONTHS)} to ${String(MAX_STUB_MONTHS)}`);
  }
  return issues.items;
}

/** Converts a valid draft into settings. */
export function draftToSettings(draft: SettingsDraft): DeviceSettings {
  const contacts = Object.fromEntries(Object.keys(localContactLabels).map((key) => [key, (draft.contacts[key] ?? '').trim()])) as LocalContacts;
  return {
    siteName: draft.siteName.trim(),
    siteType: draft.siteType === '' ? 'ED' : draft.siteType,
    contacts,
    mashHours: {
      days: draft.mashDays.map(Number).filter((day) => day >= 1 && day <= 7).sort(),
      opensAt: parseTimeOfDay(draft.mashOpensAt) ?? '09:00',
      closesAt: parseTimeOfDay(draft.mashClosesAt) ?? '16:00',
      bankHolidays: parseBankHolidays(draft.bankHolidays).dates,
    },
    idleLockMinutes: Number(draft.idleLockMinutes),
    sessionLimitHours: Number(draft.sessionLimitHours),
    retentionDays: Number(draft.retentionDays),
    cseOtherIndicatorThreshold: readCseThreshold(draft.cseOtherIndicatorThreshold) ?? DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
    thinkFamilyTriggersOff: thinkFamilyTriggerIds.filter((id) => !draft.thinkFamilyTriggersOn.includes(id)),
    bankHolidays: parseBankHolidays(draft.siteBankHolidays).dates,
    backupReminderDays: Number(draft.backupReminderDays),
    retainedStubMonths: Number(draft.retainedStubMonths),
  };
}
