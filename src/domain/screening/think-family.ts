/**
 * Think Family: children at home, for adults (PRODUCT.md 4.7; research §2.4).
 *
 * Owns: who the section applies to, its triggers as data (configurable in settings), when it
 * is mandatory, the §4.7 questions and answers in their canonical wording, the children (an
 * unborn child with an expected date of delivery), the immediate-escalation rule and the
 * action that must be recorded before signing, the pregnancy fields (midwifery and
 * safeguarding referral with a trigger), validation, and the follow-up "Not able to ask"
 * creates.
 *
 * Why: the CQC found the children of adults attending with risk-taking behaviour recorded in
 * one case only (CQC recommendations 1.7 and 3.7); NICE CG89's scope names parental mental
 * illness, substance misuse and intra-familial violence as well-recognised risk factors
 * (research §2.4, V). SCIE "Think child, think parent, think family" (V) asks for the
 * whole-family question. The app prompts and records; it scores nothing.
 *
 * Who (issue 10 clarification): every patient 18 and over; and a younger patient who is a
 * parent, a carer of children or pregnant. The app cannot know that before asking, so the
 * section is offered to every young person 11–17 (the young-person ages of PRODUCT.md
 * section 3) and becomes required, like an adult's, once the young person is recorded as a
 * parent, carer or pregnant with a trigger.
 *
 * Mandatory when a trigger applies, offered otherwise: an offered section left untouched
 * never stops signing. The immediate escalation is enforced whenever it applies.
 *
 * Ids are stable slugs stored in records: never rename or reuse one once released.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, choicesField, datePartsField, flagField, listField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength, datePartsMessage } from '../assessment/validation-helpers';
import { ageInYears, compareIso, parseDateParts, toLondon } from '../shared/dates';
import type { IsoDate } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import type { ScreeningReason, ScreeningSource } from './screening-context';

export const THINK_FAMILY_SOURCE: ScreeningSource = {
  citation: 'SCIE Think child, think parent, think family; NICE CG89 scope (risk factors); CQC recommendations 1.7 and 3.7',
  evidence: 'S',
  research: '§2.4',
  note: 'The SCIE guide and the CG89 risk factors are V; the trigger list and question wording are a product design (no RCEM wording verified, U)',
};

// ---------------------------------------------------------------------------------------
// Triggers (data, configurable in settings)
// ---------------------------------------------------------------------------------------

/** The facts a trigger reads: derived once per record (thinkFamilyTriggerFacts). */
export interface ThinkFamilyTriggerFacts {
  attendanceReason: ScreeningReason | undefined;
  /** Domestic abuse disclosed at this attendance. */
  domesticAbuseDisclosed: boolean;
  /** "Is the patient pregnant, or could they be?" answered Yes. */
  pregnant: boolean;
  /** The discharge destination is an admission. */
  admitted: boolean;
  /** The patient cares for the children alone. */
  soleCarer: boolean;
  /** An adult known or disclosed to have had FGM (their daughters may be at risk: research §6). */
  adultFgm: boolean;
  /** 18 and over (the FGM trigger is for adults: under 18 the FGM section applies). */
  adult: boolean;
}

/** The presentations "pregnancy with any of these" refers to (research §2.4). */
const PRESENTATION_REASONS: readonly ScreeningReason[] = ['self-harm', 'mental-health', 'intoxication', 'assault'];

const presentation = (facts: ThinkFamilyTriggerFacts): boolean =>
  (facts.attendanceReason !== undefined && PRESENTATION_REASONS.includes(facts.attendanceReason)) || facts.domesticAbuseDisclosed;

export interface ThinkFamilyTrigger {
  id: string;
  /** The settings checkbox and the "Why this is required" line. */
  label: string;
  applies: (facts: ThinkFamilyTriggerFacts) => boolean;
}

/**
 * Every trigger, on by default (issue 10; research §2.4 "configurable list"). Each can be
 * turned off in settings. "Pregnancy with any of these" fires on a pregnancy with any of the
 * presentations whether or not that presentation's own trigger is on: the unborn child is
 * considered on its own account (research §2.4, CP-IS covers unborn plans, V).
 */
