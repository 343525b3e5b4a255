/**
 * Child sexual exploitation (CSE) screen, 11–17 (PRODUCT.md 4.6; research §3).
 *
 * Owns: the eight significant indicators of research §3.2 exactly, the other risk indicators
 * (including the criminal exploitation items), the answer lists, "Not asked" with a reason,
 * the mandatory triggers (as data), the suggestions drawn from the record, the partner's age
 * and any power imbalance, validation, and the outcome rules.
 *
 * What the outcome is and is not: the screen ends in actions (discuss with the safeguarding
 * lead today, refer under local procedure, the under-13 rule), never in a score or a band.
 * Research §3.1: no published numeric grading exists for Spotting the Signs; grading is set
 * by local partnership tools and varies, so the count of other indicators is compared with a
 * threshold the trust sets (settings), not turned into a level.
 *
 * "Going missing" is significant indicator 1 and is asked on this page: research §3.1 lists
 * it among the mandatory triggers, but no other section records it, so the question here is
 * where it is captured. Suggestions from the record are returned with their source and are
 * never ticked for the nurse: the young person's own answer is what is recorded.
 *
 * Letters: every detail of this screen is restricted content (PRODUCT.md section 5, CSE).
 *
 * Evidence (research §0): the eight significant indicators and "any one → discuss the same
 * day" are S (local partnership tools adapted from Spotting the Signs, research §3.2); the
 * 11–17 age range and the mandatory triggers are U (a product choice, research §3.1); the
 * under-13 referral is V (NICE CG89 under-13 text) with S local procedures. Each item and
 * rule below carries its own label. Ids are stable slugs: never rename or reuse one.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, flagField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { isBlank, MAX_FREE_TEXT } from '../shared/text';
import { checkLength } from '../assessment/validation-helpers';
import { recordedCseThreshold } from './cse-threshold';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { GENITAL_URINARY_GYNAE_REASON, reasonIsOneOf, screeningReason } from './screening-context';
import type { ScreenAgeRule, ScreeningReason, ScreeningRecordFacts, ScreeningSource } from './screening-context';

/** Answers for every indicator (PRODUCT.md 4.6; research §3.2 "Unknown" worded "Not known"). */
export const cseAnswerOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
  { value: 'declined', label: 'Declined' },
] as const satisfies readonly AnswerOption[];

export type CseAnswer = (typeof cseAnswerOptions)[number]['value'];
const CSE_ANSWER_VALUES = ['yes', 'no', 'not-known', 'declined'] as const;

export interface CseIndicator<Id extends string = string> {
  id: Id;
  /** Plain paraphrase shown as the question (research §3.2; wording is ours, not Spotting the Signs'). */
  label: string;
  /** Short noun phrase for error messages. */
  name: string;
  /** Criminal exploitation (CCE) item (research §3.1: the 2024 toolkit widened to CCE). */
  criminalExploitation: boolean;
  source: ScreeningSource;
}

const LOCAL_TOOLS: ScreeningSource = {
  citation: 'Local CSE screening tools adapted from BASHH/Brook Spotting the Signs (2014)',
  evidence: 'S',
  research: '§3.2',
  note: 'Significant and other indicators as split by Dudley/West Midlands-style tools; confirm against the local partnership tool',
};

const CCE_SOURCE: ScreeningSource = {
  citation: 'Spotting the Signs updated toolkit (BASHH/Brook, STI 2024) widened to child criminal exploitation',
  evidence: 'S',
  research: '§3.1, §3.2',
  note: 'The widening to CCE is V at abstract level; the individual items come from local tools',
};

