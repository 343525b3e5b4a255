import { describe, expect, test } from 'vitest';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 } from '../liaison/bank-holidays';
import { defaultDeviceSettings, deviceSettingsSchema } from './device-settings';
import type { SettingsDraft } from './settings-validation';
import { draftToSettings, parseBankHolidays, settingsDraftSchema, settingsToDraft, validateSettings } from './settings-validation';

/** A valid settings form for a site. */
function validDraft(changes: Partial<SettingsDraft> = {}): SettingsDraft {
  return {
    ...settingsToDraft(defaultDeviceSettings()),
    siteName: "Queen's Medical Centre ED",
    siteType: 'ED',
    contacts: { safeguardingTeam: '0115 924 9924', mash: '0300 500 80 90', policeNonEmergency: '101' },
    bankHolidays: '25/12/2026\n2026-12-28',
    ...changes,
  };
}

describe('parseBankHolidays', () => {
  test('reads one date per line (or comma-separated) as YYYY-MM-DD or DD/MM/YYYY, sorted, without repeats', () => {
    expect(parseBankHolidays('25/12/2026\n2026-08-31\n\n 1/1/2027 , 2026-12-25\r\n')).toEqual({
      dates: ['2026-08-31', '2026-12-25', '2027-01-01'],
      bad: [],
    });
  });

  test('an empty list is fine', () => {
    expect(parseBankHolidays('')).toEqual({ dates: [], bad: [] });
    expect(parseBankHolidays('\n  \n')).toEqual({ dates: [], bad: [] });
  });

  test.each([
    ['25 December 2026'],
    ['12/25/2026'],
    ['2026-13-01'],
    ['25/12/26'],
    ['Christmas'],
    ['2026/12/25'],
    ['00/12/2026'],
  ])('"%s" is reported as bad, as typed', (line) => {
    expect(parseBankHolidays(`2026-12-28\n${line}`)).toEqual({ dates: ['2026-12-28'], bad: [line] });
  });

  test.each([['31/02/2026'], ['2026-02-30'], ['2026-04-31'], ['29/02/2027'], ['31/06/2026']])('the impossible date "%s" is reported as bad', (line) => {
    expect(parseBankHolidays(line)).toEqual({ dates: [], bad: [line] });
  });

  test('29 February in a leap year is a date', () => {
    expect(parseBankHolidays('29/02/2028')).toEqual({ dates: ['2028-02-29'], bad: [] });
  });
});

