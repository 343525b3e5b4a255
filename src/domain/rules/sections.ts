/**
 * The task list: which sections an assessment has, which apply to this patient, whether
 * each is Not started, In progress or Completed, and what stands between the record and
 * signing. Sections not relevant to this patient are not shown (PRODUCT.md section 4).
 */
import { validateAccounts } from '../assessment/accounts';
import { dischargeApplies, summariseDischarge, validateDischarge } from '../assessment/discharge';
import type { AssessmentContext } from '../assessment/context';
import { informationChecksApply, validateInformationChecks } from '../assessment/information-checks';
import type { Issue } from '../assessment/issues';
import { initialAnswers } from '../assessment/lifecycle';
import { outcomeApplies, validateOutcome } from '../assessment/outcome';
import { patientLetterFieldNames, validatePatient } from '../assessment/patient';
import { validatePeople } from '../assessment/people';
import { safeguardingApplies, validateSafeguarding } from '../assessment/safeguarding-prompts';
import type { Answers, AssessmentRecord, SectionId } from '../assessment/record';
import { emptyAnswers } from '../assessment/record';
import { crafftApplies, crafftQuestions } from '../screening/crafft';
import { cseApplies, cseQuestions } from '../screening/cse';
import { summariseCse, summariseSubstanceUse, validateCseSection, validateSubstanceUseSection } from '../screening/cse-crafft-sections';
import { summariseAccounts, summarisePatient, summarisePeople } from '../assessment/summary';
import type { SummaryRow } from '../assessment/summary';
import { summariseInformationChecks, summariseOutcome, summariseSafeguarding } from '../assessment/summary-safeguarding';
import type { ConcernStage } from './concern-level';
import { concernFactsFromAnswers } from './concern-level';
import { fgmOutcomeRequirements } from '../screening/fgm';
import { fgmApplies, validateFgm } from '../screening/fgm';
import { fraserAvailability, validateFraser } from '../screening/fraser';
import { fraserSafeguardingConcern, summariseFgm, summariseFraser, summariseSelfHarm } from '../screening/screening-sections';
import { selfHarmApplies, validateSelfHarm } from '../screening/self-harm';
import { domesticAbuseApplies, domesticAbuseQuestions, validateDomesticAbuse } from '../screening/domestic-abuse';
import { auditCApplies, auditCQuestions, validateAuditC } from '../screening/audit-c';
import { domesticAbuseFactsFromAnswers, summariseAuditC, summariseDomesticAbuse } from '../screening/domestic-abuse-sections';
import { thinkFamilyApplies, thinkFamilyQuestions } from '../screening/think-family';
import { summariseThinkFamily, thinkFamilyOptional, validateThinkFamilySection } from '../screening/think-family-section';
import { leftBeforeAssessmentQuestions, minimumIdentityIssues, relevantWhenLeft, summariseLeftBeforeAssessment, validateLeftBeforeAssessment } from '../assessment/left-before-assessment';

export interface SectionDefinition {
  id: SectionId;
  /** Task list name and page heading (canonical wording, PRODUCT.md section 4). */
  title: string;
  /** URL slug of the section page. */
  slug: string;
  isRelevant: (ctx: AssessmentContext) => boolean;
  /** `stage` is 'addendum' when a signed record is being changed (concern-level rules differ, rules/concern-level.ts). */
  validate: (answers: Answers, ctx: AssessmentContext, stage?: ConcernStage) => Issue[];
  /** Check-answers rows (also the signed record view). */
  summarise: (answers: Answers, ctx: AssessmentContext) => SummaryRow[];
  /**
   * What the section must be complete before: signing (the default), or only the GP letter.
   * A 'gp-letter' section shows its problems when saved and stops the GP letter being
   * issued, but never stops the assessment being signed (the Discharge section: its
   * details are often known only after the triage assessment is signed).
   */
  requiredBefore?: 'signing' | 'gp-letter';
  /**
   * Offered, not required, for this record: left untouched it does not hold up "Check answers
   * and sign" on the task list (Think Family without a trigger, PRODUCT.md 4.7). Absent: required.
   */
  isOptional?: (answers: Answers, ctx: AssessmentContext) => boolean;
}

