/**
 * A referral to children's social care (MASH) that is still to be made: the outcome says
 * "To be made next working day" and nobody has yet changed it to "Made". Out-of-hours
 * referrals were CQC finding 3.4: the home screen lists these so the
 * day team makes them (PRODUCT.md 4.9).
 *
 * Owns: reading the outcome as it now reads (the signed answers with any addendum applied)
 * and the pending referral's due time and who will make it, for the sealed list summary.
 *
 * Kept small on purpose: the list summary is read on the home screen at first load, so this
 * module imports only dates and types, never the outcome rules or the section schemas
 * (PRODUCT.md section 10, first-load budget). The two conditions it repeats are pinned to
 * their owners by pending-referral.test.ts.
 */
import { fromLondon, parseDateParts, parseTimeOfDay } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import type { OutcomeDraft } from './outcome';
import type { AssessmentRecord } from './record';

export interface PendingReferral {
  /** When the referral is planned, or '' while the planned date and time are not both valid. */
  dueAt: IsoInstant;
  /** Who will make it, as the nurse wrote it ("Name and role"). */
  by: string;
}

/**
 * The outcome as it now reads: while in progress the live answers; once signed, the signed
 * answers with the latest addendum that changed the outcome (as lifecycle.currentAnswers).
 */
export function currentOutcome(record: AssessmentRecord): OutcomeDraft {
  let outcome = record.answers.outcome;
  for (const addendum of record.addenda) {
    if (addendum.changes.outcome !== undefined) outcome = addendum.changes.outcome;
  }
  return outcome;
}

/**
 * The referral still to be made, or undefined. The referral question is asked for Consider
 * and Suspect only (outcome.referralApplies), so an answer left behind under another level
 * is not pending.
 */
export function pendingReferral(outcome: OutcomeDraft): PendingReferral | undefined {
  const asked = outcome.concernLevel === 'consider' || outcome.concernLevel === 'suspect';
  if (!asked || outcome.referral !== 'next-working-day') return undefined;
  const date = parseDateParts(outcome.referralNextDayDate);
  const time = parseTimeOfDay(outcome.referralNextDayTime);
  return { dueAt: date.ok && time ? fromLondon(date.value, time) : '', by: outcome.referralNextDayBy.trim() };
}