describe('validateSettings', () => {
  test('a complete form has no issues', () => {
    expect(validateSettings(validDraft())).toEqual([]);
  });

  test('the default settings need only the site name', () => {
    expect(validateSettings(settingsToDraft(defaultDeviceSettings()))).toEqual([{ field: 'siteName', message: 'Enter the name of the site' }]);
  });

  test.each<[Partial<SettingsDraft>, string, string]>([
    [{ siteName: '  ' }, 'siteName', 'Enter the name of the site'],
    [{ siteType: '' }, 'siteType', 'Select the type of site'],
    [{ mashDays: [] }, 'mashDays', 'Select the days the MASH is open'],
    [{ mashOpensAt: '9am' }, 'mashOpensAt', 'Enter the opening time using the 24-hour clock, for example 09:00'],
    [{ mashClosesAt: '' }, 'mashClosesAt', 'Enter the closing time using the 24-hour clock, for example 16:00'],
    [{ mashOpensAt: '16:00', mashClosesAt: '09:00' }, 'mashClosesAt', 'Closing time must be after the opening time'],
    [{ mashOpensAt: '09:00', mashClosesAt: '0900' }, 'mashClosesAt', 'Closing time must be after the opening time'],
    [{ bankHolidays: '25/12/2026\nBoxing Day' }, 'bankHolidays', 'Write each bank holiday as a date like 25/12/2026. Check: Boxing Day'],
    [{ bankHolidays: 'a\nb\nc\nd' }, 'bankHolidays', 'Write each bank holiday as a date like 25/12/2026. Check: a, b, c'],
    [{ bankHolidays: '31/02/2026' }, 'bankHolidays', 'Write each bank holiday as a date like 25/12/2026. Check: 31/02/2026'],
  ])('%j: %s "%s"', (changes, field, message) => {
    expect(validateSettings(validDraft(changes))).toEqual([{ field, message }]);
  });

  test.each(['1', '5', '60', ' 15 '])('idle lock of "%s" minutes is accepted', (idleLockMinutes) => {
    expect(validateSettings(validDraft({ idleLockMinutes }))).toEqual([]);
  });

  test.each(['0', '61', '5.5', '-5', '', 'five'])('idle lock of "%s" minutes is refused', (idleLockMinutes) => {
    expect(validateSettings(validDraft({ idleLockMinutes }))).toEqual([{ field: 'idleLockMinutes', message: 'Idle lock must be a whole number of minutes from 1 to 60' }]);
  });

  test.each(['1', '12', '24', ' 8 '])('a session limit of "%s" hours is accepted', (sessionLimitHours) => {
    expect(validateSettings(validDraft({ sessionLimitHours }))).toEqual([]);
  });

  test.each(['0', '25', '12.5', '-1', '', 'twelve'])('a session limit of "%s" hours is refused', (sessionLimitHours) => {
    expect(validateSettings(validDraft({ sessionLimitHours }))).toEqual([{ field: 'sessionLimitHours', message: 'Session limit must be a whole number of hours from 1 to 24' }]);
  });

  test.each(['1', '30', '3650'])('keeping records for "%s" days is accepted', (retentionDays) => {
    expect(validateSettings(validDraft({ retentionDays }))).toEqual([]);
  });

  test.each(['12', '24', '120'])('keeping stubs of removed records for "%s" months is accepted', (retainedStubMonths) => {
    expect(validateSettings(validDraft({ retainedStubMonths }))).toEqual([]);
  });

  test.each(['11', '121', '12.5', ''])('keeping stubs for "%s" months is refused: fewer than 12 would drop attendances from the 12-month look-back', (retainedStubMonths) => {
    expect(validateSettings(validDraft({ retainedStubMonths }))).toEqual([{ field: 'retainedStubMonths', message: 'Keep what stays of removed records for a whole number of months from 12 to 120' }]);
  });

  test.each(['0', '3651', '30.5', ''])('keeping records for "%s" days is refused', (retentionDays) => {
    expect(validateSettings(validDraft({ retentionDays }))).toEqual([{ field: 'retentionDays', message: 'Keep records for a whole number of days from 1 to 3650' }]);
  });

  describe('local phone numbers', () => {
    test('blank numbers are allowed (prompts then say to ask the nurse in charge)', () => {
      expect(validateSettings(validDraft({ contacts: {} }))).toEqual([]);
    });

    test.each(['0115 924 9924', '+44 115 924 9924', '101', '4567'])('"%s" is accepted', (number) => {
      expect(validateSettings(validDraft({ contacts: { mash: number } }))).toEqual([]);
    });

    test.each([
      ['safeguardingTeam', 'Enter a phone number for hospital safeguarding team like 0115 924 9924'],
      ['paediatricLiaison', 'Enter a phone number for paediatric liaison nurse like 0115 924 9924'],
      ['policeNonEmergency', 'Enter a phone number for police (non-emergency) like 0115 924 9924'],
      ['emergencyDutyTeam', "Enter a phone number for emergency duty team (children's social care out of hours) like 0115 924 9924"],
      ['mash', "Enter a phone number for children's social care (MASH) like 0115 924 9924"],
      ['camhsLiaison', 'Enter a phone number for CAMHS or liaison mental health like 0115 924 9924'],
      ['domesticAbuseService', 'Enter a phone number for domestic abuse service (IDVA) like 0115 924 9924'],
      ['substanceMisuseService', "Enter a phone number for young people's substance misuse service like 0115 924 9924"],
      ['cseTeam', 'Enter a phone number for child sexual exploitation (CSE) team like 0115 924 9924'],
    ])('an invalid %s number: "%s"', (key, message) => {
      expect(validateSettings(validDraft({ contacts: { [key]: 'call switchboard' } }))).toEqual([{ field: `contacts.${key}`, message }]);
    });

    test('each invalid number is reported against its own field', () => {
      expect(validateSettings(validDraft({ contacts: { safeguardingTeam: 'x', camhsLiaison: '12', mash: '0300 500 80 90' } })).map((issue) => issue.field)).toEqual([
        'contacts.safeguardingTeam',
        'contacts.camhsLiaison',
      ]);
    });
  });
});

