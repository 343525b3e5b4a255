/**
 * Section "Discharge" (everyone): what the GP letter needs that the safeguarding
 * assessment does not ask: the clinical impression or diagnosis, treatment given, where the
 * patient went, follow-up, the information and advice given to the patient (the child) and
 * to the parent or carer, and the senior reviewer.
 *
 * Owns: the answers, their canonical wording, the discharge destinations, validation, and
 * the check-answers rows.
 *
 * Why it never blocks signing: the safeguarding assessment is done and signed at triage;
 * the discharge details are known later, often after the nurse has moved on. The section is
 * registered with `requiredBefore: 'gp-letter'` (rules/sections.ts): its problems are
 * shown when the nurse saves the page and they stop the GP letter being issued
 * (domain/letters/readiness.ts), but they are not in issuesBeforeSigning. After signing it
 * is completed as an addendum, like any change to a signed record.
 *
 * "Home" needs the safe-to-go-home answer when it is asked (Consider, Suspect or a
 * disclosure: PRODUCT.md 4.9 safeToGoHome): recorded as safe, with who agreed. Like every
 * discharge problem this stops the GP letter, never the signature.
 *
 * Sources: PRSB Emergency Care Discharge headings "Diagnoses", "Procedures" (treatment),
 * "Discharge details" (destination), "Plan and requested actions", "Information and advice
 * given" and the senior reviewing clinician of earlier builds (research §7.2); research §7.4
 * items 5, 6 and 8 (follow-up, advice to the child and to the carer, senior reviewer).
 */
import * as z from 'zod/mini';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, optionLabel, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { safeToGoHomeApplies, safeToGoHomeRecorded } from './outcome';
import type { AccountsDraft } from './accounts';
import type { Answers } from './record';
import type { SummaryRow } from './summary';
import { checkLength } from './validation-helpers';
import { selfHarmDischargeHomeIssues } from '../screening/self-harm';

/**
 * Where the patient went. A plain canonical list, close to the ECDS discharge destination
 * groups (research §7.2 "Discharge details"); codes are left to the FHIR export, which maps
 * these slugs. "Home with parent or carer" is offered to children; "Home" to adults and
 * young people who leave on their own.
 */
