/**
 * The NICE CG89 alerting-feature checklist for ED and MIU triage, as data: one reviewable
 * place a trust's safeguarding team can read, correct and sign off (research §1.4).
 *
 * Owns: each feature's stable id, plain paraphrase, NICE level ("consider" or "suspect"),
 * one sentence of why, the body-system group it is shown in, which ages it applies to, and its
 * source with the evidence label; the carer–child interaction items (research §1.4 row 8);
 * the age and mobility filter; who is asked the "not independently mobile" question and when
 * a "mobile" answer for a young baby needs confirming.
 *
 * The catalogue follows NICE CG89 section 1.1 (physical features), 1.2 (clinical
 * presentations), 1.3 (neglect), 1.4 (emotional and behavioural) and 1.5 (parent–child
 * interactions), keeping what a triage nurse can see or be told. Each item carries its own
 * NICE level; the old single "neglect" item is retired (kept readable, never offered again).
 *
 * Not here: disclosure (row 3) and sexual activity or pregnancy under 13 (row 4) are their
 * own questions in the safeguarding section, because they are not "features" the nurse
 * observes and they carry their own rules (referral). The app never scores these features
 * and never infers the concern level from them (NICE CG89 step 4): it shows the level so the
 * clinician can choose.
 *
 * Evidence labels (research §0): V checked against NICE's own text (nice.org.uk, the NCBI
 * Bookshelf copy or the issued guideline); S the CG89 sentence read only in a secondary
 * reproduction (GPnotebook's item pages, an NHS trust summary); U not verified. Anything not V is shown with TRUST_CONFIRMATION_NOTICE until the trust's
 * named or designated safeguarding professionals confirm it (research §11 item 2).
 * Ids are stable slugs stored in records: never rename or reuse one once released.
 */
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { ageInMonths } from '../shared/dates';

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
  /** The CG89 sentence as read (quote or close paraphrase), when it was found. */
  quote?: string;
}

/** Which children a feature applies to, beyond "under 18" (the whole safeguarding section). */
export interface FeatureAgeFilter {
  /** Only from this age in whole years (for example 13: 13 and over). */
  minAgeYears?: number;
  /** Only below this age in whole years (for example 13: under-13s only). */
  underAgeYears?: number;
  /**
   * Only when the child is not independently mobile: the answer to the mobility question
   * is "No" or "Not sure", at any age. "Not sure" keeps the item on screen, since missing it
   * is the costlier mistake (Child Safeguarding Practice Review Panel 2022, research §1.4).
   */
  notIndependentlyMobileOnly?: boolean;
  /** Plain description for reviewers, for example "0 to 12 years". */
  description: string;
}

/**
 * How a feature is recorded on the safeguarding page: its own tick box, or through the
 * carer–child interaction checklist (research §1.4 row 8), where it counts as present when
 * any interaction concern is ticked.
 */
export type FeatureRecordedAs = 'tick' | 'interaction-checklist';

/**
 * The body-system groups of the checklist, in the order shown: the most common
 * presentations first (bruising is the commonest sign of physical abuse), so a well child's
 * page is a short list of closed groups.
 */
export const alertingFeatureGroups = [
  { id: 'skin', title: 'Bruises, bites, cuts and scars' },
  { id: 'presentation', title: 'How the child came to be here' },
  { id: 'burns-cold', title: 'Burns, scalds and cold injury' },
  { id: 'bones-head-internal', title: 'Fractures, head, eye, mouth, spine and internal injuries' },
  { id: 'neglect', title: 'Neglect: medical help, supervision and care' },
  { id: 'behaviour', title: 'Behaviour and emotional wellbeing' },
  { id: 'sexual', title: 'Sexual abuse: anogenital signs, infections and pregnancy' },
  { id: 'interaction', title: 'How the carer and child interact' },
] as const;

export type FeatureGroup = (typeof alertingFeatureGroups)[number]['id'];

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
  group: FeatureGroup;
  appliesTo: FeatureAgeFilter;
  recordedAs: FeatureRecordedAs;
  /** Counts as an injury for "arrange urgent paediatric assessment" (NICE CG89 suspect actions). */
  injury: boolean;
  source: FeatureSource;
  /**
   * A retired item: never offered for a new tick, but a record that ticked it still shows
   * it and counts it at its level (ids are never reused). `replacedBy` names its successors.
   */
  retired?: { replacedBy: readonly string[] };
}

/** Shown beside any item whose evidence is not V. */
export const TRUST_CONFIRMATION_NOTICE = 'Wording to be confirmed by the trust safeguarding team';

/** Items the trust must confirm before release: anything supported less than fully (research §11 item 2). */
export const needsTrustConfirmation = (feature: Pick<AlertingFeature, 'source'>): boolean => feature.source.evidence !== 'V';

/** The mobility question (PRODUCT.md section 3, canonical wording). */
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

/** The optional question, for every child, that brings the mobility question at any age (issue 8). */
export const mobilityDisabilityQuestion = {
  label: 'Does the child have a disability or condition that affects how they move?',
  hint: 'If yes, you will be asked whether the child is independently mobile. Any bruise in a child who is not independently mobile is a suspect-level feature at any age',
} as const;

export type MobilityDisability = '' | 'yes' | 'no';

/** Age below which the mobility question is always asked (PRODUCT.md section 3). */
export const MOBILITY_QUESTION_UNDER_AGE_YEARS = 2;