/** The eight significant indicators of research §3.2, in its order. Any one "Yes" → discuss today. */
export const cseSignificantIndicators = [
  {
    id: 'going-missing',
    label: 'Going missing, or staying out overnight or longer, with whereabouts unknown',
    name: 'going missing',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'controlling-older-relationship',
    label: 'A relationship with a controlling or much older person ("boyfriend" or "girlfriend"), or with a person or group of concern',
    name: 'a relationship with a controlling or much older person',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'cars-unknown-adults',
    label: 'Getting into or out of cars driven by unknown adults',
    name: 'cars driven by unknown adults',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'unexplained-gifts',
    label: 'Unexplained money, phones, clothes, gifts, drugs or alcohol',
    name: 'unexplained money or gifts',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'online-grooming',
    label: 'Online grooming, sending or receiving sexual images, or meeting people met online',
    name: 'online grooming or sexual images',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'hotels-taxis-takeaways',
    label: 'Links to hotels, taxi firms or takeaways, or to places known for exploitation',
    name: 'links to hotels, taxi firms or takeaways',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'assault-disclosure',
    label: 'Disclosure of sexual or physical assault, including an allegation later withdrawn',
    name: 'disclosure of sexual or physical assault',
    criminalExploitation: false,
    source: LOCAL_TOOLS,
  },
  {
    id: 'sexual-activity-12-or-under',
    label: 'Any sexual activity at the age of 12 or under',
    name: 'sexual activity at 12 or under',
    criminalExploitation: false,
    source: {
      citation: 'NICE CG89 (sexual activity or pregnancy under 13); local child protection procedures',
      evidence: 'V',
      research: '§3.2 item 8, §5.1',
      note: 'The NICE under-13 text is V; "automatic referral" wording is from local procedures (S)',
    },
  },
] as const satisfies readonly CseIndicator[];

export type CseSignificantIndicatorId = (typeof cseSignificantIndicators)[number]['id'];

/** The other risk indicators of research §3.2: counted and recorded; several together → discuss. */
export const cseOtherIndicators = [
  { id: 'not-in-education', label: 'Not in education, excluded, or poor attendance', name: 'not in education', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'substance-misuse', label: 'Drug or alcohol misuse', name: 'drug or alcohol misuse', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'self-harm-eating-suicidal', label: 'Self-harm, an eating disorder or suicidal behaviour', name: 'self-harm, eating disorder or suicidal behaviour', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'sti-pregnancy-termination', label: 'Sexually transmitted infection, pregnancy or termination, especially if repeated', name: 'STI, pregnancy or termination', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'unexplained-injuries', label: 'Unexplained injuries', name: 'unexplained injuries', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'multiple-callers', label: 'Multiple or unknown callers, or concerning phone use', name: 'multiple or unknown callers', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'looked-after-family-breakdown', label: 'Looked after or a care leaver, family breakdown, or a history of abuse', name: 'looked after, family breakdown or history of abuse', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'peers-exploited', label: 'Friends or peers involved in exploitation', name: 'peers involved in exploitation', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'learning-disability', label: 'Learning disability', name: 'learning disability', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'carrying-weapons', label: 'Carrying weapons', name: 'carrying weapons', criminalExploitation: true, source: CCE_SOURCE },
  { id: 'unexplained-travel', label: 'Unexplained travel, or being found far from home', name: 'unexplained travel', criminalExploitation: true, source: CCE_SOURCE },
  { id: 'intoxicated-at-presentation', label: 'Intoxicated at this attendance', name: 'intoxicated at this attendance', criminalExploitation: false, source: LOCAL_TOOLS },
  { id: 'unrelated-adult-answers', label: 'With an unrelated adult who answers for them', name: 'an unrelated adult who answers for them', criminalExploitation: false, source: LOCAL_TOOLS },
] as const satisfies readonly CseIndicator[];

export type CseOtherIndicatorId = (typeof cseOtherIndicators)[number]['id'];
export type CseIndicatorId = CseSignificantIndicatorId | CseOtherIndicatorId;

/** The default threshold and its range live in cse-threshold.ts (the settings schema reads them). */
export { DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD } from './cse-threshold';

