/**
 * Domestic abuse: selective enquiry for patients aged 16 and over when indicators are present
 * (PRODUCT.md section 3 and 4.8; research §10).
 *
 * Owns: the indicators (data, research §10.3), which presentations bring the section, the
 * enquiry answers (Asked – disclosed / Asked – denied / Not safe to ask / Not asked, with
 * reason), the interpreter rule, the DASH result as a count of "yes" answers with the
 * professional-judgement override and its reasons, the high-risk rule and the MARAC referral
 * fields it brings, the IDVA referral with consent or the legal basis for sharing, the safe
 * contact, the 999 advice for immediate danger, the children / pregnancy prompt (Think
 * Family and a child referral), the 16–17-year-old rule (MARAC and the MASH together),
 * validation and the follow-ups.
 *
 * The model (NICE QS116 statements 1–3, research §10.1, V): anyone who presents with
 * indicators of possible domestic abuse is asked about it in a private discussion (selective
 * enquiry, the model for ED), and anyone who discloses is offered referral to specialist
 * support, including support for their children. Asked in private means never in front of a
 * partner, relative or child over about 2 years old (research §10.1, U) and, where needed,
 * through a professional interpreter, never a family member (RCGP, research §10.1, S).
 *
 * DASH (SafeLives) is SafeLives material whose embedding terms were not checked (research
 * §10.2 and §11 item 16, U): the app records the number of "yes" answers from the nurse's
 * own copy of the checklist and never shows its questions. 14 or more "yes" answers, or
 * professional judgement, is high risk and prompts a MARAC referral (SafeLives quick-start
 * guidance and local MARAC pages, research §10.2, S). The medium and standard bands are
 * local conventions, not SafeLives thresholds: the app does not show them. This is the one
 * risk threshold the app states, because the MARAC referral criterion is defined by it; it
 * is a domestic-abuse risk checklist result the nurse enters, never a score the app computes
 * about maltreatment.
 *
 * DASH does not replace child safeguarding (research §10.2): children in the household or a
 * pregnancy send the nurse to Think Family (research §2.4) and a child referral. A victim of
 * 16 or 17 is a child: the MASH referral becomes mandatory on the child pathway as well as
 * MARAC when high risk (rules/concern-level.ts reads `domesticAbuseChildVictim`).
 *
 * Letters: every detail here is restricted content ('domestic-abuse', PRODUCT.md section 5:
 * a perpetrator may read the GP letter); domestic-abuse-sections.ts marks it.
 *
 * Evidence: selective enquiry in private and referral offer V (QS116 S1, S3); DASH 24
 * questions, the 14 threshold and judgement override S; the judgement reasons S (one local
 * MARAC list); the indicator list U (research §10.3, a product list, to be confirmed with the
 * trust's domestic abuse lead); the presentations that bring the section U (a product
 * decision, see DOMESTIC_ABUSE_PRESENTATIONS). Ids are stable slugs.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, choicesField, datePartsField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength, datePartsMessage } from '../assessment/validation-helpers';
import { parseDateParts } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { fromLondon } from '../shared/dates';
import { isValidPhone } from '../shared/phone';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { reasonIsOneOf } from './screening-context';
import type { ScreeningReason, ScreeningSource } from './screening-context';

export const DOMESTIC_ABUSE_ENQUIRY_SOURCE: ScreeningSource = {
  citation: 'NICE QS116 (2016) Domestic violence and abuse, statements 1–3',
  evidence: 'V',
  research: '§10.1',
};

export const DASH_SOURCE: ScreeningSource = {
  citation: 'SafeLives DASH risk checklist quick-start guidance; local MARAC referral pages',
  evidence: 'S',
  research: '§10.2',
  note: '24 questions, 14 or more "yes" answers or professional judgement = high risk, MARAC referral; the questions are not embedded (licence not checked, U)',
};

export const DOMESTIC_ABUSE_INDICATORS_SOURCE: ScreeningSource = {
  citation: 'Research §10.3 indicator list (product design from NICE QS116 statement 1 "indicators")',
  evidence: 'U',
  research: '§10.3',
  note: 'To be confirmed with the trust domestic abuse lead',
};

/** The MARAC threshold: 14 or more "yes" answers on the 24-question DASH (research §10.2, S). */
export const DASH_QUESTIONS = 24;
export const DASH_HIGH_RISK_THRESHOLD = 14;

