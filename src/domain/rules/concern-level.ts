/**
 * The safeguarding concern level: what the answers allow the clinician to choose.
 *
 * Owns: the four concern levels, what recorded answers carry a NICE level, the highest such
 * level (shown beside the question), every reason "No concern" is refused, when "Excluded"
 * is barred and who may agree an exclusion, which levels are allowed, and the message for a
 * level that contradicts the answers.
 *
 * The clinician chooses the level; the app never infers it (NICE CG89 step 4, research §1.2)
 * and never computes a risk score (PRODUCT.md principle 5, research §1.5). It only refuses a
 * choice that contradicts what is recorded, so that nothing of concern is ever signed off as
 * "No concern" (no false reassurance, PRODUCT.md 4.9):
 * - "No concern" is refused by anything of concern: any alerting feature counted for the
 *   child (consider or suspect level), a carer–child interaction concern, a household risk
 *   (domestic abuse, parental substance misuse, parental mental illness), a child protection
 *   plan, an unborn child protection plan or looked-after status from CP-IS (research §2.2),
 *   an open social-care case, a disclosure, or sexual activity or pregnancy under 13. The
 *   clinician then chooses Consider, Suspect or Excluded.
 * - a suspect-level alerting feature, a disclosure or under-13 sexual activity also refuses
 *   Consider (NICE CG89: suspect means refer, research §1.3).
 * - "Excluded" is never available after sexual activity or pregnancy under 13: NICE CG89
 *   treats pregnancy under 13 as maltreatment, sexual intercourse under 13 is unlawful
 *   (Sexual Offences Act 2003; research §1.1) and PRODUCT.md section 3 makes referral
 *   mandatory.
 * - "Excluded" is not available at triage after a disclosure (NICE: refer even when the
 *   account is not precise, research §1.1) or any bruise in a child who is not independently
 *   mobile (research §1.4: local procedures require referral and consultant assessment).
 *   For these two only a consultant paediatrician or the safeguarding team may record an
 *   exclusion later, by addendum, after their own assessment.
 * - elsewhere "Excluded" needs the explanation and a senior by role (consultant, paediatric
 *   registrar, safeguarding team) with name and time (validated in assessment/outcome.ts).
 */
import type { AssessmentContext } from '../assessment/context';
import type { InformationChecksDraft } from '../assessment/information-checks';
import { openSocialCareCase } from '../assessment/information-checks';
import type { SafeguardingDraft } from '../assessment/safeguarding-prompts';
import { effectiveAlertingFeatures, householdRiskOptions, underThirteenQuestionApplies } from '../assessment/safeguarding-prompts';
import type { AlertingFeature, NiceLevel } from './nice-alerting-features';
import { CARER_CHILD_INTERACTION_FEATURE_ID, niceAlertingFeatures } from './nice-alerting-features';
import type { CseDraft } from '../screening/cse';
import { cseConcernFacts } from '../screening/cse';
import type { FgmDraft } from '../screening/fgm';
import { fgmOutcomeRequirements } from '../screening/fgm';
import { fraserUnder13ReferralMandatory } from '../screening/fraser';
import type { DomesticAbuseDraft } from '../screening/domestic-abuse';
import { domesticAbuseChildVictim } from '../screening/domestic-abuse';

export const concernLevels = ['no-concern', 'consider', 'suspect', 'excluded'] as const;

export type ConcernLevel = (typeof concernLevels)[number];

export const concernLevelLabels: Record<ConcernLevel, string> = {
  'no-concern': 'No concern',
  consider: 'Consider',
  suspect: 'Suspect',
  excluded: 'Excluded',
};

/** The alerting feature whose exclusion needs a senior's own assessment (PRODUCT.md 4.9). */
export const NON_MOBILE_BRUISE_FEATURE_ID = 'bruise-not-independently-mobile';

/**
 * Where the level is chosen: 'triage' while the assessment is in progress; 'addendum' after
 * signing, where a consultant paediatrician or the safeguarding team may record an exclusion
 * after their own assessment.
 */
export type ConcernStage = 'triage' | 'addendum';

