/**
 * The required answers on a record's path: which answers the nurse had to give for this
 * record to be complete, found from the section validators themselves rather than from a
 * hand-kept list, so a new required question anywhere shows up in the count.
 *
 * How: for a record with no problems, each answer the nurse gave (anything not empty and
 * not already what the app pre-filled) is taken away in turn; if the validators then report
 * a problem, the answer was required. An answer whose loss nobody notices was optional.
 * Day, month and year of one date are one answer. Fed the quickest complete record for a
 * kind of patient (the shortest path), this counts the work that patient costs, and a unit
 * test holds it down (alert and form fatigue: PRODUCT.md principle 3, fewer questions that
 * do not apply).
 */
import type { IsoInstant } from '../shared/dates';
import { deriveContext } from '../assessment/derive-context';
import { initialAnswers } from '../assessment/lifecycle';
import { emptyPerson, peoplePrefills } from '../assessment/people';
import type { Answers, SectionId } from '../assessment/record';
import { emptyAnswers } from '../assessment/record';
import { blocksSigning, completionIssues, relevantSections } from './sections';

export interface RequiredAnswer {
  section: SectionId;
  /** The question's path in the section draft, for example "companions.0.phone" or "dateOfBirth". */
  question: string;
}

export interface RequiredAnswersOptions {
  /** What the app filled in before the nurse began (arrival now, suggestions): not the nurse's work. */
  prefilled: Answers;
  /** 'signing': the sections that must be complete to sign; 'gp-letter': Discharge as well. */
  scope: 'signing' | 'gp-letter';
}

export type Leaf = string | boolean | readonly unknown[];
export type Path = readonly (string | number)[];

const DATE_PART = /^(day|month|year)$/;
const DATE_OR_TIME = /^(.+)(Date|Time)$/;

/**
 * The question an answer belongs to: day, month and year are one date, and a date with its
 * time ("injuryDate" and "injuryTime") is one moment, as PRODUCT.md asks them ("When did the
 * injury happen?": date and time).
 */
export function questionOf(path: Path): string {
  const parts = DATE_PART.test(String(path.at(-1))) ? path.slice(0, -1) : [...path];
  const moment = DATE_OR_TIME.exec(String(parts.at(-1)));
  if (moment?.[1]) parts[parts.length - 1] = `${moment[1]}DateTime`;
  return parts.join('.');
}

/** Whether the nurse gave this answer: text that is not blank, a ticked flag, a choice made. */
export function isAnswered(value: Leaf): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'boolean') return value;
  return value.length > 0;
}

/** The answer as it stands before the nurse gives it. */
export function emptyOf(value: Leaf): Leaf {
  if (typeof value === 'string') return '';
  if (typeof value === 'boolean') return false;
  return [];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every leaf (text, flag, list of choices) under `value`, with its path. A list of records
 * (the people with the patient) is followed item by item; any other list is one answer.
 */
export function leaves(value: unknown, path: Path = []): [Path, Leaf][] {
  if (typeof value === 'string' || typeof value === 'boolean') return [[path, value]];
  if (Array.isArray(value)) return value.length > 0 && value.every(isRecord) ? value.flatMap((item, index) => leaves(item, [...path, index])) : [[path, value]];
  if (isRecord(value)) return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
  return [];
}

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** A copy of `root` with the value at `path` replaced; a list index may be written as text ("0"). */
export function replaced(root: unknown, path: Path, value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (Array.isArray(root)) return (root as unknown[]).map((item, index): unknown => (String(index) === String(key) ? replaced(item, rest, value) : item));
  if (isRecord(root)) return { ...root, [key]: replaced(root[key], rest, value) };
  return root;
}

function problemCount(answers: Answers, now: IsoInstant, scope: RequiredAnswersOptions['scope']): number {
  const ctx = deriveContext(answers, now);
  return relevantSections(ctx)
    .filter((section) => scope === 'gp-letter' || blocksSigning(section))
    .reduce((count, section) => count + (scope === 'gp-letter' ? section.validate(answers, ctx) : completionIssues(section, answers, ctx)).length, 0);
}

/**
 * The answers the nurse had to give for `answers` (a record with no problems in scope) to be
 * complete, one per question, in section and form order. Throws when the record still has
 * problems, since "required" is only meaningful against a complete record.
 */
export function requiredAnswers(answers: Answers, now: IsoInstant, options: RequiredAnswersOptions): RequiredAnswer[] {
  if (problemCount(answers, now, options.scope) > 0) throw new Error('requiredAnswers needs a record with no problems in scope');
  const found: RequiredAnswer[] = [];
  const seen = new Set<string>();
  const sectionIds = Object.keys(answers) as SectionId[];
  for (const section of sectionIds) {
    for (const [path, value] of leaves(answers[section])) {
      // Ids of people are made by the app, never typed.
      if (!isAnswered(value) || path.at(-1) === 'id') continue;
      if (JSON.stringify(at(options.prefilled[section], path)) === JSON.stringify(value)) continue;
      const without: Answers = { ...answers, [section]: replaced(answers[section], path, emptyOf(value)) };
      if (problemCount(without, now, options.scope) === 0) continue;
      const question = questionOf(path);
      const key = `${section}/${question}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ section, question });
    }
  }
  return found;
}

/**
 * What the app fills in for `answers` before the nurse answers it: arrival at the time the
 * assessment was created (lifecycle.ts) and the people page's pre-filled answers
 * (people.ts peoplePrefills), laid on empty answers of the same shape.
 */
export function prefilledAnswers(answers: Answers, createdAt: IsoInstant, now: IsoInstant): Answers {
  const start = initialAnswers(createdAt);
  const ctx = deriveContext(answers, now);
  let people: unknown = { ...emptyAnswers().people, companions: answers.people.companions.map((person) => emptyPerson(person.id)) };
  for (const prefill of peoplePrefills(answers.people, ctx)) {
    people = replaced(people, prefill.field.split('.'), prefill.value);
  }
  return { ...start, people: people as Answers['people'] };
}