/** The age from which the enquiry applies: the Domestic Abuse Act 2021 definition is 16 and over (research §10.1, S). */
export const DOMESTIC_ABUSE_FROM_AGE = 16;

export interface DomesticAbuseIndicator {
  /** Stable slug, stored with the record. */
  id: string;
  label: string;
  /** The reasons for attendance that make this indicator present without a tick. */
  fromReasons: readonly ScreeningReason[];
}

/** The indicators that bring the enquiry (research §10.3, U: a product list). */
export const domesticAbuseIndicators = [
  { id: 'assault', label: 'Assault', fromReasons: ['assault'] },
  { id: 'vague-injury', label: 'An injury with a vague or inconsistent explanation', fromReasons: [] },
  { id: 'repeat-attendances', label: 'Repeat attendances', fromReasons: [] },
  { id: 'controlling-companion', label: 'A controlling partner or companion (answers for the patient, will not leave them alone)', fromReasons: [] },
  { id: 'pregnancy-with-injury', label: 'Pregnancy with an injury', fromReasons: [] },
  { id: 'self-harm', label: 'Self-harm', fromReasons: ['self-harm'] },
  { id: 'substance-misuse', label: 'Alcohol or drug misuse', fromReasons: ['intoxication'] },
  { id: 'strangulation', label: 'Strangulation or choking', fromReasons: [] },
  { id: 'sexual-assault', label: 'Sexual assault', fromReasons: [] },
] as const satisfies readonly DomesticAbuseIndicator[];

export type DomesticAbuseIndicatorId = (typeof domesticAbuseIndicators)[number]['id'];

const indicatorIds = domesticAbuseIndicators.map((indicator) => indicator.id) as [DomesticAbuseIndicatorId, ...DomesticAbuseIndicatorId[]];

/**
 * The presentations that bring the section for a patient of 16 or over (U, a product
 * decision): those where an indicator of research §10.3 can arise (injury, assault,
 * self-harm, mental health crisis, intoxication, sexual health or pregnancy, genital,
 * urinary or gynaecological). An illness or "Other" attendance does not bring it.
 */
export const DOMESTIC_ABUSE_PRESENTATIONS: readonly ScreeningReason[] = [
  'injury',
  'assault',
  'self-harm',
  'mental-health',
  'intoxication',
  'sexual-health',
  'genital-urinary-gynaecological',
];

export const NO_INDICATORS = 'none';

export const indicatorOptions: readonly (AnswerOption & { exclusive?: boolean })[] = [
  ...domesticAbuseIndicators.map((indicator) => ({ value: indicator.id, label: indicator.label })),
  { value: NO_INDICATORS, label: 'None of these', exclusive: true },
];

export const enquiryOptions = [
  { value: 'disclosed', label: 'Asked – disclosed' },
  { value: 'denied', label: 'Asked – denied' },
  { value: 'not-safe', label: 'Not safe to ask' },
  { value: 'not-asked', label: 'Not asked' },
] as const satisfies readonly AnswerOption[];

export const interpreterUsedOptions = [
  { value: 'not-needed', label: 'No interpreter was needed' },
  { value: 'professional', label: 'Yes – a professional interpreter' },
] as const satisfies readonly AnswerOption[];

