/**
 * "Left before assessment" (issue 12; PRODUCT.md section 6): a patient who leaves before
 * assessment or treatment is recorded as such — minimum identity, when they left, what is
 * known, and who was told — and the record can be signed without the full assessment. The
 * attendance summary carries the fact, so the liaison review list keeps the attendance
 * (CQC recommendations 1.5 and 3.5: a safety net that reviews every under-18 attendance,
 * including the child who left before anyone saw them).
 *
 * Owns: the section's draft, questions and validation; which sections stay relevant once the
 * patient has left (Patient and attendance, and this one); which patient answers are the
 * minimum identity; and the under-18 prompt to call the parent or carer and the safeguarding
 * team (the app prompts, the nurse decides: no rule here forces a call).
 */
import * as z from 'zod/mini';
import { compareIso, formatDate, fromLondon, parseDateParts, parseTimeOfDay } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, choicesField, datePartsField, optionLabel, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import type { PatientDraft } from './patient';
import { datePartsFieldFor } from './patient';
import type { SummaryRow } from './summary';
import { checkLength, datePartsMessage } from './validation-helpers';

export const leftOptions = [
  { value: 'yes', label: 'Yes, the patient left before assessment or treatment' },
  { value: 'no', label: 'No, the patient is still here' },
] as const satisfies readonly AnswerOption[];

export const informedOptions = [
  { value: 'parent-or-carer', label: 'Parent or carer' },
  { value: 'safeguarding-team', label: 'Hospital safeguarding team' },
  { value: 'nurse-in-charge', label: 'Nurse in charge' },
  { value: 'gp', label: 'GP' },
  { value: 'police', label: 'Police' },
  { value: 'other', label: 'Someone else' },
  { value: 'nobody', label: 'Nobody has been told yet', exclusive: true },
] as const satisfies readonly (AnswerOption & { exclusive?: boolean })[];

export const leftBeforeAssessmentDraftSchema = z.object({
  left: choiceField(['yes', 'no']),
  leftDate: datePartsField(),
  leftTime: textField(),
  /** What is known: why they came, who was with them, anything seen or said. */
  whatIsKnown: textField(),
  informed: choicesField(['parent-or-carer', 'safeguarding-team', 'nurse-in-charge', 'gp', 'police', 'other', 'nobody']),
  /** Names, numbers and times of who was told; who "someone else" was. */
  informedDetails: textField(),
  /** Why nobody has been told yet. */
  nobodyReason: textField(),
});

export type LeftBeforeAssessmentDraft = z.infer<typeof leftBeforeAssessmentDraftSchema>;

export const emptyLeftBeforeAssessmentDraft = (): LeftBeforeAssessmentDraft => leftBeforeAssessmentDraftSchema.parse({});

/** Canonical wording. */
export const leftBeforeAssessmentQuestions = {
  title: 'Left before assessment',
  taskListLink: 'Record that the patient left before assessment or treatment',
  left: { label: 'Did the patient leave before assessment or treatment?', hint: 'Record what you know now. You can sign this without the rest of the assessment' },
  leftAt: { label: 'When did the patient leave?', dateLabel: 'Date they left', timeLabel: 'Time they left (or when they were last seen)' },
  whatIsKnown: { label: 'What is known', hint: 'Why they came, who was with them, anything seen or said, and how they left' },
  informed: { label: 'Who has been told that the patient left?', hint: 'Select all that apply' },
  informedDetails: { label: 'Names, numbers and times', hint: 'For example, mother phoned 21:40, no answer; safeguarding team told 21:45' },
  nobodyReason: { label: 'Why has nobody been told yet?' },
} as const;

/** The patient has been recorded as having left before assessment or treatment. */
export const leftBeforeAssessment = (draft: Pick<LeftBeforeAssessmentDraft, 'left'>): boolean => draft.left === 'yes';

/**
 * Sections that stay relevant once the patient has left: who they are and this record. The
 * rest of the assessment cannot be done without the patient, so it is not shown and does not
 * stop signing (PRODUCT.md section 4: sections not relevant to this patient are not shown).
 */
export const sectionsWhenLeft = ['patient', 'leftBeforeAssessment'] as const;

/** Whether a section is relevant, given whether the patient left (other sections keep their own rules). */
export const relevantWhenLeft = (sectionId: string, ctx: Pick<AssessmentContext, 'leftBeforeAssessment'>): boolean =>
  !ctx.leftBeforeAssessment || (sectionsWhenLeft as readonly string[]).includes(sectionId);

/**
 * Patient answers that are not part of the minimum identity: once the patient has left they
 * are recorded if known and never stop signing. The minimum identity stays required — arrival,
 * name (or "Name not known" with a reason) and date of birth (or an estimated age) — and an
 * NHS number, if typed, must still be valid.
 */