/** Why the screen was not asked (PRODUCT.md 4.6). */
export const cseNotAskedReasonOptions = [
  { value: 'too-unwell-or-intoxicated', label: 'Not asked – too unwell or intoxicated' },
  { value: 'not-seen-alone', label: 'Not asked – not seen alone' },
  { value: 'declined', label: 'Not asked – the young person declined' },
] as const satisfies readonly AnswerOption[];

export type CseNotAskedReason = (typeof cseNotAskedReasonOptions)[number]['value'];

/**
 * Not-asked reasons still offered when the screen is mandatory. "Too unwell or intoxicated"
 * stays, so a mandatory screen never blocks signing for a young person who cannot answer
 * (validation never blocks treatment, PRODUCT.md principle 4); it creates a follow-up.
 */
export const CSE_MANDATORY_ALLOWED_NOT_ASKED: readonly CseNotAskedReason[] = ['too-unwell-or-intoxicated'];

const answerField = () => choiceField(CSE_ANSWER_VALUES);

const significantShape = {
  'going-missing': answerField(),
  'controlling-older-relationship': answerField(),
  'cars-unknown-adults': answerField(),
  'unexplained-gifts': answerField(),
  'online-grooming': answerField(),
  'hotels-taxis-takeaways': answerField(),
  'assault-disclosure': answerField(),
  'sexual-activity-12-or-under': answerField(),
} satisfies Record<CseSignificantIndicatorId, ReturnType<typeof answerField>>;

const otherShape = {
  'not-in-education': answerField(),
  'substance-misuse': answerField(),
  'self-harm-eating-suicidal': answerField(),
  'sti-pregnancy-termination': answerField(),
  'unexplained-injuries': answerField(),
  'multiple-callers': answerField(),
  'looked-after-family-breakdown': answerField(),
  'peers-exploited': answerField(),
  'learning-disability': answerField(),
  'carrying-weapons': answerField(),
  'unexplained-travel': answerField(),
  'intoxicated-at-presentation': answerField(),
  'unrelated-adult-answers': answerField(),
} satisfies Record<CseOtherIndicatorId, ReturnType<typeof answerField>>;

const significantSchema = z.object(significantShape);
const otherSchema = z.object(otherShape);

export const cseDraftSchema = z.object({
  notAsked: flagField(),
  notAskedReason: choiceField(['too-unwell-or-intoxicated', 'not-seen-alone', 'declined']),
  significant: z.catch(significantSchema, () => significantSchema.parse({})),
  other: z.catch(otherSchema, () => otherSchema.parse({})),
  /** What was said or seen, in the young person's words where possible. */
  details: textField(),
  /** Partner's age in whole years as typed, unless partnerAgeNotKnown or no partner. */
  partnerAge: textField(),
  partnerAgeNotKnown: flagField(),
  powerImbalance: choiceField(['yes', 'no', 'not-known']),
  powerImbalanceDetails: textField(),
  /**
   * The settings threshold for other indicators when the answers last changed (the page
   * stamps it; cse-threshold.ts says why). '' in a record from before: the default applies.
   */
  otherThreshold: textField(),
});

export type CseDraft = z.infer<typeof cseDraftSchema>;

export const emptyCseDraft = (): CseDraft => cseDraftSchema.parse({});

/** Canonical wording for the page. */
export const cseQuestions = {
  title: 'Child sexual exploitation screen',
  intro: 'Ask the young person alone where possible. Explain what you will share and why.',
  notAsked: { label: 'The screen was not asked', reasonLabel: 'Why was the screen not asked?' },
  significant: {
    legend: 'Significant indicators',
    hint: 'Any one of these: discuss with the safeguarding lead today and refer under local procedure',
  },
  other: {
    legend: 'Other indicators',
    hint: 'Several of these together: discuss with the safeguarding lead',
  },
  details: { label: 'What did the young person say, or what was seen?', hint: "Use the young person's own words where you can" },
  partnerAge: { label: "Partner's age (years)", hint: 'If the young person has a partner', notKnown: 'Not known' },
  powerImbalance: {
    label: 'Is there any concern about a power imbalance, coercion or exploitation in the relationship?',
    detailsLabel: 'Describe the concern',
  },
} as const;