export const dischargeDestinationOptions = [
  { value: 'home-with-carer', label: 'Home with parent or carer' },
  { value: 'home', label: 'Home' },
  { value: 'admitted', label: 'Admitted to hospital' },
  { value: 'transferred', label: 'Transferred to another hospital or service' },
  { value: 'left-before-treatment-complete', label: 'Left before treatment was complete' },
  { value: 'police-custody', label: 'Police custody' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly AnswerOption[];

export type DischargeDestination = (typeof dischargeDestinationOptions)[number]['value'];

/** Destinations that send the child home: they need the safe-to-go-home answer (PRODUCT.md 4.9). */
export const HOME_DESTINATIONS: readonly DischargeDestination[] = ['home-with-carer', 'home'];

/**
 * Why "Home" cannot be accepted yet, or undefined: when the safe-to-go-home question is asked
 * (Consider, Suspect or a disclosure), the outcome must record that it is safe, with who agreed.
 */
export function homeDischargeProblem(destination: DischargeDestination | '', answers: Pick<Answers, 'outcome' | 'safeguarding'>, ctx: AssessmentContext): string | undefined {
  if (destination === '' || !HOME_DESTINATIONS.includes(destination)) return undefined;
  if (!safeToGoHomeApplies(answers.outcome, answers.safeguarding, ctx)) return undefined;
  if (answers.outcome.safeToGoHome === 'no') return 'The outcome records that it is not safe for the child to go home: select where the child went instead';
  if (!safeToGoHomeRecorded(answers.outcome)) return 'Record on Outcome and actions that it is safe for the child to go home, and who agreed, before choosing a home destination';
  return undefined;
}

/** Destinations that need a few words more: which ward, which service, or what. */
export const DESTINATION_DETAIL_REQUIRED: readonly DischargeDestination[] = ['admitted', 'transferred', 'other'];

export const dischargeDraftSchema = z.object({
  clinicalImpression: textField(),
  treatmentGiven: textField(),
  destination: choiceField(['home-with-carer', 'home', 'admitted', 'transferred', 'left-before-treatment-complete', 'police-custody', 'other']),
  destinationDetail: textField(),
  followUp: textField(),
  adviceToPatient: textField(),
  adviceToCarer: textField(),
  seniorReviewerName: textField(),
  seniorReviewerRole: textField(),
});

export type DischargeDraft = z.infer<typeof dischargeDraftSchema>;

export const emptyDischargeDraft = (): DischargeDraft => dischargeDraftSchema.parse({});

/** Canonical wording. The patient is "the child" under 18 (PRODUCT.md section 3). */
export const dischargeQuestions = {
  clinicalImpression: { label: 'Clinical impression or diagnosis', hint: 'For example, soft tissue injury to the left forearm' },
  treatmentGiven: { label: 'Treatment given', hint: 'Medicines, procedures, dressings. Write "None" if no treatment was given' },
  destination: { label: 'Discharge destination' },
  destinationDetail: {
    admitted: 'Which ward or specialty?',
    transferred: 'Where to?',
    other: 'Describe the discharge destination',
  },
  followUp: { label: 'Follow-up arranged', hint: 'For example, fracture clinic in 5 days. Write "None" if no follow-up is needed' },
  adviceToPatient: { childLabel: 'Information and advice given to the child', adultLabel: 'Information and advice given to the patient', hint: 'Including safety-net advice: when to come back' },
  adviceToCarer: { label: 'Information and advice given to the parent or carer' },
  seniorReviewer: { legend: 'Senior reviewer', nameLabel: 'Name', roleLabel: 'Role' },
} as const;

/** Every patient has a discharge section: the GP letter goes for every attendance. */
export const dischargeApplies = (): boolean => true;

/**
 * Whether the advice given to the child is asked, required and printed: not for a pre-verbal
 * infant (issue 8). Under 2, or when the child's account was not given because the child is
 * pre-verbal (accounts.ts childAccountNotGivenReason), the advice goes to the parent or carer,
 * which stays required; writing "advice given to the child" for a baby is a misleading letter.
 */
export const adviceToPatientApplies = (ctx: AssessmentContext, accounts?: Pick<AccountsDraft, 'childAccountNotGiven' | 'childAccountNotGivenReason'>): boolean => {
  if (!ctx.pathway.child) return true;
  if (ctx.pathway.underTwo) return false;
  return !(accounts?.childAccountNotGiven === true && accounts.childAccountNotGivenReason === 'pre-verbal');
};

export const adviceToPatientLabel = (ctx: AssessmentContext): string =>
  ctx.pathway.child ? dischargeQuestions.adviceToPatient.childLabel : dischargeQuestions.adviceToPatient.adultLabel;

/** The destination offered to this patient: "Home with parent or carer" only for children. */
export function destinationOptions(ctx: AssessmentContext): AnswerOption<DischargeDestination>[] {
  return dischargeDestinationOptions.filter((option) => ctx.pathway.child || option.value !== 'home-with-carer');
}

export function destinationDetailLabel(destination: DischargeDestination | ''): string | undefined {
  if (destination === 'admitted' || destination === 'transferred' || destination === 'other') return dischargeQuestions.destinationDetail[destination];
  return undefined;
}

/** The destination as words for a letter: "Admitted to hospital: Ward 3, paediatrics". */
export function describeDestination(draft: DischargeDraft): string {
  const label = optionLabel(dischargeDestinationOptions, draft.destination);
  if (label === '') return '';
  return isBlank(draft.destinationDetail) ? label : `${label}: ${draft.destinationDetail.trim()}`;
}

const destinationDetailMessages: Partial<Record<DischargeDestination, string>> = {
  admitted: 'Enter the ward or specialty the patient was admitted to',
  transferred: 'Enter where the patient was transferred to',
  other: 'Describe the discharge destination',
};

/**
 * What is missing or wrong. Each issue's message is a sentence the letters page also uses
 * ("Complete the discharge section: clinical impression" names the first field).
 */
export function validateDischarge(draft: DischargeDraft, ctx: AssessmentContext, answers?: Pick<Answers, 'outcome' | 'safeguarding'> & Partial<Pick<Answers, 'accounts' | 'selfHarm'>>): Issue[] {
  const issues = new IssueList();
  if (isBlank(draft.clinicalImpression)) issues.add('clinicalImpression', 'Enter the clinical impression or diagnosis');
  checkLength(issues, 'clinicalImpression', draft.clinicalImpression, MAX_FREE_TEXT, 'Clinical impression');
  if (isBlank(draft.treatmentGiven)) issues.add('treatmentGiven', 'Enter the treatment given, or write "None"');
  checkLength(issues, 'treatmentGiven', draft.treatmentGiven, MAX_FREE_TEXT, 'Treatment given');
  const allowed = destinationOptions(ctx).map((option) => option.value as string);
  if (draft.destination === '' || !allowed.includes(draft.destination)) issues.add('destination', 'Select the discharge destination');
  else if (DESTINATION_DETAIL_REQUIRED.includes(draft.destination) && isBlank(draft.destinationDetail)) {
    issues.add('destinationDetail', destinationDetailMessages[draft.destination] ?? 'Describe the discharge destination');
  } else if (answers) {
    const home = homeDischargeProblem(draft.destination, answers, ctx);
    if (home) issues.add('destination', home);
    // After self-harm or a mental health crisis, home only with a responsible adult named, or the
    // reason none can be and who agreed (research §9.2). It blocks this section and so the GP
    // letter, never signing the assessment (issue 9).
    else if (answers.selfHarm) for (const issue of selfHarmDischargeHomeIssues(answers.selfHarm, ctx, draft.destination)) issues.add(issue.field, issue.message);
  }
  checkLength(issues, 'destinationDetail', draft.destinationDetail, MAX_SHORT_TEXT, 'Discharge destination');
  if (isBlank(draft.followUp)) issues.add('followUp', 'Enter the follow-up arranged, or write "None"');
  checkLength(issues, 'followUp', draft.followUp, MAX_FREE_TEXT, 'Follow-up');
  if (adviceToPatientApplies(ctx, answers?.accounts)) {
    if (isBlank(draft.adviceToPatient)) issues.add('adviceToPatient', `Enter the ${adviceToPatientLabel(ctx).toLowerCase()}`);
    checkLength(issues, 'adviceToPatient', draft.adviceToPatient, MAX_FREE_TEXT, 'Advice');
  }
  // Research §7.4 item 6: advice to the child AND to the carer. A young person who came
  // alone may have no carer present: then the nurse writes who was told, or "No carer present".
  if (ctx.pathway.child && isBlank(draft.adviceToCarer)) issues.add('adviceToCarer', 'Enter the information and advice given to the parent or carer, or write "No carer present"');
  checkLength(issues, 'adviceToCarer', draft.adviceToCarer, MAX_FREE_TEXT, 'Advice');
  checkLength(issues, 'seniorReviewerName', draft.seniorReviewerName, MAX_SHORT_TEXT, 'Name');
  checkLength(issues, 'seniorReviewerRole', draft.seniorReviewerRole, MAX_SHORT_TEXT, 'Role');
  if (isBlank(draft.seniorReviewerName) && !isBlank(draft.seniorReviewerRole)) issues.add('seniorReviewerName', 'Enter the name of the senior reviewer');
  return issues.items;
}

/** Short names for the letters page: "Complete the discharge section: clinical impression". */
export const dischargeFieldNames: Record<string, string> = {
  clinicalImpression: 'clinical impression',
  treatmentGiven: 'treatment given',
  destination: 'discharge destination',
  destinationDetail: 'discharge destination',
  followUp: 'follow-up',
  adviceToPatient: 'advice given',
  adviceToCarer: 'advice given to the parent or carer',
  seniorReviewerName: 'senior reviewer',
  seniorReviewerRole: 'senior reviewer',
};

const NOT_PROVIDED = 'Not provided';
const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);

export function summariseDischarge(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const d = answers.discharge;
  const rows: SummaryRow[] = [
    { key: dischargeQuestions.clinicalImpression.label, value: line(d.clinicalImpression), field: 'clinicalImpression' },
    { key: dischargeQuestions.treatmentGiven.label, value: line(d.treatmentGiven), field: 'treatmentGiven' },
    { key: dischargeQuestions.destination.label, value: line(describeDestination(d)), field: 'destination' },
    { key: dischargeQuestions.followUp.label, value: line(d.followUp), field: 'followUp' },
  ];
  if (adviceToPatientApplies(ctx, answers.accounts)) rows.push({ key: adviceToPatientLabel(ctx), value: line(d.adviceToPatient), field: 'adviceToPatient' });
  if (ctx.pathway.child || !isBlank(d.adviceToCarer)) rows.push({ key: dischargeQuestions.adviceToCarer.label, value: line(d.adviceToCarer), field: 'adviceToCarer' });
  const reviewer = isBlank(d.seniorReviewerName) ? 'None' : isBlank(d.seniorReviewerRole) ? d.seniorReviewerName.trim() : `${d.seniorReviewerName.trim()} (${d.seniorReviewerRole.trim()})`;
  rows.push({ key: dischargeQuestions.seniorReviewer.legend, value: [reviewer], field: 'seniorReviewerName' });
  return rows;
}
