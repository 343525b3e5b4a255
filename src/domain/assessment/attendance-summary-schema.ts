/**
 * The shape of the sealed per-attendance summary, as lists read it back: who, how old, why,
 * when, its state, a referral still to make, and the oversight facts the liaison review list
 * and the compliance audit read (PRODUCT.md section 6; issue 9 "Oversight data", issue 12).
 *
 * Owns: the stored schema, SUMMARY_VERSION, and the small readers lists use on a summary
 * (whether it is current, whether an assessment has been left unsigned too long).
 *
 * Versioned derivation: a summary is a pure function of the record (attendance-summary.ts,
 * summariseAttendance). When what it carries changes, SUMMARY_VERSION goes up by one and
 * storage rebuilds every older summary from its sealed record after unlock
 * (storage/repositories/summary-rebuild.ts): the liaison list and the audit never need a
 * migration, and never have to open full records. Until a row is rebuilt its oversight
 * fields read as defaults: `summaryIsCurrent` says whether they can be trusted.
 *
 * Kept light on purpose: the home screen opens summaries at first load, so this module
 * imports no section schemas and no rules (PRODUCT.md section 10, first-load budget).
 * Small on purpose too: it is decrypted once per row of every list. Only ids, counts and
 * flags here, never answers or free text (except an FGM not-asked reason, which is the
 * screen's only recorded reason).
 */
import * as z from 'zod/mini';
import { followUpDefinitions } from '../screening/follow-ups';
import type { FollowUpKind } from '../screening/follow-ups';
import { isLetterKind } from '../letters/kinds';
import type { LetterKind } from '../letters/kinds';
import { hoursBetween } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { staffGroupSchema } from './staff-ref';

/**
 * The version of what a summary carries. 1: the list summary before oversight data (no
 * `summaryVersion` field). 2: oversight data (CP-IS, screens, follow-ups, letters, staff
 * groups, start time). 3: follow-ups from the domestic abuse enquiry and AUDIT-C. 4: Think
 * Family's follow-up. 5: the last name as entered (patient look-up compares it, issue 12) and
 * "left before assessment". 6: the number of children Think Family found (the liaison list).
 * 7: the compliance audit's recorded facts (next of kin, parental responsibility, companion,
 * child's account, MASH referral answer; oversight/recorded-facts.ts). 8: whether Think
 * Family was asked when mandatory (the audit's "Think Family asked when triggered"). 9: which
 * needed letters are issued and the GP letter's first issue time (`lettersIssued`, derived
 * from the letter rows as well as the record; issue 14: GP letters due across the department).
 * Raise by one whenever summariseAttendance changes what it derives.
 */
export const SUMMARY_VERSION = 9;

/**
 * Where a screen stands for oversight:
 * - 'not-started': it applies and nothing is recorded;
 * - 'incomplete': started, not finished (CRAFFT partial or out of date; CSE significant indicators unanswered);
 * - 'asked': answered (CSE: all eight significant indicators; CRAFFT: scored; Fraser: all five criteria;
 *   FGM and self-harm: no problem left on the page);
 * - 'not-asked': "Not asked" with a reason; 'deferred': CRAFFT deferred while intoxicated;
 * - 'not-offered': Fraser under 13 (not available; referral mandatory).
 * A screen that does not apply to the attendance is absent from `screens`.
 */
export const screenStates = ['not-started', 'incomplete', 'asked', 'not-asked', 'deferred', 'not-offered'] as const;
export type ScreenState = (typeof screenStates)[number];

const state = () => z.catch(z.enum(screenStates), 'not-started');
const flag = () => z.catch(z.boolean(), false);
const count = () => z.catch(z.number().check(z.int(), z.minimum(0)), 0);
const id = () => z.catch(z.string(), '');

export const cseSummarySchema = z.object({
  state: state(),
  /** Not-asked reason id (screening/cse.ts cseNotAskedReasonOptions), '' unless not asked. */
  reason: id(),
  /** A mandatory trigger applies (research §3.1): "Not asked" was allowed only for "too unwell or intoxicated". */
  mandatory: flag(),
  /** Significant indicators answered Yes. */
  significant: count(),
  /** Other indicators answered Yes. */
  other: count(),
  /** The outcome prompts a discussion with the safeguarding lead (any action of cseOutcome). */
  discussion: flag(),
  /** Sexual activity at 12 or under: referral mandatory. */
  under13: flag(),
});