export const sectionDefinitions: readonly SectionDefinition[] = [
  {
    id: 'patient',
    title: 'Patient and attendance',
    slug: 'patient',
    isRelevant: () => true,
    validate: (answers, ctx) => minimumIdentityIssues(validatePatient(answers.patient, ctx), answers.patient, ctx),
    summarise: summarisePatient,
  },
  {
    id: 'people',
    title: 'Next of kin and who came with the patient',
    slug: 'next-of-kin',
    isRelevant: () => true,
    validate: (answers, ctx) => validatePeople(answers.people, ctx),
    summarise: summarisePeople,
  },
  {
    id: 'accounts',
    title: 'Accounts',
    slug: 'accounts',
    isRelevant: () => true,
    validate: (answers, ctx) => validateAccounts(answers.accounts, ctx, answers.people),
    summarise: summariseAccounts,
  },
  {
    id: 'informationChecks',
    title: 'Information checks',
    slug: 'information-checks',
    isRelevant: informationChecksApply,
    validate: (answers, ctx) => validateInformationChecks(answers.informationChecks, ctx),
    summarise: summariseInformationChecks,
  },
  {
    id: 'safeguarding',
    title: 'Safeguarding prompts',
    slug: 'safeguarding-prompts',
    isRelevant: safeguardingApplies,
    validate: (answers, ctx) => validateSafeguarding(answers.safeguarding, ctx),
    summarise: summariseSafeguarding,
  },
  {
    id: 'cse',
    title: cseQuestions.title,
    slug: 'cse-screen',
    isRelevant: cseApplies,
    validate: validateCseSection,
    summarise: (answers, ctx) => summariseCse(answers, ctx),
  },
  {
    id: 'substanceUse',
    title: crafftQuestions.title,
    slug: 'substance-use',
    isRelevant: crafftApplies,
    validate: validateSubstanceUseSection,
    summarise: summariseSubstanceUse,
  },
  {
    id: 'fraser',
    title: 'Fraser guidelines',
    slug: 'fraser',
    // Under 13 the section stays on the list to say Fraser does not apply and referral is mandatory.
    isRelevant: (ctx) => fraserAvailability(ctx) !== 'not-applicable',
    validate: (answers, ctx) => validateFraser(answers.fraser, ctx, fraserSafeguardingConcern(answers)),
    summarise: summariseFraser,
  },
  {
    id: 'fgm',
    title: 'Female genital mutilation (FGM)',
    slug: 'fgm',
    // On a genital, urinary or gynaecological presentation, or a disclosure (the context carries it: derive-context.ts).
    isRelevant: (ctx) => fgmApplies(ctx, { openedOnDisclosure: false }),
    validate: (answers, ctx) => validateFgm(answers.fgm, ctx),
    summarise: summariseFgm,
  },
  {
    id: 'selfHarm',
    title: 'Self-harm or mental health',
    slug: 'self-harm',
    isRelevant: selfHarmApplies,
    validate: (answers, ctx) => validateSelfHarm(answers.selfHarm, ctx),
    summarise: summariseSelfHarm,
  },
  {
    id: 'domesticAbuse',
    title: domesticAbuseQuestions.title,
    slug: 'domestic-abuse',
    isRelevant: domesticAbuseApplies,
    validate: (answers, ctx) => validateDomesticAbuse(answers.domesticAbuse, ctx, domesticAbuseFactsFromAnswers(answers)),
    summarise: summariseDomesticAbuse,
  },
  {
    id: 'auditC',
    title: auditCQuestions.title,
    slug: 'alcohol-audit-c',
    isRelevant: auditCApplies,
    validate: (answers, ctx) => validateAuditC(answers.auditC, ctx),
    summarise: summariseAuditC,
  },
  {
    id: 'thinkFamily',
    title: thinkFamilyQuestions.title,
    slug: 'think-family',
    isRelevant: thinkFamilyApplies,
    validate: validateThinkFamilySection,
    summarise: summariseThinkFamily,
    isOptional: thinkFamilyOptional,
  },
  {
    id: 'outcome',
    title: 'Outcome and actions',
    slug: 'outcome',
    isRelevant: outcomeApplies,
    validate: (answers, ctx, stage) =>
      validateOutcome(answers.outcome, ctx, answers.safeguarding, { ...concernFactsFromAnswers(answers, stage), fgmKnownCase: fgmOutcomeRequirements(answers.fgm, ctx).police }),
    summarise: summariseOutcome,
  },
  {
    id: 'discharge',
    title: 'Discharge',
    slug: 'discharge',
    isRelevant: dischargeApplies,
    validate: (answers, ctx) => validateDischarge(answers.discharge, ctx, answers),
    summarise: summariseDischarge,
    requiredBefore: 'gp-letter',
  },
  {
    id: 'leftBeforeAssessment',
    title: leftBeforeAssessmentQuestions.title,
    slug: 'left-before-assessment',
    // Reached from the task list's link; on the list once the nurse records that the patient left.
    isRelevant: (ctx) => ctx.leftBeforeAssessment === true,
    validate: (answers, ctx) => validateLeftBeforeAssessment(answers.leftBeforeAssessment, ctx),
    summarise: (answers) => summariseLeftBeforeAssessment(answers.leftBeforeAssessment),
  },
];

