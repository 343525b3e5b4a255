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
import { fromSchema, isoInstant } from './fuzz-arbitraries';

/** A damaged stored value that is not even an object reads as an empty one (storage does the same). */
const asObject = (value: unknown): object => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {});

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
