/**
 * Facts from the assessment context recomputed from the patient fields on screen, for the
 * patient page: entering a date of birth immediately shows the under-18 questions.
 *
 * Cheap by construction (the typing budget is 1.15× a plain HTML field): it watches only
 * the fields that decide the pathway and the injury questions, and the caller selects the
 * few facts it shows; react-hook-form compares the selection and re-renders the caller
 * only when it changes. Typing a name, or answering "Sex", renders nothing here.
 *
 * The watch is exact, so it names the inputs as they are registered: a date is three
 * inputs (`dateOfBirth.day`, `.month`, `.year`), and a change to one of them does not
 * match the name `dateOfBirth` exactly.
 *
 * While a date's year is being typed (one to three digits, domain/shared/dates.ts
 * yearBeingTyped), the date reads as it last did before: the pathway and the questions it
 * brings stay as they were until the year is complete, instead of going (no date of birth,
 * no pathway) and coming back with the fourth digit. Calmer for the nurse, and each flip
 * mounted and unmounted a page of questions: about 100 ms a date at 4x CPU slowdown in a
 * profile (tests/bench/app.bench.ts, 30 November 2026). Only what this page shows as it is
 * typed: the answers saved, their validation and every other page read the date as typed.
 * A year emptied, or a day or month missing, reads as typed (no date), as before.
 */
import { useFormContext, useWatch } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { deriveContext } from '../../../domain/assessment/derive-context';
import type { PatientDraft } from '../../../domain/assessment/patient';
import { yearBeingTyped } from '../../../domain/shared/dates';
import type { DateParts } from '../../../domain/shared/dates';
import { emptyAnswers } from '../../../domain/assessment/record';
import type { Answers } from '../../../domain/assessment/record';

const DATE_FIELDS = ['arrivalDate', 'dateOfBirth', 'injuryDate'] as const;
const DATE_PARTS = ['day', 'month', 'year'] as const;
const PLAIN_FIELDS = ['arrivalTime', 'dateOfBirthNotKnown', 'estimatedAgeYears', 'attendanceReason', 'injuryTime', 'injuryTimeNotKnown'] as const;

/** Every registered input the context reads, in a fixed order. */
const WATCHED: string[] = [...DATE_FIELDS.flatMap((field) => DATE_PARTS.map((part) => `${field}.${part}`)), ...PLAIN_FIELDS];

/**
 * The empty answers, made once: a schema parse of every section, run by each of the page's
 * watches on every change of a watched field (and four times as the page opened), was the
 * largest piece of script in opening the patient page at 4x (tests/bench/profile.ts). Only
 * read here: copied, never changed.
 */
let empty: Answers | undefined;
const emptyOnce = (): Answers => (empty ??= emptyAnswers());

/** Each form's dates as they last read with a complete year (or none), by field: what a date reads as while its year is being typed. */
const settledDates = new WeakMap<Control, Map<string, Record<string, unknown>>>();

function contextFrom(values: readonly unknown[], settled: Map<string, Record<string, unknown>>): AssessmentContext {
  const blank = emptyOnce();
  const patient: Record<string, unknown> = { ...blank.patient };
  let index = 0;
  for (const field of DATE_FIELDS) {
    const date: Record<string, unknown> = {};
    for (const part of DATE_PARTS) date[part] = values[index++];
    const typing = DATE_PARTS.every((part) => typeof date[part] === 'string') && yearBeingTyped(date as unknown as DateParts);
    if (!typing) settled.set(field, date);
    patient[field] = typing ? (settled.get(field) ?? date) : date;
  }
  for (const field of PLAIN_FIELDS) patient[field] = values[index++];
  return deriveContext({ ...blank, patient: patient as PatientDraft }, new Date().toISOString());
}

/** `select` must return plain data (compared by value between changes). */
export function useLivePatientContext<T>(select: (ctx: AssessmentContext) => T): T {
  const { control } = useFormContext();
  let settled = settledDates.get(control);
  if (!settled) {
    settled = new Map();
    settledDates.set(control, settled);
  }
  const dates = settled;
  return useWatch<Record<string, unknown>, string[], Record<string, unknown>, T>({
    name: WATCHED,
    exact: true,
    compute: (values: unknown[]) => select(contextFrom(values, dates)),
  });
}