export const powerImbalanceOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

/** Applicability: every attendance aged 11–17 (PRODUCT.md section 3; research §3.1, product choice U). */
export const cseApplies = (ctx: AssessmentContext): boolean => ctx.pathway.youngPerson;

export const CSE_AGE_SOURCE: ScreenAgeRule = {
  fromYears: 11,
  underYears: 18,
  source: { citation: 'PRODUCT.md section 3; research §3.1 recommendation', evidence: 'U', research: '§3.1', note: 'Spotting the Signs covers under-18s (V); 11–17 in ED is a product choice' },
};

export type CseTriggerId =
  | 'reason-sexual-health'
  | 'reason-intoxication'
  | 'reason-assault'
  | 'reason-self-harm'
  | 'reason-genital-urinary-gynae'
  | 'unclear-story'
  | 'looked-after';

export interface CseMandatoryTrigger {
  id: CseTriggerId;
  /** Finishes "The screen must be asked because …". */
  because: string;
  applies: (ctx: AssessmentContext, facts: ScreeningRecordFacts) => boolean;
  source: ScreeningSource;
}

const TRIGGER_SOURCE: ScreeningSource = {
  citation: 'Research §3.1 recommendation (ED adaptation of local CSE tools)',
  evidence: 'U',
  research: '§3.1',
  note: 'A product choice to be signed off by the trust safeguarding team',
};

const reasonTrigger = (id: CseTriggerId, reasons: readonly ScreeningReason[], because: string): CseMandatoryTrigger => ({
  id,
  because,
  applies: (ctx) => reasonIsOneOf(ctx, reasons),
  source: TRIGGER_SOURCE,
});

/**
 * When the screen is mandatory (research §3.1), as data. "Going missing" from the research
 * list is the screen's own first question. "Self-harm" covers the self-harm or overdose
 * reason; a mental health crisis alone is not in the research list.
 */
export const cseMandatoryTriggers: readonly CseMandatoryTrigger[] = [
  reasonTrigger('reason-sexual-health', ['sexual-health'], 'the attendance is about sexual health, contraception or pregnancy'),
  reasonTrigger('reason-intoxication', ['intoxication'], 'the young person attended with alcohol or drug intoxication'),
  reasonTrigger('reason-assault', ['assault'], 'the young person attended after an assault'),
  reasonTrigger('reason-self-harm', ['self-harm'], 'the young person attended after self-harm or an overdose'),
  reasonTrigger('reason-genital-urinary-gynae', [GENITAL_URINARY_GYNAE_REASON], 'the attendance is for a genital, urinary or gynaecological problem'),
  {
    id: 'unclear-story',
    because: 'the explanation of the injury is not consistent, or the nurse is not sure',
    applies: (_ctx, facts) => facts.accountConsistent === 'no' || facts.accountConsistent === 'not-sure',
    source: TRIGGER_SOURCE,
  },
  {
    id: 'looked-after',
    because: 'CP-IS shows the young person is looked after',
    applies: (_ctx, facts) => facts.cpis === 'checked-looked-after',
    source: TRIGGER_SOURCE,
  },
];

/** The mandatory triggers that apply to this young person (none outside 11–17). */
export function cseTriggersMet(ctx: AssessmentContext, facts: ScreeningRecordFacts): CseMandatoryTrigger[] {
  if (!cseApplies(ctx)) return [];
  return cseMandatoryTriggers.filter((trigger) => trigger.applies(ctx, facts));
}

export const cseIsMandatory = (ctx: AssessmentContext, facts: ScreeningRecordFacts): boolean => cseTriggersMet(ctx, facts).length > 0;