export const crafftSummarySchema = z.object({
  state: state(),
  /** Not-asked or deferred reason id (screening/crafft.ts crafftNotAskedOptions). */
  reason: id(),
  /** The score when scored (never from partial data), else null. */
  score: z.catch(z.nullable(z.number()), null),
  positive: flag(),
  adviceGiven: flag(),
  /** Referral to the young people's substance misuse service: '' | 'made' | 'declined' | 'not-made'. */
  serviceReferral: id(),
});

export const fraserSummarySchema = z.object({
  state: state(),
  /** '' | 'competent' | 'not-competent' | 'under-13'. */
  result: id(),
  /** A power imbalance with the partner was recorded (opens the CSE follow-up). */
  powerImbalance: flag(),
});

export const fgmSummarySchema = z.object({
  state: state(),
  /** Why the question was not asked, as the nurse wrote it ('' unless not asked). */
  reason: id(),
  knownCase: flag(),
  atRisk: flag(),
  /** '' | 'reported' | 'will-report' | 'reported-by-colleague'. */
  policeReport: id(),
});

export const selfHarmSummarySchema = z.object({
  state: state(),
  /** Parents or carers informed: '' | 'yes' | 'no' (screening/self-harm.ts). */
  parentsInformed: id(),
  /** Safe discharge: a responsible adult named, or none with a recorded reason, or neither yet. */
  responsibleAdult: z.catch(z.enum(['', 'named', 'reason-recorded']), ''),
});

/** The young-person screens that apply to the attendance; a screen that does not apply is absent. */
export const screenSummariesSchema = z.object({
  cse: z.optional(z.catch(cseSummarySchema, () => cseSummarySchema.parse({}))),
  crafft: z.optional(z.catch(crafftSummarySchema, () => crafftSummarySchema.parse({}))),
  fraser: z.optional(z.catch(fraserSummarySchema, () => fraserSummarySchema.parse({}))),
  fgm: z.optional(z.catch(fgmSummarySchema, () => fgmSummarySchema.parse({}))),
  selfHarm: z.optional(z.catch(selfHarmSummarySchema, () => selfHarmSummarySchema.parse({}))),
});

export type ScreenSummaries = z.infer<typeof screenSummariesSchema>;

const isFollowUpKind = (value: unknown): value is FollowUpKind => typeof value === 'string' && Object.hasOwn(followUpDefinitions, value);

/** Stored lists of stable ids keep the ids this version knows (a damaged entry is dropped, never the list). */
const knownIds = <T extends string>(guard: (value: unknown) => value is T) =>
  z.catch(
    z.pipe(
      z.array(z.unknown()),
      z.transform((values): T[] => values.filter(guard)),
    ),
    [],
  );

