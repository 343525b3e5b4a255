/**
 * Self-harm or mental health crisis, under 18 (PRODUCT.md 4.6; research §9.2).
 *
 * Owns: who is with the young person and whether they hold parental responsibility, whether
 * parents or carers are informed (or why not), for an overdose the time and whether it was
 * staggered, access to means and the plan to reduce it, CAMHS or liaison involvement, the
 * safety plan and who holds it, the safe-discharge checklist, validation, and the rule the
 * discharge section calls before accepting "Home".
 *
 * No risk score, and no low / medium / high band, anywhere in this module or its answers:
 * NICE NG225 (2022) advises against risk assessment tools and scales to predict suicide or
 * repeat self-harm, and against basing discharge on global risk bands (research §9.1, S as
 * quoted; re-checked for this module, still through secondary quotes). NHS England "Staying
 * safe from suicide" (April 2025, quoted, S) calls static low / medium / high stratification
 * unacceptable. The page records facts and a plan; the
 * clinician and CAMHS decide. NICE QS34 statement 2 (V) asks that the initial assessment covers
 * safeguarding and social circumstances, which is what this page adds to triage.
 *
 * The safe-discharge rule blocks the Discharge section only, never signing: the triage
 * assessment is signed before discharge is known (assessment/discharge.ts header).
 *
 * Evidence: answer lists follow research §9.2 (S/U, a product design); NG225's exact
 * under-18 ED recommendations were not retrieved (research §11 item 15, U): the app defers to
 * the local CAMHS / liaison pathway. Ids are stable slugs.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, datePartsField, flagField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { parentalResponsibilityOptions } from '../assessment/options';
import { checkLength, datePartsMessage } from '../assessment/validation-helpers';
import { fromLondon, parseDateParts, parseTimeOfDay } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { reasonIsOneOf } from './screening-context';
import type { ScreeningReason, ScreeningSource } from './screening-context';

export const SELF_HARM_REASONS: readonly ScreeningReason[] = ['self-harm', 'mental-health'];

export const SELF_HARM_SOURCE: ScreeningSource = {
  citation: 'NICE NG225 (2022) Self-harm; NICE QS34 statement 2',
  evidence: 'S',
  research: '§9.1, §9.2',
  note: 'QS34 statement 2 is V; the NG225 position on risk tools is S (as quoted); under-18 ED specifics not retrieved (U)',
};

export const withYoungPersonOptions = [
  { value: 'someone', label: 'Someone is with the young person' },
  { value: 'nobody', label: 'Nobody is with the young person' },
] as const satisfies readonly AnswerOption[];

export const withYoungPersonPROptions = parentalResponsibilityOptions;

export const parentsInformedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

/** Why parents or carers were not informed (research §9.2). */
export const parentsNotInformedReasonOptions = [
  { value: 'competent-young-person-wish', label: "A competent young person's wish" },
  { value: 'safeguarding-concern', label: 'A safeguarding concern' },
  { value: 'not-reached', label: 'Could not be reached yet' },
  { value: 'other', label: 'Other (describe)' },
] as const satisfies readonly AnswerOption[];

