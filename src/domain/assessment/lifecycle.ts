/**
 * Lifecycle of an assessment record: create with arrival defaulting to now, save answers
 * while in progress, sign (which locks the answers), and addenda after signing. Pure
 * functions: ids and times come in from the caller.
 *
 * An addendum may change several sections: the concern-level rules hold for addenda too
 * (PRODUCT.md 4.9), so an addendum that records something of concern on a record whose
 * level it contradicts (a signed "No concern") must revisit the concern level in the same
 * addendum (addendumConcernIssue).
 */
import { concernFactsFromAnswers, concernLevelLabels, concernLevelProblem, concernLevelRefusals } from '../rules/concern-level';
import type { ConcernRefusal } from '../rules/concern-level';
import { datePartsFromIso, toLondon } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { deriveContext } from './derive-context';
import type { Issue } from './issues';
import type { Addendum, Answers, AssessmentRecord, SectionId } from './record';
import { emptyAnswers } from './record';
import type { StaffRef } from './staff-ref';

/** The answers a new assessment starts with: all empty except arrival, which defaults to now (London time). */
export function initialAnswers(now: IsoInstant): Answers {
  const answers = emptyAnswers();
  const wall = toLondon(now);
  answers.patient.arrivalDate = datePartsFromIso(wall.date);
  answers.patient.arrivalTime = wall.time;
  return answers;
}

/**
 * A new assessment. `openingPage`: the page it opens on, kept as where to resume, so that
 * page has nothing to write when it opens (it records where the nurse is on arrival otherwise).
 */
export function createAssessment(id: string, now: IsoInstant, by: StaffRef, openingPage = ''): AssessmentRecord {
  const answers = initialAnswers(now);
  return {
    id,
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
    status: 'in-progress',
    answers,
    confirmedSections: [],
    resume: { page: openingPage, field: '' },
    signature: undefined,
    addenda: [],
    addendumDraft: undefined,
  };
}

export class RecordLockedError extends Error {
  constructor() {
    super('This assessment has been signed. Changes must be made as an addendum with a reason.');
    this.name = 'RecordLockedError';
  }
}

/** Replaces one section's answers on an in-progress record. */
export function withSectionAnswers<K extends SectionId>(record: AssessmentRecord, section: K, draft: Answers[K], at: IsoInstant, by: StaffRef): AssessmentRecord {
  if (record.status !== 'in-progress') throw new RecordLockedError();
  return { ...record, answers: { ...record.answers, [section]: draft }, updatedAt: at, updatedBy: by };
}

export function withConfirmedSection(record: AssessmentRecord, section: SectionId, confirmed: boolean): AssessmentRecord {
  const others = record.confirmedSections.filter((id) => id !== section);
  return { ...record, confirmedSections: confirmed ? [...others, section] : others };
}

export function signAssessment(record: AssessmentRecord, at: IsoInstant, by: StaffRef): AssessmentRecord {
  if (record.status !== 'in-progress') throw new RecordLockedError();
  return { ...record, status: 'signed', signature: { signedAt: at, signedBy: by }, updatedAt: at, updatedBy: by };
}

export function addAddendum(record: AssessmentRecord, addendum: Addendum): AssessmentRecord {
  if (record.status !== 'signed') throw new Error('Addenda are only added to signed assessments.');
  return { ...record, addenda: [...record.addenda, addendum], addendumDraft: undefined, updatedAt: addendum.at, updatedBy: addendum.by };
}

/**
 * Saves an addendum in progress (a signed record's answers never change). Changes already
 * typed on other sections of the same addendum are kept (nothing typed is lost); `section`
 * is the page being edited now.
 */
export function withAddendumDraft<K extends SectionId>(record: AssessmentRecord, section: K, draft: Answers[K], reason: string): AssessmentRecord {
  if (record.status !== 'signed') throw new Error('Addenda are only added to signed assessments.');
  const earlier = record.addendumDraft?.changes ?? {};
  return { ...record, addendumDraft: { section, reason, changes: { ...earlier, [section]: draft } } };
}

/** Discards the addendum in progress. */
export const withoutAddendumDraft = (record: AssessmentRecord): AssessmentRecord => ({ ...record, addendumDraft: undefined });

/** The answers as the addendum in progress would leave them: current answers with its changes applied. */
export function addendumAnswers(record: AssessmentRecord): Answers {
  return { ...currentAnswers(record), ...definedChanges(record.addendumDraft?.changes ?? {}) };
}

/** The sections an addendum's changes really change (a page opened and left as it was changes nothing). */
export function changedSections(record: AssessmentRecord, changes: Addendum['changes']): SectionId[] {
  const current = currentAnswers(record);
  return (Object.keys(definedChanges(changes)) as SectionId[]).filter((key) => JSON.stringify(changes[key]) !== JSON.stringify(current[key]));
}

function definedChanges(changes: Addendum['changes']): Partial<Answers> {
  return Object.fromEntries(Object.entries(changes).filter((entry) => entry[1] !== undefined));
}

/** The form field the revisit issue names: the page shows a button to the outcome there. */
export const REVISIT_CONCERN_FIELD = 'revisitConcernLevel';

const refusalKey = (refusal: ConcernRefusal): string => `${refusal.rule}:${refusal.featureId ?? refusal.reason}`;

/**
 * The concern-level rules for addenda (PRODUCT.md 4.9): when an addendum records something of
 * concern that the record did not hold before, and the concern level (as the addendum leaves
 * it) contradicts it — a signed "No concern" after a new alerting feature, household risk,
 * CP-IS plan, open case or disclosure — the addendum cannot be saved until the concern level
 * is revisited in the same addendum. Returns that issue, or undefined.
 */
export function addendumConcernIssue(record: AssessmentRecord, changes: Addendum['changes'], now: IsoInstant): Issue | undefined {
  const before = currentAnswers(record);
  const after: Answers = { ...before, ...definedChanges(changes) };
  const level = after.outcome.concernLevel;
  if (level === '') return undefined;
  const ctxBefore = deriveContext(before, now);
  const ctxAfter = deriveContext(after, now);
  const factsAfter = concernFactsFromAnswers(after, 'addendum');
  if (concernLevelProblem(level, after.safeguarding, ctxAfter, undefined, factsAfter) === undefined) return undefined;
  const earlier = new Set(concernLevelRefusals(before.safeguarding, ctxBefore, undefined, concernFactsFromAnswers(before)).map(refusalKey));
  const added = concernLevelRefusals(after.safeguarding, ctxAfter, undefined, factsAfter).filter((refusal) => !earlier.has(refusalKey(refusal)));
  if (added.length === 0) return undefined;
  return {
    field: REVISIT_CONCERN_FIELD,
    message: `What this addendum records contradicts the concern level "${concernLevelLabels[level]}": ${added.map((refusal) => refusal.reason).join('; ')}. Revisit the concern level in this addendum: continue to Outcome and actions`,
  };
}

/** The answers as they now read: the signed original with every addendum applied in order. */
export function currentAnswers(record: AssessmentRecord): Answers {
  const answers: Answers = { ...record.answers };
  for (const addendum of record.addenda) {
    for (const key of Object.keys(addendum.changes) as SectionId[]) {
      const changed = addendum.changes[key];
      if (changed !== undefined) Object.assign(answers, { [key]: changed });
    }
  }
  return answers;
}
