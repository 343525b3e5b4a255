/**
 * The NICE CG89 alerting-feature checklist for ED and MIU triage, as data: one reviewable
 * place a trust's safeguarding team can read, correct and sign off (research §1.4).
 *
 * Owns: each feature's stable id, plain paraphrase, NICE level ("consider" or "suspect"),
 * one sentence of why, which ages it applies to, and its source with the research evidence
 * label; the carer–child interaction items (research §1.4 row 8); and the age filter.
 *
 * Not here: disclosure (row 3) and sexual activity or pregnancy under 13 (row 4) are their
 * own questions in the safeguarding section, because they are not "features" the nurse
 * observes and they carry their own rules (referral). The app never scores these features
 * and never infers the concern level from them (NICE CG89 step 4): it shows the level so the
 * clinician can choose.
 *
 * Evidence labels (research §0): V checked against NICE; S secondary source only; U not
 * verified. Anything not V is shown with TRUST_CONFIRMATION_NOTICE until the trust's
 * named or designated safeguarding professionals confirm it (research §11 item 2).
 * Ids are stable slugs stored in records: never rename or reuse one once released.
 */
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';

/** NICE CG89's two levels of concern (research §1.1). */
export type NiceLevel = 'consider' | 'suspect';

export const niceLevelLabels: Record<NiceLevel, string> = {
  consider: 'Consider',
  suspect: 'Suspect',
};

/** What each level means, in NICE's terms (research §1.1), for hints next to the level. */
export const niceLevelMeanings: Record<NiceLevel, string> = {
  consider: 'Maltreatment is one possible explanation, or is part of the differential diagnosis.',
  suspect: 'A serious level of concern that maltreatment is possible. It is not proof.',
};

export type EvidenceLabel = 'V' | 'S' | 'U';

export interface FeatureSource {
  /** Where the item comes from, for example "NICE CG89 1.1.1". */
  citation: string;
  /** Strength of support in the research (§0): V verified, S secondary only, U not verified. */
  evidence: EvidenceLabel;
  /** The research row the item comes from, for traceability. */
  research: string;
  /** What exactly is and is not verified, when that is partial. */
  note?: string;
}

/** Which children a feature applies to, beyond "under 18" (the whole safeguarding section). */
export interface FeatureAgeFilter {
  /** Only below this age in whole years (for example 2: under-2s only). */
  underAgeYears?: number;
  /**
   * Only when the child is not independently mobile: the answer to the mobility question
   * is "No" or "Not sure". "Not sure" keeps the item on screen, since missing it is the
   * costlier mistake (Child Safeguarding Practice Review Panel 2022, research §1.4).
   */
  notIndependentlyMobileOnly?: boolean;
  /** Plain description for reviewers, for example "Under 2, not independently mobile". */
  description: string;
}

/**
 * How a feature is recorded on the safeguarding page: its own tick box, or through the
 * carer–child interaction checklist (research §1.4 row 8), where it counts as present when
 * any interaction concern is ticked.
 */
export type FeatureRecordedAs = 'tick' | 'interaction-checklist';

export interface AlertingFeature {
  /** Stable slug, stored in records. */
  id: string;
  /** Plain paraphrase shown as the tick-box label (research §1.4). */
  label: string;
  /** Short noun phrase for error messages: "Enter what explanation was given for the {name}, and by whom". */
  name: string;
  level: NiceLevel;
  /** One plain sentence: why this matters. */
  why: string;
  appliesTo: FeatureAgeFilter;
  recordedAs: FeatureRecordedAs;
  /** Counts as an injury for "arrange urgent paediatric assessment" (NICE CG89 suspect actions). */
  injury: boolean;
  source: FeatureSource;
}

/** Shown beside any item whose evidence is not V. */
export const TRUST_CONFIRMATION_NOTICE = 'Wording to be confirmed by the trust safeguarding team';

/** Items the trust must confirm before release: anything supported less than fully (research §11 item 2). */
export const needsTrustConfirmation = (feature: Pick<AlertingFeature, 'source'>): boolean => feature.source.evidence !== 'V';

/** The under-2 mobility question (PRODUCT.md section 3, canonical wording). */
export const independentlyMobileQuestion = {
  label: 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?',
  hint: 'A baby who cannot yet crawl, cruise or bottom-shuffle is not independently mobile. Take particular care with babies who cannot roll over',
} as const;

export const independentlyMobileOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-sure', label: 'Not sure' },
] as const satisfies readonly AnswerOption[];

export type IndependentlyMobile = (typeof independentlyMobileOptions)[number]['value'];

/** Age below which the mobility question is asked and non-mobile bruising applies (PRODUCT.md section 3). */
export const MOBILITY_QUESTION_UNDER_AGE_YEARS = 2;

const ALL_CHILDREN: FeatureAgeFilter = { description: 'All under-18s' };

/**
 * The checklist, in the order shown. Rows 1, 2, 5–16 of research §1.4; row 2's
 * non-mobile example is its own item because PRODUCT.md section 3 makes it suspect-level
 * for any bruise, whatever the explanation.
 */
