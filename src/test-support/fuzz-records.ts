/**
 * Arbitrary assessment records and settings for the fuzz tests: built from the schemas'
 * own shapes (fuzz-arbitraries.ts fromSchema) and read through those schemas, as storage
 * reads them back, so every rule meets exactly what it could meet in use.
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { answersSchema, assessmentRecordSchema } from '../domain/assessment/record';
import type { AssessmentRecord } from '../domain/assessment/record';
import { staffRefSchema } from '../domain/assessment/staff-ref';
import { deviceSettingsSchema } from '../domain/settings/device-settings';
import type { DeviceSettings } from '../domain/settings/device-settings';
import { addDays, fromLondon } from '../domain/shared/dates';
import { asObject, fromSchema, isoDate, isoInstant, timeOfDay } from './fuzz-arbitraries';

const staff = fromSchema(staffRefSchema, { wrongTypes: false }).map((value) => staffRefSchema.parse(value));

/** Answers from any stored value: mostly the right shape, now and then damaged. */
export const fuzzAnswers = fromSchema(answersSchema).map((value) => answersSchema.parse(asObject(value)));

/** A record as storage would read it back: in progress or signed, with addenda and drafts. */
export const fuzzRecord: Arbitrary<AssessmentRecord> = fc
  .record({
    rest: fromSchema(assessmentRecordSchema, { wrongTypes: false }),
    id: fc.string({ minLength: 1, maxLength: 12 }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    createdBy: staff,
    updatedBy: staff,
    answers: fuzzAnswers,
  })
  .map(({ rest, ...base }) => assessmentRecordSchema.parse({ ...(rest as object), ...base }));

/** Device settings from any stored value, with the safeguarding team's number usually set. */
export const fuzzSettings: Arbitrary<DeviceSettings> = fromSchema(deviceSettingsSchema).map((value) => deviceSettingsSchema.parse(asObject(value)));

const partsOf = (iso: string): { day: string; month: string; year: string } => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

/**
 * A record and the time it is read at, where mostly the patient is 0 to 25 years old on
 * arrival (so the child, young-person and adult rules all run) and arrival is on the day it
 * is read, including the clock-change days and 29 February; otherwise anything at all.
 */
export const fuzzCase: Arbitrary<{ record: AssessmentRecord; now: string }> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ record: fuzzRecord, now: isoInstant }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ record: fuzzRecord, arrival: isoDate, arrivalTime: timeOfDay, ageDays: fc.oneof(fc.integer({ min: 0, max: 25 * 366 }), fc.constantFrom(0, 1, 365, 366, 4 * 365 + 1)), minutesLater: fc.integer({ min: 0, max: 48 * 60 }) })
      .filter(({ arrival }) => arrival >= '1926-01-01' && arrival <= '2099-12-01')
      .map(({ record, arrival, arrivalTime, ageDays, minutesLater }) => {
        const arrivedAt = fromLondon(arrival, arrivalTime);
        const patient = { ...record.answers.patient, arrivalDate: partsOf(arrival), arrivalTime, dateOfBirth: partsOf(addDays(arrival, -ageDays)), dateOfBirthNotKnown: false };
        const now = new Date(Date.parse(arrivedAt) + minutesLater * 60_000).toISOString();
        return { record: assessmentRecordSchema.parse({ ...record, answers: { ...record.answers, patient } }), now };
      }),
  },
);
