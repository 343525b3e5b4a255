/**
 * Every follow-up a record leaves open for the liaison review (PRODUCT.md section 6; issue 12
 * "every open follow-up"): one function gathers them from every source, so the liaison list
 * and the sealed summary read one list.
 *
 * Owns: which sources are gathered, in a fixed order. Each source's rule is its own module's
 * (cse.ts, crafft.ts, fraser.ts, fgm.ts, self-harm.ts, domestic-abuse.ts, audit-c.ts, think-family.ts). A later section that creates
 * follow-ups (Think Family, domestic abuse) appends its kinds to follow-ups.ts and its source
 * to `followUpsFromAnswers` here, and raises SUMMARY_VERSION so stored summaries are rebuilt.
 *
 * Read from the answers as they now read (a signed record with its addenda applied): an
 * addendum that asks a screen later closes its "not asked" follow-up.
 */
import type { AssessmentContext } from '../assessment/context';
import { deriveContext } from '../assessment/derive-context';
import { currentAnswers } from '../assessment/lifecycle';
import type { Answers, AssessmentRecord } from '../assessment/record';
import type { IsoInstant } from '../shared/dates';
import { auditCFollowUps } from './audit-c';
import { crafftFollowUps } from './crafft';
import { cseFollowUps, cseOutcome } from './cse';
import { domesticAbuseFollowUps } from './domestic-abuse';
import { fgmFollowUps } from './fgm';
import type { ScreeningFollowUp } from './follow-ups';
import { fraserFollowUps } from './fraser';
import { selfHarmFollowUps } from './self-harm';
import { thinkFamilyApplies, thinkFamilyFollowUps } from './think-family';

/** The follow-ups of these answers for this context, from every source, in a fixed order. */
export function followUpsFromAnswers(answers: Answers, ctx: AssessmentContext): ScreeningFollowUp[] {
  return [
    ...cseFollowUps(answers.cse, ctx),
    ...crafftFollowUps(answers.substanceUse, ctx, cseOutcome(answers.cse, ctx).state === 'screened'),
    ...fraserFollowUps(answers.fraser, ctx),
    ...fgmFollowUps(answers.fgm, ctx),
    ...selfHarmFollowUps(answers.selfHarm, ctx),
    ...domesticAbuseFollowUps(answers.domesticAbuse, ctx),
    ...auditCFollowUps(answers.auditC, ctx),
    ...(thinkFamilyApplies(ctx) ? thinkFamilyFollowUps(answers.thinkFamily) : []),
  ];
}

/**
 * Every follow-up the record leaves open. `now` only matters for a record with no valid
 * arrival time (age is worked out at arrival); it defaults to the record's last change, so
 * the result is a pure function of the record.
 */
export function openFollowUps(record: AssessmentRecord, now: IsoInstant = record.updatedAt): ScreeningFollowUp[] {
  const answers = currentAnswers(record);
  return followUpsFromAnswers(answers, deriveContext(answers, now));
}