/** What, beyond the safeguarding prompts page, the concern-level rules read. */
export interface ConcernFacts {
  /** The information checks section: CP-IS result and an open social-care case. */
  informationChecks?: Pick<InformationChecksDraft, 'cpis' | 'socialCare' | 'openCase'>;
  /** Defaults to 'triage'. */
  stage?: ConcernStage;
  /** The CSE screen: a significant indicator refuses "No concern"; sexual activity at 12 or under is the under-13 rule (PRODUCT.md 4.6). */
  cse?: CseDraft;
  /** The FGM screen: a known case in a girl under 18 is abuse, so Suspect only, with a mandatory referral (PRODUCT.md 4.6; research §6.1). */
  fgm?: FgmDraft;
  /** The domestic abuse enquiry: a victim of 16 or 17 who discloses goes to the MASH as well as MARAC, so Suspect only, with a mandatory referral (PRODUCT.md 4.8). */
  domesticAbuse?: DomesticAbuseDraft;
}

/** What the answers of a whole record say beyond the safeguarding page, for every caller of these rules. */
export function concernFactsFromAnswers(
  answers: { informationChecks: InformationChecksDraft; cse: CseDraft; fgm: FgmDraft; domesticAbuse?: DomesticAbuseDraft },
  stage?: ConcernStage,
): ConcernFacts {
  return {
    informationChecks: answers.informationChecks,
    cse: answers.cse,
    fgm: answers.fgm,
    ...(answers.domesticAbuse ? { domesticAbuse: answers.domesticAbuse } : {}),
    ...(stage ? { stage } : {}),
  };
}

/** The seniors who may agree that a concern is excluded (PRODUCT.md 4.9). */
export const exclusionSeniorRoles = ['consultant-paediatrician', 'consultant', 'paediatric-registrar', 'safeguarding-team'] as const;

export type ExclusionSeniorRole = (typeof exclusionSeniorRoles)[number];

export const exclusionSeniorRoleLabels: Record<ExclusionSeniorRole, string> = {
  'consultant-paediatrician': 'Consultant paediatrician',
  consultant: 'Consultant in another specialty, for example emergency medicine',
  'paediatric-registrar': 'Paediatric registrar',
  'safeguarding-team': 'Safeguarding team',
};

/** After a disclosure or a bruise in a non-mobile child, only these may agree an exclusion, by addendum. */
export const SENIOR_ASSESSMENT_ROLES: readonly ExclusionSeniorRole[] = ['consultant-paediatrician', 'safeguarding-team'];

export type RecordedConcernKind = 'feature' | 'disclosure' | 'under-13-sexual-activity';

/** Something recorded on the safeguarding page that carries a NICE level. */
export interface RecordedConcern {
  kind: RecordedConcernKind;
  level: NiceLevel;
  /** Plain words for messages: "the child, or someone else, has said that someone has hurt, abused or neglected the child". */
  text: string;
  /** The alerting feature, for kind "feature". */
  featureId?: string;
}

/**
 * Everything recorded that carries a NICE level: each alerting feature counted for this child
 * (at its own level); a disclosure (suspect: NICE says refer to children's social care even when
 * the account is not precise, research §1.1); sexual activity or pregnancy under 13 (suspect,
 * PRODUCT.md section 3).
 */
export function recordedConcerns(safeguarding: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): RecordedConcern[] {
  if (!ctx.pathway.child) return [];
  const concerns: RecordedConcern[] = effectiveAlertingFeatures(safeguarding, ctx, catalogue).map((feature) => ({
    kind: 'feature',
    level: feature.level,
    text: feature.name,
    featureId: feature.id,
  }));
  if (safeguarding.disclosure === 'yes') {
    concerns.push({ kind: 'disclosure', level: 'suspect', text: 'the child, or someone else, has said that someone has hurt, abused or neglected the child' });
  }
  if (underThirteenSexualActivityRecorded(safeguarding, ctx)) {
    concerns.push({ kind: 'under-13-sexual-activity', level: 'suspect', text: 'sexual activity or pregnancy is recorded in a child under 13' });
  }
  return concerns;
}

/** Sexual activity or pregnancy recorded in a child under 13 (PRODUCT.md section 3). */
export const underThirteenSexualActivityRecorded = (safeguarding: SafeguardingDraft, ctx: AssessmentContext): boolean =>
  underThirteenQuestionApplies(ctx, safeguarding) && safeguarding.underThirteenSexualActivity === 'yes';

