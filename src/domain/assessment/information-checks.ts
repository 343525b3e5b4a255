/**
 * Section 4.4 "Information checks" (under 18; any pregnant patient once pregnancy is asked).
 *
 * Owns: the CP-IS check as a recorded attestation (the offline app cannot query the Spine,
 * research §2.2), whether the child is known to children's social care, the number of
 * previous urgent-care attendances, and the health visitor or school nurse; plus two pure
 * rules: the frequent-attendance flag and the CP-IS answer to suggest when there is no NHS
 * number. CQC recommendations 3.2 (previous attendances highlighted) and 3.3 (alerting staff
 * to vulnerable children) are answered here.
 */
import * as z from 'zod/mini';
import { compareIso, daysInMonth, fromLondon, toLondon } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { isValidPhone } from '../shared/phone';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, flagField, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { yesNoNotKnownOptions } from './options';
import type { PatientDraft } from './patient';
import { readNhsNumber } from './patient';
import { checkLength } from './validation-helpers';

/** CP-IS answers, canonical wording (PRODUCT.md 4.4; research §2.2). */
export const cpisOptions = [
  { value: 'checked-cp-plan', label: 'Checked – child protection plan' },
  { value: 'checked-looked-after', label: 'Checked – looked after' },
  { value: 'checked-unborn-cp-plan', label: 'Checked – unborn child protection plan' },
  { value: 'checked-no-plan', label: 'Checked – no plan' },
  { value: 'not-checked-no-nhs-number', label: 'Not checked – no NHS number' },
  { value: 'not-checked-system-unavailable', label: 'Not checked – system unavailable' },
  { value: 'not-checked-other', label: 'Not checked – other (reason)' },
] as const satisfies readonly AnswerOption[];

export type CpisAnswer = (typeof cpisOptions)[number]['value'];

export const socialCareOptions = yesNoNotKnownOptions;

export const openCaseOptions = yesNoNotKnownOptions;

export const informationChecksDraftSchema = z.object({
  cpis: choiceField(['checked-cp-plan', 'checked-looked-after', 'checked-unborn-cp-plan', 'checked-no-plan', 'not-checked-no-nhs-number', 'not-checked-system-unavailable', 'not-checked-other']),
  cpisOtherReason: textField(),
  socialCare: choiceField(['yes', 'no', 'not-known']),
  socialWorkerName: textField(),
  socialWorkerTeam: textField(),
  socialWorkerPhone: textField(),
  /** Asked when the child is known to children's social care: is a case open now? Only an open case refuses "No concern" (PRODUCT.md 4.9). */
  openCase: choiceField(['yes', 'no', 'not-known']),
  /** A whole number 0–99 as typed, unless previousAttendancesNotKnown. */
  previousAttendances: textField(),
  previousAttendancesNotKnown: flagField(),
  hvOrSchoolNurse: textField(),
});

export type InformationChecksDraft = z.infer<typeof informationChecksDraftSchema>;

export const emptyInformationChecksDraft = (): InformationChecksDraft => informationChecksDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.4). */
export const informationChecksQuestions = {
  cpis: {
    label: 'Child Protection Information Sharing (CP-IS) check',
    hint: 'Check CP-IS on the Spine using the NHS number. This app records the result; it does not do the check',
    otherReasonLabel: 'Why was CP-IS not checked?',
  },
  socialCare: {
    label: "Is the child known to children's social care?",
    nameLabel: "Social worker's name",
    teamLabel: 'Team',
    phoneLabel: 'Phone number',
  },
  openCase: {
    label: "Is there an open case with children's social care now?",
    hint: 'For example, a child in need plan, an assessment under way or an allocated social worker',
  },
  previousAttendances: {
    label: 'ED, MIU or urgent care attendances in the last 12 months',
    hint: 'Do not count this attendance',
    notKnown: 'Not known',
  },
  hvOrSchoolNurse: {
    healthVisitorLabel: 'Health visitor',
    schoolNurseLabel: 'School nurse',
    hint: 'Name or team, if known',
  },
} as const;

/**
 * Whether the section applies. PRODUCT.md 4.4: under 18, and any pregnant patient (asked in
 * Think Family, 4.7): for the unborn child, CP-IS is checked by the mother's NHS number
 * (research §2.2 and §2.4, V: CP-IS covers unborn child protection plans).
 */
export const informationChecksApply = (ctx: AssessmentContext): boolean => ctx.pathway.child || ctx.pregnant === true;

/** The health visitor or school nurse question: the child's own (not asked of a pregnant adult). */
export const hvOrSchoolNurseApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child;

/** A pregnant adult: the checks are for the unborn child. */
export const checksForUnbornChild = (ctx: AssessmentContext): boolean => !ctx.pathway.child && ctx.pregnant === true;

/** What the page says to a nurse checking for an unborn child. */
export const unbornChildChecksHint = "For the unborn child: check CP-IS using the mother's NHS number, and ask whether the family is known to children's social care";

/** "Health visitor" under 5, "School nurse" 5–17 (PRODUCT.md section 3). */
export function hvOrSchoolNurseLabel(ctx: AssessmentContext): string {
  return ctx.pathway.underFive ? informationChecksQuestions.hvOrSchoolNurse.healthVisitorLabel : informationChecksQuestions.hvOrSchoolNurse.schoolNurseLabel;
}

/** The CP-IS answers that report a plan or looked-after status: copied into the GP letter (research §2.2). */
export const CPIS_POSITIVE: readonly CpisAnswer[] = ['checked-cp-plan', 'checked-looked-after', 'checked-unborn-cp-plan'];