export const thinkFamilyTriggers = [
  { id: 'self-harm', label: 'Self-harm or overdose', applies: (f) => f.attendanceReason === 'self-harm' },
  { id: 'mental-health', label: 'Mental health crisis', applies: (f) => f.attendanceReason === 'mental-health' },
  { id: 'intoxication', label: 'Alcohol or drug intoxication', applies: (f) => f.attendanceReason === 'intoxication' },
  { id: 'assault', label: 'Assault', applies: (f) => f.attendanceReason === 'assault' },
  { id: 'domestic-abuse', label: 'Disclosed domestic abuse', applies: (f) => f.domesticAbuseDisclosed },
  { id: 'pregnancy', label: 'Pregnancy with any of these', applies: (f) => f.pregnant && presentation(f) },
  { id: 'sole-carer-admitted', label: 'Admission of a patient who is a sole carer', applies: (f) => f.admitted && f.soleCarer },
  { id: 'adult-fgm', label: 'An adult with female genital mutilation (FGM)', applies: (f) => f.adult && f.adultFgm },
] as const satisfies readonly ThinkFamilyTrigger[];

export { thinkFamilyTriggerIds } from './think-family-trigger-ids';
export type { ThinkFamilyTriggerId } from './think-family-trigger-ids';

/** The triggers that apply, leaving out those turned off in settings. */
export function activeTriggers(facts: ThinkFamilyTriggerFacts, off: readonly string[] = []): ThinkFamilyTrigger[] {
  return thinkFamilyTriggers.filter((trigger) => !off.includes(trigger.id) && trigger.applies(facts));
}

// ---------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------

export const hasChildrenOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'declined', label: 'Declined' },
  { value: 'not-able-to-ask', label: 'Not able to ask' },
] as const satisfies readonly AnswerOption[];

export const caresForChildrenOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'declined', label: 'Declined' },
] as const satisfies readonly AnswerOption[];

export const pregnantOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-applicable', label: 'Not applicable' },
  { value: 'declined', label: 'Declined' },
] as const satisfies readonly AnswerOption[];

export const caringNowSafetyOptions = [
  { value: 'safe', label: 'Safe' },
  { value: 'unsure', label: 'Unsure' },
  { value: 'not-safe', label: 'Not safe' },
] as const satisfies readonly AnswerOption[];

export const yesNoChoice = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const childYesNoNotKnown = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

/** Also disclosed or found at this attendance: triggers the rest of the record may not show. */
export const alsoRecordedOptions = [
  { value: 'domestic-abuse', label: 'Domestic abuse disclosed' },
  { value: 'fgm', label: 'The patient has had female genital mutilation (FGM)' },
] as const satisfies readonly AnswerOption[];

/** What was done when the children may not be safe now (research §2.4 actions; local procedure). */
export const escalationActionOptions = [
  { value: 'nurse-in-charge', label: 'Told the nurse in charge' },
  { value: 'safeguarding-team', label: 'Told the hospital safeguarding team' },
  { value: 'childrens-social-care', label: "Contacted children's social care" },
  { value: 'police', label: 'Contacted the police' },
] as const satisfies readonly AnswerOption[];

export const referralMadeOptions = [
  { value: 'made', label: 'Made' },
  { value: 'not-made', label: 'Not made' },
] as const satisfies readonly AnswerOption[];

/** What a child's health visitor or school nurse notification may say about the patient. */
export const adultDetailsOptions = [
  { value: 'consent', label: 'Yes – the patient consents' },
  { value: 'safeguarding', label: 'Yes – there is a safeguarding reason to share without consent' },
  { value: 'no', label: 'No – share only what the practitioner needs about the child' },
] as const satisfies readonly AnswerOption[];

export const thinkFamilyChildSchema = z.object({
  id: textField(),
  /** An unborn child: expected date of delivery instead of a date of birth (issue 10 clarification). */
  unborn: flagField(),
  firstName: textField(),
  lastName: textField(),
  dateOfBirth: datePartsField(),
  /** Age in whole years, when the date of birth is not known. */
  ageYears: textField(),
  expectedDelivery: datePartsField(),
  livesWithPatient: choiceField(['yes', 'no', 'not-known']),
  schoolOrNursery: textField(),
  socialCare: choiceField(['yes', 'no', 'not-known']),
  socialWorker: textField(),
  /** Inform this child's health visitor or school nurse (a separate notification). */
  share: choiceField(['yes', 'no']),
});

export type ThinkFamilyChild = z.infer<typeof thinkFamilyChildSchema>;

export const emptyThinkFamilyChild = (id: string): ThinkFamilyChild => ({ ...thinkFamilyChildSchema.parse({}), id });