/** The not-asked reasons offered: all of them, or only "too unwell or intoxicated" when mandatory. */
export function cseNotAskedReasonsOffered(ctx: AssessmentContext, facts: ScreeningRecordFacts): (typeof cseNotAskedReasonOptions)[number][] {
  const mandatory = cseIsMandatory(ctx, facts);
  return cseNotAskedReasonOptions.filter((option) => !mandatory || CSE_MANDATORY_ALLOWED_NOT_ASKED.includes(option.value));
}

export type CseSuggestionSourceId =
  | 'came-alone-under-16'
  | 'adult-answered-for-young-person'
  | 'not-in-education'
  | 'attendance-reason'
  | 'frequent-attendance'
  | 'cpis-looked-after'
  | 'cpis-plan'
  | 'partner-adult';

export interface CseSuggestion {
  /** The indicator the record points to, or undefined when it points to asking with care. */
  indicator: CseIndicatorId | undefined;
  /** One plain sentence shown next to the question. */
  suggestion: string;
  source: { id: CseSuggestionSourceId; label: string };
}

const REASON_SUGGESTIONS: Partial<Record<ScreeningReason, CseIndicatorId>> = {
  intoxication: 'intoxicated-at-presentation',
  'self-harm': 'self-harm-eating-suicidal',
  'mental-health': 'self-harm-eating-suicidal',
  'sexual-health': 'sti-pregnancy-termination',
  assault: 'assault-disclosure',
};

/**
 * Suggestions from the record (PRODUCT.md 4.2 and 4.6), each with where it came from. They
 * are shown beside the questions and never answer them: the screen records what the young
 * person says.
 */
export function cseSuggestions(ctx: AssessmentContext, facts: ScreeningRecordFacts, draft?: Pick<CseDraft, 'partnerAge' | 'partnerAgeNotKnown'>): CseSuggestion[] {
  if (!cseApplies(ctx)) return [];
  const out: CseSuggestion[] = [];
  const age = ctx.pathway.ageYears;
  if (facts.cameAlone && ctx.pathway.underSixteen) {
    out.push({
      indicator: undefined,
      suggestion: 'An under-16 came alone: ask who knows they are here and who they are going home to',
      source: { id: 'came-alone-under-16', label: 'Who came with the patient: nobody, under 16' },
    });
  }
  if (facts.adultAnsweredForYoungPerson) {
    out.push({
      indicator: 'unrelated-adult-answers',
      suggestion: 'An adult answered questions for the young person: ask the screen with the young person alone',
      source: { id: 'adult-answered-for-young-person', label: 'Who came with the patient: the adult answered for the young person' },
    });
  }
  if (facts.notInEducation) {
    out.push({ indicator: 'not-in-education', suggestion: 'Recorded as not in education', source: { id: 'not-in-education', label: 'School: not in education' } });
  }
  const reason = screeningReason(ctx);
  const reasonIndicator = reason === undefined ? undefined : REASON_SUGGESTIONS[reason];
  if (reasonIndicator !== undefined) {
    out.push({ indicator: reasonIndicator, suggestion: 'The reason for attendance points to this indicator', source: { id: 'attendance-reason', label: 'Reason for attendance' } });
  }
  if (facts.frequentAttendance) {
    out.push({
      indicator: undefined,
      suggestion: '3 or more attendances in 12 months: ask about what led to each',
      source: { id: 'frequent-attendance', label: 'Information checks: attendances in the last 12 months' },
    });
  }
  if (facts.cpis === 'checked-looked-after') {
    out.push({ indicator: 'looked-after-family-breakdown', suggestion: 'CP-IS shows the young person is looked after', source: { id: 'cpis-looked-after', label: 'CP-IS: looked after' } });
  } else if (facts.cpis === 'checked-cp-plan') {
    out.push({ indicator: 'looked-after-family-breakdown', suggestion: 'CP-IS shows a child protection plan', source: { id: 'cpis-plan', label: 'CP-IS: child protection plan' } });
  }
  const partnerAge = draft === undefined || draft.partnerAgeNotKnown ? undefined : readPartnerAge(draft.partnerAge);
  // Under 16 the young person cannot consent in law; an adult partner points to indicator 2
  // (research §3.2; age of consent: Sexual Offences Act 2003, U in the research).
  if (partnerAge !== undefined && partnerAge >= 18 && age !== undefined && age < 16) {
    out.push({
      indicator: 'controlling-older-relationship',
      suggestion: 'The partner is an adult and the young person is under 16',
      source: { id: 'partner-adult', label: "Partner's age" },
    });
  }
  return out;
}

