/**
 * Substance use screen, 12–17: the CRAFFT 2.1 structure (PRODUCT.md 4.6; research §4.1).
 *
 * Owns: the Part A "days in the last 12 months" numbers and their validation, the skip logic
 * (only CAR when all three are 0, otherwise all six Part B items), the score (the number of
 * Part B "yes" answers among the items asked), the positive-screen actions (brief advice
 * recorded; referral to the young people's substance misuse service), "Defer" and "Not asked"
 * with follow-ups, the "score out of date" state, the link to the CSE screen, and the default
 * paraphrased wording with the licensed-wording content file for this instrument.
 *
 * Scoring reads item ids only, never wording: a trust's licensed wording (content file,
 * docs/content-files.md) cannot change a score. Partial data is never scored silently: the
 * result says "partial" and lists what is missing.
 *
 * Restricted content decision (docs/clinical-safety/restricted-content.md): the young
 * person's ANSWERS (the Part A day counts per substance and which Part B items were "yes") are
 * restricted content in the GP and health visitor / school nurse letters, category
 * 'substance-use', although PRODUCT.md section 5 does not list them. Why: CRAFFT is asked
 * privately with confidentiality and its limits explained (research §4.1 "Modes"), and a parent
 * may read the GP letter (research §7.4 "Confidentiality"). The OUTCOME is not restricted: the
 * score, positive or negative, brief advice given, and the referral to the young people's
 * substance misuse service go to the GP, because research §7.4 item 2 lists the CRAFFT score
 * in the GP letter's Safeguarding section, the GP is asked to follow it up, and clinical facts
 * (intoxication at presentation, treatment, follow-up) are never withheld from the GP
 * (PRODUCT.md section 5). A screen with no use reported and no "yes" has no answers to
 * restrict. The MASH referral carries everything. See CRAFFT_LETTER_RESTRICTION; the letters
 * apply it in letters/substance-use-contribution.ts.
 *
 * Evidence (research §0): structure, skip logic, scoring and "2 or more is positive" are V
 * (crafft.org and the CRAFFT 2.0/2.1 owner page at Boston Children's Hospital, checked again
 * for this module); the 12–17 range is U (research §11 item 7: crafft.org says 12–21 and the owner's CRAFFT 2.0
 * page says validated for 12–18; this is the UK under-18 pathway); brief advice and referral are V at guidance level (GOV.UK alcohol
 * treatment guidelines §23); "suggests the CSE screen" is research §4.1 app actions (U).
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength } from '../assessment/validation-helpers';
import { isBlank, MAX_FREE_TEXT } from '../shared/text';
import { resolveWording } from './content-file';
import type { InstrumentWording, WordingResolution } from './content-file';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { reasonIsOneOf } from './screening-context';
import type { ScreenAgeRule, ScreeningSource } from './screening-context';

export const CRAFFT_INSTRUMENT = 'crafft-2.1';

export const CRAFFT_SOURCE: ScreeningSource = {
  citation: 'CRAFFT 2.1, Center for Adolescent Behavioral Health Research, Boston Children’s Hospital (crafft.org)',
  evidence: 'V',
  research: '§4.1',
  note: 'Structure, skip logic and scoring from the owner; wording here is our paraphrase, not the official text',
};

export const CRAFFT_AGE_RULE: ScreenAgeRule = {
  fromYears: 12,
  underYears: 18,
  source: { citation: 'PRODUCT.md section 3; research §11 item 7', evidence: 'U', research: '§4.1', note: 'Owner: 12–21 (crafft.org), validated 12–18 (CRAFFT 2.0 page); UK under-18 pathway uses 12–17' },
};

/** Part A: days in the last 12 months (stable item ids). */
export const crafftPartAIds = ['days-alcohol', 'days-cannabis', 'days-other'] as const;
export type CrafftPartAId = (typeof crafftPartAIds)[number];

/** Part B: the six yes/no items, in CRAFFT order (stable item ids). */
export const crafftPartBIds = ['car', 'relax', 'alone', 'forget', 'friends', 'trouble'] as const;
export type CrafftPartBId = (typeof crafftPartBIds)[number];

export const crafftItemIds = [...crafftPartAIds, ...crafftPartBIds] as const;
export type CrafftItemId = (typeof crafftItemIds)[number];

/** The draft field for each Part A item. */
const PART_A_FIELD = { 'days-alcohol': 'daysAlcohol', 'days-cannabis': 'daysCannabis', 'days-other': 'daysOther' } as const satisfies Record<CrafftPartAId, string>;

export const MAX_DAYS = 365;

