/**
 * Retention (PRODUCT.md section 8; issue 13 "Retention purge" and its clarifications): which
 * finished attendances leave the tablet after the retention period, and the small sealed stub
 * each leaves behind so the 12-month look-back still sees it.
 *
 * Owns: the purge rule (`purgeDecision`), the stub's content (`retainedStubSchema`,
 * `stubFromSummary`), when a stub goes (`stubExpired`), how a stub reads in a look-up
 * (`stubAsSummary`), and the words the settings and the reminder use. Pure: storage fetches
 * and deletes (storage/repositories/retention-purge.ts).
 *
 * The rule: an attendance is purged when it is signed, was signed at least the retention days
 * ago (settings, default 30), every letter it needs is issued (a MASH referral included; a
 * referral still to make blocks it: issue 13 clarification), and, when it is on the
 * paediatric liaison list, a liaison review is recorded. Anything else keeps it. On a tablet
 * that shares with a department, a conflicting edit from a lost edit lease that is not yet
 * reconciled keeps it too (issue 14 clarification: "An edit made offline under a lost lease is
 * never dropped: it becomes a conflict addendum for the record's owner to reconcile"; purging
 * the record would take its conflict addenda with it, here and at the server, before anyone
 * compared them).
 *
 * The stub (issue 13 clarification): the blind indexes (kept in clear by storage, as on the
 * attendance row), the arrival date, the age band, and the flags the look-up shows (concern
 * level, CP-IS result, children Think Family found, left before assessment). No name, date of
 * birth, NHS number, answer, letter or free text. It stays for the months set in settings
 * (default 12, the look-back of "3 or more attendances in 12 months"), then goes too.
 *
 * Department sharing (PRODUCT.md 8a, later): the stub is keyed by the purged attendance's
 * opaque id and records when it was purged, so it is also the tombstone a sync sends to the
 * other tablets of the department ("attendance X purged at T": delete your copy, keep or make
 * the same stub); a tablet handed back revokes its enrolment before its wipe, so no tombstone
 * or record is accepted from it afterwards.
 */
import * as z from 'zod/mini';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import { liaisonReasonsFor } from '../liaison/liaison-list';
import { addDays, compareIso, fromLondon, toLondon } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';

/** Months a stub is kept by default: the 12-month look-back of the frequent-attendance flag (information-checks.ts). */
export const DEFAULT_STUB_MONTHS = 12;
/** A stub kept less than the look-back would drop attendances from "3 or more in 12 months". */
export const MIN_STUB_MONTHS = 12;
export const MAX_STUB_MONTHS = 120;

/** What stays of a purged attendance, sealed (storage keeps its blind indexes beside it in clear). */
export const retainedStubSchema = z.object({
  /** The purged attendance's opaque id (also the tombstone's key). */
  id: z.string(),
  /** The London date of arrival (no time). */
  arrivedOn: z.string(),
  ageBand: z.catch(z.string(), 'unknown'),
  /** The concern level as signed ('' none chosen; null not known). */
  concernLevel: z.catch(z.nullable(z.string()), null),
  /** The CP-IS answer id ('' not recorded). */
  cpis: z.catch(z.string(), ''),
  /** Children at home Think Family found (null: not recorded). */
  thinkFamilyChildren: z.catch(z.nullable(z.number()), null),
  leftBeforeAssessment: z.catch(z.boolean(), false),
  /** When it was purged. */
  purgedAt: z.string(),
});
export type RetainedStub = z.infer<typeof retainedStubSchema>;

/** The stub of a purged attendance, from its summary. */
export function stubFromSummary(summary: AttendanceSummary, ageBand: string, purgedAt: IsoInstant): RetainedStub {
  return {
    id: summary.id,
    arrivedOn: summary.arrivedAt === '' ? toLondon(purgedAt).date : toLondon(summary.arrivedAt).date,
    ageBand,
    concernLevel: summary.concernLevel,
    cpis: summary.cpis,
    thinkFamilyChildren: summary.thinkFamilyChildren,
    leftBeforeAssessment: summary.leftBeforeAssessment,
    purgedAt,
  };
}

export type KeepReason = 'not-signed' | 'within-retention' | 'letters-to-issue' | 'referral-to-make' | 'liaison-review-to-do' | 'conflict-to-reconcile';

export const keepReasonText: Record<KeepReason, string> = {
  'not-signed': 'Not signed',
  'within-retention': 'Within the retention period',
  'letters-to-issue': 'A letter it needs is not issued',
  'referral-to-make': "A referral to children's social care is still to make",
  'liaison-review-to-do': 'The paediatric liaison review is not recorded',
  'conflict-to-reconcile': 'A conflicting edit from another tablet is not reconciled',
};