export const thinkFamilyDraftSchema = z.object({
  alsoRecorded: choicesField(['domestic-abuse', 'fgm']),
  hasChildren: choiceField(['yes', 'no', 'declined', 'not-able-to-ask']),
  hasChildrenNotAskedReason: textField(),
  caresForChildren: choiceField(['yes', 'no', 'declined']),
  soleCarer: choiceField(['yes', 'no']),
  /** Asked of a sole carer: too intoxicated or unwell to look after a child at home now. */
  soleCarerUnableNow: choiceField(['yes', 'no']),
  pregnant: choiceField(['yes', 'no', 'not-applicable', 'declined']),
  children: listField(thinkFamilyChildSchema),
  whoIsCaringNow: textField(),
  caringNowSafety: choiceField(['safe', 'unsure', 'not-safe']),
  ifAdmitted: textField(),
  escalationActions: choicesField(['nurse-in-charge', 'safeguarding-team', 'childrens-social-care', 'police']),
  escalationDetails: textField(),
  midwiferyReferral: choiceField(['made', 'not-made']),
  midwiferyReferralReason: textField(),
  unbornSafeguardingReferral: choiceField(['made', 'not-made']),
  unbornSafeguardingReferralReason: textField(),
  adultDetails: choiceField(['consent', 'safeguarding', 'no']),
  adultDetailsReason: textField(),
});

export type ThinkFamilyDraft = z.infer<typeof thinkFamilyDraftSchema>;

export const emptyThinkFamilyDraft = (): ThinkFamilyDraft => thinkFamilyDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.7). */
export const thinkFamilyQuestions = {
  title: 'Think Family – children at home',
  intro: "A parent's health or circumstances can affect their children. Ask every adult, and record who is caring for the children now",
  requiredBecause: 'Required for this patient because of',
  offered: 'Offered: no Think Family trigger applies. Ask it where you can',
  offeredYoungPerson: 'For a young person who is a parent, a carer of children or pregnant',
  alsoRecorded: { label: 'Has any of these been disclosed or found at this attendance?', hint: 'Select all that apply. Each makes Think Family required' },
  hasChildren: { label: 'Does the patient have children, or live with children?', reasonLabel: 'Why were you not able to ask?' },
  caresForChildren: { label: 'Does the patient look after or care for any children?', hint: 'Including as a guardian, foster or kinship carer' },
  soleCarer: { label: 'Does the patient care for the children alone?' },
  soleCarerUnableNow: { label: 'Is a child at home now, with the patient too intoxicated or unwell to look after them?' },
  pregnant: { label: 'Is the patient pregnant, or could they be?' },
  children: {
    heading: 'Children',
    hint: 'Each child the patient has, lives with or cares for, and an unborn child',
    legend: 'Child',
    add: 'Add a child',
    addUnborn: 'Add an unborn child',
    remove: 'Remove this child',
    unbornLegend: 'Unborn child',
    firstName: 'First name',
    firstNameUnbornHint: 'Optional for an unborn child',
    lastName: 'Last name',
    dateOfBirth: 'Date of birth',
    dateOfBirthHint: 'For example, 15 3 2019. If not known, enter the age instead',
    ageYears: 'Age (years), if the date of birth is not known',
    expectedDelivery: 'Expected date of delivery',
    livesWithPatient: 'Does the child live with the patient?',
    schoolOrNursery: 'School or nursery',
    socialCare: "Is the child known to children's social care?",
    socialWorker: 'Social worker, if known',
    share: "Inform the child's health visitor or school nurse?",
    shareHint: 'A separate notification: the health visitor under 5 (and for an unborn child), the school nurse from 5 to 17',
  },
  whoIsCaringNow: { label: 'Who is looking after the children now?', safetyLegend: 'Are the children safe and supervised now?' },
  ifAdmitted: { label: 'Who will look after them if the patient is admitted?' },
  escalation: {
    heading: 'Escalate now',
    unsafe: 'The children may not be safe or supervised now.',
    soleCarer: 'A child is at home now and the patient, their only carer, cannot look after them.',
    instruction: "Tell the nurse in charge and the hospital safeguarding team now. Contact children's social care, or the police on 999 if a child is in immediate danger, under local procedure.",
    actionsLegend: 'What has been done?',
    actionsHint: 'Select all that apply. You cannot sign until the action taken is recorded',
    detailsLabel: 'Who did you speak to, when, and what was agreed?',
    nurseInCharge: 'Nurse in charge: on duty in the department',
  },
  /** Shown in place of a local number the settings do not have yet. */
  numberNotSet: 'number not set: ask the nurse in charge to add it in settings',
  pregnancy: {
    heading: 'Pregnancy: the unborn child',
    checks: 'Complete the information checks for the unborn child: CP-IS is checked by the mother’s NHS number',
    midwifery: 'Referral to the midwifery safeguarding team',
    midwiferyReason: 'Why was a referral not made?',
    safeguarding: 'Safeguarding referral for the unborn child',
    safeguardingReason: 'Why was a referral not made?',
  },
  adultDetails: {
    label: "Can the children's notifications include the patient's own health details?",
    hint: "Without consent or a safeguarding reason, the health visitor or school nurse is told what they need about the child and the concern, not the patient's clinical details",
    reasonLabel: 'What is the safeguarding reason?',
  },
  /** The hint on the pregnancy question when the domestic abuse page records a pregnancy. */
  pregnantFromDomesticAbuse: 'The domestic abuse section records that the patient is pregnant: add the unborn child here',
} as const;