export function sectionBySlug(slug: string): SectionDefinition | undefined {
  return sectionDefinitions.find((section) => section.slug === slug);
}

export function sectionById(id: SectionId): SectionDefinition {
  const section = sectionDefinitions.find((candidate) => candidate.id === id);
  if (!section) throw new Error(`Unknown section ${id}`);
  return section;
}

export const relevantSections = (ctx: AssessmentContext): SectionDefinition[] =>
  sectionDefinitions.filter((section) => section.isRelevant(ctx) && relevantWhenLeft(section.id, ctx));

export type SectionStatus = 'not-started' | 'in-progress' | 'completed';

export const sectionStatusLabels: Record<SectionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  completed: 'Completed',
};

/** Structural equality for plain JSON-like answers. */
function sameAnswers(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Completed: the nurse saved the section with no problems, and it still has none (a later
 * change elsewhere, such as a new date of birth, can make more questions apply).
 * Not started: nothing entered (beyond the defaults a new assessment starts with) and never
 * saved. Otherwise In progress.
 */
export function sectionStatus(record: AssessmentRecord, section: SectionDefinition, ctx: AssessmentContext, answers: Answers = record.answers): SectionStatus {
  const confirmed = record.confirmedSections.includes(section.id);
  if (confirmed && completionIssues(section, answers, ctx).length === 0) return 'completed';
  // The arrival time the app fills in when the assessment is created is not the nurse's work.
  const untouched =
    sameAnswers(answers[section.id], emptyAnswers()[section.id]) || sameAnswers(answers[section.id], initialAnswers(record.createdAt)[section.id]);
  return untouched && !confirmed ? 'not-started' : 'in-progress';
}

export interface SectionIssues {
  section: SectionDefinition;
  issues: Issue[];
}

/** Whether a section must be complete before the assessment can be signed. */
export const blocksSigning = (section: SectionDefinition): boolean => (section.requiredBefore ?? 'signing') === 'signing';

/** The relevant sections that must be complete before signing, in task-list order. */
export const sectionsBeforeSigning = (ctx: AssessmentContext): SectionDefinition[] => relevantSections(ctx).filter(blocksSigning);

/**
 * The problems that keep a section from being complete: all of them for a section needed only
 * for the GP letter (Discharge); for the others, all but the answers only the GP letter and the
 * MASH referral need (Issue.requiredBefore: address, postcode, GP practice, school), so the
 * patient section is complete for signing without a demographic the nurse cannot get at night.
 */
export function completionIssues(section: SectionDefinition, answers: Answers, ctx: AssessmentContext, stage?: ConcernStage): Issue[] {
  const issues = section.validate(answers, ctx, stage);
  return blocksSigning(section) ? issues.filter((issue) => issue.requiredBefore !== 'gp-letter') : issues;
}

/** Every problem that stops signing, by section in task-list order. */
export function issuesBeforeSigning(answers: Answers, ctx: AssessmentContext): SectionIssues[] {
  return sectionsBeforeSigning(ctx)
    .map((section) => ({ section, issues: completionIssues(section, answers, ctx) }))
    .filter((entry) => entry.issues.length > 0);
}

/**
 * The answers still needed for the GP letter and the MASH referral in sections that do not
 * need them for signing (the patient's address, postcode, GP practice and school), by section
 * in task-list order: the task list and check answers show them ("Needed for the GP letter"),
 * and the letters will not issue without them (letters/letters.ts letterReadiness).
 */
export function issuesBeforeGpLetter(answers: Answers, ctx: AssessmentContext): SectionIssues[] {
  return sectionsBeforeSigning(ctx)
    .map((section) => ({ section, issues: section.validate(answers, ctx).filter((issue) => issue.requiredBefore === 'gp-letter') }))
    .filter((entry) => entry.issues.length > 0);
}

/** "a", "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length <= 1 ? unique.join('') : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1) ?? ''}`;
}

/**
 * What the task list and check answers say about a section's answers still needed for the GP
 * letter: "Needed for the GP letter: address and GP practice. …", or undefined when none are.
 */
export function neededForGpLetterText(issues: readonly Issue[]): string | undefined {
  if (issues.length === 0) return undefined;
  const names = issues.map((issue) => patientLetterFieldNames[issue.field] ?? issue.field);
  return `Needed for the GP letter and the MASH referral: ${listed(names)}. You can sign without ${issues.length === 1 ? 'it' : 'them'} and add ${issues.length === 1 ? 'it' : 'them'} later`;
}