export const crafftNotAskedOptions = [
  { value: 'deferred-intoxicated', label: 'Defer – the young person is intoxicated now' },
  { value: 'too-unwell', label: 'Not asked – too unwell' },
  { value: 'not-seen-alone', label: 'Not asked – not seen alone' },
  { value: 'declined', label: 'Not asked – the young person declined' },
] as const satisfies readonly AnswerOption[];

export type CrafftNotAsked = (typeof crafftNotAskedOptions)[number]['value'];

export const crafftYesNoOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const briefAdviceOptions = [
  { value: 'given', label: 'Brief advice given' },
  { value: 'not-given', label: 'Brief advice not given' },
] as const satisfies readonly AnswerOption[];

export const substanceServiceReferralOptions = [
  { value: 'made', label: "Referred to the young people's substance misuse service" },
  { value: 'declined', label: 'Referral offered – the young person declined' },
  { value: 'not-made', label: 'Referral not made' },
] as const satisfies readonly AnswerOption[];

const yesNo = () => choiceField(['yes', 'no']);

export const crafftDraftSchema = z.object({
  notAsked: choiceField(['deferred-intoxicated', 'too-unwell', 'not-seen-alone', 'declined']),
  /** Part A numbers as typed (whole days 0–365). */
  daysAlcohol: textField(),
  daysCannabis: textField(),
  daysOther: textField(),
  car: yesNo(),
  relax: yesNo(),
  alone: yesNo(),
  forget: yesNo(),
  friends: yesNo(),
  trouble: yesNo(),
  /**
   * The Part A answers (crafftPartAKey) when Part B was last answered or confirmed. The
   * screen's wiring sets it with stampPartB whenever a Part B answer changes. When it differs
   * from the current Part A the score is out of date (Part B answered before Part A, or Part A
   * changed afterwards).
   */
  partBAnsweredWithPartA: textField(),
  briefAdvice: choiceField(['given', 'not-given']),
  briefAdviceNotGivenReason: textField(),
  referral: choiceField(['made', 'declined', 'not-made']),
  referralNotMadeReason: textField(),
});

export type CrafftDraft = z.infer<typeof crafftDraftSchema>;

export const emptyCrafftDraft = (): CrafftDraft => crafftDraftSchema.parse({});

/**
 * Our own plain paraphrase of the CRAFFT 2.1 items, shipped as the default and marked as such
 * on screen (PRODUCT.md 4.6). It is not the official CRAFFT wording, which is copyrighted.
 */
export const crafftParaphrase: InstrumentWording<CrafftItemId> = {
  source: 'paraphrase',
  licenceHolder: undefined,
  copyrightNotice: undefined,
  items: {
    'days-alcohol': 'In the last 12 months, on how many days did you drink more than a few sips of alcohol?',
    'days-cannabis': 'In the last 12 months, on how many days did you use cannabis, including vaping it or synthetic cannabis?',
    'days-other':
      'In the last 12 months, on how many days did you use anything else to get high, such as other drugs, medicines not taken as prescribed, or things you sniff or inhale?',
    car: 'Have you ever been in a car or other vehicle driven by someone, including you, who was high or had been drinking or using drugs?',
    relax: 'Do you ever use alcohol or drugs to relax, to feel better about yourself, or to fit in?',
    alone: 'Do you ever use alcohol or drugs when you are on your own?',
    forget: 'Do you ever forget things you did while you were using alcohol or drugs?',
    friends: 'Do your family or friends ever tell you to cut down on drinking or using drugs?',
    trouble: 'Have you ever got into trouble while you were using alcohol or drugs?',
  },
};

/** Canonical page wording around the items. */
export const crafftQuestions = {
  title: 'Substance use',
  intro: 'Ask the young person privately. Explain what you will keep confidential and when you would have to share.',
  paraphraseNotice: 'These questions are our own plain paraphrase of the CRAFFT 2.1 questions, not the official wording',
  partA: { legend: 'In the last 12 months', hint: 'Enter 0 if none', suffix: 'days' },
  partB: { legend: 'Answer yes or no' },
  notAsked: { label: 'Was the screen asked?', hint: 'If the young person is intoxicated now, defer it: the liaison team will follow it up' },
  briefAdvice: { label: 'Brief advice', reasonLabel: 'Why was brief advice not given?' },
  referral: { label: "Referral to the young people's substance misuse service", reasonLabel: 'Why was a referral not made?' },
  outOfDate: 'Part A has changed since Part B was answered. Check the Part B answers with the young person again',
} as const;

/** The wording to show: the trust's licensed content file if installed and valid, else the paraphrase. */
export const crafftWording = (contentFileJson: unknown): WordingResolution<CrafftItemId> =>
  resolveWording(CRAFFT_INSTRUMENT, crafftItemIds, crafftParaphrase, contentFileJson);

/** Applicability: every attendance aged 12–17 (PRODUCT.md section 3). */
export const crafftApplies = (ctx: AssessmentContext): boolean => ctx.pathway.substanceScreen;

