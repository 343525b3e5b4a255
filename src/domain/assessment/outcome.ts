/**
 * Section 4.9 "Outcome and actions" (under 18 for now; adults whose Think Family found
 * children once 4.7 exists).
 *
 * Owns: the concern level the clinician chooses (NICE CG89 step 4), the explanation and the
 * senior who agreed (by role, with name and time) when the concern is excluded, whether it
 * is safe for the child to go home, who it was discussed with, the referral to
 * children's social care (MASH) including the out-of-hours plan, the police, and whether the
 * health visitor or school nurse is told (NICE CG89 step 5: record all actions and the
 * outcome, research §1.2–1.3). Which levels the answers allow is decided in
 * rules/concern-level.ts; MASH hours in rules/mash-hours.ts.
 */
import * as z from 'zod/mini';
import { compareIso, fromLondon, parseDateParts, parseTimeOfDay } from '../shared/dates';
import type { DateParts, IsoInstant } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { ConcernFacts, ConcernLevel, ExclusionSeniorRole } from '../rules/concern-level';
import {
  concernLevelLabels,
  concernLevelProblem,
  concernLevels,
  exclusionRolesAllowed,
  exclusionSeniorRoleLabels,
  exclusionSeniorRoles,
  referralMandatory,
} from '../rules/concern-level';
import { isWithinMashHours } from '../rules/mash-hours';
import type { MashHours } from '../settings/device-settings';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, datePartsField, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { datePartsFieldFor } from './patient';
import type { SafeguardingDraft } from './safeguarding-prompts';
import { checkLength, datePartsMessage } from './validation-helpers';

export const concernLevelOptions = [
  { value: 'no-concern', label: concernLevelLabels['no-concern'] },
  { value: 'consider', label: concernLevelLabels.consider, hint: 'Maltreatment is one possible explanation' },
  { value: 'suspect', label: concernLevelLabels.suspect, hint: 'A serious level of concern that maltreatment is possible' },
  { value: 'excluded', label: concernLevelLabels.excluded, hint: 'A suitable explanation was found' },
] as const satisfies readonly AnswerOption<ConcernLevel>[];

export const referralOptionsAll = {
  made: { value: 'made', label: 'Made' },
  notMade: { value: 'not-made', label: 'Not made' },
  nextWorkingDay: { value: 'next-working-day', label: 'To be made next working day' },
} as const satisfies Record<string, AnswerOption>;

export type ReferralAnswer = (typeof referralOptionsAll)[keyof typeof referralOptionsAll]['value'];

export const outcomeDraftSchema = z.object({
  concernLevel: choiceField(concernLevels),
  excludedExplanation: textField(),
  excludedAgreedByName: textField(),
  /** Retired: the senior's role as free text, replaced by excludedSeniorRole. Kept so older records still read. */
  excludedAgreedByRole: textField(),
  excludedSeniorRole: choiceField(exclusionSeniorRoles),
  excludedAgreedDate: datePartsField(),
  excludedAgreedTime: textField(),
  discussedWithName: textField(),
  discussedWithRole: textField(),
  discussedWithDate: datePartsField(),
  discussedWithTime: textField(),
  immediateDanger: choiceField(['yes', 'no']),
  referral: choiceField(['made', 'not-made', 'next-working-day']),
  referralDate: datePartsField(),
  referralTime: textField(),
  referralReference: textField(),
  referralTakenBy: textField(),
  referralNotMadeReason: textField(),
  referralNextDayBy: textField(),
  referralNextDayDate: datePartsField(),
  referralNextDayTime: textField(),
  emergencyDutyTeamCalled: choiceField(['yes', 'no']),
  police: choiceField(['yes', 'no']),
  policeDetails: textField(),
  policeNotInformedReason: textField(),
  notify: choiceField(['yes', 'no']),
  /** PRODUCT.md 4.9 safeToGoHome: asked for Consider, Suspect or a disclosure; "Home" at discharge needs it. */
  safeToGoHome: choiceField(['yes', 'no']),
  safeToGoHomeAgreedBy: textField(),
  safeToGoHomeNotSafePlan: textField(),
  /** Issue 12: the nurse marks the "Tell the paediatric liaison nurse" step done (Suspect). */
  paediatricLiaisonTold: choiceField(['yes', 'no']),
});