const notMinimumIdentity = new Set(['sex', 'interpreterNeeded', 'interpreterLanguage', 'attendanceReason', 'attendanceReasonDetail', 'injuryDate.day', 'injuryDate.month', 'injuryDate.year', 'injuryTime', 'nhsNumberNotKnownReason', 'nhsNumberNotKnownOther']);

/** The patient section's issues once the patient has left: the minimum identity only. */
export function minimumIdentityIssues(issues: readonly Issue[], patient: Pick<PatientDraft, 'nhsNumber'>, ctx: Pick<AssessmentContext, 'leftBeforeAssessment'>): Issue[] {
  if (!ctx.leftBeforeAssessment) return [...issues];
  return issues.filter((issue) => !notMinimumIdentity.has(issue.field) && !(issue.field === 'nhsNumber' && isBlank(patient.nhsNumber)));
}

/**
 * Under 18 (or age not known): call the parent or carer and the safeguarding team. A child who
 * leaves before being seen may be at risk, and whoever has parental responsibility must know
 * (research §5.1; local missing-child procedures). A prompt, not a rule.
 */
export const callParentAndSafeguardingTeam = (ctx: Pick<AssessmentContext, 'pathway'>): boolean => ctx.pathway.child || ctx.pathway.ageYears === undefined;

export function validateLeftBeforeAssessment(draft: LeftBeforeAssessmentDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  if (draft.left === '') issues.add('left', 'Select whether the patient left before assessment or treatment');
  if (draft.left !== 'yes') return issues.items;
  const date = parseDateParts(draft.leftDate);
  if (!date.ok) issues.add(`leftDate.${datePartsFieldFor(date.problem)}`, datePartsMessage('Date they left', date.problem));
  const time = parseTimeOfDay(draft.leftTime);
  if (isBlank(draft.leftTime)) issues.add('leftTime', 'Enter the time they left, for example 21:30');
  else if (!time) issues.add('leftTime', 'Enter the time they left using the 24-hour clock, for example 21:30');
  if (date.ok && time) {
    const leftAt = fromLondon(date.value, time);
    if (compareIso(leftAt, ctx.now) > 0) issues.add('leftTime', 'The time they left must be now or in the past');
    else if (ctx.arrivedAt && compareIso(leftAt, ctx.arrivedAt) < 0) issues.add('leftTime', 'The time they left must be after they arrived');
  }
  if (isBlank(draft.whatIsKnown)) issues.add('whatIsKnown', 'Enter what is known about the patient and why they came');
  checkLength(issues, 'whatIsKnown', draft.whatIsKnown, MAX_FREE_TEXT, 'What is known');
  if (draft.informed.length === 0) issues.add('informed', "Select who has been told, or 'Nobody has been told yet'");
  else if (draft.informed.includes('nobody') && draft.informed.length > 1) issues.add('informed', "Select who has been told, or only 'Nobody has been told yet'");
  if (draft.informed.some((value) => value !== 'nobody') && isBlank(draft.informedDetails)) issues.add('informedDetails', 'Enter who was told, how to reach them and when');
  checkLength(issues, 'informedDetails', draft.informedDetails, MAX_FREE_TEXT, 'Names, numbers and times');
  if (draft.informed.includes('nobody') && isBlank(draft.nobodyReason)) issues.add('nobodyReason', 'Enter why nobody has been told yet');
  checkLength(issues, 'nobodyReason', draft.nobodyReason, MAX_SHORT_TEXT, 'Why nobody has been told');
  return issues.items;
}

const NOT_PROVIDED = 'Not provided';

export function summariseLeftBeforeAssessment(draft: LeftBeforeAssessmentDraft): SummaryRow[] {
  const q = leftBeforeAssessmentQuestions;
  const rows: SummaryRow[] = [{ key: q.left.label, value: [optionLabel(leftOptions, draft.left) || NOT_PROVIDED], field: 'left' }];
  if (draft.left !== 'yes') return rows;
  const date = parseDateParts(draft.leftDate);
  rows.push({ key: q.leftAt.label, value: [date.ok && !isBlank(draft.leftTime) ? `${formatDate(date.value)} at ${draft.leftTime.trim()}` : NOT_PROVIDED], field: 'leftDate.day' });
  rows.push({ key: q.whatIsKnown.label, value: [draft.whatIsKnown.trim() || NOT_PROVIDED], field: 'whatIsKnown' });
  const told = draft.informed.map((value) => optionLabel(informedOptions, value));
  rows.push({ key: q.informed.label, value: told.length > 0 ? told : [NOT_PROVIDED], field: 'informed' });
  if (!isBlank(draft.informedDetails)) rows.push({ key: q.informedDetails.label, value: [draft.informedDetails.trim()], field: 'informedDetails' });
  if (draft.informed.includes('nobody')) rows.push({ key: q.nobodyReason.label, value: [draft.nobodyReason.trim() || NOT_PROVIDED], field: 'nobodyReason' });
  return rows;
}
