/**
 * The "What to do next" panel: plain-words actions for the nurse, with the local numbers
 * from settings, so an agency or bank nurse who does not know local pathways still knows
 * whom to call (PRODUCT.md section 1).
 *
 * Owns the choice and wording of the actions. They follow NICE CG89's recommended actions
 * for each level (research §1.3), each with its source; the level is the one the clinician
 * chose when the answers allow it, otherwise the highest NICE level recorded, so the panel
 * helps before a level is chosen but never chooses it (NICE CG89 step 4). A number that is
 * not set in settings is never left blank: the action says to ask the nurse in charge.
 */
import type { AssessmentContext } from '../assessment/context';
import { hvOrSchoolNurseLabel } from '../assessment/information-checks';
import { readDiscussedAt, readReferralMadeAt, readReferralPlannedAt } from '../assessment/outcome';
import type { Answers } from '../assessment/record';
import { effectiveAlertingFeatures } from '../assessment/safeguarding-prompts';
import { fgmPolicePrompt, FGM_DEADLINE_SOURCE, FGM_DUTY_SOURCE } from '../screening/fgm';
import { formatDate, formatDateTime, toLondon } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { isBlank } from '../shared/text';
import type { DeviceSettings } from '../settings/device-settings';
import type { ConcernLevel } from './concern-level';
import {
  allowedConcernLevels,
  concernFactsFromAnswers,
  concernLevelProblem,
  highestNiceLevel,
  referralMandatory,
  underThirteenSexualActivityRecorded,
} from './concern-level';
import { isWithinMashHours, nextMashOpening } from './mash-hours';
import { niceAlertingFeatures } from './nice-alerting-features';

export type NextStepId =
  | 'call-999'
  | 'refer-to-mash'
  | 'call-emergency-duty-team'
  | 'plan-next-day-referral'
  | 'discuss-today'
  | 'tell-paediatric-liaison'
  | 'urgent-paediatric-assessment'
  | 'record-disclosure'
  | 'record-referral'
  | 'look-for-other-features'
  | 'gather-information'
  | 'arrange-review'
  | 'record-exclusion'
  | 'report-fgm-to-police';

export interface NextStep {
  /** Stable id, for keys and tests. */
  id: NextStepId;
  /** What to do, in plain words, with the local number where one is needed. */
  text: string;
  /** Where the action comes from (guideline section, research §). */
  source: string;
  /** Already recorded as done in the answers. */
  done: boolean;
}

/** Said instead of a number that is not set in settings. */
export const ASK_FOR_NUMBER = 'ask the nurse in charge for the number';

/** A contact for the end of a sentence: the number, or what to do without one. */
export const contactOrAsk = (number: string): string =>
  isBlank(number) ? ASK_FOR_NUMBER : number.trim();

const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** "Monday 30 March 2026 at 09:00" in London time. */
export function formatOpening(instant: IsoInstant): string {
  return `${WEEKDAY_NAMES[toLondon(instant).isoWeekday - 1] ?? ''} ${formatDateTime(instant)}`.trim();
}

/**
 * The level the panel works from: the clinician's choice when the answers allow it,
 * otherwise the highest NICE level recorded, otherwise the lowest level the answers allow
 * when they refuse "No concern" (or nothing).
 *
 * The information checks are part of "the answers": a child-protection plan, looked-after
 * status or an open social-care case refuses "No concern" (concern-level.ts), so a chosen
 * "No concern" for such a child is never taken as allowed, and the panel shows the Consider
 * actions rather than nothing (false reassurance, issue 8).
 */
export function workingLevel(answers: Answers, ctx: AssessmentContext): ConcernLevel | undefined {
  const chosen = answers.outcome.concernLevel;
  // The whole record's facts (CP-IS, the CSE screen, the FGM questions), as the outcome page
  // uses them: a known case of FGM allows Suspect only, so the panel shows the Suspect steps.
  const facts = concernFactsFromAnswers(answers);
  const allowed =
    chosen !== '' && concernLevelProblem(chosen, answers.safeguarding, ctx, niceAlertingFeatures, facts) === undefined;
  if (allowed) return chosen;
  const highest = highestNiceLevel(answers.safeguarding, ctx);
  if (highest !== undefined) return highest;
  const levels = allowedConcernLevels(answers.safeguarding, ctx, niceAlertingFeatures, facts);
  if (levels.includes('no-concern')) return undefined;
  return levels.includes('consider') ? 'consider' : 'suspect';
}