export interface PurgeInput {
  summary: AttendanceSummary;
  /** The letter identities issued (kind and child; '' for the patient's own letters). */
  issued: readonly { kind: string; childId: string }[];
  /** Whether a liaison review is recorded. */
  reviewed: boolean;
  /** Whether a conflict addendum of it is held that is not marked reconciled (issue 14; storage/sync/conflict.ts). */
  conflictToReconcile?: boolean;
}

/**
 * Purge or keep, and why it is kept (every reason that applies). Letters: each kind the
 * summary needs as many times as it needs it (one per child for Think Family notifications)
 * must have that many identities issued.
 */
export function purgeDecision(input: PurgeInput, now: IsoInstant, retentionDays: number): { purge: boolean; keep: KeepReason[] } {
  const { summary } = input;
  const keep: KeepReason[] = [];
  if (summary.status !== 'signed') keep.push('not-signed');
  const finished = summary.signedAt || summary.arrivedAt;
  if (finished === '' || Number.isNaN(Date.parse(finished)) || Date.parse(finished) + retentionDays * 86_400_000 > Date.parse(now)) keep.push('within-retention');
  const needed = new Map<string, number>();
  for (const kind of summary.letters) needed.set(kind, (needed.get(kind) ?? 0) + 1);
  const issued = new Map<string, Set<string>>();
  for (const letter of input.issued) issued.set(letter.kind, (issued.get(letter.kind) ?? new Set()).add(letter.childId));
  if ([...needed].some(([kind, count]) => (issued.get(kind)?.size ?? 0) < count)) keep.push('letters-to-issue');
  if (summary.pendingReferral !== null) keep.push('referral-to-make');
  if (!input.reviewed && liaisonReasonsFor(summary, now).length > 0) keep.push('liaison-review-to-do');
  if (input.conflictToReconcile === true) keep.push('conflict-to-reconcile');
  return { purge: keep.length === 0, keep };
}

/** The first arrival date a stub is still kept for: `months` calendar months before today (London). */
export function stubKeptFrom(now: IsoInstant, months: number): IsoDate {
  const [y, m, d] = toLondon(now).date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  // The same day of that month, or its last day (29 February in a year without one: 28th, plus one day).
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const last = addDays(`${String(month === 12 ? year + 1 : year).padStart(4, '0')}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`, -1);
  const wanted = `${first.slice(0, 8)}${String(d).padStart(2, '0')}`;
  return compareIso(wanted, last) > 0 ? last : wanted;
}

/** Whether a stub has been kept long enough: it arrived before the kept-from date. */
export const stubExpired = (stub: Pick<RetainedStub, 'arrivedOn'>, now: IsoInstant, months: number): boolean => compareIso(stub.arrivedOn, stubKeptFrom(now, months)) < 0;

/** What a look-up knows of a stub's identity: which of the two blind indexes agreed with the one asked. */
export type KeyAgreement = 'same' | 'different' | 'unknown';

/** What a look-up row says for a stub. */
export const RETAINED_STUB_NAME = 'Record removed after the retention period';

/**
 * A stub as the look-up reads it: an attendance summary that carries only the stub's facts,
 * `retainedStub` saying which identity keys agreed (patient-look-up.ts classifies it by those,
 * never by a name or number it no longer has). The identity parts the look-up asked with and
 * that agreed are filled in, so the domain compares like with like.
 */
export function stubAsSummary(stub: RetainedStub, keys: { nhs: KeyAgreement; nameDob: KeyAgreement }, asked: { nhsNumber?: string | undefined; familyName?: string | undefined; dateOfBirth?: string | undefined }): AttendanceSummary {
  return {
    id: stub.id,
    displayName: RETAINED_STUB_NAME,
    dateOfBirth: keys.nameDob === 'same' ? (asked.dateOfBirth ?? '') : '',
    ageText: '',
    ageYears: null,
    nhsNumber: keys.nhs === 'same' ? (asked.nhsNumber ?? '') : '',
    reason: '',
    arrivedAt: fromLondon(stub.arrivedOn, '00:00'),
    status: 'signed',
    signedAt: '',
    createdByName: '',
    pendingReferral: null,
    concernLevel: stub.concernLevel,
    summaryVersion: 1,
    startedAt: '',
    cpis: stub.cpis,
    screens: {},
    followUps: [],
    letters: [],
    signedByGroup: '',
    createdByGroup: '',
    familyName: keys.nameDob === 'same' ? (asked.familyName ?? '') : '',
    leftBeforeAssessment: stub.leftBeforeAssessment,
    thinkFamilyChildren: stub.thinkFamilyChildren,
    nextOfKin: '',
    parentalResponsibility: '',
    companion: '',
    childAccount: '',
    referral: '',
    retainedStub: { arrivedOn: stub.arrivedOn, nhs: keys.nhs, nameDob: keys.nameDob },
  };
}

/** The settings hint: exactly what the purge does (issue 13: the hint says what happens). */
export { retentionHint, stubMonthsHint } from './retention-hints';
