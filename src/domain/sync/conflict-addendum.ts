/**
 * A conflict addendum (issue 14 clarification: "An edit made offline under a lost lease is
 * never dropped: it becomes a conflict addendum for the record's owner to reconcile"; design
 * docs/design/department-sync.md §6). Pure: its shape and how it reads.
 *
 * It holds the whole record as the tablet that lost the lease had it (nothing dropped), who
 * last edited it there and when, and the revisions involved. Reconciling adds who marked it
 * and when; the edit itself is never changed (append-only). The clinician compares it with the
 * record and makes any change still needed: nothing is merged automatically (the app prompts,
 * the clinician decides).
 */
import * as z from 'zod/mini';
import { assessmentRecordSchema } from '../assessment/record';
import { staffRefSchema } from '../assessment/staff-ref';
import type { StaffRef } from '../assessment/staff-ref';
import type { AssessmentRecord, SectionId } from '../assessment/record';
import type { AssessmentContext } from '../assessment/context';
import { changedSections } from '../assessment/lifecycle';
import { relevantSections } from '../rules/sections';
import type { SummaryRow } from '../assessment/summary';
import { deriveContext } from '../assessment/derive-context';
import { formatDateTime } from '../shared/dates';
import { leaseWords } from './lease';

export const conflictAddendumSchema = z.object({
  v: z.literal(1),
  attendanceId: z.string(),
  /** The tablet whose edit lost (its database id). */
  tabletId: z.string(),
  /** When the conflicting edit was last saved there, and by whom. */
  editedAt: z.string(),
  editedBy: staffRefSchema,
  /** The revision that tablet had made, and the department's revision that stood instead. */
  localRevision: z.number(),
  serverRevision: z.number(),
  /** The record as that tablet had it. */
  record: assessmentRecordSchema,
  reconciled: z.optional(z.object({ at: z.string(), by: staffRefSchema })),
});
export type ConflictAddendum = z.infer<typeof conflictAddendumSchema>;

/** The row id of a conflict addendum: the attendance, the tablet and the revision it made (the same conflict always gives the same id, so a retry never makes two). */
export const conflictAddendumId = (attendanceId: string, tabletId: string, localRevision: number): string => `${attendanceId}:conflict:${tabletId}:${String(localRevision)}`;

/** The attendance a conflict addendum row id belongs to; undefined for any other id. */
export function attendanceOfConflictId(rowId: string): string | undefined {
  const at = rowId.indexOf(':conflict:');
  return at > 0 ? rowId.slice(0, at) : undefined;
}

/** A conflict addendum as the screens list it. */
export interface ConflictAddendumView {
  rowId: string;
  attendanceId: string;
  editedBy: StaffRef;
  editedAt: string;
  /** Made on this tablet or on another of the department. */
  madeHere: boolean;
  reconciled: { at: string; by: StaffRef } | undefined;
  /** Whether this tablet may mark it reconciled (it holds the record's current revision). */
  canReconcile: boolean;
  /** Whether the record is one of this tablet's attendances (else it opens from the department). */
  recordHere: boolean;
  /** The record as the edit left it (for the clinician to compare). */
  record: ConflictAddendum['record'];
}

/** The audit detail when one is made: opaque revisions only. */
export const conflictMadeDetail = (localRevision: number, serverRevision: number): string =>
  `An edit made on this tablet while another tablet held the assessment was kept as a conflict addendum (this tablet's revision ${String(localRevision)}; the department's revision ${String(serverRevision)})`;

/**
 * What a conflicting edit says differently from the record as it stands: the sections whose
 * answers differ, each with the edit's answers as the record view shows them (rules/sections.ts
 * summarise). For the clinician to compare; nothing is merged.
 */
export function conflictingSections(current: AssessmentRecord, conflicting: AssessmentRecord, ctx: AssessmentContext): { id: SectionId; title: string; rows: SummaryRow[] }[] {
  const differ = new Set(changedSections(current, conflicting.answers));
  return relevantSections(ctx)
    .filter((section) => differ.has(section.id))
    .map((section) => ({ id: section.id, title: section.title, rows: section.summarise(conflicting.answers, ctx) }));
}

/** A conflict addendum as the record shows it: the words, and what it says differently. */
export interface ConflictAddendumLines {
  rowId: string;
  byline: string;
  reconciledLine: string | undefined;
  sections: { id: SectionId; title: string; rows: SummaryRow[] }[];
  canReconcile: boolean;
}

export function conflictAddendumLines(views: readonly ConflictAddendumView[], current: AssessmentRecord, now: string, options: { thinkFamilyTriggersOff: readonly string[] }): ConflictAddendumLines[] {
  return views.map((view) => ({
    rowId: view.rowId,
    byline: leaseWords.conflictBy(view.editedBy.name, formatDateTime(view.editedAt), view.madeHere ? 'this' : 'another'),
    reconciledLine: view.reconciled ? leaseWords.conflictReconciled(view.reconciled.by.name, formatDateTime(view.reconciled.at)) : undefined,
    sections: conflictingSections(current, view.record, deriveContext(view.record.answers, now, { thinkFamilyTriggersOff: [...options.thinkFamilyTriggersOff] })),
    canReconcile: view.canReconcile,
  }));
}