const SOURCES = {
  referSuspect:
    'NICE CG89: suspect – refer to children’s social care under the local multi-agency safeguarding arrangements (research §1.3)',
  outOfHours: 'PRODUCT.md 4.9; CQC finding 3.4 (out-of-hours referrals held to the next working day)',
  under13: 'NICE CG89 (under-13 pregnancy or sexual activity, research §1.1); PRODUCT.md section 3',
  discuss:
    'NICE CG89: consider – discuss with a more experienced colleague; GMC 0–18 guidance (research §1.3)',
  informLead:
    'NICE CG89: suspect – inform the safeguarding lead or paediatric liaison (research §1.3)',
  paediatric:
    'NICE CG89: suspect – urgent paediatric assessment where injuries are involved (research §1.3)',
  record: 'NICE CG89 step 3: record exactly what was said, by whom and when (research §1.2)',
  recordReferral:
    'NICE CG89: suspect – record the referral: time, to whom, reference (research §1.3)',
  lookFurther: 'NICE CG89: consider – look for other alerting features (research §1.3)',
  gather: 'NICE CG89: consider – gather collateral information from other agencies (research §1.3)',
  review:
    'NICE CG89: consider – arrange a review; GMC 0–18 guidance: keep under review (research §1.3)',
  exclude: 'NICE CG89: exclude – record the suitable explanation and who agreed it (research §1.3)',
  danger: 'PRODUCT.md 4.9: police when a child is in immediate danger',
} as const;

/**
 * The actions for this child now, most urgent first. Empty for adults, and when nothing with
 * a NICE level is recorded and no concern level (other than "No concern") is chosen.
 */