export const niceAlertingFeatures: readonly AlertingFeature[] = [
  {
    id: 'bruise-not-independently-mobile',
    label: 'Any bruise in a child who is not independently mobile',
    name: 'bruise in a child who is not independently mobile',
    level: 'suspect',
    why: 'Babies who cannot move about on their own rarely bruise by accident, so any bruise needs an explanation from a senior and the safeguarding team.',
    appliesTo: { underAgeYears: MOBILITY_QUESTION_UNDER_AGE_YEARS, notIndependentlyMobileOnly: true, description: 'Under 2, not independently mobile (or not sure)' },
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1.2',
      evidence: 'V',
      research: '§1.4 row 2',
      note: 'Definition of "not independently mobile" (cannot crawl, cruise or bottom-shuffle) from the Child Safeguarding Practice Review Panel 2022 briefing and NICE 2024 exceptional surveillance; the current NICE wording of 1.1.2 was not retrieved [U]',
    },
  },
  {
    id: 'patterned-bruise',
    label: 'Bruise shaped like a hand, grip, ligature, stick, bite or teeth mark, or another implement',
    name: 'patterned bruise',
    level: 'suspect',
    why: 'A bruise that shows the shape of what caused it points to an inflicted injury.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 1.1.1', evidence: 'V', research: '§1.4 row 1' },
  },
  {
    id: 'unexplained-bruising',
    label:
      'Bruising or petechiae not explained by a medical condition (such as a clotting disorder), with an unsuitable explanation: for example multiple or clustered bruises, or bruises of similar shape and size',
    name: 'bruising or petechiae',
    level: 'suspect',
    why: 'Bruising with no medical cause and no suitable explanation is a serious sign that the child may have been hurt on purpose.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 1.1.2', evidence: 'V', research: '§1.4 row 2' },
  },
  {
    id: 'unsuitable-explanation',
    label:
      "An injury or presentation with an unsuitable explanation: implausible, inadequate, or inconsistent with the child's presentation, normal activities, medical condition, age or development, or with other accounts",
    name: 'injury or presentation',
    level: 'consider',
    why: 'An explanation that does not fit is how many maltreated children are first noticed. If the injury is itself a suspect-level feature, tick that feature too.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 (definition of an unsuitable explanation)',
      evidence: 'V',
      research: '§1.1; §1.4 row 5',
      note: 'NICE sets the level by feature (consider to suspect); "consider" is the floor used here',
    },
  },
  {
    id: 'frequent-attendance',
    label: 'Repeated or frequent attendances, or a pattern of attendance at medical services',
    name: 'repeated attendances',
    level: 'consider',
    why: 'A pattern of attendances can show harm that no single visit reveals.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 (attendance at medical services; 2019 surveillance)',
      evidence: 'U',
      research: '§1.4 row 6',
      note: 'Topic verified [V]; exact wording not verified [U]',
    },
  },
  {
    id: 'apparent-life-threatening-event',
    label: 'An apparent life-threatening event: the child stopped breathing, went floppy or changed colour, with no clear medical cause',
    name: 'apparent life-threatening event',
    level: 'consider',
    why: 'Some unexplained collapses are caused by smothering or poisoning.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 (apparent life-threatening events)',
      evidence: 'U',
      research: '§1.4 row 7',
      note: 'Topic verified [V]; level not verified [U]',
    },
  },
  {
    id: 'carer-child-interaction',
    label: 'Concerning interaction between the carer and the child',
    name: 'concerns about how the carer and child interact',
    level: 'consider',
    why: 'How a carer and child behave together can be the first sign of emotional abuse or neglect.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'interaction-checklist',
    injury: false,
    source: {
      citation: 'NICE CG89 chapter 8 (parent–child interactions)',
      evidence: 'U',
      research: '§1.4 row 8',
      note: 'Topic verified [V]; item wording not verified [U]',
    },
  },
  {
    id: 'burn-or-scald',
    label: 'Burn or scald with an unsuitable explanation, in a child who is not independently mobile, or with a pattern such as immersion or cigarette-type burns',
    name: 'burn or scald',
    level: 'suspect',
    why: 'Burns with a clear edge or shape, or in a child who cannot reach the hazard, are often inflicted.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 (burns and scalds)', evidence: 'U', research: '§1.4 row 9', note: 'Inferred from the structure of CG89: confirm wording and level' },
  },
  {
    id: 'fracture',
    label: 'Fracture with no bone condition to explain it and an absent or unsuitable explanation; fractures of different ages; fractures found only on imaging',
    name: 'fracture',
    level: 'suspect',
    why: 'Fractures without a believable cause, or several of different ages, suggest repeated inflicted injury.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 (fractures)', evidence: 'U', research: '§1.4 row 10', note: 'Confirm wording and level' },
  },
  {
    id: 'intracranial-injury',
    label: 'Intracranial injury without confirmed major accidental trauma (especially under 3), or retinal haemorrhages',
    name: 'intracranial injury or retinal haemorrhage',
    level: 'suspect',
    why: 'Head injury without a major accident, especially in a young child, is a recognised sign of shaking or impact injury.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 (intracranial injuries)', evidence: 'U', research: '§1.4 row 11', note: 'Confirm wording and level' },
  },
  {
    id: 'human-bite',
    label: 'Human bite mark that is unlikely to have been made by a young child',
    name: 'human bite mark',
    level: 'suspect',
    why: 'An adult-sized bite mark means an older person bit the child.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 (bite marks)', evidence: 'U', research: '§1.4 row 12', note: 'Confirm wording and level' },
  },
  {
    id: 'neglect',
    label:
      'Signs of neglect: delay or failure in getting medical help that harms the child (including ongoing pain); an injury or ingestion that suggests poor supervision; repeatedly missed essential follow-up; persistently poor hygiene or unsuitable clothing',
    name: 'signs of neglect',
    level: 'consider',
    why: 'Neglect is the most common form of maltreatment and often shows as small repeated failures of care. Some neglect features are suspect-level: discuss with the safeguarding team if unsure.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 (neglect)', evidence: 'U', research: '§1.4 row 13', note: 'Level to be confirmed item by item; some neglect items are suspect-level' },
  },
  {
    id: 'poisoning',
    label: 'Poisoning, or swallowing drugs or alcohol, in a young child',
    name: 'poisoning or ingestion',
    level: 'consider',
    why: 'Poisoning in a young child may mean poor supervision, or that the child was given the substance on purpose.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 (poisoning)', evidence: 'U', research: '§1.4 row 14', note: 'Confirm wording and level' },
  },
  {
    id: 'fabricated-illness',
    label: 'Reported symptoms or signs that do not fit any recognised clinical picture (possible fabricated or induced illness)',
    name: 'symptoms or signs that do not fit a recognised clinical picture',
    level: 'consider',
    why: 'Fabricated or induced illness is rare but is found by noticing that the story and the findings do not match.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 (fabricated or induced illness)', evidence: 'U', research: '§1.4 row 15', note: 'Confirm wording and level' },
  },
  {
    id: 'delay-in-presentation',
    label: 'Delay in seeking help for the injury or illness',
    name: 'delay in presentation',
    level: 'consider',
    why: 'A delay in bringing a child for care can mean the carer did not want the injury seen.',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'Local ED checklist item (Sidebotham et al., Archives of Disease in Childhood)',
      evidence: 'S',
      research: '§1.4 row 16',
      note: 'Common ED checklist item; not verified as a separate NICE item. Level "consider" chosen here',
    },
  },
];