export const overdoseOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const staggeredOptions = [
  { value: 'yes', label: 'Yes – taken over more than an hour' },
  { value: 'no', label: 'No – taken at one time' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

export const camhsOptions = [
  { value: 'referred', label: 'Referred' },
  { value: 'seen-in-ed', label: 'Seen in the department' },
  { value: 'known-care-coordinator', label: 'Known – care coordinator informed' },
  { value: 'declined', label: 'Declined' },
] as const satisfies readonly AnswerOption[];

export const followUpBookedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const selfHarmDraftSchema = z.object({
  withYoungPerson: choiceField(['someone', 'nobody']),
  withName: textField(),
  withRelationship: textField(),
  withPR: choiceField(['yes', 'no', 'not-known']),
  parentsInformed: choiceField(['yes', 'no']),
  parentsNotInformedReason: choiceField(['competent-young-person-wish', 'safeguarding-concern', 'not-reached', 'other']),
  parentsNotInformedDetails: textField(),
  overdose: choiceField(['yes', 'no']),
  overdoseSubstances: textField(),
  overdoseDate: datePartsField(),
  overdoseTime: textField(),
  overdoseTimeNotKnown: flagField(),
  staggered: choiceField(['yes', 'no', 'not-known']),
  accessToMeans: textField(),
  meansReductionPlan: textField(),
  camhs: choiceField(['referred', 'seen-in-ed', 'known-care-coordinator', 'declined']),
  safetyPlan: textField(),
  safetyPlanHolder: textField(),
  /** Safe discharge: the responsible adult who will stay with the young person. */
  responsibleAdultName: textField(),
  responsibleAdultRelationship: textField(),
  /** When no responsible adult can be named: why, and who agreed the discharge. */
  noResponsibleAdultReason: textField(),
  noResponsibleAdultAgreedBy: textField(),
  followUpBooked: choiceField(['yes', 'no']),
  followUpDetails: textField(),
  schoolNurseInformed: choiceField(['yes', 'no', 'not-appropriate']),
});

export type SelfHarmDraft = z.infer<typeof selfHarmDraftSchema>;

export const emptySelfHarmDraft = (): SelfHarmDraft => selfHarmDraftSchema.parse({});

export const selfHarmQuestions = {
  title: 'Self-harm or mental health',
  intro: 'Record what is known and the plan. This page does not score risk: decisions rest on the assessment and the local CAMHS pathway',
  withYoungPerson: { label: 'Who is with the young person now?', nameLabel: 'Full name', relationshipLabel: 'Relationship to the young person', prLabel: 'Does this person have parental responsibility?' },
  parentsInformed: { label: 'Have the parents or carers been informed?', reasonLabel: 'Why not?', detailsLabel: 'Give details' },
  overdose: {
    label: 'Was this an overdose?',
    substancesLabel: 'What was taken, and how much?',
    dateLabel: 'Date taken',
    timeLabel: 'Time taken',
    timeNotKnown: 'Time not known',
    staggeredLabel: 'Was it staggered?',
    staggeredHint: 'Paracetamol levels depend on the time and on whether it was taken over more than an hour',
  },
  accessToMeans: { label: 'Access to means at home', hint: 'Medicines, sharps, ligature points', planLabel: 'Plan to reduce access' },
  camhs: { label: 'CAMHS or liaison mental health involvement' },
  safetyPlan: { label: 'Safety plan agreed', holderLabel: 'Who holds the safety plan?' },
  safeDischarge: {
    legend: 'Safe discharge',
    responsibleAdultLabel: 'Responsible adult who will stay with the young person',
    relationshipLabel: 'Relationship to the young person',
    noAdultReasonLabel: 'If no responsible adult can be named, why?',
    agreedByLabel: 'Who agreed the discharge (name and role)?',
    followUpLabel: 'Is follow-up booked?',
    followUpDetailsLabel: 'What follow-up?',
    schoolNurseLabel: 'School nurse informed?',
  },
} as const;

export const schoolNurseInformedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-appropriate', label: 'Not appropriate' },
] as const satisfies readonly AnswerOption[];

/** Applies under 18 when the reason is self-harm or overdose, or a mental health crisis. */
export const selfHarmApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child && reasonIsOneOf(ctx, SELF_HARM_REASONS);

/** The overdose time when valid. */
export function readOverdoseAt(draft: SelfHarmDraft): IsoInstant | undefined {
  if (draft.overdoseTimeNotKnown) return undefined;
  const date = parseDateParts(draft.overdoseDate);
  const time = parseTimeOfDay(draft.overdoseTime);
  return date.ok && time !== undefined ? fromLondon(date.value, time) : undefined;
}

/** Validation of the page. Never blocks saving; the safe-discharge rule is separate (selfHarmDischargeHomeIssues). */
export function validateSelfHarm(draft: SelfHarmDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  if (!selfHarmApplies(ctx)) return issues.items;

  if (draft.withYoungPerson === '') issues.add('withYoungPerson', 'Select who is with the young person now');
  else if (draft.withYoungPerson === 'someone') {
    if (isBlank(draft.withName)) issues.add('withName', 'Enter the full name of the person with the young person');
    if (isBlank(draft.withRelationship)) issues.add('withRelationship', 'Enter their relationship to the young person');
    if (draft.withPR === '') issues.add('withPR', 'Select whether this person has parental responsibility');
  }

  if (draft.parentsInformed === '') issues.add('parentsInformed', 'Select whether the parents or carers have been informed');
  else if (draft.parentsInformed === 'no') {
    if (draft.parentsNotInformedReason === '') issues.add('parentsNotInformedReason', 'Select why the parents or carers have not been informed');
    else if (draft.parentsNotInformedReason === 'other' && isBlank(draft.parentsNotInformedDetails)) issues.add('parentsNotInformedDetails', 'Describe why the parents or carers have not been informed');
  }

  if (draft.overdose === '') issues.add('overdose', 'Select whether this was an overdose');
  else if (draft.overdose === 'yes') {
    if (isBlank(draft.overdoseSubstances)) issues.add('overdoseSubstances', 'Enter what was taken, and how much');
    if (!draft.overdoseTimeNotKnown) {
      const date = parseDateParts(draft.overdoseDate);
      if (!date.ok) issues.add('overdoseDate.day', datePartsMessage('Date taken', date.problem));
      if (parseTimeOfDay(draft.overdoseTime) === undefined) issues.add('overdoseTime', "Enter the time taken, like 14:30, or select 'Time not known'");
      const at = readOverdoseAt(draft);
      if (at !== undefined && Date.parse(at) > Date.parse(ctx.now)) issues.add('overdoseDate.day', 'Date and time taken must be in the past');
    }
    if (draft.staggered === '') issues.add('staggered', 'Select whether the overdose was staggered');
  }

  if (isBlank(draft.accessToMeans)) issues.add('accessToMeans', 'Enter what access the young person has to means at home');
  if (draft.camhs === '') issues.add('camhs', 'Select CAMHS or liaison mental health involvement');
  if (isBlank(draft.safetyPlan)) issues.add('safetyPlan', 'Enter the safety plan agreed');
  else if (isBlank(draft.safetyPlanHolder)) issues.add('safetyPlanHolder', 'Enter who holds the safety plan');

  for (const [field, name] of [
    ['withName', 'Full name'],
    ['withRelationship', 'Relationship'],
    ['safetyPlanHolder', 'Who holds the safety plan'],
    ['responsibleAdultName', 'Responsible adult'],
    ['responsibleAdultRelationship', 'Relationship'],
    ['noResponsibleAdultAgreedBy', 'Who agreed the discharge'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_SHORT_TEXT, name);
  }
  for (const [field, name] of [
    ['parentsNotInformedDetails', 'Why the parents or carers have not been informed'],
    ['overdoseSubstances', 'What was taken'],
    ['accessToMeans', 'Access to means'],
    ['meansReductionPlan', 'Plan to reduce access'],
    ['safetyPlan', 'Safety plan'],
    ['noResponsibleAdultReason', 'Why no responsible adult can be named'],
    ['followUpDetails', 'Follow-up'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_FREE_TEXT, name);
  }
  return issues.items;
}

/** Discharge destinations that send the young person home (assessment/discharge.ts values). */
export const HOME_DESTINATIONS: readonly string[] = ['home', 'home-with-carer'];

/**
 * The safe-discharge rule the Discharge section calls (research §9.2 "Safe discharge"):
 * discharge home after self-harm or a mental health crisis in an under-18 is refused unless a
 * responsible adult who will stay with the young person is named, or the reason none can be
 * named and who agreed the discharge are documented. It blocks the Discharge section only,
 * never signing. Issue fields are this page's ("selfHarm" section) so the link lands on the
 * answer to fix; `destinationField` names the discharge page's field for its own summary.
 */
export function selfHarmDischargeHomeIssues(draft: SelfHarmDraft, ctx: AssessmentContext, destination: string, destinationField = 'destination'): Issue[] {
  if (!selfHarmApplies(ctx) || !HOME_DESTINATIONS.includes(destination)) return [];
  if (!isBlank(draft.responsibleAdultName)) return [];
  const reason = !isBlank(draft.noResponsibleAdultReason);
  const agreed = !isBlank(draft.noResponsibleAdultAgreedBy);
  if (reason && agreed) return [];
  return [
    {
      field: destinationField,
      message: reason
        ? 'Enter who agreed the discharge home without a responsible adult, on the self-harm page'
        : 'Name the responsible adult who will stay with the young person, or record why none can be named and who agreed, on the self-harm page',
    },
  ];
}

export interface SafeDischargeItem {
  id: 'responsible-adult' | 'safety-plan' | 'access-to-means' | 'camhs' | 'parents-informed' | 'follow-up';
  /** What must be in place, as the checklist shows it. */
  text: string;
  done: boolean;
  /** The answer to go to. */
  field: string;
}

/**
 * The safe-discharge checklist the page shows (research §9.2 "Safe discharge"): what must be
 * in place before the young person goes home. It records facts, never a risk level
 * (NICE NG225). Only the responsible-adult item is enforced, by the Discharge section
 * (selfHarmDischargeHomeIssues); the others are prompts the clinician weighs.
 */
export function selfHarmSafeDischargeChecklist(draft: SelfHarmDraft): SafeDischargeItem[] {
  const adult = !isBlank(draft.responsibleAdultName) || (!isBlank(draft.noResponsibleAdultReason) && !isBlank(draft.noResponsibleAdultAgreedBy));
  return [
    {
      id: 'responsible-adult',
      text: 'A responsible adult who will stay with the young person is named, or why none can be named and who agreed the discharge is recorded',
      done: adult,
      field: 'responsibleAdultName',
    },
    { id: 'safety-plan', text: 'A safety plan is agreed and someone holds it', done: !isBlank(draft.safetyPlan) && !isBlank(draft.safetyPlanHolder), field: 'safetyPlan' },
    { id: 'access-to-means', text: 'Access to means at home is recorded', done: !isBlank(draft.accessToMeans), field: 'accessToMeans' },
    { id: 'camhs', text: 'CAMHS or liaison mental health involvement is recorded', done: draft.camhs !== '', field: 'camhs' },
    { id: 'parents-informed', text: 'Parents or carers are informed, or why not is recorded', done: draft.parentsInformed === 'yes' || (draft.parentsInformed === 'no' && draft.parentsNotInformedReason !== ''), field: 'parentsInformed' },
    { id: 'follow-up', text: 'Follow-up is booked', done: draft.followUpBooked === 'yes', field: 'followUpBooked' },
  ];
}

export const safeDischargeStatusLabels = { done: 'Done', needed: 'Still needed' } as const;

/** Follow-ups: parents or carers not informed. */
export function selfHarmFollowUps(draft: SelfHarmDraft, ctx: AssessmentContext): ScreeningFollowUp[] {
  if (!selfHarmApplies(ctx) || draft.parentsInformed !== 'no') return [];
  const label = parentsNotInformedReasonOptions.find((option) => option.value === draft.parentsNotInformedReason)?.label;
  return [followUp('self-harm-parents-not-informed', label)];
}