/** Contacts the escalation panel names, from settings (keys of settings' local contacts). */
export const escalationContacts = ['safeguardingTeam', 'mash', 'emergencyDutyTeam', 'policeNonEmergency'] as const;

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

/** Whether the section is on the task list: 18 and over, or a young person 11–17 (see header). */
export const thinkFamilyApplies = (ctx: Pick<AssessmentContext, 'pathway'>): boolean => ctx.pathway.adult || ctx.pathway.youngPerson;

/** A child entry with nothing typed in it (an "Add" pressed and left): ignored. */
export const isEmptyChild = (child: ThinkFamilyChild): boolean =>
  isBlank(child.firstName) &&
  isBlank(child.lastName) &&
  isBlank(child.ageYears) &&
  isBlank(child.dateOfBirth.day + child.dateOfBirth.month + child.dateOfBirth.year) &&
  isBlank(child.expectedDelivery.day + child.expectedDelivery.month + child.expectedDelivery.year) &&
  child.livesWithPatient === '' &&
  isBlank(child.schoolOrNursery) &&
  child.socialCare === '';

/** The children entered (empty entries left out). */
export const recordedChildren = (draft: Pick<ThinkFamilyDraft, 'children'>): ThinkFamilyChild[] => draft.children.filter((child) => !isEmptyChild(child));

/** Think Family found children: at least one child (or unborn child) is recorded. */
export const foundChildren = (draft: Pick<ThinkFamilyDraft, 'children'>): boolean => recordedChildren(draft).length > 0;

/** Whether the children list is asked: the patient has, lives with, or cares for children, or is pregnant. */
export const childrenApply = (draft: Pick<ThinkFamilyDraft, 'hasChildren' | 'caresForChildren' | 'pregnant'>): boolean =>
  draft.hasChildren === 'yes' || draft.caresForChildren === 'yes' || draft.pregnant === 'yes';

/** Whether "Who is looking after the children now?" is asked: there are born children. */
export const caringNowApplies = (draft: Pick<ThinkFamilyDraft, 'hasChildren' | 'caresForChildren' | 'children'>): boolean =>
  draft.hasChildren === 'yes' || draft.caresForChildren === 'yes' || recordedChildren(draft).some((child) => !child.unborn);

/** Whether "Does the patient care for the children alone?" is asked. */
export const soleCarerApplies = (draft: Pick<ThinkFamilyDraft, 'hasChildren' | 'caresForChildren'>): boolean => draft.hasChildren === 'yes' || draft.caresForChildren === 'yes';

export type EscalationReason = 'caring-now-unsafe' | 'sole-carer-unable';

/**
 * Immediate escalation (research §2.4 actions; issue 10): the person caring for the children
 * now is marked Unsure or Not safe, or a child is at home now with the patient, their only
 * carer, too intoxicated or unwell to look after them. Each reason given, for the panel.
 */
export function escalationReasons(draft: ThinkFamilyDraft): EscalationReason[] {
  const reasons: EscalationReason[] = [];
  if (caringNowApplies(draft) && (draft.caringNowSafety === 'unsure' || draft.caringNowSafety === 'not-safe')) reasons.push('caring-now-unsafe');
  if (soleCarerApplies(draft) && draft.soleCarer === 'yes' && draft.soleCarerUnableNow === 'yes') reasons.push('sole-carer-unable');
  return reasons;
}