export const MIN_PARTNER_AGE = 10;
export const MAX_PARTNER_AGE = 99;

/** The partner's age when a whole number 10–99 was entered. */
export function readPartnerAge(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= MIN_PARTNER_AGE && value <= MAX_PARTNER_AGE ? value : undefined;
}

/** Validation: the screen answered, or "Not asked" with a reason the triggers allow. Never blocks saving. */
export function validateCse(draft: CseDraft, ctx: AssessmentContext, facts: ScreeningRecordFacts): Issue[] {
  const issues = new IssueList();
  if (!cseApplies(ctx)) return issues.items;
  const triggers = cseTriggersMet(ctx, facts);

  if (draft.notAsked) {
    if (draft.notAskedReason === '') issues.add('notAskedReason', 'Select why the screen was not asked');
    else if (triggers.length > 0 && !CSE_MANDATORY_ALLOWED_NOT_ASKED.includes(draft.notAskedReason)) {
      const because = triggers.map((trigger) => trigger.because).join('; ');
      issues.add('notAskedReason', `The screen must be asked because ${because}. Ask it, or select 'Not asked – too unwell or intoxicated'`);
    }
    return issues.items;
  }

  for (const indicator of cseSignificantIndicators) {
    if (draft.significant[indicator.id] === '') issues.add(`significant.${indicator.id}`, `Select an answer for ${indicator.name}`);
  }
  if (cseSignificantFound(draft).length > 0 && isBlank(draft.details)) {
    issues.add('details', 'Enter what the young person said, or what was seen');
  }
  checkLength(issues, 'details', draft.details, MAX_FREE_TEXT, 'What the young person said');

  if (!draft.partnerAgeNotKnown && !isBlank(draft.partnerAge) && readPartnerAge(draft.partnerAge) === undefined) {
    issues.add('partnerAge', `Partner's age must be a whole number from ${MIN_PARTNER_AGE} to ${MAX_PARTNER_AGE}`);
  }
  if (draft.powerImbalance === 'yes' && isBlank(draft.powerImbalanceDetails)) issues.add('powerImbalanceDetails', 'Describe the concern about a power imbalance');
  checkLength(issues, 'powerImbalanceDetails', draft.powerImbalanceDetails, MAX_FREE_TEXT, 'The concern about a power imbalance');
  return issues.items;
}

/** Significant indicators answered Yes, in page order. */
export function cseSignificantFound(draft: CseDraft): CseSignificantIndicatorId[] {
  return cseSignificantIndicators.filter((indicator) => draft.significant[indicator.id] === 'yes').map((indicator) => indicator.id);
}

/** Other indicators answered Yes, in page order. */
export function cseOtherFound(draft: CseDraft): CseOtherIndicatorId[] {
  return cseOtherIndicators.filter((indicator) => draft.other[indicator.id] === 'yes').map((indicator) => indicator.id);
}

export type CseAction =
  /** Any significant indicator (research §3.2, S). */
  | 'discuss-with-safeguarding-lead-today'
  | 'refer-under-local-procedure'
  /** Other indicators at or above the threshold, or a power imbalance (research §3.2, S). */
  | 'discuss-with-safeguarding-lead'
  /** Sexual activity at 12 or under: Suspect only, referral mandatory (PRODUCT.md 4.6, 4.9; NICE CG89, V). */
  | 'under-13-referral-mandatory';