export const isCpisPositive = (draft: Pick<InformationChecksDraft, 'cpis'>): boolean => draft.cpis !== '' && CPIS_POSITIVE.includes(draft.cpis);

/** Whether the open-case question is asked: only when the child is known to children's social care. */
export const openCaseApplies = (draft: Pick<InformationChecksDraft, 'socialCare'>): boolean => draft.socialCare === 'yes';

/** An open social-care case is recorded (the answer counts only while its question is asked). */
export const openSocialCareCase = (draft: Pick<InformationChecksDraft, 'socialCare' | 'openCase'>): boolean => openCaseApplies(draft) && draft.openCase === 'yes';

export const MAX_PREVIOUS_ATTENDANCES = 99;

/** The number of previous attendances, when a valid whole number 0–99 was entered. */
export function readPreviousAttendances(draft: InformationChecksDraft): number | undefined {
  if (draft.previousAttendancesNotKnown) return undefined;
  const text = draft.previousAttendances.trim();
  if (!/^\d{1,2}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * Attendances within this many months before arrival that make the flag (PRODUCT.md 4.4
 * and section 6: "3 or more in 12 months"; research §2.1: the 2012 intercollegiate
 * standards ask for systems that identify frequent attenders).
 */
export const FREQUENT_ATTENDANCE_COUNT = 3;
export const FREQUENT_ATTENDANCE_MONTHS = 12;

/**
 * The start of the 12-month look-back: the same London wall-clock time 12 calendar months
 * earlier (29 February looks back to 28 February).
 */
export function lookBackStart(arrivedAt: IsoInstant): IsoInstant {
  const wall = toLondon(arrivedAt);
  const [y, m, d] = wall.date.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) - FREQUENT_ATTENDANCE_MONTHS;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return fromLondon(date, wall.time);
}

/**
 * Frequent attendance: true when this attendance and the earlier ones together make 3 or
 * more in the 12 months up to this arrival.
 *
 * Decision: the current attendance counts. "3 or more in 12 months" then means two earlier
 * attendances plus today's, which is the reading that flags a child at the visit where the
 * pattern appears rather than one visit later; missing a pattern costs more than an extra
 * prompt. `attendances` are the other attendances found on this device (the current record
 * excluded); those at or after this arrival, and those before the look-back start, do not count.
 */
export function frequentAttendanceFlag(attendances: readonly { arrivedAt: IsoInstant }[], arrivedAt: IsoInstant): boolean {
  const from = lookBackStart(arrivedAt);
  const earlier = attendances.filter((attendance) => compareIso(attendance.arrivedAt, from) >= 0 && compareIso(attendance.arrivedAt, arrivedAt) < 0).length;
  return earlier + 1 >= FREQUENT_ATTENDANCE_COUNT;
}

/** The same rule for the number the nurse entered (earlier attendances, not counting today's). */
export function reportedFrequentAttendance(draft: InformationChecksDraft): boolean {
  const count = readPreviousAttendances(draft);
  return count !== undefined && count + 1 >= FREQUENT_ATTENDANCE_COUNT;
}

/**
 * The CP-IS answer to suggest: CP-IS is looked up by NHS number (research §2.2), so when the
 * patient section has no valid NHS number, "Not checked – no NHS number" is suggested. The
 * nurse still chooses: a number traced on the Spine during the check can be added to the
 * patient section afterwards.
 */
export function suggestedCpisAnswer(patient: PatientDraft): CpisAnswer | undefined {
  return readNhsNumber(patient) === undefined ? 'not-checked-no-nhs-number' : undefined;
}

export function validateInformationChecks(draft: InformationChecksDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  if (!informationChecksApply(ctx)) return issues.items;

  if (draft.cpis === '') issues.add('cpis', 'Select whether CP-IS was checked, and the result');
  else if (draft.cpis === 'not-checked-other' && isBlank(draft.cpisOtherReason)) issues.add('cpisOtherReason', 'Enter why CP-IS was not checked');
  checkLength(issues, 'cpisOtherReason', draft.cpisOtherReason, MAX_FREE_TEXT, 'Why CP-IS was not checked');

  if (draft.socialCare === '') issues.add('socialCare', "Select whether the child is known to children's social care");
  else if (draft.socialCare === 'yes') {
    // Name or team: a nurse often knows one and not the other; either lets the team be reached.
    if (isBlank(draft.socialWorkerName) && isBlank(draft.socialWorkerTeam)) issues.add('socialWorkerName', "Enter the social worker's name or team");
    checkLength(issues, 'socialWorkerName', draft.socialWorkerName, MAX_SHORT_TEXT, "Social worker's name");
    checkLength(issues, 'socialWorkerTeam', draft.socialWorkerTeam, MAX_SHORT_TEXT, 'Team');
    if (!isBlank(draft.socialWorkerPhone) && !isValidPhone(draft.socialWorkerPhone)) {
      issues.add('socialWorkerPhone', "Enter the social worker's phone number like 0115 496 0000 or 07700 900 982");
    }
    if (draft.openCase === '') issues.add('openCase', "Select whether there is an open case with children's social care now");
  }

  if (!draft.previousAttendancesNotKnown) {
    const text = draft.previousAttendances.trim();
    if (text === '') issues.add('previousAttendances', "Enter the number of ED, MIU or urgent care attendances in the last 12 months, or select 'Not known'");
    else if (readPreviousAttendances(draft) === undefined) issues.add('previousAttendances', `Number of attendances must be a whole number from 0 to ${MAX_PREVIOUS_ATTENDANCES}`);
  }

  checkLength(issues, 'hvOrSchoolNurse', draft.hvOrSchoolNurse, MAX_SHORT_TEXT, hvOrSchoolNurseLabel(ctx));
  return issues.items;
}