export const escalationRequired = (draft: ThinkFamilyDraft): boolean => escalationReasons(draft).length > 0;

/** The escalation's action is recorded: at least one action ticked and who, when and what was agreed. */
export const escalationRecorded = (draft: ThinkFamilyDraft): boolean => draft.escalationActions.length > 0 && !isBlank(draft.escalationDetails);

/** A young person (under 18) recorded as a parent, a carer of children or pregnant. */
const youngParentOrCarer = (draft: ThinkFamilyDraft): boolean => draft.hasChildren === 'yes' || draft.caresForChildren === 'yes' || draft.pregnant === 'yes';

/** Whether the section is mandatory: a trigger applies (to an adult, or to a young parent, carer or pregnant young person). */
export function thinkFamilyMandatory(draft: ThinkFamilyDraft, ctx: Pick<AssessmentContext, 'pathway'>, triggers: readonly ThinkFamilyTrigger[]): boolean {
  if (!thinkFamilyApplies(ctx) || triggers.length === 0) return false;
  return ctx.pathway.adult || youngParentOrCarer(draft);
}

/**
 * Whether the patient was asked Think Family's first question (do they have children): Yes,
 * No or Declined. "Not able to ask" is recorded but is not asked (the compliance audit's
 * "Think Family asked when triggered", PRODUCT.md section 6).
 */
export const thinkFamilyAsked = (draft: Pick<ThinkFamilyDraft, 'hasChildren'>): boolean => draft.hasChildren === 'yes' || draft.hasChildren === 'no' || draft.hasChildren === 'declined';

/** Whether the pregnancy referral fields are asked: pregnant, with a trigger (research §2.4). */
export const pregnancyReferralsApply = (draft: Pick<ThinkFamilyDraft, 'pregnant'>, triggers: readonly ThinkFamilyTrigger[]): boolean => draft.pregnant === 'yes' && triggers.length > 0;

/** Whether the notifications' adult-details question is asked: a child is to be notified. */
export const adultDetailsApplies = (draft: Pick<ThinkFamilyDraft, 'children'>): boolean => recordedChildren(draft).some((child) => child.share === 'yes');

/** The patient's own details may go into a child's notification: consent or a recorded safeguarding reason. */
export const adultDetailsShareable = (draft: Pick<ThinkFamilyDraft, 'adultDetails' | 'adultDetailsReason'>): boolean =>
  draft.adultDetails === 'consent' || (draft.adultDetails === 'safeguarding' && !isBlank(draft.adultDetailsReason));

const untouched = (draft: ThinkFamilyDraft): boolean => JSON.stringify(draft) === JSON.stringify(emptyThinkFamilyDraft());

/** The child's date of birth, when valid. */
export function childDateOfBirth(child: ThinkFamilyChild): IsoDate | undefined {
  const parsed = parseDateParts(child.dateOfBirth);
  return parsed.ok ? parsed.value : undefined;
}

export function childExpectedDelivery(child: ThinkFamilyChild): IsoDate | undefined {
  const parsed = parseDateParts(child.expectedDelivery);
  return parsed.ok ? parsed.value : undefined;
}

/** The age typed, when a whole number. */
function typedAge(child: ThinkFamilyChild): number | undefined {
  const text = child.ageYears.trim();
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}

/** The child's age in whole years at `at` (from the date of birth, else the age typed); undefined for an unborn child. */
export function childAgeYears(child: ThinkFamilyChild, at: string): number | undefined {
  if (child.unborn) return undefined;
  const dob = childDateOfBirth(child);
  return dob ? ageInYears(dob, at) : typedAge(child);
}

/** Which practitioner a child's notification goes to: the health visitor under 5 and for an unborn child, the school nurse 5–17 (PRODUCT.md section 3). */
export function childNotificationKind(child: ThinkFamilyChild, at: string): 'health-visitor' | 'school-nurse' | undefined {
  if (child.unborn) return 'health-visitor';
  const age = childAgeYears(child, at);
  if (age === undefined || age > 17) return undefined;
  return age < 5 ? 'health-visitor' : 'school-nurse';
}

