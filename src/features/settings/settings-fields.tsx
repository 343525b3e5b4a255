/**
 * The device settings questions, shared by first-run set-up and the settings page:
 * the site, local contact numbers (read out by prompts to agency staff), MASH hours,
 * the idle lock and retention.
 */
import { retentionHint, stubMonthsHint } from '../../domain/retention/retention-hints';
import { localContactLabels, siteTypeOptions } from '../../domain/settings/device-settings';
import type { LocalContacts } from '../../domain/settings/device-settings';
import { Checkboxes } from '../../components/form/checkboxes';
import { TimeInput } from '../../components/form/date-input';
import { Radios } from '../../components/form/radios';
import { TextInput, Textarea } from '../../components/form/text-input';

const weekdayOptions = [
  { value: '1', label: 'Monday' },
  { value: '2', label: 'Tuesday' },
  { value: '3', label: 'Wednesday' },
  { value: '4', label: 'Thursday' },
  { value: '5', label: 'Friday' },
  { value: '6', label: 'Saturday' },
  { value: '7', label: 'Sunday' },
];

export function SiteFields() {
  return (
    <>
      <TextInput name="siteName" label="Name of the site" hint="For example, Queen's Medical Centre Emergency Department" />
      <Radios name="siteType" legend="Type of site" options={siteTypeOptions} />
    </>
  );
}

export function ContactFields() {
  return (
    <>
      <p>Prompts give these numbers to staff who do not know local pathways. Leave a number blank if it does not apply.</p>
      {(Object.keys(localContactLabels) as (keyof LocalContacts)[]).map((key) => (
        <TextInput key={key} name={`contacts.${key}`} label={localContactLabels[key]} type="tel" width={20} optional spellCheck={false} />
      ))}
    </>
  );
}

export function ServiceHoursFields() {
  return (
    <>
      <Checkboxes name="mashDays" legend="Days children's social care (MASH) takes referrals" options={weekdayOptions} small />
      <TimeInput name="mashOpensAt" label="MASH opens at" />
      <TimeInput name="mashClosesAt" label="MASH closes at" hint="Referrals from this time go to the emergency duty team" />
      <Textarea name="bankHolidays" label="Bank holidays when the MASH is closed" hint="One date per line, for example 25/12/2026" rows={4} optional />
      <TextInput name="idleLockMinutes" label="Lock the app after this many minutes without use" width={3} inputMode="numeric" />
      <TextInput
        name="sessionLimitHours"
        label="Ask for the PIN or passphrase again after this many hours"
        hint="Even when the app is in use, from 1 to 24 hours. A shift is usually 12."
        width={3}
        inputMode="numeric"
      />
      <TextInput name="retentionDays" label="Keep finished records on this tablet for this many days" hint={retentionHint} width={4} inputMode="numeric" />
      <TextInput name="retainedStubMonths" label="Keep what stays of removed records for this many months" hint={stubMonthsHint} width={3} inputMode="numeric" />
      <TextInput name="backupReminderDays" label="Remind the nurse in charge to back up the tablet after this many days without a backup" hint="The reminder is on the home screen. A backup keeps unissued letters and referrals still to make if the tablet is lost or broken" width={3} inputMode="numeric" />
    </>
  );
}
