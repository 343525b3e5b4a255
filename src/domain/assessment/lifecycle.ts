/**
 * Lifecycle of an assessment record: create with arrival defaulting to now, save answers
 * while in progress, sign (which locks the answers), and addenda after signing. Pure
 * functions: ids and times come in from the caller.
 */
import { datePartsFromIso, toLondon } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
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

export function createAssessment(id: string, now: IsoInstant, by: StaffRef): AssessmentRecord {
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
    resume: { page: '', field: '' },
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

/** Saves an addendum in progress (a signed record's answers never change). */
export function withAddendumDraft<K extends SectionId>(record: AssessmentRecord, section: K, draft: Answers[K], reason: string): AssessmentRecord {
  if (record.status !== 'signed') throw new Error('Addenda are only added to signed assessments.');
  return { ...record, addendumDraft: { section, reason, changes: { [section]: draft } } };
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