export type DaysProblem = 'empty' | 'not-a-number' | 'negative' | 'not-whole' | 'over-365';

/** Reads a "days in the last 12 months" answer: a whole number 0–365, or the problem with it. */
export function readDays(text: string): { ok: true; value: number } | { ok: false; problem: DaysProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return { ok: false, problem: 'not-a-number' };
  const value = Number(trimmed.replace(',', '.'));
  if (value < 0) return { ok: false, problem: 'negative' };
  if (!Number.isInteger(value)) return { ok: false, problem: 'not-whole' };
  if (value > MAX_DAYS) return { ok: false, problem: 'over-365' };
  return { ok: true, value };
}

const PART_A_NAMES: Record<CrafftPartAId, string> = {
  'days-alcohol': 'drank more than a few sips of alcohol',
  'days-cannabis': 'used cannabis',
  'days-other': 'used anything else to get high',
};

/** The error message for a Part A answer, in the GOV.UK error-message style. */
export function daysMessage(item: CrafftPartAId, problem: DaysProblem): string {
  switch (problem) {
    case 'empty':
      return `Enter the number of days in the last 12 months the young person ${PART_A_NAMES[item]}, or 0 if none`;
    case 'not-a-number':
      return 'Number of days must be a number, like 0 or 12';
    case 'negative':
      return 'Number of days must be 0 or more';
    case 'not-whole':
      return 'Number of days must be a whole number, like 0 or 12';
    case 'over-365':
      return `Number of days must be ${MAX_DAYS} or fewer`;
  }
}

/** The Part A answers as one comparable key ("3||0"): what stampPartB records. */
export const crafftPartAKey = (draft: CrafftDraft): string => crafftPartAIds.map((id) => draft[PART_A_FIELD[id]].trim()).join('|');

/** Records that Part B was answered (or re-confirmed) against the current Part A. */
export const stampPartB = (draft: CrafftDraft): CrafftDraft => ({ ...draft, partBAnsweredWithPartA: crafftPartAKey(draft) });

/** The valid Part A numbers, or undefined for any item not yet validly answered. */
export function crafftPartA(draft: CrafftDraft): Record<CrafftPartAId, number | undefined> {
  const value = (id: CrafftPartAId): number | undefined => {
    const read = readDays(draft[PART_A_FIELD[id]]);
    return read.ok ? read.value : undefined;
  };
  return { 'days-alcohol': value('days-alcohol'), 'days-cannabis': value('days-cannabis'), 'days-other': value('days-other') };
}

/**
 * The skip logic (CRAFFT 2.1; research §4.1, V): which Part B items are asked. All Part A
 * answers 0 → only CAR; any above 0 → all six; Part A not complete → undefined (not known yet).
 */
export function crafftPartBAsked(draft: CrafftDraft): readonly CrafftPartBId[] | undefined {
  const partA = Object.values(crafftPartA(draft));
  if (partA.some((days) => days === undefined)) return undefined;
  return partA.every((days) => days === 0) ? ['car'] : crafftPartBIds;
}

/** Score 2 or more is a positive screen (CRAFFT 2.1; research §4.1, V). */
export const CRAFFT_POSITIVE_SCORE = 2;

export type CrafftResult =
  | { state: 'not-applicable' }
  | { state: 'not-asked'; reason: Exclude<CrafftNotAsked, 'deferred-intoxicated'> }
  | { state: 'deferred' }
  | { state: 'not-started' }
  /** Something is missing: never scored. `missing` lists the item ids still to answer. */
  | { state: 'partial'; missing: CrafftItemId[] }
  /** Part B was answered before Part A, or Part A changed after Part B: no score shown. */
  | { state: 'out-of-date' }
  | { state: 'scored'; score: number; positive: boolean; asked: readonly CrafftPartBId[]; anyUse: boolean };

/** The screen's result. Scoring reads item ids only, never wording. */
export function crafftResult(draft: CrafftDraft, ctx: AssessmentContext): CrafftResult {
  if (!crafftApplies(ctx)) return { state: 'not-applicable' };
  if (draft.notAsked === 'deferred-intoxicated') return { state: 'deferred' };
  if (draft.notAsked !== '') return { state: 'not-asked', reason: draft.notAsked };
  const partA = crafftPartA(draft);
  const anyPartB = crafftPartBIds.some((id) => draft[id] !== '');
  const anyPartA = crafftPartAIds.some((id) => draft[PART_A_FIELD[id]].trim() !== '');
  if (!anyPartA && !anyPartB) return { state: 'not-started' };
  const missingA = crafftPartAIds.filter((id) => partA[id] === undefined);
  if (anyPartB && draft.partBAnsweredWithPartA !== crafftPartAKey(draft)) return { state: 'out-of-date' };
  if (missingA.length > 0) return { state: 'partial', missing: missingA };
  const asked = crafftPartBAsked(draft) ?? crafftPartBIds;
  const missingB = asked.filter((id) => draft[id] === '');
  if (missingB.length > 0) return { state: 'partial', missing: missingB };
  const score = asked.filter((id) => draft[id] === 'yes').length;
  const anyUse = Object.values(partA).some((days) => days !== undefined && days > 0);
  return { state: 'scored', score, positive: score >= CRAFFT_POSITIVE_SCORE, asked, anyUse };
}

