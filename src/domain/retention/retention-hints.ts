/**
 * What the settings screen says the retention purge does (retention.ts holds the rule): apart
 * from the rule so the settings fields, which first-run set-up also shows, do not load the
 * liaison list's rules with it (PRODUCT.md section 10: first load).
 */
export const retentionHint =
  'Counted from signing. A record is removed only when it is signed, every letter it needs is issued (a referral to children’s social care still to make keeps it) and, for an attendance on the liaison list, the liaison review is recorded. On a tablet that shares with a department, a conflicting edit from another tablet not yet marked reconciled keeps it too: removing the record would delete that edit before anyone compared it. The nurse in charge is reminded first and offered a backup. The record, its letters, letter drafts and liaison reviews are deleted; the audit trail keeps its events, which hold no patient details.';

export const stubMonthsHint =
  'What stays of a removed record, sealed, so a look-up still finds it and counts it in “3 or more attendances in 12 months”: the keyed look-up codes of the NHS number and of last name with date of birth, the arrival date, the age band, the concern level, the CP-IS result, the number of children Think Family found and whether the patient left before assessment. No name, date of birth, NHS number or notes. Removed after this many months, from 12 to 120.';