export const dashOptions = [
  { value: 'completed', label: 'Completed' },
  { value: 'not-completed', label: 'Not completed (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const yesNoOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const yesNoNotKnownOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

/** Professional-judgement reasons (one local MARAC's list, research §10.2, S), plus Other. */
export const judgementReasonOptions = [
  { value: 'strangulation', label: 'Non-fatal strangulation or choking' },
  { value: 'stalking', label: 'Stalking' },
  { value: 'threats-to-kill', label: 'Threats to kill' },
  { value: 'separation-coercive-control', label: 'Separation, with coercive control and physical or sexual violence' },
  { value: 'victim-fear', label: "The victim's own fear" },
  { value: 'escalation', label: 'Escalation of the abuse' },
  { value: 'honour-based', label: '"Honour"-based abuse or forced marriage' },
  { value: 'other', label: 'Other (describe)' },
] as const satisfies readonly AnswerOption[];

export const maracReferralOptions = [
  { value: 'made', label: 'Made' },
  { value: 'passed-on', label: 'Passed to the hospital safeguarding team or IDVA to make' },
  { value: 'not-made', label: 'Not made (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const idvaOptions = [
  { value: 'accepted', label: 'Offered and accepted' },
  { value: 'declined', label: 'Offered and declined' },
  { value: 'not-offered', label: 'Not offered (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const sharingBasisOptions = [
  { value: 'consent', label: 'The patient consents to sharing' },
  { value: 'without-consent', label: 'Shared without consent (give the legal basis)' },
] as const satisfies readonly AnswerOption[];

export const childReferralOptions = [
  { value: 'made', label: 'Made' },
  { value: 'not-made', label: 'Not made (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const domesticAbuseDraftSchema = z.object({
  /** Indicators the nurse ticked ('none' = none of these); reason-derived ones need no tick. */
  indicators: choicesField([...indicatorIds, NO_INDICATORS]),
  enquiry: choiceField(['disclosed', 'denied', 'not-safe', 'not-asked']),
  notSafeReason: textField(),
  notAskedReason: textField(),
  interpreterUsed: choiceField(['not-needed', 'professional']),
  dash: choiceField(['completed', 'not-completed']),
  /** As typed: a whole number 0–24 once valid; kept as text so nothing typed is lost. */
  dashYesCount: textField(),
  dashNotCompletedReason: textField(),
  judgementHighRisk: choiceField(['yes', 'no']),
  judgementReasons: choicesField(['strangulation', 'stalking', 'threats-to-kill', 'separation-coercive-control', 'victim-fear', 'escalation', 'honour-based', 'other']),
  judgementDetails: textField(),
  maracReferral: choiceField(['made', 'passed-on', 'not-made']),
  maracReferralDate: datePartsField(),
  maracReferredBy: textField(),
  maracReference: textField(),
  maracPassedTo: textField(),
  maracNotMadeReason: textField(),
  idvaReferral: choiceField(['accepted', 'declined', 'not-offered']),
  idvaNotOfferedReason: textField(),
  sharingBasis: choiceField(['consent', 'without-consent']),
  sharingLegalBasis: textField(),
  safeContactNumber: textField(),
  safeContactTime: textField(),
  immediateDanger: choiceField(['yes', 'no']),
  policeDetails: textField(),
  childrenInHousehold: choiceField(['yes', 'no', 'not-known']),
  pregnant: choiceField(['yes', 'no', 'not-known']),
  childReferral: choiceField(['made', 'not-made']),
  childReferralDetails: textField(),
  childReferralNotMadeReason: textField(),
});

export type DomesticAbuseDraft = z.infer<typeof domesticAbuseDraftSchema>;

export const emptyDomesticAbuseDraft = (): DomesticAbuseDraft => domesticAbuseDraftSchema.parse({});

/** The slug of the Think Family section (PRODUCT.md 4.7) the children prompt links to when it is registered. */
export const THINK_FAMILY_SLUG = 'think-family';

export const domesticAbuseQuestions = {
  title: 'Domestic abuse',
  intro: 'Ask about domestic abuse only in private: never in front of a partner, relative or a child over about 2 years old. If the patient needs an interpreter, use a professional interpreter, never a family member or friend',
  indicators: {
    label: 'Indicators of domestic abuse',
    hint: 'Select all that apply',
    fromReason: 'Present because of the reason for attendance:',
  },
  enquiry: {
    label: 'Has the patient been asked about domestic abuse, in private?',
    hint: 'For example: "We ask everyone with an injury like this: is anyone at home hurting you, or making you afraid?"',
    notSafeReasonLabel: 'Why was it not safe to ask?',
    notAskedReasonLabel: 'Why was it not asked?',
  },
  interpreterUsed: {
    label: 'Was an interpreter used?',
    hint: 'Only a professional interpreter, never a family member or friend',
    patientNeedsInterpreter: 'This patient needs an interpreter. Ask only through a professional interpreter, never a family member or friend. If none is available, select Not asked and give the reason',
  },
  dash: {
    label: 'DASH risk checklist',
    hint: 'Use your own copy of the SafeLives DASH risk checklist. Before asking, check it is safe to talk and agree a safe contact number',
    countLabel: 'Number of "yes" answers (0 to 24)',
    countHint: 'Count only "yes" answers',
    notCompletedReasonLabel: 'Why was it not completed?',
  },
  judgement: {
    label: 'In your professional judgement, is the patient at high risk of serious harm?',
    hint: 'A MARAC referral can be made on professional judgement even with fewer than 14 "yes" answers',
    reasonsLabel: 'What makes you judge the risk high?',
    detailsLabel: 'Describe',
  },
  highRisk: {
    title: 'High risk: refer to MARAC',
    byCount: `14 or more "yes" answers on the DASH risk checklist`,
    byJudgement: 'professional judgement',
    childVictim: "The patient is 16 or 17: make the referral to children's social care (MASH) as well, on the Outcome and actions page",
  },
  marac: {
    label: 'MARAC referral',
    dateLabel: 'Date the referral was made',
    referredByLabel: 'Who made the referral',
    referenceLabel: 'Reference (optional)',
    passedToLabel: 'Who will make it (name and team)',
    notMadeReasonLabel: 'Why was the referral not made?',
  },
  idva: {
    label: 'Referral to an IDVA or specialist domestic abuse service',
    hint: 'IDVA: independent domestic violence adviser',
    notOfferedReasonLabel: 'Why was it not offered?',
  },
  sharingBasis: {
    label: 'Sharing information for these referrals',
    legalBasisLabel: 'Legal basis for sharing without consent',
    legalBasisHint: 'For example, to protect the patient or others from serious harm. Say who agreed',
  },
  safeContact: {
    numberLabel: 'Safe contact number',
    numberHint: 'A number the patient says is safe for services to call',
    timeLabel: 'When is it safe to call?',
  },
  immediateDanger: {
    label: 'Is the patient, or anyone else, in immediate danger?',
    call999: 'Call the police on 999 now if the patient or anyone else is in immediate danger',
    policeLabel: 'Police called (time, and reference if given)',
  },
  children: {
    childrenLabel: 'Are there children in the household?',
    pregnantLabel: 'Is the patient pregnant?',
    prompt: 'Children in the household or a pregnancy: complete Think Family for the children and any unborn child, and make a child safeguarding referral under local procedure',
    thinkFamilyLink: 'Go to Think Family',
    referralLabel: 'Child safeguarding referral (children\'s social care)',
    referralDetailsLabel: 'When, to whom, and the reference if given',
    referralNotMadeLabel: 'Why was the referral not made?',
  },
} as const;

/** The patient is 16 or over (PRODUCT.md section 3). */
export const domesticAbuseEligible = (ctx: AssessmentContext): boolean => ctx.pathway.sixteenOrOver;

/** Whether the section is on the task list: 16 or over, with a presentation that can carry an indicator. */
export const domesticAbuseApplies = (ctx: AssessmentContext): boolean => domesticAbuseEligible(ctx) && reasonIsOneOf(ctx, DOMESTIC_ABUSE_PRESENTATIONS);

/** Indicators present because of the reason for attendance (no tick needed). */
export function indicatorsFromReason(ctx: AssessmentContext): DomesticAbuseIndicatorId[] {
  return domesticAbuseIndicators.filter((indicator) => reasonIsOneOf(ctx, indicator.fromReasons)).map((indicator) => indicator.id);
}

/** Every indicator present: from the reason for attendance and ticked by the nurse, in list order. */
export function indicatorsPresent(draft: Pick<DomesticAbuseDraft, 'indicators'>, ctx: AssessmentContext): DomesticAbuseIndicatorId[] {
  if (!domesticAbuseApplies(ctx)) return [];
  const fromReason = indicatorsFromReason(ctx);
  return domesticAbuseIndicators.map((indicator) => indicator.id).filter((id) => fromReason.includes(id) || (draft.indicators as readonly string[]).includes(id));
}

/** The enquiry is required: the section applies and an indicator is present (NICE QS116 S1). */
export const enquiryRequired = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean => indicatorsPresent(draft, ctx).length > 0;

/** Asked (disclosed or denied): the interpreter question applies. */
export const wasAsked = (draft: DomesticAbuseDraft): boolean => draft.enquiry === 'disclosed' || draft.enquiry === 'denied';

export const disclosed = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean => domesticAbuseApplies(ctx) && draft.enquiry === 'disclosed';

export type DashCount = { ok: true; value: number } | { ok: false; problem: 'blank' | 'not-whole' | 'out-of-range' };

/** Reads the DASH count as typed: a whole number from 0 to 24. */
export function readDashCount(text: string): DashCount {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'blank' };
  if (!/^\d+$/.test(trimmed)) return { ok: false, problem: 'not-whole' };
  const value = Number(trimmed);
  return value > DASH_QUESTIONS ? { ok: false, problem: 'out-of-range' } : { ok: true, value };
}

export const dashCountMessages: Record<'blank' | 'not-whole' | 'out-of-range', string> = {
  blank: 'Enter the number of "yes" answers on the DASH risk checklist, from 0 to 24',
  'not-whole': 'The number of "yes" answers must be a whole number from 0 to 24, like 15',
  'out-of-range': 'The number of "yes" answers must be from 0 to 24: the DASH risk checklist has 24 questions',
};

export type HighRiskBasis = 'dash-count' | 'judgement';

/**
 * Why the patient is high risk, if they are: 14 or more "yes" answers, or professional
 * judgement (research §10.2, S). Empty when neither holds or nothing was disclosed.
 */
export function highRiskBasis(draft: DomesticAbuseDraft, ctx: AssessmentContext): HighRiskBasis[] {
  if (!disclosed(draft, ctx)) return [];
  const out: HighRiskBasis[] = [];
  const count = draft.dash === 'completed' ? readDashCount(draft.dashYesCount) : undefined;
  if (count?.ok === true && count.value >= DASH_HIGH_RISK_THRESHOLD) out.push('dash-count');
  if (draft.judgementHighRisk === 'yes') out.push('judgement');
  return out;
}

/** High risk: a MARAC referral is prompted and its fields are required. */
export const highRisk = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean => highRiskBasis(draft, ctx).length > 0;

/**
 * A victim of 16 or 17 who discloses: a child, so the MASH referral is mandatory alongside
 * MARAC (PRODUCT.md 4.8; rules/concern-level.ts makes the referral required).
 */
export const domesticAbuseChildVictim = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean => ctx.pathway.child && disclosed(draft, ctx);

/** Children in the household or a pregnancy, after a disclosure: Think Family and a child referral (research §10.3 step 4). */
export const childrenPromptApplies = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean =>
  disclosed(draft, ctx) && (draft.childrenInHousehold === 'yes' || draft.pregnant === 'yes');

/** A referral that shares information: MARAC made or passed on, or the IDVA referral accepted. */
const sharingApplies = (draft: DomesticAbuseDraft, ctx: AssessmentContext): boolean =>
  (highRisk(draft, ctx) && (draft.maracReferral === 'made' || draft.maracReferral === 'passed-on')) || draft.idvaReferral === 'accepted';

/** The MARAC referral date as an instant (midday London), when valid. */
export function readMaracReferralDate(draft: DomesticAbuseDraft): IsoInstant | undefined {
  const date = parseDateParts(draft.maracReferralDate);
  return date.ok ? fromLondon(date.value, '12:00') : undefined;
}

export interface DomesticAbuseFacts {
  /** From the patient page: the patient needs an interpreter. */
  needsInterpreter: boolean;
}

/** Validation. Never blocks saving; the DASH count is kept as typed. */
export function validateDomesticAbuse(draft: DomesticAbuseDraft, ctx: AssessmentContext, facts: DomesticAbuseFacts = { needsInterpreter: false }): Issue[] {
  const issues = new IssueList();
  if (!domesticAbuseApplies(ctx)) return issues.items;
  const fromReason = indicatorsFromReason(ctx);
  const ticked = draft.indicators.filter((id) => id !== NO_INDICATORS);
  if (fromReason.length === 0 && draft.indicators.length === 0) issues.add('indicators', "Select the indicators of domestic abuse, or 'None of these'");
  else if (draft.indicators.includes(NO_INDICATORS) && ticked.length > 0) issues.add('indicators', "Select the indicators present, or 'None of these', not both");
  if (!enquiryRequired(draft, ctx) && draft.enquiry === '') return finish(issues, draft);

  if (draft.enquiry === '') issues.add('enquiry', 'Select whether the patient has been asked about domestic abuse, in private');
  else if (draft.enquiry === 'not-safe' && isBlank(draft.notSafeReason)) issues.add('notSafeReason', 'Enter why it was not safe to ask');
  else if (draft.enquiry === 'not-asked' && isBlank(draft.notAskedReason)) issues.add('notAskedReason', 'Enter why the patient was not asked');

  if (wasAsked(draft)) {
    if (draft.interpreterUsed === '') issues.add('interpreterUsed', 'Select whether an interpreter was used');
    else if (facts.needsInterpreter && draft.interpreterUsed !== 'professional') {
      issues.add('interpreterUsed', 'The patient needs an interpreter: ask only through a professional interpreter, or select Not asked and give the reason');
    }
  }

  if (draft.enquiry === 'disclosed') validateDisclosure(issues, draft, ctx);
  return finish(issues, draft);
}

function validateDisclosure(issues: IssueList, draft: DomesticAbuseDraft, ctx: AssessmentContext): void {
  if (draft.dash === '') issues.add('dash', 'Select whether the DASH risk checklist was completed');
  else if (draft.dash === 'completed') {
    const count = readDashCount(draft.dashYesCount);
    if (!count.ok) issues.add('dashYesCount', dashCountMessages[count.problem]);
  } else if (isBlank(draft.dashNotCompletedReason)) issues.add('dashNotCompletedReason', 'Enter why the DASH risk checklist was not completed');

  if (draft.judgementHighRisk === '') issues.add('judgementHighRisk', 'Select whether, in your professional judgement, the patient is at high risk of serious harm');
  else if (draft.judgementHighRisk === 'yes') {
    if (draft.judgementReasons.length === 0) issues.add('judgementReasons', 'Select what makes you judge the risk high');
    else if (draft.judgementReasons.includes('other') && isBlank(draft.judgementDetails)) issues.add('judgementDetails', 'Describe what makes you judge the risk high');
  }

  if (highRisk(draft, ctx)) {
    if (draft.maracReferral === '') issues.add('maracReferral', 'Select whether the MARAC referral was made: the patient is at high risk');
    else if (draft.maracReferral === 'made') {
      const date = parseDateParts(draft.maracReferralDate);
      if (!date.ok) issues.add('maracReferralDate.day', datePartsMessage('Date the referral was made', date.problem));
      else if (Date.parse(fromLondon(date.value, '00:00')) > Date.parse(ctx.now)) issues.add('maracReferralDate.day', 'Date the referral was made must be today or in the past');
      if (isBlank(draft.maracReferredBy)) issues.add('maracReferredBy', 'Enter who made the MARAC referral');
    } else if (draft.maracReferral === 'passed-on') {
      if (isBlank(draft.maracPassedTo)) issues.add('maracPassedTo', 'Enter who will make the MARAC referral');
    } else if (isBlank(draft.maracNotMadeReason)) issues.add('maracNotMadeReason', 'Enter why the MARAC referral was not made');
  }

  if (draft.idvaReferral === '') issues.add('idvaReferral', 'Select whether a referral to an IDVA or specialist domestic abuse service was offered');
  else if (draft.idvaReferral === 'not-offered' && isBlank(draft.idvaNotOfferedReason)) issues.add('idvaNotOfferedReason', 'Enter why the referral was not offered');

  if (sharingApplies(draft, ctx)) {
    if (draft.sharingBasis === '') issues.add('sharingBasis', 'Select whether the patient consents to sharing, or the legal basis for sharing without consent');
    else if (draft.sharingBasis === 'without-consent' && isBlank(draft.sharingLegalBasis)) issues.add('sharingLegalBasis', 'Enter the legal basis for sharing without consent');
  }

  if (isBlank(draft.safeContactNumber)) issues.add('safeContactNumber', 'Enter a safe contact number');
  else if (!isValidPhone(draft.safeContactNumber)) issues.add('safeContactNumber', 'Enter a safe contact number, like 07700 900 982 or 0115 924 9924');
  if (isBlank(draft.safeContactTime)) issues.add('safeContactTime', 'Enter when it is safe to call');

  if (draft.immediateDanger === '') issues.add('immediateDanger', 'Select whether the patient, or anyone else, is in immediate danger');
  else if (draft.immediateDanger === 'yes' && isBlank(draft.policeDetails)) issues.add('policeDetails', 'Enter when the police were called on 999');

  if (draft.childrenInHousehold === '') issues.add('childrenInHousehold', "Select whether there are children in the household, or 'Not known'");
  if (draft.pregnant === '') issues.add('pregnant', "Select whether the patient is pregnant, or 'Not known'");
  if (childrenPromptApplies(draft, ctx)) {
    if (draft.childReferral === '') issues.add('childReferral', 'Select whether the child safeguarding referral was made');
    else if (draft.childReferral === 'made' && isBlank(draft.childReferralDetails)) issues.add('childReferralDetails', 'Enter when and to whom the child safeguarding referral was made');
    else if (draft.childReferral === 'not-made' && isBlank(draft.childReferralNotMadeReason)) issues.add('childReferralNotMadeReason', 'Enter why the child safeguarding referral was not made');
  }
}

function finish(issues: IssueList, draft: DomesticAbuseDraft): Issue[] {
  for (const [field, name] of [
    ['maracReferredBy', 'Who made the referral'],
    ['maracReference', 'Reference'],
    ['maracPassedTo', 'Who will make it'],
    ['safeContactNumber', 'Safe contact number'],
    ['safeContactTime', 'When it is safe to call'],
    ['policeDetails', 'Police called'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_SHORT_TEXT, name);
  }
  for (const [field, name] of [
    ['notSafeReason', 'Why it was not safe to ask'],
    ['notAskedReason', 'Why it was not asked'],
    ['dashNotCompletedReason', 'Why the DASH was not completed'],
    ['judgementDetails', 'The professional judgement'],
    ['maracNotMadeReason', 'Why the MARAC referral was not made'],
    ['idvaNotOfferedReason', 'Why the IDVA referral was not offered'],
    ['sharingLegalBasis', 'The legal basis'],
    ['childReferralDetails', 'The child safeguarding referral'],
    ['childReferralNotMadeReason', 'Why the child safeguarding referral was not made'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_FREE_TEXT, name);
  }
  return issues.items;
}

/** Follow-ups for the liaison list: not safe to ask (ask again safely), or not asked, with the reason. */
export function domesticAbuseFollowUps(draft: DomesticAbuseDraft, ctx: AssessmentContext): ScreeningFollowUp[] {
  if (!domesticAbuseApplies(ctx)) return [];
  if (draft.enquiry === 'not-safe') return [followUp('domestic-abuse-not-safe-to-ask', draft.notSafeReason.trim())];
  if (draft.enquiry === 'not-asked' && enquiryRequired(draft, ctx)) return [followUp('domestic-abuse-not-asked', draft.notAskedReason.trim())];
  return [];
}