describe('CSE other-indicator threshold (issue 9)', () => {
  test.each([
    ['1', 1],
    ['3', 3],
    ['13', 13],
    [' 4 ', 4],
  ])('"%s" is accepted and saved as %s', (cseOtherIndicatorThreshold, saved) => {
    const draft = validDraft({ cseOtherIndicatorThreshold });
    expect(validateSettings(draft)).toEqual([]);
    expect(draftToSettings(draft).cseOtherIndicatorThreshold).toBe(saved);
  });

  test.each(['0', '14', '2.5', '-1', '', 'three'])('"%s" is refused', (cseOtherIndicatorThreshold) => {
    expect(validateSettings(validDraft({ cseOtherIndicatorThreshold }))).toEqual([
      { field: 'cseOtherIndicatorThreshold', message: 'The number of other indicators must be a whole number from 1 to 13' },
    ]);
  });

  test('stored settings without it, or with a value out of range, read back with the default 3', () => {
    expect(deviceSettingsSchema.parse({}).cseOtherIndicatorThreshold).toBe(3);
    expect(deviceSettingsSchema.parse({ cseOtherIndicatorThreshold: 0 }).cseOtherIndicatorThreshold).toBe(3);
    expect(deviceSettingsSchema.parse({ cseOtherIndicatorThreshold: 14 }).cseOtherIndicatorThreshold).toBe(3);
    expect(deviceSettingsSchema.parse({ cseOtherIndicatorThreshold: 5 }).cseOtherIndicatorThreshold).toBe(5);
  });
});

describe('draftToSettings and settingsToDraft', () => {
  test('a valid draft becomes settings: trimmed, times normalised, days sorted, holidays parsed', () => {
    const settings = draftToSettings(
      validDraft({
        siteName: '  Ilkeston MIU ',
        siteType: 'MIU',
        contacts: { safeguardingTeam: ' 0115 924 9924 ', unknownKey: '999' },
        mashDays: ['5', '1', '3', '9'],
        mashOpensAt: '830',
        mashClosesAt: '17.00',
        bankHolidays: '25/12/2026\n2026-08-31',
        idleLockMinutes: '10',
        retentionDays: '90',
      }),
    );
    expect(settings).toEqual({
      siteName: 'Ilkeston MIU',
      siteType: 'MIU',
      contacts: {
        safeguardingTeam: '0115 924 9924',
        paediatricLiaison: '',
        mash: '',
        emergencyDutyTeam: '',
        policeNonEmergency: '',
        substanceMisuseService: '',
        camhsLiaison: '',
        domesticAbuseService: '',
        midwiferySafeguarding: '',
        cseTeam: '',
      },
      mashHours: { days: [1, 3, 5], opensAt: '08:30', closesAt: '17:00', bankHolidays: ['2026-08-31', '2026-12-25'] },
      idleLockMinutes: 10,
      sessionLimitHours: 12,
      retentionDays: 90,
      cseOtherIndicatorThreshold: 3,
      thinkFamilyTriggersOff: [],
      bankHolidays: [...ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027],
      backupReminderDays: 7,
      retainedStubMonths: 12,
    });
  });

  test('settings round-trip through the form unchanged', () => {
    const settings = { ...defaultDeviceSettings(), siteName: 'QMC', mashHours: { days: [1, 2, 3, 4, 5, 6], opensAt: '08:00', closesAt: '20:00', bankHolidays: ['2026-12-25'] } };
    expect(draftToSettings(settingsToDraft(settings))).toEqual(settings);
  });

  test('the form defaults: MASH open Monday to Friday 09:00–16:00, lock after 5 minutes, keep 30 days', () => {
    expect(settingsDraftSchema.parse({})).toEqual({
      siteName: '',
      siteType: '',
      contacts: {},
      mashDays: ['1', '2', '3', '4', '5'],
      mashOpensAt: '09:00',
      mashClosesAt: '16:00',
      bankHolidays: '',
      idleLockMinutes: '5',
      sessionLimitHours: '12',
      retentionDays: '30',
      cseOtherIndicatorThreshold: '3',
      thinkFamilyTriggersOn: ['self-harm', 'mental-health', 'intoxication', 'assault', 'domestic-abuse', 'pregnancy', 'sole-carer-admitted', 'adult-fgm'],
      siteBankHolidays: ENGLAND_AND_WALES_TEXT,
      backupReminderDays: '7',
      retainedStubMonths: '12',
    });
  });

  test('the backup reminder is a whole number of days from 1 to 365 (issue 13)', () => {
    const draft = settingsToDraft({ ...defaultDeviceSettings(), siteName: 'QMC' });
    expect(validateSettings({ ...draft, backupReminderDays: '14' })).toEqual([]);
    expect(draftToSettings({ ...draft, backupReminderDays: '14' }).backupReminderDays).toBe(14);
    for (const backupReminderDays of ['0', '366', '2.5', 'weekly']) {
      expect(validateSettings({ ...draft, backupReminderDays })).toEqual([{ field: 'backupReminderDays', message: 'Remind after a whole number of days from 1 to 365' }]);
    }
  });

  test('a Think Family trigger unticked on the form is turned off in the settings, and back', () => {
    const settings = draftToSettings({ ...settingsToDraft(defaultDeviceSettings()), thinkFamilyTriggersOn: ['self-harm', 'mental-health', 'assault', 'domestic-abuse', 'pregnancy', 'sole-carer-admitted', 'adult-fgm'] });
    expect(settings.thinkFamilyTriggersOff).toEqual(['intoxication']);
    expect(settingsToDraft(settings).thinkFamilyTriggersOn).not.toContain('intoxication');
  });
});