/**
 * The highest NICE level among what is recorded, shown beside the concern-level question:
 * 'suspect', 'consider', or undefined when nothing with a level is recorded.
 */
export function highestNiceLevel(safeguarding: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): NiceLevel | undefined {
  const levels = recordedConcerns(safeguarding, ctx, catalogue).map((concern) => concern.level);
  if (levels.includes('suspect')) return 'suspect';
  if (levels.includes('consider')) return 'consider';
  return undefined;
}

export type RefusalRule =
  | 'child-protection-status'
  | 'open-social-care-case'
  | 'suspect-feature'
  | 'consider-feature'
  | 'carer-child-interaction'
  | 'disclosure'
  | 'household-risk'
  | 'cse-significant-indicator'
  | 'fgm-known-case'
  | 'under-13-sexual-activity'
  | 'domestic-abuse-child-victim';

/** One reason "No concern" cannot be chosen. */
export interface ConcernRefusal {
  rule: RefusalRule;
  /** Plain words naming what was recorded. */
  reason: string;
  featureId?: string;
  /** The feature's short name, for the feature rules. */
  featureName?: string;
}

/** Rules that carry a suspect-level concern: they refuse Consider as well as No concern. */
const SUSPECT_RULES: readonly RefusalRule[] = ['suspect-feature', 'disclosure', 'fgm-known-case', 'under-13-sexual-activity', 'domestic-abuse-child-victim'];

/** Rules that allow Suspect only, at every stage: referral to children's social care is mandatory. */
const SUSPECT_ONLY_RULES: readonly RefusalRule[] = ['fgm-known-case', 'under-13-sexual-activity', 'domestic-abuse-child-victim'];

const cpisWords: Partial<Record<InformationChecksDraft['cpis'], string>> = {
  'checked-cp-plan': 'CP-IS shows a child protection plan',
  'checked-looked-after': 'CP-IS shows that the child is looked after',
  'checked-unborn-cp-plan': 'CP-IS shows an unborn child protection plan',
};

/** The household risks that are concerns ("None known" and "Not known" are not). */
function householdRisksRecorded(safeguarding: SafeguardingDraft): string[] {
  return householdRiskOptions.filter((option) => option.value !== 'none-known' && option.value !== 'not-known' && safeguarding.householdRisks.includes(option.value)).map((option) => option.label.toLowerCase());
}

/** Every reason "No concern" is refused, in page order (PRODUCT.md 4.9). */
export function concernLevelRefusals(
  safeguarding: SafeguardingDraft,
  ctx: AssessmentContext,
  catalogue: readonly AlertingFeature[] = niceAlertingFeatures,
  facts: ConcernFacts = {},
): ConcernRefusal[] {
  if (!ctx.pathway.child) return [];
  const refusals: ConcernRefusal[] = [];
  const checks = facts.informationChecks;
  const cpis = checks ? cpisWords[checks.cpis] : undefined;
  if (cpis) refusals.push({ rule: 'child-protection-status', reason: cpis });
  if (checks && openSocialCareCase(checks)) refusals.push({ rule: 'open-social-care-case', reason: "the child has an open case with children's social care" });
  for (const concern of recordedConcerns(safeguarding, ctx, catalogue)) {
    switch (concern.kind) {
      case 'feature': {
        const feature = { featureName: concern.text, ...(concern.featureId === undefined ? {} : { featureId: concern.featureId }) };
        if (concern.featureId === CARER_CHILD_INTERACTION_FEATURE_ID && concern.level === 'consider') {
          refusals.push({ rule: 'carer-child-interaction', reason: 'a concern about how the carer and child interact is recorded', ...feature });
        } else if (concern.level === 'suspect') {
          refusals.push({ rule: 'suspect-feature', reason: `a suspect-level alerting feature is recorded (${concern.text})`, ...feature });
        } else {
          refusals.push({ rule: 'consider-feature', reason: `a consider-level alerting feature is recorded (${concern.text})`, ...feature });
        }
        break;
      }
      case 'disclosure':
        refusals.push({ rule: 'disclosure', reason: concern.text });
        break;
      case 'under-13-sexual-activity':
        break;
    }
  }
  const risks = householdRisksRecorded(safeguarding);
  if (risks.length > 0) refusals.push({ rule: 'household-risk', reason: `${risks.length === 1 ? 'a risk in the household is' : 'risks in the household are'} recorded (${risks.join(', ')})` });
  if (underThirteenSexualActivityRecorded(safeguarding, ctx)) refusals.push({ rule: 'under-13-sexual-activity', reason: 'sexual activity or pregnancy is recorded in a child under 13' });
  const cse = facts.cse ? cseConcernFacts(facts.cse, ctx) : undefined;
  if (cse?.refusesNoConcern) refusals.push({ rule: 'cse-significant-indicator', reason: 'a child sexual exploitation significant indicator is recorded on the CSE screen' });
  if (cse?.suspectOnly) refusals.push({ rule: 'under-13-sexual-activity', reason: 'sexual activity at 12 or under is recorded on the CSE screen' });
  // Under 13 the visit itself is about sexual health, contraception or pregnancy: Fraser does not apply and referral is mandatory (PRODUCT.md 4.6).
  if (fraserUnder13ReferralMandatory(ctx)) refusals.push({ rule: 'under-13-sexual-activity', reason: 'a child under 13 has come about sexual health, contraception or pregnancy' });
  if (facts.fgm && fgmOutcomeRequirements(facts.fgm, ctx).mashReferral) refusals.push({ rule: 'fgm-known-case', reason: 'a known case of female genital mutilation is recorded' });
  if (facts.domesticAbuse && domesticAbuseChildVictim(facts.domesticAbuse, ctx)) refusals.push({ rule: 'domestic-abuse-child-victim', reason: 'a young person of 16 or 17 has disclosed domestic abuse' });
  return refusals;
}