export function nextSteps(
  answers: Answers,
  ctx: AssessmentContext,
  settings: DeviceSettings,
  now: IsoInstant,
): NextStep[] {
  if (!ctx.pathway.child) return [];
  const level = workingLevel(answers, ctx);
  if (level === undefined || level === 'no-concern') return [];
  const outcome = answers.outcome;
  const safeguarding = answers.safeguarding;
  const contacts = settings.contacts;
  const steps: NextStep[] = [];

  if (level === 'excluded') {
    steps.push({
      id: 'record-exclusion',
      text: 'Record the suitable explanation, and the name and role of the senior who agreed it',
      source: SOURCES.exclude,
      done:
        !isBlank(outcome.excludedExplanation) &&
        !isBlank(outcome.excludedAgreedByName) &&
        !isBlank(outcome.excludedAgreedByRole),
    });
    return steps;
  }

  const discussed = !isBlank(outcome.discussedWithName) && readDiscussedAt(outcome) !== undefined;

  if (level === 'suspect') {
    if (outcome.immediateDanger === 'yes') {
      steps.push({
        id: 'call-999',
        text: 'The child is in immediate danger: call the police on 999 now',
        source: SOURCES.danger,
        done: outcome.police === 'yes',
      });
    }
    const fgm = fgmPolicePrompt(answers.fgm, ctx, settings.mashHours.bankHolidays);
    if (fgm) {
      // The reporting duty is personal (FGM Act 2003 s5B): the step names the deadline, not a colleague.
      steps.push({
        id: 'report-fgm-to-police',
        text: `Known FGM in a girl under 18: report it to the police on 101 by the end of ${formatDate(fgm.deadline.date)}. The duty is yours and cannot be passed on. Record the report on the FGM page`,
        source: `${FGM_DUTY_SOURCE.citation} (research ${FGM_DUTY_SOURCE.research}); deadline: ${FGM_DEADLINE_SOURCE.citation}`,
        done: fgm.status === 'reported' || fgm.status === 'reported-by-colleague',
      });
    }
    const under13 = underThirteenSexualActivityRecorded(safeguarding, ctx);
    const mandatory = referralMandatory(safeguarding, ctx)
      ? ' Referral is mandatory for sexual activity or pregnancy in a child under 13.'
      : '';
    const referSource = under13
      ? `${SOURCES.referSuspect}; ${SOURCES.under13}`
      : SOURCES.referSuspect;
    const made = outcome.referral === 'made';
    if (made || isWithinMashHours(now, settings.mashHours)) {
      steps.push({
        id: 'refer-to-mash',
        text: `Refer to children's social care (MASH) now.${mandatory} MASH: ${contactOrAsk(contacts.mash)}`,
        source: referSource,
        done: made,
      });
    } else {
      const opening = nextMashOpening(now, settings.mashHours);
      const closed = opening
        ? `The MASH is closed until ${formatOpening(opening)}.`
        : 'The MASH is closed now.';
      // The emergency duty team is for a child who needs protection before the MASH opens
      // (the outcome's "Is the child in immediate danger?"); otherwise the referral waits for
      // the next working day with a named person (CQC finding 3.4). Telling every out-of-hours
      // suspect concern to call now would teach nurses to ignore the step (alert fatigue).
      const edtNumber = contactOrAsk(contacts.emergencyDutyTeam);
      if (outcome.immediateDanger === 'yes') {
        steps.push({
          id: 'call-emergency-duty-team',
          text: `${closed}${mandatory} The child needs protection now: call the emergency duty team now: ${edtNumber}`,
          source: `${referSource}; ${SOURCES.outOfHours}`,
          done: outcome.emergencyDutyTeamCalled === 'yes',
        });
      } else if (outcome.immediateDanger === '') {
        steps.push({
          id: 'call-emergency-duty-team',
          text: `${closed}${mandatory} Decide whether the child needs protection before it opens. If they do, call the emergency duty team now: ${edtNumber}`,
          source: `${referSource}; ${SOURCES.outOfHours}`,
          done: outcome.emergencyDutyTeamCalled === 'yes',
        });
      }
      const plannedBy = outcome.referralNextDayBy.trim();
      const plannedAt = readReferralPlannedAt(outcome);
      const planned =
        outcome.referral === 'next-working-day' && plannedBy !== '' && plannedAt !== undefined;
      // Without the emergency duty team step, the plan says that the MASH is closed.
      const lead = outcome.immediateDanger === 'no' ? `${closed}${mandatory} ` : '';
      steps.push({
        id: 'plan-next-day-referral',
        text:
          lead +
          (planned
            ? `${plannedBy} will refer to children's social care (MASH) on ${formatOpening(plannedAt)}. Hand this over to the nurse in charge. MASH: ${contactOrAsk(contacts.mash)}`
            : `Agree who will refer to children's social care (MASH) when it opens, and record it in the outcome. MASH: ${contactOrAsk(contacts.mash)}`),
        source: SOURCES.outOfHours,
        done: planned,
      });
    }
    steps.push({
      id: 'discuss-today',
      text: `Discuss with the nurse in charge and the safeguarding team today: ${contactOrAsk(contacts.safeguardingTeam)}`,
      source: SOURCES.discuss,
      done: discussed,
    });
    steps.push({
      id: 'tell-paediatric-liaison',
      text: `Tell the paediatric liaison nurse: ${contactOrAsk(contacts.paediatricLiaison)}`,
      source: SOURCES.informLead,
      // Marked done by the nurse on the outcome page (issue 12).
      done: outcome.paediatricLiaisonTold === 'yes',
    });
    const injury =
      ctx.injuryRelated ||
      effectiveAlertingFeatures(safeguarding, ctx).some((feature) => feature.injury);
    if (injury) {
      steps.push({
        id: 'urgent-paediatric-assessment',
        text: 'Arrange urgent paediatric assessment of the injuries',
        source: SOURCES.paediatric,
        done: false,
      });
    }
    if (safeguarding.disclosure === 'yes') steps.push(recordDisclosureStep(answers));
    steps.push({
      id: 'record-referral',
      text: 'Record the referral: the time, who took it and the reference',
      source: SOURCES.recordReferral,
      done: made && readReferralMadeAt(outcome) !== undefined && !isBlank(outcome.referralTakenBy),
    });
    return steps;
  }

  // Consider (research §1.3, actions for "consider").
  steps.push({
    id: 'discuss-today',
    text: `Discuss with the nurse in charge and the safeguarding team today: ${contactOrAsk(contacts.safeguardingTeam)}`,
    source: SOURCES.discuss,
    done: discussed,
  });
  steps.push({
    id: 'look-for-other-features',
    text: 'Look for other alerting features in the history, the examination and how the carer and child interact',
    source: SOURCES.lookFurther,
    done: false,
  });
  steps.push({
    id: 'gather-information',
    text: `Gather information from the GP, the ${hvOrSchoolNurseLabel(ctx).toLowerCase()}, children's social care and CP-IS`,
    source: SOURCES.gather,
    done: false,
  });
  steps.push({
    id: 'arrange-review',
    text: 'Agree when the child will be reviewed, and keep the concern under review for repeated or new features',
    source: SOURCES.review,
    done: false,
  });
  return steps;
}

function recordDisclosureStep(answers: Answers): NextStep {
  const s = answers.safeguarding;
  return {
    id: 'record-disclosure',
    text: 'Write down exactly what was said, who said it and when, in their own words',
    source: SOURCES.record,
    done: !isBlank(s.disclosureWhatWasSaid) && !isBlank(s.disclosureBy),
  };
}