/**
 * Below this age in months a "Yes, independently mobile" answer is asked again: most babies
 * cannot crawl, cruise or bottom-shuffle before about 6 months, and a wrong "Yes" would take
 * the non-mobile bruising item away (Child Safeguarding Practice Review Panel 2022, research
 * §1.4). The threshold is an app decision for the trust to confirm [U].
 */
export const IMPLAUSIBLY_MOBILE_UNDER_MONTHS = 6;

/** The plausibility question for a young baby recorded as mobile. */
export const mobilityConfirmationQuestion = {
  label: 'You said this baby is independently mobile. Is that right?',
  hint: 'Most babies cannot crawl, cruise or bottom-shuffle before about 6 months. Until you confirm, the page treats the baby as not independently mobile',
} as const;

export const mobilityConfirmationOptions = [
  { value: 'yes', label: 'Yes, the baby crawls, cruises or bottom-shuffles' },
  { value: 'no', label: 'No, I will change the answer' },
] as const satisfies readonly AnswerOption[];

export type MobilityConfirmation = '' | (typeof mobilityConfirmationOptions)[number]['value'];

const ALL_CHILDREN: FeatureAgeFilter = { description: '0 to 17 years' };
const UNDER_13: FeatureAgeFilter = { underAgeYears: 13, description: '0 to 12 years' };

const GPNOTEBOOK = "Read in GPnotebook's item-by-item reproduction of CG89 (gpnotebook.com / pharmacy-notebook.com, reviewed 2018); NICE's own page not retrieved";
const TEMPO = 'Read in an NHS emergency-care summary of CG89 (TEMPO, "Paediatrics: child maltreatment") listing it under "suspect"; NICE\'s own page not retrieved';
const NOT_FOUND_IN_VERIFICATION =
  "Searched again in the catalogue verification: NICE's own pages (nice.org.uk/guidance/cg89/chapter/recommendations, the NCBI Bookshelf copy, the issuu and scribd copies of the issued guideline) could be read only as far as their opening definitions, and no secondary copy of this item's sentence was found. Level and wording not confirmed";
const WALES =
  'Read in the Wales Safeguarding Procedures\' reproduction of CG89 ("Recognising a child is at risk of harm", safeguarding.wales/en/chi-i/chi-i-cp/c1p-p2a); NICE\'s own sentence not retrieved, recommendation number not read';
const NOTEBOOK_INDEX =
  "GPnotebook's index of its CG89 item pages (pharmacy-notebook.com, \"clinical features\" of physical abuse, reviewed 2018) lists this item as";

/**
 * The checklist, in the order shown within each group (most common first). Physical
 * features follow CG89 1.1; clinical presentations 1.2; neglect 1.3; behaviour 1.4.
 */