/**
 * What bars "Excluded" at triage and leaves it to a consultant paediatrician or the
 * safeguarding team by addendum: a disclosure, or a bruise in a child who is not
 * independently mobile (PRODUCT.md 4.9).
 */
export function exclusionNeedsSeniorAssessment(refusals: readonly ConcernRefusal[]): ConcernRefusal[] {
  return refusals.filter((refusal) => refusal.rule === 'disclosure' || (refusal.rule === 'suspect-feature' && refusal.featureId === NON_MOBILE_BRUISE_FEATURE_ID));
}

/** The levels the clinician may choose, given what is recorded. */
export function allowedConcernLevels(
  safeguarding: SafeguardingDraft,
  ctx: AssessmentContext,
  catalogue: readonly AlertingFeature[] = niceAlertingFeatures,
  facts: ConcernFacts = {},
): ConcernLevel[] {
  const refusals = concernLevelRefusals(safeguarding, ctx, catalogue, facts);
  if (refusals.length === 0) return [...concernLevels];
  if (refusals.some((refusal) => SUSPECT_ONLY_RULES.includes(refusal.rule))) return ['suspect'];
  if ((facts.stage ?? 'triage') === 'triage' && exclusionNeedsSeniorAssessment(refusals).length > 0) return ['suspect'];
  if (refusals.some((refusal) => SUSPECT_RULES.includes(refusal.rule))) return ['suspect', 'excluded'];
  return ['consider', 'suspect', 'excluded'];
}

/**
 * The seniors who may agree an exclusion: after a disclosure or a bruise in a non-mobile
 * child only a consultant paediatrician or the safeguarding team (and only by addendum);
 * otherwise a consultant, a paediatric registrar or the safeguarding team.
 */
export function exclusionRolesAllowed(
  safeguarding: SafeguardingDraft,
  ctx: AssessmentContext,
  catalogue: readonly AlertingFeature[] = niceAlertingFeatures,
  facts: ConcernFacts = {},
): ExclusionSeniorRole[] {
  const refusals = concernLevelRefusals(safeguarding, ctx, catalogue, facts);
  return exclusionNeedsSeniorAssessment(refusals).length > 0 ? [...SENIOR_ASSESSMENT_ROLES] : [...exclusionSeniorRoles];
}

/**
 * Referral to children's social care cannot be "not made": sexual activity or pregnancy under 13,
 * on the safeguarding page or the CSE screen (12 or under), a child under 13 attending about
 * sexual health, a known case of FGM (PRODUCT.md sections 3 and 4.6), or a young person of 16
 * or 17 who discloses domestic abuse (PRODUCT.md 4.8: MARAC and the MASH together).
 */