/** "Amy Smith", "Unborn child", "Child 2". */
export function childName(child: ThinkFamilyChild, index: number): string {
  const name = `${child.firstName.trim()} ${child.lastName.trim()}`.trim();
  if (name) return child.unborn ? `${name} (unborn)` : name;
  return child.unborn ? 'Unborn child' : `Child ${index + 1}`;
}

function validateChild(issues: IssueList, child: ThinkFamilyChild, index: number, ctx: AssessmentContext): void {
  const path = `children.${index}`;
  const arrival = ctx.arrivedAt ?? ctx.now;
  if (child.unborn) {
    const edd = parseDateParts(child.expectedDelivery);
    if (!edd.ok) issues.add(`${path}.expectedDelivery.day`, datePartsMessage('Expected date of delivery', edd.problem));
  } else {
    if (isBlank(child.firstName)) issues.add(`${path}.firstName`, "Enter the child's first name, or remove the child");
    const dobText = child.dateOfBirth.day + child.dateOfBirth.month + child.dateOfBirth.year;
    if (!isBlank(dobText)) {
      const dob = parseDateParts(child.dateOfBirth);
      if (!dob.ok) issues.add(`${path}.dateOfBirth.day`, datePartsMessage('Date of birth', dob.problem));
      else if (compareIso(dob.value, toLondon(arrival).date) > 0) issues.add(`${path}.dateOfBirth.day`, "The child's date of birth must be on or before the arrival date. For a child not yet born, add an unborn child with the expected date of delivery");
      else if (ageInYears(dob.value, arrival) > 17) issues.add(`${path}.dateOfBirth.day`, 'This date of birth makes the child 18 or over: Think Family records children under 18');
    } else if (isBlank(child.ageYears)) {
      issues.add(`${path}.dateOfBirth.day`, "Enter the child's date of birth, or their age if the date of birth is not known");
    } else {
      const age = typedAge(child);
      if (age === undefined) issues.add(`${path}.ageYears`, "The child's age must be a whole number of years, like 7");
      else if (age > 17) issues.add(`${path}.ageYears`, "The child's age must be 17 or under: Think Family records children under 18");
    }
    if (child.livesWithPatient === '') issues.add(`${path}.livesWithPatient`, 'Select whether the child lives with the patient');
  }
  if (child.socialCare === '') issues.add(`${path}.socialCare`, "Select whether the child is known to children's social care");
  if (child.share === '') issues.add(`${path}.share`, "Select whether to inform the child's health visitor or school nurse");
  checkLength(issues, `${path}.firstName`, child.firstName, MAX_SHORT_TEXT, 'First name');
  checkLength(issues, `${path}.lastName`, child.lastName, MAX_SHORT_TEXT, 'Last name');
  checkLength(issues, `${path}.schoolOrNursery`, child.schoolOrNursery, MAX_SHORT_TEXT, 'School or nursery');
  checkLength(issues, `${path}.socialWorker`, child.socialWorker, MAX_SHORT_TEXT, 'Social worker');
}

/**
 * Validation of the page. Never blocks saving. Mandatory when a trigger applies; offered
 * otherwise (an untouched offered section has no problems); once started it is completed
 * like a mandatory one. The escalation action is required whenever escalation applies:
 * it stops signing (rules/sections.ts) until recorded.
 */