/** Items of the carer–child interaction checklist (research §1.4 row 8; item wording [U]). */
export const carerChildInteractionOptions = [
  { value: 'hostility-or-rejection', label: 'Hostility towards the child, or rejecting the child' },
  { value: 'inappropriate-expectations', label: "Expectations of the child that do not fit the child's age or development" },
  { value: 'exposed-to-domestic-abuse', label: 'The child is exposed to domestic abuse' },
  { value: 'emotionally-unavailable', label: 'The carer is emotionally unavailable or unresponsive to the child, especially an infant' },
  { value: 'none', label: 'No concerns about how the carer and child interact' },
] as const satisfies readonly AnswerOption[];

export type CarerChildInteractionConcern = (typeof carerChildInteractionOptions)[number]['value'];

/** The alerting feature the interaction checklist records. */
export const CARER_CHILD_INTERACTION_FEATURE_ID = 'carer-child-interaction';

/** Does a feature's age filter admit this child? `mobility` is the under-2 mobility answer ('' when not answered). */
export function featureApplies(feature: AlertingFeature, ctx: AssessmentContext, mobility: IndependentlyMobile | ''): boolean {
  if (!ctx.pathway.child) return false;
  const age = ctx.pathway.ageYears;
  const filter = feature.appliesTo;
  if (filter.underAgeYears !== undefined && (age === undefined || age >= filter.underAgeYears)) return false;
  if (filter.notIndependentlyMobileOnly === true && mobility !== 'no' && mobility !== 'not-sure') return false;
  return true;
}

/**
 * The alerting features for this child, in checklist order: none for adults or when age is
 * not known (the nurse is asked for the age first). The non-mobile bruising item appears for
 * under-2s once the mobility question is answered "No" or "Not sure".
 *
 * A trust that has confirmed its own wording can pass its catalogue instead of the default.
 */
export function alertingFeaturesFor(
  ctx: AssessmentContext,
  mobility: IndependentlyMobile | '' = '',
  catalogue: readonly AlertingFeature[] = niceAlertingFeatures,
): AlertingFeature[] {
  return catalogue.filter((feature) => featureApplies(feature, ctx, mobility));
}

/** Whether the under-2 mobility question is asked (PRODUCT.md section 3). */
export const mobilityQuestionApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child && ctx.pathway.underTwo;

export function alertingFeatureById(id: string, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature | undefined {
  return catalogue.find((feature) => feature.id === id);
}