export const referralMandatory = (safeguarding: SafeguardingDraft, ctx: AssessmentContext, facts: ConcernFacts = {}): boolean =>
  concernLevelRefusals(safeguarding, ctx, niceAlertingFeatures, facts).some((refusal) => SUSPECT_ONLY_RULES.includes(refusal.rule));

function joinWith(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** The refusals as one clause: features of one level are grouped, so three ticks read as one reason. */
function describeRefusals(refusals: readonly ConcernRefusal[]): string {
  const parts: string[] = [];
  const grouped = new Set<RefusalRule>();
  for (const refusal of refusals) {
    if (refusal.rule === 'suspect-feature' || refusal.rule === 'consider-feature') {
      if (grouped.has(refusal.rule)) continue;
      grouped.add(refusal.rule);
      const level = refusal.rule === 'suspect-feature' ? 'suspect' : 'consider';
      const names = refusals.filter((other) => other.rule === refusal.rule).map((other) => other.featureName ?? other.reason);
      parts.push(names.length === 1 ? `a ${level}-level alerting feature is recorded (${names.join('')})` : `${level}-level alerting features are recorded (${names.join(', ')})`);
    } else parts.push(refusal.reason);
  }
  return joinWith(parts, 'and');
}

const UNDER_13_ADVICE = "Select Suspect: referral to children's social care is mandatory for a child under 13";
const FGM_ADVICE = "Select Suspect: a known case of FGM in a girl under 18 needs a referral to children's social care and a report to the police";
const DOMESTIC_ABUSE_CHILD_ADVICE = "Select Suspect: a young person of 16 or 17 who discloses domestic abuse needs a referral to children's social care (MASH), as well as MARAC when the risk is high";

/** The advice for the Suspect-only rules: the under-13 words when they apply, else the FGM words, else the domestic abuse words. */
const suspectOnlyAdvice = (refusals: readonly ConcernRefusal[]): string =>
  refusals.some((refusal) => refusal.rule === 'under-13-sexual-activity')
    ? UNDER_13_ADVICE
    : refusals.some((refusal) => refusal.rule === 'fgm-known-case')
      ? FGM_ADVICE
      : DOMESTIC_ABUSE_CHILD_ADVICE;
const SENIOR_ASSESSMENT_ADVICE = 'Select Suspect. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment';

/**
 * Why a chosen level contradicts the answers, as an error message naming the reason, or
 * undefined when the level is allowed.
 */
export function concernLevelProblem(
  level: ConcernLevel,
  safeguarding: SafeguardingDraft,
  ctx: AssessmentContext,
  catalogue: readonly AlertingFeature[] = niceAlertingFeatures,
  facts: ConcernFacts = {},
): string | undefined {
  const allowed = allowedConcernLevels(safeguarding, ctx, catalogue, facts);
  if (allowed.includes(level)) return undefined;
  const refusals = concernLevelRefusals(safeguarding, ctx, catalogue, facts);
  const label = concernLevelLabels[level];
  const under13 = refusals.filter((refusal) => SUSPECT_ONLY_RULES.includes(refusal.rule));
  if (level === 'excluded') {
    if (under13.length > 0) return `${label} cannot be chosen because ${describeRefusals(under13)}. ${suspectOnlyAdvice(under13)}`;
    return `${label} cannot be chosen at triage because ${describeRefusals(exclusionNeedsSeniorAssessment(refusals))}. ${SENIOR_ASSESSMENT_ADVICE}`;
  }
  const because = describeRefusals(level === 'consider' ? refusals.filter((refusal) => SUSPECT_RULES.includes(refusal.rule)) : refusals);
  if (under13.length > 0) return `${label} cannot be chosen because ${because}. ${suspectOnlyAdvice(under13)}`;
  if (!allowed.includes('excluded')) return `${label} cannot be chosen because ${because}. ${SENIOR_ASSESSMENT_ADVICE}`;
  return `${label} cannot be chosen because ${because}. Select ${joinWith(allowed.map((allowedLevel) => concernLevelLabels[allowedLevel]), 'or')}. Excluded needs the suitable explanation and the senior who agreed`;
}