export const attendanceSummarySchema = z.object({
  id: z.string(),
  displayName: z.catch(z.string(), 'Name not known'),
  dateOfBirth: z.catch(z.string(), ''),
  ageText: z.catch(z.string(), ''),
  ageYears: z.catch(z.nullable(z.number()), null),
  nhsNumber: z.catch(z.string(), ''),
  reason: z.catch(z.string(), ''),
  arrivedAt: z.catch(z.string(), ''),
  status: z.catch(z.enum(['in-progress', 'signed']), 'in-progress'),
  signedAt: z.catch(z.string(), ''),
  createdByName: z.catch(z.string(), ''),
  /** A child's referral to be made next working day and not yet marked made; null when none. */
  pendingReferral: z.catch(z.nullable(z.object({ dueAt: z.catch(z.string(), ''), by: z.catch(z.string(), '') })), null),
  /**
   * The concern level as the record now stands ('' when none is chosen); null in a summary
   * sealed before this field existed. Lets the sweep for false reassurance open only the
   * records that may say "No concern" (rules/no-concern-review.ts).
   */
  concernLevel: z.catch(z.nullable(z.string()), null),
  /** What this summary was derived as (SUMMARY_VERSION); 1 when sealed before versions existed. */
  summaryVersion: z.catch(z.number(), 1),
  /** When the assessment was started (record.createdAt): "left unsigned" is timed from here. */
  startedAt: z.catch(z.string(), ''),
  /** The CP-IS answer id (assessment/information-checks.ts cpisOptions), '' when not answered or not on the child pathway. */
  cpis: z.catch(z.string(), ''),
  screens: z.catch(screenSummariesSchema, {}),
  /** Follow-ups the record leaves open for the liaison review (screening/open-follow-ups.ts), by stable kind. */
  followUps: knownIds(isFollowUpKind),
  /** The letters this attendance needs (letters/letters.ts applicableLetters); issued ones are the letter rows. */
  letters: knownIds(isLetterKind),
  /** The signer's staff group (the audit counts the signer's, issue 12), '' until signed. */
  signedByGroup: z.catch(z.enum(['', ...staffGroupSchema.options]), ''),
  /** The staff group of who started it: counts an assessment left unsigned. */
  createdByGroup: z.catch(z.enum(['', ...staffGroupSchema.options]), ''),
  /** The last name as entered ('' when not known): the look-up tells a near miss from a match (patient-look-up.ts). */
  familyName: z.catch(z.string(), ''),
  /** The patient left before assessment or treatment (left-before-assessment.ts): stays on the liaison list. */
  leftBeforeAssessment: flag(),
  /** Children at home that Think Family found (adults), or null when the section was not recorded. */
  thinkFamilyChildren: z.catch(z.nullable(z.number().check(z.int(), z.minimum(0))), null),
  /** Next of kin: '' not recorded, 'named', or 'reason' (an explicit answer why not). Version 7. */
  nextOfKin: z.catch(z.enum(['', 'named', 'reason']), ''),
  /** Under 18: someone with parental responsibility 'named', or the 'reason' no one can be; '' otherwise. Version 7. */
  parentalResponsibility: z.catch(z.enum(['', 'named', 'reason']), ''),
  /** Who came with the patient: 'alone', 'named', or '' not recorded. Version 7. */
  companion: z.catch(z.enum(['', 'alone', 'named']), ''),
  /** Under 18: the child's own account 'given', or the 'reason' it could not be; '' otherwise. Version 7. */
  childAccount: z.catch(z.enum(['', 'given', 'reason']), ''),
  /** The MASH referral answer under Consider or Suspect ('' otherwise). Version 7. */
  referral: z.catch(z.enum(['', 'made', 'not-made', 'next-working-day']), ''),
  /**
   * Think Family for the audit, present only when it was mandatory (a trigger applied): true
   * when the patient was asked about children (Yes, No or Declined), false when not ("Not able
   * to ask" or no answer). Absent otherwise, to keep the summary small. Version 8.
   */
  thinkFamilyAsked: z.optional(z.catch(z.boolean(), false)),
  /**
   * The letters issued for this attendance, as its writer knew them (issue 14): the kinds with
   * at least one version issued (a MASH referral included) and when the patient's own GP letter
   * was first issued ('' when not yet). Absent when the summary was derived without the letter
   * rows (before version 9, or a writer that does not read them): then which letters are issued
   * is NOT known from the summary, and nothing may read its absence as "not issued". Version 9.
   */
  lettersIssued: z.optional(z.catch(z.nullable(z.object({ kinds: knownIds(isLetterKind), gpFirstIssuedAt: z.catch(z.string(), '') })), null)),
  /**
   * Present only on what a look-up reads for a purged attendance's retained stub
   * (retention/retention.ts stubAsSummary; never derived from a record, so no summary version):
   * its arrival date and which identity keys agreed with the look-up.
   */
  retainedStub: z.optional(
    z.object({
      arrivedOn: z.string(),
      nhs: z.enum(['same', 'different', 'unknown']),
      nameDob: z.enum(['same', 'different', 'unknown']),
    }),
  ),
  /**
   * Present only on what a look-up reads of an attendance recorded on another tablet of the
   * department (issue 14; storage/sync/pull-open.ts): the tablet that sealed it. Never sealed
   * into a summary (the summary does not carry the site), so no summary version.
   */
  sharedFrom: z.optional(z.object({ tabletId: z.string() })),
});

export type AttendanceSummary = z.infer<typeof attendanceSummarySchema>;

/** Whether the summary carries everything this version derives (older ones are rebuilt after unlock). */
export const summaryIsCurrent = (summary: Pick<AttendanceSummary, 'summaryVersion'>): boolean => summary.summaryVersion >= SUMMARY_VERSION;

/**
 * Hours after which an assessment started and not signed joins the liaison list and counts
 * in the audit denominators (issue 12 clarification: "left unsigned for more than 12 hours").
 */
export const LEFT_UNSIGNED_HOURS = 12;

/** Started more than LEFT_UNSIGNED_HOURS before `now` and still not signed. */
export function leftUnsigned(summary: Pick<AttendanceSummary, 'status' | 'startedAt' | 'arrivedAt'>, now: IsoInstant): boolean {
  if (summary.status !== 'in-progress') return false;
  const from = summary.startedAt || summary.arrivedAt;
  if (from === '' || Number.isNaN(Date.parse(from))) return false;
  return hoursBetween(from, now) > LEFT_UNSIGNED_HOURS;
}

export type { FollowUpKind, LetterKind };