const ENGLAND_AND_WALES_TEXT = [
  '01/01/2026', '03/04/2026', '06/04/2026', '04/05/2026', '25/05/2026', '31/08/2026', '25/12/2026', '28/12/2026',
  '01/01/2027', '26/03/2027', '29/03/2027', '03/05/2027', '31/05/2027', '30/08/2027', '27/12/2027', '28/12/2027',
].join('\n');

/** The bank holidays that are not working days for the liaison review (issue 12), apart from the MASH's own closures. */
describe('the bank holidays setting', () => {
  test('a new tablet starts with England and Wales 2026–2027, shown one per line as the nurse would type them', () => {
    expect(defaultDeviceSettings().bankHolidays).toEqual([...ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027]);
    expect(settingsToDraft(defaultDeviceSettings()).siteBankHolidays).toBe(ENGLAND_AND_WALES_TEXT);
    // Settings saved before the field existed read as the defaults; a damaged value too.
    expect(deviceSettingsSchema.parse({ siteName: 'QMC' }).bankHolidays).toHaveLength(16);
    expect(deviceSettingsSchema.parse({ bankHolidays: ['25/12/2026'] }).bankHolidays).toHaveLength(16);
  });

  test('edited, parsed and saved: next year added, one removed; emptied means weekends only', () => {
    expect(draftToSettings(validDraft({ siteBankHolidays: '28/12/2026\n2028-01-03\n25/12/2026' })).bankHolidays).toEqual(['2026-12-25', '2026-12-28', '2028-01-03']);
    expect(draftToSettings(validDraft({ siteBankHolidays: '' })).bankHolidays).toEqual([]);
    expect(validateSettings(validDraft({ siteBankHolidays: '' }))).toEqual([]);
  });

  test.each([
    ['25/12/2026\nChristmas', 'Write each bank holiday as a date like 25/12/2026. Check: Christmas'],
    ['30/02/2027', 'Write each bank holiday as a date like 25/12/2026. Check: 30/02/2027'],
  ])('refuses %j', (siteBankHolidays, message) => {
    expect(validateSettings(validDraft({ siteBankHolidays }))).toEqual([{ field: 'siteBankHolidays', message }]);
  });
});