/** A positive screen: brief advice (recorded) and referral to the young people's service are asked for. */
export const crafftPositive = (draft: CrafftDraft, ctx: AssessmentContext): boolean => {
  const result = crafftResult(draft, ctx);
  return result.state === 'scored' && result.positive;
};

/**
 * Whether this screen suggests the CSE screen (research §4.1 app actions): CAR answered yes,
 * intoxication at presentation, or the screen deferred because the young person is intoxicated.
 */
export function crafftSuggestsCseScreen(draft: CrafftDraft, ctx: AssessmentContext): boolean {
  if (!crafftApplies(ctx)) return false;
  return draft.car === 'yes' || draft.notAsked === 'deferred-intoxicated' || reasonIsOneOf(ctx, ['intoxication']);
}

/** Validation: answered, deferred or not asked with a reason; Part A numbers checked; positive actions recorded. */
export function validateCrafft(draft: CrafftDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  if (!crafftApplies(ctx) || draft.notAsked !== '') return issues.items;
  for (const id of crafftPartAIds) {
    const read = readDays(draft[PART_A_FIELD[id]]);
    if (!read.ok) issues.add(PART_A_FIELD[id], daysMessage(id, read.problem));
  }
  const asked = crafftPartBAsked(draft);
  if (asked !== undefined) {
    for (const id of asked) if (draft[id] === '') issues.add(id, `Select yes or no for the ${id.toUpperCase()} question`);
  }
  const result = crafftResult(draft, ctx);
  if (result.state === 'out-of-date') issues.add('car', crafftQuestions.outOfDate);
  if (result.state === 'scored' && result.positive) {
    if (draft.briefAdvice === '') issues.add('briefAdvice', 'Select whether brief advice was given');
    else if (draft.briefAdvice === 'not-given' && isBlank(draft.briefAdviceNotGivenReason)) issues.add('briefAdviceNotGivenReason', 'Enter why brief advice was not given');
    if (draft.referral === '') issues.add('referral', "Select whether a referral was made to the young people's substance misuse service");
    else if (draft.referral === 'not-made' && isBlank(draft.referralNotMadeReason)) issues.add('referralNotMadeReason', 'Enter why a referral was not made');
  }
  checkLength(issues, 'briefAdviceNotGivenReason', draft.briefAdviceNotGivenReason, MAX_FREE_TEXT, 'Why brief advice was not given');
  checkLength(issues, 'referralNotMadeReason', draft.referralNotMadeReason, MAX_FREE_TEXT, 'Why a referral was not made');
  return issues.items;
}

/**
 * Follow-ups this screen creates: deferred or not asked, and the CSE link while the CSE
 * screen has not been answered (`cseScreenAnswered`: the CSE outcome is "screened").
 */
export function crafftFollowUps(draft: CrafftDraft, ctx: AssessmentContext, cseScreenAnswered: boolean): ScreeningFollowUp[] {
  if (!crafftApplies(ctx)) return [];
  const out: ScreeningFollowUp[] = [];
  const label = crafftNotAskedOptions.find((option) => option.value === draft.notAsked)?.label;
  if (draft.notAsked === 'deferred-intoxicated') out.push(followUp('crafft-deferred-intoxicated', label));
  else if (draft.notAsked !== '') out.push(followUp('crafft-not-asked', label));
  if (!cseScreenAnswered && crafftSuggestsCseScreen(draft, ctx)) out.push(followUp('crafft-suggests-cse'));
  return out;
}

/**
 * How letters treat this screen (see the module header): the answers are restricted with this
 * category; the outcome (score, positive, brief advice, referral) is not.
 */
export const CRAFFT_LETTER_RESTRICTION = {
  restricted: true,
  category: 'substance-use',
  restrictedParts: ['part-a-days', 'part-b-answers', 'reasons-advice-or-referral-not-given'],
  sharedWithGp: ['score', 'positive-or-negative', 'brief-advice', 'referral'],
  reason:
    'Answers given privately with confidentiality explained (research §4.1); a parent may read the GP letter (research §7.4). The score, brief advice and referral go to the GP (research §7.4 item 2: CRAFFT score in the Safeguarding section)',
} as const;