export const niceAlertingFeatures: readonly AlertingFeature[] = [
  // Bruises, bites, cuts and scars (CG89 1.1).
  {
    id: 'bruise-not-independently-mobile',
    label: 'Any bruise in a child who is not independently mobile',
    name: 'bruise in a child who is not independently mobile',
    level: 'suspect',
    why: 'Babies who cannot move about on their own rarely bruise by accident, so any bruise needs an explanation from a senior and the safeguarding team.',
    group: 'skin',
    appliesTo: { notIndependentlyMobileOnly: true, description: 'Any age, when the child is not independently mobile (or not sure): asked for every child under 2 and any child whose disability affects how they move' },
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1.2',
      evidence: 'V',
      research: '§1.4 row 2',
      quote: 'Suspect child maltreatment if there is bruising or petechiae … not caused by a medical condition … and if the explanation for the bruising is unsuitable. Examples include: bruising in a child who is not independently mobile (CG89 1.1.2)',
      note: 'Definition of "not independently mobile" (cannot crawl, cruise or bottom-shuffle) from the Child Safeguarding Practice Review Panel 2022 briefing and NICE 2024 exceptional surveillance; the current NICE wording of 1.1.2 after that review was not retrieved [U]',
    },
  },
  {
    id: 'patterned-bruise',
    label: 'Bruise shaped like a hand, grip, ligature, stick, bite or teeth mark, or another implement',
    name: 'patterned bruise',
    level: 'suspect',
    why: 'A bruise that shows the shape of what caused it points to an inflicted injury.',
    group: 'skin',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1.1',
      evidence: 'V',
      research: '§1.4 row 1',
      quote: 'Suspect child maltreatment if a child or young person has bruising in the shape of a hand, ligature, stick, teeth mark, grip or implement (CG89 1.1.1)',
    },
  },
  {
    id: 'unexplained-bruising',
    label:
      'Bruising or petechiae not explained by a medical condition (such as a clotting disorder), with an unsuitable explanation: for example multiple or clustered bruises, or bruises of similar shape and size',
    name: 'bruising or petechiae',
    level: 'suspect',
    why: 'Bruising with no medical cause and no suitable explanation is a serious sign that the child may have been hurt on purpose.',
    group: 'skin',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1.2',
      evidence: 'V',
      research: '§1.4 row 2',
      quote: 'Suspect child maltreatment if there is bruising or petechiae (tiny red or purple spots) that are not caused by a medical condition … and if the explanation for the bruising is unsuitable. Examples include … multiple bruises or bruises in clusters; bruises of a similar shape and size (CG89 1.1.2)',
    },
  },
  {
    id: 'lacerations-abrasions-scars',
    label:
      'Cuts (lacerations), grazes (abrasions) or scars with an unsuitable explanation: for example multiple or symmetrical, on areas usually covered by clothing, on the eyes, ears or sides of the face, or like ligature marks on the neck, ankles or wrists',
    name: 'lacerations, abrasions or scars',
    level: 'suspect',
    why: 'Cuts, grazes or scars where children do not usually hurt themselves, or in a pattern, suggest they were inflicted.',
    group: 'skin',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: lacerations, abrasions and scars)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Suspect child maltreatment if a child has lacerations, abrasions or scars and the explanation is unsuitable; examples: on a child who is not independently mobile, multiple, with a symmetrical distribution, on areas usually protected by clothing, on the eyes, ears and sides of face, on the neck, ankles and wrists that look like ligature marks',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'human-bite',
    label: 'Human bite mark that is unlikely to have been made by a young child',
    name: 'human bite mark',
    level: 'suspect',
    why: 'An adult-sized bite mark means an older person bit the child.',
    group: 'skin',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: bites)',
      evidence: 'S',
      research: '§1.4 row 12',
      quote: 'Child maltreatment should be suspected if there is a report or appearance of a human bite mark that is thought unlikely to have been caused by a young child',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'animal-bite-poor-supervision',
    label: 'Animal bite in a child who was not properly supervised',
    name: 'animal bite without proper supervision',
    level: 'consider',
    why: 'An animal bite can be the first sign that a child is left without the supervision their age needs.',
    group: 'skin',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: bites)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote: 'Neglect should be considered if there is a report or appearance of an animal bite on a child who has been inadequately supervised',
      note: GPNOTEBOOK,
    },
  },
  // How the child came to be here: history and clinical presentation (CG89 1.2).
  {
    id: 'unsuitable-explanation',
    label:
      "An injury or presentation with an unsuitable explanation: implausible, inadequate, or inconsistent with the child's presentation, normal activities, medical condition, age or development, or with other accounts",
    name: 'injury or presentation',
    level: 'consider',
    why: 'An explanation that does not fit is how many maltreated children are first noticed. If the injury is itself a suspect-level feature, tick that feature too.',
    group: 'presentation',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 (definition of an unsuitable explanation)',
      evidence: 'V',
      research: '§1.1; §1.4 row 5',
      quote:
        "An unsuitable explanation for an injury or presentation is one that is implausible, inadequate or inconsistent with the child or young person's presentation, normal activities, existing medical condition, age or developmental stage, account compared to that given by parent and carers; between parents or carers; between accounts over time (CG89, definitions of terms)",
      note: 'NICE sets the level by feature (consider to suspect); "consider" is the floor used here',
    },
  },
  {
    id: 'delay-in-presentation',
    label: 'Delay in seeking help for the injury or illness',
    name: 'delay in presentation',
    level: 'consider',
    why: 'A delay in bringing a child for care can mean the carer did not want the injury seen.',
    group: 'presentation',
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
  {
    id: 'frequent-attendance',
    label: 'Repeated or frequent attendances, or a pattern of attendance at medical services',
    name: 'repeated attendances',
    level: 'consider',
    why: 'A pattern of attendances can show harm that no single visit reveals.',
    group: 'presentation',
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
    id: 'poisoning',
    label: 'Poisoning, or swallowing drugs, alcohol or another harmful substance, in a child under 13',
    name: 'poisoning or ingestion',
    level: 'consider',
    why: 'Poisoning in a child may mean poor supervision, or that the child was given the substance on purpose.',
    group: 'presentation',
    appliesTo: UNDER_13,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (clinical presentations: poisoning)',
      evidence: 'U',
      research: '§1.4 row 14',
      note: `${NOT_FOUND_IN_VERIFICATION}. Age range: "child" in CG89's age terms (under 13); young people's intoxication is met by the substance-use screen`,
    },
  },
  {
    id: 'fabricated-illness',
    label: 'Reported symptoms or signs that do not fit any recognised clinical picture (possible fabricated or induced illness)',
    name: 'symptoms or signs that do not fit a recognised clinical picture',
    level: 'consider',
    why: 'Fabricated or induced illness is rare but is found by noticing that the story and the findings do not match.',
    group: 'presentation',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (fabricated or induced illness)',
      evidence: 'S',
      research: '§1.4 row 15; catalogue verification',
      quote:
        "Consider fabricated or induced illness if a child's history, physical or psychological presentations or findings of assessments, examinations or investigations leads to a discrepancy with a recognised clinical picture. Fabricated or induced illness is a possible explanation even if the child has a past or concurrent physical or psychological condition",
      note: "Read in GPnotebook's item page \"features where fabricated or induced illness (child maltreatment) should be considered\" (nursing-notebook.com, reviewed 2018); NICE's own page not retrieved, recommendation number not read",
    },
  },
  {
    id: 'fabricated-illness-with-alerting-signs',
    label:
      'Symptoms or signs that do not fit a recognised clinical picture, and also: they appear only when the carer is there or are seen only by the carer; treatment works unexpectedly poorly; new symptoms start as soon as old ones stop; the story is biologically unlikely; or opinions are sought and disputed again and again after a clear clinical opinion',
    name: 'symptoms that do not fit a recognised clinical picture, with alerting signs of fabricated or induced illness',
    level: 'suspect',
    why: 'When the story and findings do not match and the illness is only ever seen through the carer, fabricated or induced illness is a serious possibility.',
    group: 'presentation',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (fabricated or induced illness)',
      evidence: 'S',
      research: 'catalogue verification (CG89 item missing from the catalogue)',
      quote:
        "Suspect fabricated or induced illness if a child's history, physical or psychological presentations or findings of assessments, examinations or investigations leads to a discrepancy with a recognised clinical picture and one or more of the following is present: reported symptoms and signs only appear or reappear when the parent or carer is present; reported symptoms are only observed by the parent or carer; an inexplicably poor response to prescribed medication or other treatment; new symptoms are reported as soon as previous ones have resolved; there is a history of events that is biologically unlikely …; despite a definitive clinical opinion being reached, multiple opinions from both primary and secondary care are sought and disputed by the parent or carer …",
      note: "Read in GPnotebook's item page \"features where fabricated or induced illness (child maltreatment) should be considered\" (nursing-notebook.com, reviewed 2018), which lists it under \"should be suspected\"; the page was cut off after the sixth circumstance (the child's normal daily activities …), so the list may be longer. NICE's own page not retrieved, recommendation number not read",
    },
  },
  {
    id: 'apparent-life-threatening-event',
    label: 'An apparent life-threatening event: the baby stopped breathing, went floppy or changed colour, with no clear medical cause',
    name: 'apparent life-threatening event',
    level: 'consider',
    why: 'Some unexplained collapses in babies are caused by smothering or poisoning.',
    group: 'presentation',
    appliesTo: { underAgeYears: 2, description: '0 to 1 year (an event of infancy)' },
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (apparent life-threatening events)',
      evidence: 'U',
      research: '§1.4 row 7',
      note: 'Topic verified [V]; level not verified [U]. Age range is an app decision: an apparent life-threatening event is a presentation of infancy',
    },
  },
  // Burns, scalds and cold injury (CG89 1.1).
  {
    id: 'burn-or-scald',
    label:
      'Burn or scald with an absent or unsuitable explanation, in a child who is not independently mobile, on areas not expected to touch a hot object by accident (backs of hands, soles of feet, buttocks, back), shaped like an implement (cigarette, iron), or showing forced immersion',
    name: 'burn or scald',
    level: 'suspect',
    why: 'Burns with a clear edge or shape, or where a child would not touch a hot object by accident, are often inflicted.',
    group: 'burns-cold',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: burns and scalds)',
      evidence: 'S',
      research: '§1.4 row 9',
      quote:
        'Burn or scald injuries: with an absent or unsuitable explanation, or who is not independently mobile, or on soft tissue areas not expected to accidentally come into contact with a hot object (for example backs of hands, soles of feet, buttocks, back), or in the shape of an implement (for example cigarette or iron), or that indicate forced immersion',
      note: TEMPO,
    },
  },
  {
    id: 'cold-injury',
    label: 'Cold injury, such as swollen, red hands or feet, with no obvious medical explanation',
    name: 'cold injury',
    level: 'consider',
    why: 'A child with cold injury may have been left without warmth, clothing or supervision.',
    group: 'burns-cold',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: cold injuries)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote: 'Cold injuries where child maltreatment should be considered (GPnotebook index heading)',
      note: `${NOTEBOOK_INDEX} "cold injuries where child maltreatment should be considered": the level is supported, the item sentence itself (the swollen, red hands or feet example) was not read. NICE's own page not retrieved, recommendation number not read`,
    },
  },
  {
    id: 'hypothermia',
    label: 'Hypothermia with an unsuitable explanation',
    name: 'hypothermia',
    level: 'consider',
    why: 'Hypothermia without a suitable explanation can mean the child was neglected or harmed.',
    group: 'burns-cold',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: { citation: 'NICE CG89 1.1 (physical features: hypothermia)', evidence: 'U', research: 'issue 8 (CG89 catalogue)', note: NOT_FOUND_IN_VERIFICATION },
  },
  // Fractures, head, eye, mouth, spine and internal injuries (CG89 1.1).
  {
    id: 'fracture',
    label:
      'One or more fractures with no medical condition that makes bones fragile and an absent or unsuitable explanation; fractures of different ages; fractures found only on imaging (occult fractures)',
    name: 'fracture',
    level: 'suspect',
    why: 'Fractures without a believable cause, or several of different ages, suggest repeated inflicted injury.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: fractures)',
      evidence: 'S',
      research: '§1.4 row 10',
      quote:
        'One or more fractures in a child if there is no medical condition that predisposes to fragile bones or if the explanation is absent or unsuitable, including fractures of different ages and X-ray evidence of occult fractures',
      note: TEMPO,
    },
  },
  {
    id: 'intracranial-injury',
    label:
      'Intracranial injury with no major confirmed accident or known medical cause, and: no suitable explanation, or the child is under 3, or there are also retinal haemorrhages, rib or long-bone fractures or other inflicted injuries, or there are multiple subdural haemorrhages',
    name: 'intracranial injury',
    level: 'suspect',
    why: 'Head injury without a major accident, especially in a young child, is a recognised sign of shaking or impact injury.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: intracranial injuries)',
      evidence: 'S',
      research: '§1.4 row 11',
      quote:
        'Child maltreatment should be suspected if a child has an intracranial injury in the absence of major confirmed accidental trauma or known medical cause, in one or more of the following circumstances: the explanation is absent or unsuitable; the child is aged under 3 years; there are also retinal haemorrhages or rib or long bone fractures or other associated inflicted injuries; there are multiple subdural haemorrhages',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'eye-injury',
    label: 'Retinal haemorrhages or an injury to the eye with no major confirmed accident or known medical explanation (including causes at birth)',
    name: 'eye injury or retinal haemorrhage',
    level: 'suspect',
    why: 'Eye injuries and retinal bleeding without an accident can follow shaking or a blow.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: eye trauma)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote:
        'Eye trauma: suspect child maltreatment if a child has retinal haemorrhages or injury to the eye in the absence of major confirmed accidental trauma or a known medical explanation, including birth related causes',
      note: `${WALES}. Level corrected from consider to suspect on this reading`,
    },
  },
  {
    id: 'spinal-injury',
    label:
      'Signs of a spinal injury (to the vertebrae or within the spinal canal) with no major confirmed accident: for example a neck injury with an inflicted head injury, or a back injury with focal neurological signs or an unexplained kyphosis (curve of the spine)',
    name: 'spinal injury',
    level: 'suspect',
    why: 'Spinal injuries in children without a major accident are unusual and can be inflicted.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: spinal injuries)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote:
        'Suspect physical abuse if a child presents with signs of a spinal injury (injury to vertebrae or within the spinal canal) in the absence of major confirmed accidental trauma. Spinal injury may present as: a finding on a skeletal survey or magnetic resonance imaging; cervical injury in association with inflicted head injury; thoraco-lumbar injury in association with focal neurology or an unexplained kyphosis',
      note: `${WALES}; the same sentence and level in GPnotebook's item page (gpnotebook.com, French edition, "blessures à la colonne vertébrale chez un enfant suspecté de maltraitance"), and GPnotebook's index heading "spinal injuries in a child where maltreatment should be suspected". Level corrected from consider to suspect on this reading`,
    },
  },
  {
    id: 'visceral-injury',
    label: 'Injury inside the abdomen or chest with no major confirmed accident, and an absent or unsuitable explanation or a delay in coming for help',
    name: 'abdominal or chest (visceral) injury',
    level: 'suspect',
    why: 'Internal injuries without a major accident can be life-threatening and are a recognised result of blows or kicks.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: visceral injuries)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote: 'Spinal, visceral, oral and general injuries: suspect physical abuse if … a child has an intra-abdominal [or intrathoracic injury] … (page read cut off mid-sentence)',
      note: `${WALES}; the page read was cut off part-way through this sentence, so the wording after "intra-abdominal" (no major confirmed accident; absent or unsuitable explanation or delay in presentation) is not confirmed. ${NOTEBOOK_INDEX} "visceral injuries in a child where maltreatment should be suspected", which supports the level`,
    },
  },
  {
    id: 'oral-injury',
    label: 'Injury to the mouth (for example a torn frenulum, or injury to the lips, gums or teeth) with an absent or unsuitable explanation',
    name: 'oral injury',
    level: 'consider',
    why: 'Mouth injuries, especially in babies, can come from forced feeding or a blow.',
    group: 'bones-head-internal',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (physical features: oral injury)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote: 'Child maltreatment should be considered if a child has an oral injury and the explanation is absent or unsuitable',
      note: "Read in GPnotebook's item page \"oral injury when child maltreatment should be considered\" (nursing-notebook.com, reviewed 2018); NICE's own page not retrieved, recommendation number not read. CG89's sentence gives no examples: the torn frenulum, lips, gums and teeth in the label are the app's examples",
    },
  },
  // Neglect (CG89 1.3): the old bundle split so each item carries its own level.
  {
    id: 'neglect-failure-to-seek-medical-help',
    label: "Parents or carers did not get medical help to the point that the child's health or wellbeing was harmed, including leaving the child in ongoing pain",
    name: 'failure to seek medical help that harms the child',
    level: 'suspect',
    why: 'Not getting help when a child is ill, injured or in pain is a serious failure of care.',
    group: 'neglect',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.3 (neglect: failure to seek medical help)', evidence: 'U', research: '§1.4 row 13', note: `${NOT_FOUND_IN_VERIFICATION}. Research §1.4 notes some neglect items are suspect-level; this is taken as one` },
  },
  {
    id: 'neglect-inadequate-supervision',
    label: 'An injury or swallowing a harmful substance that suggests the child was not properly supervised',
    name: 'injury or ingestion suggesting poor supervision',
    level: 'consider',
    why: 'Repeated accidents or ingestions can show that a child is not supervised as their age needs.',
    group: 'neglect',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.3 (neglect: lack of supervision)', evidence: 'U', research: '§1.4 row 13', note: NOT_FOUND_IN_VERIFICATION },
  },
  {
    id: 'neglect-missed-treatment-or-follow-up',
    label: "Essential prescribed treatment not given, or repeatedly missed follow-up that is essential for the child's health",
    name: 'missed essential treatment or follow-up',
    level: 'consider',
    why: 'Missing treatment or follow-up the child needs can harm their health over time.',
    group: 'neglect',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.3 (neglect: failure to bring to follow-up; prescribed treatment)', evidence: 'U', research: '§1.4 row 13', note: NOT_FOUND_IN_VERIFICATION },
  },
  {
    id: 'neglect-hygiene-or-clothing',
    label: 'Persistently poor hygiene, or clothing or footwear that is persistently unsuitable for the weather or the child',
    name: 'poor hygiene or unsuitable clothing',
    level: 'consider',
    why: 'Persistent poor care of a child\'s body or clothing is a common sign of neglect.',
    group: 'neglect',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.3 (neglect: provision of care)', evidence: 'U', research: '§1.4 row 13', note: NOT_FOUND_IN_VERIFICATION },
  },
  {
    id: 'neglect',
    label:
      'Signs of neglect: delay or failure in getting medical help that harms the child (including ongoing pain); an injury or ingestion that suggests poor supervision; repeatedly missed essential follow-up; persistently poor hygiene or unsuitable clothing',
    name: 'signs of neglect',
    level: 'consider',
    why: 'Neglect is the most common form of maltreatment and often shows as small repeated failures of care. This item has been split into separate items, each with its own NICE level.',
    group: 'neglect',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.3 (neglect)', evidence: 'U', research: '§1.4 row 13', note: 'Retired: kept so that records which ticked it still show and count it at its old level' },
    retired: {
      replacedBy: ['neglect-failure-to-seek-medical-help', 'neglect-inadequate-supervision', 'neglect-missed-treatment-or-follow-up', 'neglect-hygiene-or-clothing'],
    },
  },
  // Behaviour and emotional wellbeing (CG89 1.4): the items that matter at an ED.
  {
    id: 'self-harm',
    label: 'Self-harm',
    name: 'self-harm',
    level: 'consider',
    why: 'Self-harm can be how a child or young person shows that they are being harmed.',
    group: 'behaviour',
    appliesTo: { minAgeYears: 5, description: '5 to 17 years' },
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.4 (emotional, behavioural, interpersonal and social functioning)', evidence: 'U', research: 'issue 8 (CG89 catalogue)', note: `${NOT_FOUND_IN_VERIFICATION}. Age range is an app decision` },
  },
  {
    id: 'running-away',
    label: 'Running away from home or care, or going missing',
    name: 'running away or going missing',
    level: 'consider',
    why: 'Children run away from harm at home, and going missing exposes them to exploitation.',
    group: 'behaviour',
    appliesTo: { minAgeYears: 5, description: '5 to 17 years' },
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.4 (emotional, behavioural, interpersonal and social functioning)', evidence: 'U', research: 'issue 8 (CG89 catalogue)', note: `${NOT_FOUND_IN_VERIFICATION}. Age range is an app decision` },
  },
  {
    id: 'sexualised-behaviour-child',
    label:
      "Sexualised behaviour in a child who has not reached puberty: repeated or coercive sexualised behaviour or preoccupation (for example sexual talk with knowledge beyond their age, drawing genitals, acting out sexual activity with another child), or unusual sexualised behaviour (oral–genital contact with another child or a doll, asking to be touched in the genital area, inserting or trying to insert an object, finger or penis into another child's vagina or anus)",
    name: 'sexualised behaviour',
    level: 'suspect',
    why: 'Sexual knowledge or behaviour beyond a child\'s age is a serious sign of sexual abuse.',
    group: 'behaviour',
    appliesTo: { ...UNDER_13, description: '0 to 12 years (CG89 speaks of a prepubertal child)' },
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.4 (sexualised behaviour)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote:
        "NICE states that child maltreatment should be suspected (and in particular sexual abuse), if a pre-pubertal child displays or is reported to display repeated or coercive sexualised behaviours or preoccupation (for example, sexual talk associated with knowledge, drawing genitalia, emulating sexual activity with another child) … sexual abuse should be suspected if a pre-pubertal child displays or is reported to display unusual sexualised behaviours; examples include: oral-genital contact with another child or a doll; requesting to be touched in the genital area; inserting or attempting to insert an object, finger or penis into another child's vagina or anus",
      note: "Read in GPnotebook's item page \"sexualised behaviour in a child when maltreatment should be suspected\" (pharmacynotebook.com / pharmacy-notebook.com, reviewed 2018). The page puts the repeated or coercive behaviours under its \"suspected\" heading without quoting NICE's verb for that sentence: the trust should check whether CG89 says consider or suspect for them. Level corrected from consider to suspect on this reading. \"Prepubertal\" is shown to children under 13 (app proxy). NICE's own page not retrieved, recommendation number not read",
    },
  },
  {
    id: 'sexual-behaviour-young-person',
    label: 'Sexual behaviour in a child or young person that is indiscriminate, precocious or coercive',
    name: 'indiscriminate, precocious or coercive sexual behaviour',
    level: 'suspect',
    why: 'This behaviour is a serious sign of past or current abuse, or that a child or young person is being exploited.',
    group: 'behaviour',
    appliesTo: { description: '0 to 17 years (CG89: a child or young person)' },
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.4 (sexualised behaviour)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue); catalogue verification',
      quote: "Suspect past or current child maltreatment if a child or young person's sexual behaviour is indiscriminate, precocious or coercive",
      note: "Read in GPnotebook's item page \"sexualised behaviour in a child when maltreatment should be suspected\" (pharmacynotebook.com, reviewed 2018); NICE's own page not retrieved, recommendation number not read. Level corrected from consider to suspect and age range from 13 to 17 to every child (\"a child or young person\") on this reading; the id is kept",
    },
  },
  // Sexual abuse: anogenital signs, infections and pregnancy (CG89 1.1, 1.2).
  {
    id: 'anogenital-injury',
    label:
      'Genital, anal or perianal injury (bruising, laceration, swelling or abrasion) with an absent or unsuitable explanation, or an anal fissure where constipation, Crohn\'s disease and passing hard stools have been excluded',
    name: 'anogenital injury',
    level: 'suspect',
    why: 'Injury to the genital or anal area without a suitable explanation is a serious sign of sexual abuse.',
    group: 'sexual',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: true,
    source: {
      citation: 'NICE CG89 1.1 (anogenital signs and symptoms)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Sexual abuse should be suspected if a girl or boy has a genital, anal or perianal injury (as evidenced by bruising, laceration, swelling or abrasion) and the explanation is absent or unsuitable; … if a girl or boy has an anal fissure, and constipation, Crohn\'s disease and passing hard stools have been excluded as the cause',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'anogenital-symptom-with-behaviour-change',
    label: 'A persistent or recurrent genital or anal symptom (for example bleeding or discharge) with a change in behaviour or emotions, and no medical explanation',
    name: 'persistent anogenital symptom with a change in behaviour',
    level: 'suspect',
    why: 'Anogenital symptoms together with a change in behaviour are a serious sign of sexual abuse.',
    group: 'sexual',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.1 (anogenital signs and symptoms)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote: 'Sexual abuse should be suspected if a girl or boy has a persistent or recurrent genital or anal symptom (for example, bleeding or discharge) that is associated with behavioural or emotional change and that has no medical explanation',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'anogenital-symptom',
    label:
      'A genital or anal symptom (for example bleeding or discharge), or persistent or recurrent pain passing urine or anogenital discomfort, with no medical explanation; or a foreign body in the vagina or anus',
    name: 'anogenital symptom',
    level: 'consider',
    why: 'Anogenital symptoms without a medical cause can be a sign of sexual abuse.',
    group: 'sexual',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.1 (anogenital signs and symptoms)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Sexual abuse should be considered if a girl or boy has a genital or anal symptom (for example, bleeding or discharge) without a medical explanation; … has dysuria or ano-genital discomfort that is persistent or recurrent and does not have a medical explanation; … if there is evidence of one or more foreign bodies in the vagina or anus',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'sti-under-13',
    label:
      'Gonorrhoea, chlamydia, syphilis, genital herpes, hepatitis C, HIV or trichomonas in a child under 13, unless there is clear evidence of transmission from mother to baby at birth or from blood contamination',
    name: 'sexually transmitted infection in a child under 13',
    level: 'suspect',
    why: 'These infections in a child are very rarely passed on other than by sexual contact.',
    group: 'sexual',
    appliesTo: UNDER_13,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (sexually transmitted infections)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Suspect sexual abuse if a child younger than 13 years has gonorrhoea, chlamydia, syphilis, genital herpes, hepatitis C, HIV or trichomonas infection unless there is clear evidence of mother-to-child transmission during birth or blood contamination',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'hepatitis-b-or-anogenital-warts-under-13',
    label:
      'Hepatitis B or anogenital warts in a child under 13, unless there is clear evidence of transmission from mother to baby at birth, non-sexual transmission from someone in the household, or (hepatitis B) blood contamination',
    name: 'hepatitis B or anogenital warts in a child under 13',
    level: 'consider',
    why: 'These infections can be passed on sexually, though other routes are possible.',
    group: 'sexual',
    appliesTo: UNDER_13,
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (sexually transmitted infections)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Consider sexual abuse if a child younger than 13 years has hepatitis B unless there is clear evidence of mother-to-child transmission during birth, non-sexual transmission from a member of the household or blood contamination; … has anogenital warts unless there is clear evidence of mother-to-child transmission during birth or non-sexual transmission from a member of the household',
      note: GPNOTEBOOK,
    },
  },
  {
    id: 'sti-13-to-15',
    label:
      'A sexually transmitted infection (including hepatitis B or anogenital warts) in a young person aged 13 to 15, unless there is clear evidence of transmission at birth, non-sexual transmission, blood contamination, or that it came from consensual sexual activity with a peer',
    name: 'sexually transmitted infection aged 13 to 15',
    level: 'consider',
    why: 'An infection at this age may come from sexual activity with someone older or in a position of power.',
    group: 'sexual',
    appliesTo: { minAgeYears: 13, underAgeYears: 16, description: '13 to 15 years' },
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (sexually transmitted infections)',
      evidence: 'S',
      research: 'issue 8 (CG89 catalogue)',
      quote:
        'Consider sexual abuse if a young person aged 13 to 15 years has gonorrhoea, chlamydia, syphilis, genital herpes … [also hepatitis B and anogenital warts] … unless there is clear evidence of … or that the infection was acquired from consensual sexual activity with a peer',
      note: `${GPNOTEBOOK}. The page read was cut off part-way through the 13 to 15 infection list`,
    },
  },
  {
    id: 'sti-16-to-17',
    label:
      'A sexually transmitted infection in a young person aged 16 or 17 when there is a clear difference in power or mental capacity between them and their sexual partner, the partner is a relative or in a position of trust, or there is concern that they are being sexually exploited',
    name: 'sexually transmitted infection aged 16 or 17 with a power imbalance',
    level: 'consider',
    why: 'At 16 or 17, an infection is a concern when the relationship is unequal, within the family, with a person in a position of trust, or exploitative.',
    group: 'sexual',
    appliesTo: { minAgeYears: 16, description: '16 to 17 years' },
    recordedAs: 'tick',
    injury: false,
    source: { citation: 'NICE CG89 1.2 (sexually transmitted infections)', evidence: 'U', research: 'issue 8 (CG89 catalogue)', note: NOT_FOUND_IN_VERIFICATION },
  },
  {
    id: 'pregnancy-13-to-15',
    label: 'Pregnancy in a young person aged 13 to 15',
    name: 'pregnancy aged 13 to 15',
    level: 'consider',
    why: 'Sexual intercourse under 16 is illegal, and a pregnancy at this age may follow abuse or exploitation.',
    group: 'sexual',
    appliesTo: { minAgeYears: 13, underAgeYears: 16, description: '13 to 15 years (under 13: the sexual activity or pregnancy question, suspect-level)' },
    recordedAs: 'tick',
    injury: false,
    source: {
      citation: 'NICE CG89 1.2 (pregnancy)',
      evidence: 'U',
      research: '§1.1 (under-13 pregnancy)',
      note:
        'Under 13 is verified [V] and asked as its own question ("pregnancy in such a child means the child has been maltreated", CG89 2013 footnote on the Sexual Offences Act 2003). The 13 to 15 level was not retrieved: "consider" taken from the issue; confirm',
    },
  },
  // How the carer and child interact (CG89 1.5): recorded through its own checklist.
  {
    id: 'carer-child-interaction',
    label: 'Concerning interaction between the carer and the child',
    name: 'concerns about how the carer and child interact',
    level: 'consider',
    why: 'How a carer and child behave together can be the first sign of emotional abuse or neglect.',
    group: 'interaction',
    appliesTo: ALL_CHILDREN,
    recordedAs: 'interaction-checklist',
    injury: false,
    source: {
      citation: 'NICE CG89 1.5 (parent–child interactions)',
      evidence: 'U',
      research: '§1.4 row 8',
      note: 'Topic verified [V]; item wording not verified [U]',
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

/**
 * Does a feature's age and mobility filter admit this child? `mobility` is the effective
 * answer to the mobility question when it is asked ('' when it is not asked or not answered):
 * see `effectiveMobility`.
 */
export function featureApplies(feature: AlertingFeature, ctx: AssessmentContext, mobility: IndependentlyMobile | ''): boolean {
  if (!ctx.pathway.child) return false;
  const age = ctx.pathway.ageYears;
  if (age === undefined) return false;
  const filter = feature.appliesTo;
  if (filter.minAgeYears !== undefined && age < filter.minAgeYears) return false;
  if (filter.underAgeYears !== undefined && age >= filter.underAgeYears) return false;
  if (filter.notIndependentlyMobileOnly === true && mobility !== 'no' && mobility !== 'not-sure') return false;
  return true;
}

/**
 * The alerting features for this child, in checklist order: none for adults or when age is
 * not known (the nurse is asked for the age first). The non-mobile bruising item appears
 * once the mobility question is answered "No" or "Not sure". Retired items are included
 * (they apply as before); the form offers only the current ones (`offeredForNewTicks`).
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

/** Current items, offered as tick boxes; retired ones only show where a record ticked them. */
export const offeredForNewTicks = (feature: AlertingFeature): boolean => feature.retired === undefined;

/**
 * Whether the mobility question is asked: every child under 2 (PRODUCT.md section 3) and any
 * child whose disability or condition affects how they move (issue 8: "not independently
 * mobile" applies at any age).
 */
export const mobilityQuestionApplies = (ctx: AssessmentContext, disability: MobilityDisability = ''): boolean =>
  ctx.pathway.child && (ctx.pathway.underTwo || disability === 'yes');

/** Whether the optional disability question is asked: every child. */
export const mobilityDisabilityQuestionApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child;

/** Age in whole months when the date of birth is known (an estimated age gives none). */
function knownAgeInMonths(ctx: AssessmentContext): number | undefined {
  if (ctx.dateOfBirth === undefined || ctx.ageSource !== 'date-of-birth') return undefined;
  return ageInMonths(ctx.dateOfBirth, ctx.arrivedAt ?? ctx.now);
}

/** Whether a "Yes, independently mobile" answer must be confirmed: a baby younger than 6 months. */
export function mobilityConfirmationApplies(ctx: AssessmentContext, disability: MobilityDisability, mobility: IndependentlyMobile | ''): boolean {
  if (!mobilityQuestionApplies(ctx, disability) || mobility !== 'yes') return false;
  const months = knownAgeInMonths(ctx);
  return months !== undefined && months < IMPLAUSIBLY_MOBILE_UNDER_MONTHS;
}

/**
 * The mobility answer the checklist uses: '' when the question is not asked; an unconfirmed
 * "Yes" for a young baby counts as "Not sure", so the non-mobile bruising item stays on screen
 * until the nurse confirms (missing it is the costlier mistake).
 */
export function effectiveMobility(
  ctx: AssessmentContext,
  answers: { mobilityDisability: MobilityDisability; independentlyMobile: IndependentlyMobile | ''; mobilityConfirmed: MobilityConfirmation },
): IndependentlyMobile | '' {
  if (!mobilityQuestionApplies(ctx, answers.mobilityDisability)) return '';
  if (mobilityConfirmationApplies(ctx, answers.mobilityDisability, answers.independentlyMobile) && answers.mobilityConfirmed !== 'yes') return 'not-sure';
  return answers.independentlyMobile;
}

export function alertingFeatureById(id: string, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature | undefined {
  return catalogue.find((feature) => feature.id === id);
}