export type CseOutcome =
  | { state: 'not-applicable' }
  | { state: 'not-asked'; reason: CseNotAskedReason | '' }
  | { state: 'incomplete'; unanswered: CseSignificantIndicatorId[] }
  | {
      state: 'screened';
      significant: CseSignificantIndicatorId[];
      otherCount: number;
      other: CseOtherIndicatorId[];
      threshold: number;
      actions: CseAction[];
    };

/**
 * The outcome of the screen: actions, never a score. `threshold` is the trust's number of
 * other indicators that together prompt a discussion: by default the one recorded with the
 * answers (the settings value when they last changed; DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD
 * when none is recorded). The page passes today's setting while the nurse answers.
 */
export function cseOutcome(draft: CseDraft, ctx: AssessmentContext, threshold: number = recordedCseThreshold(draft)): CseOutcome {
  if (!cseApplies(ctx)) return { state: 'not-applicable' };
  if (draft.notAsked) return { state: 'not-asked', reason: draft.notAskedReason };
  const significant = cseSignificantFound(draft);
  const other = cseOtherFound(draft);
  const actions: CseAction[] = [];
  if (significant.includes('sexual-activity-12-or-under')) actions.push('under-13-referral-mandatory');
  if (significant.length > 0) actions.push('discuss-with-safeguarding-lead-today', 'refer-under-local-procedure');
  else if (other.length >= Math.max(1, threshold) || draft.powerImbalance === 'yes') actions.push('discuss-with-safeguarding-lead');
  const unanswered = cseSignificantIndicators.filter((indicator) => draft.significant[indicator.id] === '').map((indicator) => indicator.id);
  // A Yes already found is acted on even while other questions are unanswered: partial data
  // must never hide a significant indicator.
  if (unanswered.length > 0 && significant.length === 0) return { state: 'incomplete', unanswered };
  return { state: 'screened', significant, otherCount: other.length, other, threshold, actions };
}

/** What the concern-level rules (PRODUCT.md 4.9) read from this screen. */
export interface CseConcernFacts {
  /** "No concern" is refused: a CSE significant indicator is recorded. */
  refusesNoConcern: boolean;
  /** Sexual activity at 12 or under: only "Suspect" is available at triage, and "Excluded" is not. */
  suspectOnly: boolean;
  /** A referral to children's social care (MASH) is mandatory. */
  referralMandatory: boolean;
  /** Plain reasons for the refusal, for the error message. */
  reasons: string[];
}

/**
 * The CSE facts for the concern-level and outcome rules: any significant indicator refuses
 * "No concern" (PRODUCT.md 4.9); sexual activity at 12 or under is Suspect only with a
 * mandatory referral (PRODUCT.md 4.6, 4.9; NICE CG89 under-13, V).
 */
export function cseConcernFacts(draft: CseDraft, ctx: AssessmentContext): CseConcernFacts {
  if (!cseApplies(ctx) || draft.notAsked) return { refusesNoConcern: false, suspectOnly: false, referralMandatory: false, reasons: [] };
  const significant = cseSignificantFound(draft);
  const under13 = significant.includes('sexual-activity-12-or-under');
  const reasons = significant.map((id) => `A child sexual exploitation significant indicator is recorded: ${cseSignificantIndicators.find((indicator) => indicator.id === id)?.name ?? id}`);
  return { refusesNoConcern: significant.length > 0, suspectOnly: under13, referralMandatory: under13, reasons };
}

/** Follow-ups this screen creates for the liaison list. */
export function cseFollowUps(draft: CseDraft, ctx: AssessmentContext): ScreeningFollowUp[] {
  if (!cseApplies(ctx) || !draft.notAsked) return [];
  const label = cseNotAskedReasonOptions.find((option) => option.value === draft.notAskedReason)?.label;
  return [followUp('cse-not-asked', label)];
}
