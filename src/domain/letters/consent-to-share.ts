/**
 * Consent to share, as the letters apply it (issue 9 Clarifications; PRODUCT.md 4.6): the
 * young person's view on their GP being told, recorded on the Fraser page, and the decision
 * screening/fraser.ts gpSharingDecision makes from it.
 *
 * A Fraser-competent young person who does not want their GP told is honoured: the GP letter
 * then withholds the attendance's clinical facts by default like any restricted content
 * (facts.ts clinicalRestriction), and says where they are held. It is overridden only when a
 * safeguarding concern requires sharing (the clinician's concern level is Consider or Suspect:
 * screening-sections.ts fraserSafeguardingConcern), and then the reason must be recorded
 * (validateFraser refuses to complete the Fraser page without it). Source: Gillick v West
 * Norfolk and Wisbech AHA [1985] and the Fraser guidelines (research §5.1, V): a competent
 * young person's confidentiality is respected unless there is a safeguarding concern; GMC
 * 0–18 guidance on sharing without consent to protect a child (research §1.3).
 */
import type { AssessmentContext } from '../assessment/context';
import type { Answers } from '../assessment/record';
import { fraserGpSharing } from '../screening/fraser';
import type { GpSharingDecision } from '../screening/fraser';
import { fraserSafeguardingConcern } from '../screening/screening-sections';

/** The sharing decision for this record (fraser.ts gpSharingDecision over the record's answers). */
export const gpSharingDecisionFor = (answers: Answers, ctx: AssessmentContext): GpSharingDecision => fraserGpSharing(answers.fraser, ctx, fraserSafeguardingConcern(answers));

/** A competent young person declined sharing with their GP, and no safeguarding concern overrides it. */
export const youngPersonDeclinedGpSharing = (answers: Answers, ctx: AssessmentContext): boolean => ctx.pathway.child && !gpSharingDecisionFor(answers, ctx).share;
