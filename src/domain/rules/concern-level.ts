/**
 * The safeguarding concern level: what the answers allow the clinician to choose.
 *
 * Owns: the four concern levels, what recorded answers carry a NICE level, the highest such
 * level (shown beside the question), every reason "No concern" is refused, which levels are
 * allowed, and the message for a level that contradicts the answers.
 *
 * The clinician chooses the level; the app never infers it (NICE CG89 step 4, research §1.2)
 * and never computes a risk score (PRODUCT.md principle 5, research §1.5). It only refuses a
 * choice that contradicts what is recorded (PRODUCT.md 4.9):
 * - a suspect-level alerting feature, a disclosure, or sexual activity or pregnancy under 13
 *   allows only Suspect, or Excluded with the explanation and the senior who agreed;
 * - sexual activity or pregnancy under 13 allows only Suspect: NICE CG89 treats pregnancy
 *   under 13 as maltreatment and sexual intercourse under 13 is unlawful (Sexual Offences Act
 *   2003; research §1.1), and PRODUCT.md section 3 makes referral mandatory, so it cannot be
 *   excluded.
 * Consider-level features alone refuse nothing: "No concern" stays available (PRODUCT.md 4.9
 * lists only the suspect-level cases).
 */
import type { AssessmentContext } from '../assessment/context';
import type { SafeguardingDraft } from '../assessment/safeguarding-prompts';
import { effectiveAlertingFeatures, underThirteenQuestionApplies } from '../assessment/safeguarding-prompts';
import type { AlertingFeature, NiceLevel } from './nice-alerting-features';
import { niceAlertingFeatures } from './nice-alerting-features';

export const concernLevels = ['no-concern', 'consider', 'suspect', 'excluded'] as const;

export type ConcernLevel = (typeof concernLevels)[number];

export const concernLevelLabels: Record<ConcernLevel, string> = {
  'no-concern': 'No concern',
  consider: 'Consider',
  suspect: 'Suspect',
  excluded: 'Excluded',
};

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
  underThirteenQuestionApplies(ctx) && safeguarding.underThirteenSexualActivity === 'yes';

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

export type RefusalRule = 'suspect-feature' | 'disclosure' | 'under-13-sexual-activity';

/** One reason "No concern" cannot be chosen. */
export interface ConcernRefusal {
  rule: RefusalRule;
  /** Plain words naming what was recorded. */
  reason: string;
  featureId?: string;
  /** The feature's short name, for kind "suspect-feature". */
  featureName?: string;
}

/** Every reason "No concern" is refused, in page order (PRODUCT.md 4.9). */
export function concernLevelRefusals(safeguarding: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): ConcernRefusal[] {
  return recordedConcerns(safeguarding, ctx, catalogue)
    .filter((concern) => concern.level === 'suspect')
    .map((concern): ConcernRefusal => {
      switch (concern.kind) {
        case 'feature':
          return {
            rule: 'suspect-feature',
            reason: `a suspect-level alerting feature is recorded (${concern.text})`,
            featureName: concern.text,
            ...(concern.featureId === undefined ? {} : { featureId: concern.featureId }),
          };
        case 'disclosure':
          return { rule: 'disclosure', reason: concern.text };
        case 'under-13-sexual-activity':
          return { rule: 'under-13-sexual-activity', reason: concern.text };
      }
    });
}

/** The levels the clinician may choose, given what is recorded. */
export function allowedConcernLevels(safeguarding: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): ConcernLevel[] {
  const refusals = concernLevelRefusals(safeguarding, ctx, catalogue);
  if (refusals.some((refusal) => refusal.rule === 'under-13-sexual-activity')) return ['suspect'];
  if (refusals.length > 0) return ['suspect', 'excluded'];
  return [...concernLevels];
}

/** Referral to children's social care cannot be "not made" (PRODUCT.md sections 3 and 4.6: under 13, referral is mandatory). */
export const referralMandatory = (safeguarding: SafeguardingDraft, ctx: AssessmentContext): boolean => underThirteenSexualActivityRecorded(safeguarding, ctx);

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** The refusals as one clause: features are grouped, so three ticks read as one reason. */
function describeRefusals(refusals: readonly ConcernRefusal[], only?: RefusalRule): string {
  const chosen = only === undefined ? refusals : refusals.filter((refusal) => refusal.rule === only);
  const features = chosen.filter((refusal) => refusal.rule === 'suspect-feature');
  const others = chosen.filter((refusal) => refusal.rule !== 'suspect-feature').map((refusal) => refusal.reason);
  const featureNames = features.map((refusal) => refusal.featureName ?? refusal.reason);
  const parts =
    features.length === 0
      ? []
      : [features.length === 1 ? `a suspect-level alerting feature is recorded (${featureNames.join('')})` : `suspect-level alerting features are recorded (${featureNames.join(', ')})`];
  return joinWithAnd([...parts, ...others]);
}

/**
 * Why a chosen level contradicts the answers, as an error message naming the reason, or
 * undefined when the level is allowed.
 */
export function concernLevelProblem(level: ConcernLevel, safeguarding: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): string | undefined {
  if (allowedConcernLevels(safeguarding, ctx, catalogue).includes(level)) return undefined;
  const refusals = concernLevelRefusals(safeguarding, ctx, catalogue);
  const label = concernLevelLabels[level];
  if (refusals.some((refusal) => refusal.rule === 'under-13-sexual-activity')) {
    const because = level === 'excluded' ? describeRefusals(refusals, 'under-13-sexual-activity') : describeRefusals(refusals);
    return `${label} cannot be chosen because ${because}. Select Suspect: referral to children's social care is mandatory for a child under 13`;
  }
  return `${label} cannot be chosen because ${describeRefusals(refusals)}. Select Suspect, or Excluded with the suitable explanation and the senior who agreed`;
}