export type OutcomeDraft = z.infer<typeof outcomeDraftSchema>;

export const emptyOutcomeDraft = (): OutcomeDraft => outcomeDraftSchema.parse({});

/** The seniors who may agree an exclusion, as answer options. */
export const exclusionSeniorRoleOptions = (roles: readonly ExclusionSeniorRole[] = exclusionSeniorRoles): AnswerOption<ExclusionSeniorRole>[] =>
  roles.map((role) => ({ value: role, label: exclusionSeniorRoleLabels[role] }));

export const safeToGoHomeOptions = [
  { value: 'yes', label: 'Yes, it is safe and the child feels safe to go home' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

/** Canonical wording (PRODUCT.md 4.9). */
export const outcomeQuestions = {
  concernLevel: { label: 'Safeguarding concern', hint: 'You choose the level. The app shows the highest NICE level among what you recorded' },
  excluded: {
    explanationLabel: 'What suitable explanation was found?',
    agreedByNameLabel: 'Name of the senior who agreed',
    agreedByRoleLabel: 'Their role',
    roleLegend: 'Role of the senior who agreed',
    seniorAssessmentHint: 'After a disclosure or a bruise in a child who is not independently mobile, only a consultant paediatrician or the safeguarding team can agree an exclusion, after their own assessment',
    dateLabel: 'Date they agreed',
    timeLabel: 'Time they agreed',
  },
  safeToGoHome: {
    label: 'Is it safe for the child to go home? Does the child feel safe to go home?',
    hint: 'Ask the child, where they can answer, as well as deciding yourself. Discharge home is not accepted until this is recorded',
    agreedByLabel: 'Who agreed?',
    agreedByHint: 'Name and role, for example the paediatric registrar or the safeguarding team',
    notSafePlanLabel: 'Where will the child go instead, and who agreed?',
  },
  discussedWith: {
    label: 'Discussed with',
    nameLabel: 'Name',
    roleLabel: 'Role',
    dateLabel: 'Date of the discussion',
    timeLabel: 'Time of the discussion',
    timeHint: 'Use the 24-hour clock, for example 14:30',
  },
  immediateDanger: { label: 'Is the child in immediate danger?', hint: 'If the child is in immediate danger, call the police on 999' },
  referral: {
    label: "Referral to children's social care (MASH)",
    dateLabel: 'Date the referral was made',
    timeLabel: 'Time the referral was made',
    referenceLabel: 'Reference (if given)',
    takenByLabel: 'Who took the referral?',
    notMadeReasonLabel: 'Why was a referral not made?',
    nextDayByLabel: 'Who will make the referral?',
    nextDayByHint: 'Name and role',
    nextDayDateLabel: 'Date the referral will be made',
    nextDayTimeLabel: 'Time the referral will be made',
  },
  emergencyDutyTeamCalled: { label: 'Was the emergency duty team called?' },
  police: {
    label: 'Police informed',
    detailsLabel: 'When were they informed, who did you speak to, and the reference',
    notInformedReasonLabel: 'Why were the police not informed?',
  },
  notify: {
    healthVisitorLabel: 'Inform the health visitor',
    schoolNurseLabel: 'Inform the school nurse',
  },
  paediatricLiaisonTold: { label: 'Has the paediatric liaison nurse been told?', hint: 'Answer Yes when you have told them: the step in "What to do next" is then marked as recorded' },
} as const;

/** Whether the section applies: under 18, and an adult whose Think Family found children (PRODUCT.md 4.9). */
export const outcomeApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child || ctx.thinkFamilyFoundChildren === true;

/**
 * Whether "Inform the health visitor or school nurse" is asked here: for a child. An adult's
 * children are each notified from Think Family (screening/think-family.ts `share`).
 */
export const notifyApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child;

/** "Inform the health visitor" under 5, "Inform the school nurse" 5–17 (PRODUCT.md section 3). */
export const notifyLabel = (ctx: AssessmentContext): string =>
  ctx.pathway.underFive ? outcomeQuestions.notify.healthVisitorLabel : outcomeQuestions.notify.schoolNurseLabel;

function readInstant(date: DateParts, time: string): IsoInstant | undefined {
  const parsedDate = parseDateParts(date);
  const parsedTime = parseTimeOfDay(time);
  return parsedDate.ok && parsedTime ? fromLondon(parsedDate.value, parsedTime) : undefined;
}

export const readDiscussedAt = (draft: OutcomeDraft): IsoInstant | undefined => readInstant(draft.discussedWithDate, draft.discussedWithTime);
export const readReferralMadeAt = (draft: OutcomeDraft): IsoInstant | undefined => readInstant(draft.referralDate, draft.referralTime);
export const readReferralPlannedAt = (draft: OutcomeDraft): IsoInstant | undefined => readInstant(draft.referralNextDayDate, draft.referralNextDayTime);
export const readExclusionAgreedAt = (draft: OutcomeDraft): IsoInstant | undefined => readInstant(draft.excludedAgreedDate, draft.excludedAgreedTime);

/**
 * Whether "Is it safe for the child to go home?" is asked: for Consider, Suspect or a
 * disclosure (PRODUCT.md 4.9). It is not needed to sign: the discharge section refuses
 * "Home" without it (discharge.ts), which stops the GP letter, never the signature.
 */
export const safeToGoHomeApplies = (draft: Pick<OutcomeDraft, 'concernLevel'>, safeguarding: Pick<SafeguardingDraft, 'disclosure'>, ctx: AssessmentContext): boolean =>
  ctx.pathway.child && (draft.concernLevel === 'consider' || draft.concernLevel === 'suspect' || safeguarding.disclosure === 'yes');

/** Recorded as safe, with who agreed. */
export const safeToGoHomeRecorded = (draft: Pick<OutcomeDraft, 'safeToGoHome' | 'safeToGoHomeAgreedBy'>): boolean => draft.safeToGoHome === 'yes' && !isBlank(draft.safeToGoHomeAgreedBy);

/** Levels that need a discussion with a more experienced colleague (NICE CG89 consider actions; PRODUCT.md 4.9). */
export const discussionRequired = (draft: OutcomeDraft): boolean => draft.concernLevel === 'consider' || draft.concernLevel === 'suspect';

/** The referral question is shown for Consider and Suspect. */
/**
 * Whether "Was the emergency duty team called?" is asked: only out of hours (the referral is
 * to be made next working day, an answer offered only when the MASH is closed) AND the child
 * needs protection now ("Is the child in immediate danger?" Yes: the same reading as the "What
 * to do next" panel, rules/next-steps.ts). Without immediate danger the referral waits for the
 * next working day with a named person (CQC finding 3.4); asking every out-of-hours concern
 * about the emergency duty team teaches nurses to skip it (alert fatigue, issue 8).
 */
export const emergencyDutyTeamQuestionApplies = (draft: Pick<OutcomeDraft, 'referral' | 'immediateDanger'>): boolean =>
  draft.referral === 'next-working-day' && draft.immediateDanger === 'yes';

export const referralApplies = (draft: OutcomeDraft): boolean => draft.concernLevel === 'consider' || draft.concernLevel === 'suspect';

/** Suspect: refer to children's social care (NICE CG89, research §1.3; PRODUCT.md 4.9). */
export const referralRequired = (draft: OutcomeDraft): boolean => draft.concernLevel === 'suspect';

/**
 * The time of the decision: the time of the discussion when one is recorded, otherwise now.
 * Tied to the discussion so that a record finished after the night shift keeps the
 * out-of-hours answers it was given.
 */
export const decisionTime = (draft: OutcomeDraft, ctx: AssessmentContext): IsoInstant => readDiscussedAt(draft) ?? ctx.now;

/** Whether the decision was made outside MASH hours (settings). */
export const decidedOutOfHours = (draft: OutcomeDraft, ctx: AssessmentContext, mashHours: MashHours): boolean => !isWithinMashHours(decisionTime(draft, ctx), mashHours);

/**
 * The referral answers to offer: Made and Not made always; "To be made next working day" when
 * the decision was outside MASH hours, or when it is already the answer (so a stored answer is
 * never hidden). Not made is left out when referral is mandatory (under 13).
 */
export function referralAnswers(draft: OutcomeDraft, ctx: AssessmentContext, mashHours: MashHours, safeguarding: SafeguardingDraft, facts: ConcernFacts = {}): AnswerOption<ReferralAnswer>[] {
  const options: AnswerOption<ReferralAnswer>[] = [referralOptionsAll.made];
  if (decidedOutOfHours(draft, ctx, mashHours) || draft.referral === 'next-working-day') options.push(referralOptionsAll.nextWorkingDay);
  if (!referralMandatory(safeguarding, ctx, facts) || draft.referral === 'not-made') options.push(referralOptionsAll.notMade);
  return options;
}

export type PolicePromptReason = 'immediate-danger' | 'fgm-known-case';

export interface OutcomeOptions extends ConcernFacts {
  /** A known case of FGM in a girl under 18 (mandatory police report, research §6.1). Supplied by the FGM screen once it exists. */
  fgmKnownCase?: boolean;
}

/** Suspect needs the police answer, with a reason when they were not informed (PRODUCT.md 4.9, issue 8). */
export const policeRequired = (draft: OutcomeDraft, options: OutcomeOptions = {}): boolean =>
  draft.concernLevel === 'suspect' || policePromptReasons(draft, options).length > 0;

/** Why the police question is prompted (PRODUCT.md 4.9: immediate danger, a known FGM case, or as decided). */
export function policePromptReasons(draft: OutcomeDraft, options: OutcomeOptions = {}): PolicePromptReason[] {
  const reasons: PolicePromptReason[] = [];
  if (draft.immediateDanger === 'yes' && (draft.concernLevel === 'consider' || draft.concernLevel === 'suspect')) reasons.push('immediate-danger');
  if (options.fgmKnownCase === true) reasons.push('fgm-known-case');
  return reasons;
}

/** The police question is shown for Consider and Suspect, and whenever it is prompted. */
export const policeApplies = (draft: OutcomeDraft, options: OutcomeOptions = {}): boolean =>
  draft.concernLevel === 'consider' || draft.concernLevel === 'suspect' || policePromptReasons(draft, options).length > 0;

interface TimeBounds {
  arrivedAt: IsoInstant | undefined;
  now: IsoInstant;
}

/**
 * Checks a date-and-time answer: both parts present and real, not before arrival and not in
 * the future. `what` names the moment in messages ("the discussion").
 */
function validatePastTime(issues: IssueList, dateField: string, timeField: string, date: DateParts, time: string, names: { date: string; time: string; moment: string }, bounds: TimeBounds): void {
  const parsed = parseDateParts(date);
  if (!parsed.ok) issues.add(`${dateField}.${datePartsFieldFor(parsed.problem)}`, datePartsMessage(names.date, parsed.problem));
  if (isBlank(time)) issues.add(timeField, `Enter the ${names.time.toLowerCase()}, for example 14:30`);
  else if (!parseTimeOfDay(time)) issues.add(timeField, `Enter the ${names.time.toLowerCase()} using the 24-hour clock, for example 14:30`);
  const at = readInstant(date, time);
  if (!at) return;
  if (compareIso(at, bounds.now) > 0) issues.add(timeField, `The time ${names.moment} must be now or in the past`);
  else if (bounds.arrivedAt && compareIso(at, bounds.arrivedAt) < 0) issues.add(timeField, `The time ${names.moment} cannot be before the arrival time`);
}

/**
 * Validates the outcome. `safeguarding` and `options.informationChecks` supply what was
 * recorded, so a level that contradicts it is refused with a message that names why
 * (rules/concern-level.ts); `options.stage` is 'addendum' after signing.
 * Whether the MASH was open does not change what is valid: the out-of-hours answer is only
 * offered outside hours (referralAnswers), and a recorded plan stays valid, so the page and
 * the check before signing always agree.
 */
export function validateOutcome(draft: OutcomeDraft, ctx: AssessmentContext, safeguarding: SafeguardingDraft, options: OutcomeOptions = {}): Issue[] {
  const issues = new IssueList();
  if (!outcomeApplies(ctx)) return issues.items;
  const bounds: TimeBounds = { arrivedAt: ctx.arrivedAt, now: ctx.now };
  const level = draft.concernLevel;
  const facts: ConcernFacts = options;

  if (level === '') issues.add('concernLevel', 'Select the safeguarding concern level');
  else {
    const problem = concernLevelProblem(level, safeguarding, ctx, undefined, facts);
    if (problem) issues.add('concernLevel', problem);
  }

  if (level === 'excluded') {
    if (isBlank(draft.excludedExplanation)) issues.add('excludedExplanation', 'Enter the suitable explanation that was found');
    checkLength(issues, 'excludedExplanation', draft.excludedExplanation, MAX_FREE_TEXT, 'The explanation');
    if (isBlank(draft.excludedAgreedByName)) issues.add('excludedAgreedByName', 'Enter the name of the senior who agreed the concern is excluded');
    checkLength(issues, 'excludedAgreedByName', draft.excludedAgreedByName, MAX_SHORT_TEXT, 'Name');
    const roles = exclusionRolesAllowed(safeguarding, ctx, undefined, facts);
    if (draft.excludedSeniorRole === '') issues.add('excludedSeniorRole', 'Select the role of the senior who agreed the concern is excluded');
    else if (!roles.includes(draft.excludedSeniorRole)) {
      issues.add('excludedSeniorRole', 'Only a consultant paediatrician or the safeguarding team can agree an exclusion after a disclosure or a bruise in a child who is not independently mobile');
    }
    validatePastTime(issues, 'excludedAgreedDate', 'excludedAgreedTime', draft.excludedAgreedDate, draft.excludedAgreedTime, { date: 'Date they agreed', time: 'Time they agreed', moment: 'they agreed' }, bounds);
  }

  if (discussionRequired(draft)) {
    if (isBlank(draft.discussedWithName)) issues.add('discussedWithName', 'Enter the name of the person you discussed the concern with');
    checkLength(issues, 'discussedWithName', draft.discussedWithName, MAX_SHORT_TEXT, 'Name');
    if (isBlank(draft.discussedWithRole)) issues.add('discussedWithRole', 'Enter the role of the person you discussed the concern with');
    checkLength(issues, 'discussedWithRole', draft.discussedWithRole, MAX_SHORT_TEXT, 'Role');
    validatePastTime(issues, 'discussedWithDate', 'discussedWithTime', draft.discussedWithDate, draft.discussedWithTime, { date: 'Date of the discussion', time: 'Time of the discussion', moment: 'of the discussion' }, bounds);
  }

  if (level === 'suspect' && draft.immediateDanger === '') issues.add('immediateDanger', 'Select whether the child is in immediate danger');

  if (referralApplies(draft)) {
    if (draft.referral === '') {
      if (referralRequired(draft)) issues.add('referral', "Select whether a referral to children's social care was made");
    } else if (draft.referral === 'made') {
      validatePastTime(issues, 'referralDate', 'referralTime', draft.referralDate, draft.referralTime, { date: 'Date the referral was made', time: 'Time the referral was made', moment: 'the referral was made' }, bounds);
      if (isBlank(draft.referralTakenBy)) issues.add('referralTakenBy', 'Enter the name of the person who took the referral');
      checkLength(issues, 'referralTakenBy', draft.referralTakenBy, MAX_SHORT_TEXT, 'Who took the referral');
      checkLength(issues, 'referralReference', draft.referralReference, MAX_SHORT_TEXT, 'Reference');
    } else if (draft.referral === 'not-made') {
      if (referralMandatory(safeguarding, ctx, facts)) {
        issues.add('referral', "A referral to children's social care is mandatory here (sexual activity or pregnancy under 13, a known case of FGM, or domestic abuse disclosed by a 16 or 17-year-old): select whether it was made or will be made next working day");
      } else if (isBlank(draft.referralNotMadeReason)) issues.add('referralNotMadeReason', 'Enter why a referral was not made');
      checkLength(issues, 'referralNotMadeReason', draft.referralNotMadeReason, MAX_FREE_TEXT, 'Why a referral was not made');
    } else {
      if (isBlank(draft.referralNextDayBy)) issues.add('referralNextDayBy', 'Enter who will make the referral');
      checkLength(issues, 'referralNextDayBy', draft.referralNextDayBy, MAX_SHORT_TEXT, 'Who will make the referral');
      const date = parseDateParts(draft.referralNextDayDate);
      if (!date.ok) issues.add(`referralNextDayDate.${datePartsFieldFor(date.problem)}`, datePartsMessage('Date the referral will be made', date.problem));
      if (isBlank(draft.referralNextDayTime)) issues.add('referralNextDayTime', 'Enter the time the referral will be made, for example 09:00');
      else if (!parseTimeOfDay(draft.referralNextDayTime)) issues.add('referralNextDayTime', 'Enter the time the referral will be made using the 24-hour clock, for example 09:00');
      const planned = readReferralPlannedAt(draft);
      if (planned && compareIso(planned, decisionTime(draft, ctx)) <= 0) {
        issues.add('referralNextDayTime', readDiscussedAt(draft) ? 'The time the referral will be made must be after the time of the discussion' : 'The time the referral will be made must be in the future');
      }
      if (emergencyDutyTeamQuestionApplies(draft) && draft.emergencyDutyTeamCalled === '') issues.add('emergencyDutyTeamCalled', 'Select whether the emergency duty team was called');
    }
  }

  if (policeApplies(draft, options)) {
    const prompted = policeRequired(draft, options);
    if (draft.police === '') {
      if (prompted) issues.add('police', 'Select whether the police were informed');
    } else if (draft.police === 'yes') {
      if (isBlank(draft.policeDetails)) issues.add('policeDetails', 'Enter when the police were informed, who you spoke to and the reference');
      checkLength(issues, 'policeDetails', draft.policeDetails, MAX_FREE_TEXT, 'Police details');
    } else {
      if (prompted && isBlank(draft.policeNotInformedReason)) issues.add('policeNotInformedReason', 'Enter why the police were not informed');
      checkLength(issues, 'policeNotInformedReason', draft.policeNotInformedReason, MAX_FREE_TEXT, 'Why the police were not informed');
    }
  }

  if (notifyApplies(ctx) && draft.notify === '') issues.add('notify', `Select whether to ${notifyLabel(ctx).toLowerCase()}`);
  // Safe to go home: optional here (never stops signing); the discharge section needs it for "Home".
  checkLength(issues, 'safeToGoHomeAgreedBy', draft.safeToGoHomeAgreedBy, MAX_SHORT_TEXT, 'Who agreed');
  checkLength(issues, 'safeToGoHomeNotSafePlan', draft.safeToGoHomeNotSafePlan, MAX_FREE_TEXT, 'Where the child will go');

  return issues.items;
}