export function validateThinkFamily(draft: ThinkFamilyDraft, ctx: AssessmentContext, triggers: readonly ThinkFamilyTrigger[]): Issue[] {
  const issues = new IssueList();
  if (!thinkFamilyApplies(ctx)) return issues.items;
  const mandatory = thinkFamilyMandatory(draft, ctx, triggers);
  if (!mandatory && untouched(draft)) return issues.items;
  // A young person who is not a parent, a carer or pregnant: nothing more is asked.
  const youngOnly = !ctx.pathway.adult && !youngParentOrCarer(draft) && draft.hasChildren !== '' && draft.caresForChildren !== '' && draft.pregnant !== '';

  if (draft.hasChildren === '') issues.add('hasChildren', 'Select whether the patient has children, or lives with children');
  else if (draft.hasChildren === 'not-able-to-ask' && isBlank(draft.hasChildrenNotAskedReason)) issues.add('hasChildrenNotAskedReason', 'Enter why you were not able to ask');
  const listed = recordedChildren(draft);
  if (draft.hasChildren === 'no' && draft.caresForChildren !== 'yes' && listed.some((child) => !child.unborn)) {
    issues.add('hasChildren', 'You answered No to having children, but children are listed: change the answer, or remove the children');
  }
  checkLength(issues, 'hasChildrenNotAskedReason', draft.hasChildrenNotAskedReason, MAX_FREE_TEXT, 'Why you were not able to ask');
  if (draft.hasChildren !== 'not-able-to-ask') {
    if (draft.caresForChildren === '') issues.add('caresForChildren', 'Select whether the patient looks after or cares for any children');
    if (draft.pregnant === '') issues.add('pregnant', 'Select whether the patient is pregnant, or could be');
  }
  if (youngOnly) return issues.items;

  if (soleCarerApplies(draft)) {
    if (draft.soleCarer === '') issues.add('soleCarer', 'Select whether the patient cares for the children alone');
    else if (draft.soleCarer === 'yes' && draft.soleCarerUnableNow === '') issues.add('soleCarerUnableNow', 'Select whether a child is at home now with the patient unable to look after them');
  }

  if ((draft.hasChildren === 'yes' || draft.caresForChildren === 'yes') && !listed.some((child) => !child.unborn)) {
    issues.add('children', 'Add each child the patient has, lives with or cares for');
  }
  draft.children.forEach((child, index) => {
    if (!isEmptyChild(child)) validateChild(issues, child, index, ctx);
  });

  if (caringNowApplies(draft)) {
    if (isBlank(draft.whoIsCaringNow)) issues.add('whoIsCaringNow', 'Enter who is looking after the children now');
    if (draft.caringNowSafety === '') issues.add('caringNowSafety', 'Select whether the children are safe and supervised now');
    checkLength(issues, 'whoIsCaringNow', draft.whoIsCaringNow, MAX_FREE_TEXT, 'Who is looking after the children now');
    if (draft.soleCarer === 'yes' && triggers.some((trigger) => trigger.id === 'sole-carer-admitted') && isBlank(draft.ifAdmitted)) {
      issues.add('ifAdmitted', 'Enter who will look after the children while the patient is in hospital');
    }
    checkLength(issues, 'ifAdmitted', draft.ifAdmitted, MAX_FREE_TEXT, 'Who will look after them');
  }

  if (escalationRequired(draft)) {
    if (draft.escalationActions.length === 0) issues.add('escalationActions', 'Record what has been done to make the children safe before signing: who you told');
    if (isBlank(draft.escalationDetails)) issues.add('escalationDetails', 'Enter who you spoke to, when, and what was agreed, before signing');
  }
  checkLength(issues, 'escalationDetails', draft.escalationDetails, MAX_FREE_TEXT, 'What was agreed');

  if (pregnancyReferralsApply(draft, triggers)) {
    if (draft.midwiferyReferral === '') issues.add('midwiferyReferral', 'Select whether a referral to the midwifery safeguarding team was made');
    else if (draft.midwiferyReferral === 'not-made' && isBlank(draft.midwiferyReferralReason)) issues.add('midwiferyReferralReason', 'Enter why a referral to the midwifery safeguarding team was not made');
    if (draft.unbornSafeguardingReferral === '') issues.add('unbornSafeguardingReferral', 'Select whether a safeguarding referral for the unborn child was made');
    else if (draft.unbornSafeguardingReferral === 'not-made' && isBlank(draft.unbornSafeguardingReferralReason)) {
      issues.add('unbornSafeguardingReferralReason', 'Enter why a safeguarding referral for the unborn child was not made');
    }
  }

  if (adultDetailsApplies(draft)) {
    if (draft.adultDetails === '') issues.add('adultDetails', "Select whether the children's notifications can include the patient's own health details");
    else if (draft.adultDetails === 'safeguarding' && isBlank(draft.adultDetailsReason)) issues.add('adultDetailsReason', 'Enter the safeguarding reason for sharing without consent');
  }
  checkLength(issues, 'adultDetailsReason', draft.adultDetailsReason, MAX_FREE_TEXT, 'The safeguarding reason');
  return issues.items;
}

/** Follow-ups for the liaison list: "Not able to ask" is never a dead end (issue 10). */
export function thinkFamilyFollowUps(draft: ThinkFamilyDraft): ScreeningFollowUp[] {
  return draft.hasChildren === 'not-able-to-ask' ? [followUp('think-family-not-able-to-ask', draft.hasChildrenNotAskedReason.trim())] : [];
}
