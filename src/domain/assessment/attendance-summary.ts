/**
 * The short description of an attendance shown in lists (home, look-up): who, how old,
 * why, when, its state, and any referral to children's social care still to be made; and
 * the oversight facts the liaison list and the compliance audit read (PRODUCT.md section 6:
 * CP-IS, each young-person screen asked / not asked / outcome, open follow-ups, the letters
 * it needs, the staff groups, when it was started). Kept separate from the full record so
 * lists decrypt a few hundred bytes per row instead of the whole assessment; sealed like
 * the record, so nothing here is in clear in the database.
 *
 * A pure derivation of the record, versioned: the stored shape and SUMMARY_VERSION are in
 * attendance-summary-schema.ts (light, read at first load); this module derives it (loaded
 * with the writers). Change what it derives → raise SUMMARY_VERSION, and storage rebuilds
 * older summaries from their records after unlock.
 */
import { applicableLetters } from '../letters/letters';
import type { LetterKind } from '../letters/kinds';
import { recordedFacts } from '../oversight/recorded-facts';
import { screenSummaries } from '../screening/screen-summaries';
import { followUpsFromAnswers } from '../screening/open-follow-ups';
import { describeAge } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { optionLabel } from './fields';
import { SUMMARY_VERSION } from './attendance-summary-schema';
import type { AttendanceSummary } from './attendance-summary-schema';
import { deriveContext } from './derive-context';
import { currentAnswers } from './lifecycle';
import { currentOutcome, pendingReferral } from './pending-referral';
import { attendanceReasonOptions } from './options';
import { readAgeYears, readArrivedAt, readDateOfBirth, readNhsNumber } from './patient-readers';
import type { AssessmentRecord } from './record';
import { leftBeforeAssessment } from './left-before-assessment';
import type { AssessmentContext } from './context';
import { recordedChildren, thinkFamilyApplies, thinkFamilyAsked } from '../screening/think-family';
import { thinkFamilyRequired } from '../screening/think-family-section';
import type { ThinkFamilyDraft } from '../screening/think-family';

/**
 * Children (an unborn child included) Think Family found, for the liaison list's "adults whose
 * Think Family found children" (issue 12); null when the section does not apply or nothing
 * was answered, so "not asked" never reads as "no children".
 */
function thinkFamilyChildren(draft: ThinkFamilyDraft, ctx: AssessmentContext): number | null {
  if (!thinkFamilyApplies(ctx)) return null;
  const children = recordedChildren(draft).length;
  if (children === 0 && draft.hasChildren === '' && draft.caresForChildren === '' && draft.pregnant === '') return null;
  return children;
}

export { attendanceSummarySchema, SUMMARY_VERSION } from './attendance-summary-schema';
export type { AttendanceSummary } from './attendance-summary-schema';

/** The letters issued for an attendance, from its letter rows (storage reads them): what `lettersIssued` carries. */
export interface IssuedLetterFacts {
  kinds: LetterKind[];
  gpFirstIssuedAt: IsoInstant;
}

/** The facts of a set of issued letter versions: every kind issued, and the patient's own GP letter's first issue time. */
export function issuedLetterFacts(letters: readonly { kind: LetterKind; childId?: string | undefined; issuedAt: IsoInstant }[]): IssuedLetterFacts {
  const gp = letters.filter((letter) => letter.kind === 'gp' && !letter.childId).map((letter) => letter.issuedAt);
  return { kinds: [...new Set(letters.map((letter) => letter.kind))], gpFirstIssuedAt: gp.reduce((earliest, at) => (earliest === '' || at < earliest ? at : earliest), '') };
}

/**
 * The summary of a record. `issued`: the letters issued for it (storage's writers pass them from
 * the letter rows, so the department can list GP letters due: issue 14); without it the summary
 * carries no `lettersIssued` and says nothing about which letters are issued.
 */
export function summariseAttendance(record: AssessmentRecord, now: IsoInstant, issued?: IssuedLetterFacts): AttendanceSummary {
  const patient = record.answers.patient;
  const arrivedAt = readArrivedAt(patient);
  const dob = readDateOfBirth(patient);
  const ageYears = readAgeYears(patient, arrivedAt, now);
  // Oversight reads the answers as they now read (addenda applied), like the concern level.
  const answers = currentAnswers(record);
  const ctx = deriveContext(answers, now);
  const name = patient.nameNotKnown ? 'Name not known' : `${patient.givenName.trim()} ${patient.familyName.trim()}`.trim();
  return {
    id: record.id,
    displayName: name || 'Name not entered yet',
    dateOfBirth: dob ?? '',
    ageText: dob ? describeAge(dob, arrivedAt ?? now) : ageYears !== undefined ? `about ${ageYears} years` : '',
    ageYears: ageYears ?? null,
    nhsNumber: formatNhsNumber(readNhsNumber(patient) ?? ''),
    reason: optionLabel(attendanceReasonOptions, patient.attendanceReason),
    arrivedAt: arrivedAt ?? record.createdAt,
    status: record.status,
    signedAt: record.signature?.signedAt ?? '',
    createdByName: record.createdBy.name,
    // The outcome applies on the child pathway only (PRODUCT.md 4.9).
    pendingReferral: ageYears !== undefined && ageYears < 18 ? (pendingReferral(currentOutcome(record)) ?? null) : null,
    concernLevel: currentOutcome(record).concernLevel,
    summaryVersion: SUMMARY_VERSION,
    startedAt: record.createdAt,
    cpis: ctx.pathway.child ? answers.informationChecks.cpis : '',
    screens: screenSummaries(answers, ctx),
    followUps: followUpsFromAnswers(answers, ctx).map((item) => item.kind),
    letters: applicableLetters(answers, ctx).map((letter) => letter.kind),
    signedByGroup: record.status === 'signed' ? (record.signature?.signedBy.staffGroup ?? '') : '',
    createdByGroup: record.createdBy.staffGroup,
    familyName: patient.nameNotKnown ? '' : patient.familyName.trim(),
    leftBeforeAssessment: leftBeforeAssessment(answers.leftBeforeAssessment),
    thinkFamilyChildren: thinkFamilyChildren(answers.thinkFamily, ctx),
    // The audit's "Think Family asked when triggered" (oversight/compliance-audit.ts).
    ...(thinkFamilyRequired(answers, ctx) ? { thinkFamilyAsked: thinkFamilyAsked(answers.thinkFamily) } : {}),
    ...recordedFacts(answers, ctx),
    ...(issued ? { lettersIssued: { kinds: [...issued.kinds], gpFirstIssuedAt: issued.gpFirstIssuedAt } } : {}),
  };
}
