/**
 * Patient look-up (PRODUCT.md section 6 and 4.4; issue 12): which attendances belong to the
 * person looked up, which are only possible matches, and the flags the nurse is shown.
 *
 * Owns: reading the look-up form (NHS number, or last name and date of birth), the identity
 * the attendances are compared with, the match / possible-match rule, and the flags (3 or more
 * attendances in 12 months, an earlier concern of Consider or Suspect, a child protection plan
 * or looked after from CP-IS, open follow-ups). Pure: it reads attendance summaries handed to
 * it, whichever tablet or department they come from; storage only fetches them.
 *
 * Near misses stay within the blind indexes that exist (issue 12 clarification, no new
 * linkable index): the same NHS number with a different last name or date of birth, and the
 * same last name and date of birth with a different NHS number. They are shown as possible
 * matches the nurse confirms or rejects, never merged silently (CQC recommendation 3.2:
 * previous attendances checked by hand are missed; a wrong merge is as unsafe as a miss).
 *
 * Earlier Think Family findings are not flagged: the attendance summary does not carry them yet.
 */
import { compareIso, parseDateParts } from '../shared/dates';
import type { DateParts, IsoDate, IsoInstant } from '../shared/dates';
import { checkNhsNumber } from '../shared/nhs-number';
import { isBlank, normaliseNameForMatching } from '../shared/text';
import type { AttendanceSummary } from './attendance-summary-schema';
import { followUpDefinitions } from '../screening/follow-ups';
import { CPIS_POSITIVE, FREQUENT_ATTENDANCE_COUNT, lookBackStart } from './information-checks';
import type { CpisAnswer } from './information-checks';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { datePartsMessage } from './validation-helpers';
import { currentAnswers } from './lifecycle';
import { datePartsFieldFor } from './patient';
import type { PatientDraft } from './patient';
import { readArrivedAt } from './patient-readers';
import type { AssessmentRecord } from './record';

/** What the nurse types on the look-up page. */
export interface LookUpForm {
  nhsNumber: string;
  familyName: string;
  dateOfBirth: DateParts;
}

/** A valid look-up: an NHS number (10 digits), or a last name with a date of birth, or both. */
export interface LookUpQuery {
  nhsNumber?: string;
  familyName?: string;
  dateOfBirth?: IsoDate;
}

/** Canonical wording of the look-up page. */
export const lookUpQuestions = {
  title: 'Find a patient',
  nhsNumber: { label: 'NHS number', hint: 'For example, 943 476 5919' },
  familyName: { label: 'Last name' },
  dateOfBirth: { label: 'Date of birth', hint: 'For example, 27 3 2012' },
} as const;

/**
 * Reads the look-up form. An NHS number, when typed, must pass the Modulus 11 check; without
 * one, a last name and a date of birth are both needed (either alone would find other people).
 */
export function readLookUpForm(form: LookUpForm, now: IsoInstant): { ok: true; query: LookUpQuery } | { ok: false; issues: Issue[] } {
  const issues = new IssueList();
  const query: LookUpQuery = {};
  const nhs = form.nhsNumber.trim();
  if (nhs !== '') {
    const check = checkNhsNumber(nhs);
    if (check.ok) query.nhsNumber = check.value;
    else issues.add('nhsNumber', check.problem === 'not-ten-digits' ? 'NHS number must be 10 digits, like 943 476 5919' : 'Enter a valid NHS number: check each digit');
  }
  const familyName = form.familyName.trim();
  const dobGiven = !isBlank(form.dateOfBirth.day) || !isBlank(form.dateOfBirth.month) || !isBlank(form.dateOfBirth.year);
  if (familyName !== '' || dobGiven || nhs === '') {
    if (familyName === '') issues.add('familyName', nhs === '' ? 'Enter an NHS number, or a last name and date of birth' : 'Enter the last name as well as the date of birth, or clear the date of birth');
    else if (normaliseNameForMatching(familyName) === '') issues.add('familyName', 'Last name must contain letters');
    else query.familyName = familyName;
    const parsed = parseDateParts(form.dateOfBirth);
    if (!parsed.ok) {
      if (familyName !== '' || dobGiven) issues.add(`dateOfBirth.${datePartsFieldFor(parsed.problem)}`, datePartsMessage('Date of birth', parsed.problem));
    } else if (compareIso(parsed.value, now.slice(0, 10)) > 0) issues.add('dateOfBirth.day', 'Date of birth must be today or in the past');
    else query.dateOfBirth = parsed.value;
  }
  return issues.isEmpty ? { ok: true, query } : { ok: false, issues: issues.items };
}

/** The identity attendances are compared with; each part may be unknown. */
export interface Identity {
  /** Digits only. */
  nhsNumber?: string;
  /** Normalised for matching (shared/text.ts normaliseNameForMatching). */
  familyName?: string;
  dateOfBirth?: IsoDate;
}

const digits = (text: string): string => text.replace(/\D/g, '');

/** The identity one attendance summary carries ('' parts left out). */
export function summaryIdentity(summary: Pick<AttendanceSummary, 'nhsNumber' | 'familyName' | 'dateOfBirth'>): Identity {
  const nhs = digits(summary.nhsNumber);
  const family = normaliseNameForMatching(summary.familyName);
  return { ...(nhs ? { nhsNumber: nhs } : {}), ...(family ? { familyName: family } : {}), ...(summary.dateOfBirth ? { dateOfBirth: summary.dateOfBirth } : {}) };
}

const queryIdentity = (query: LookUpQuery): Identity => ({
  ...(query.nhsNumber ? { nhsNumber: digits(query.nhsNumber) } : {}),
  ...(query.familyName ? { familyName: normaliseNameForMatching(query.familyName) } : {}),
  ...(query.dateOfBirth ? { dateOfBirth: query.dateOfBirth } : {}),
});

const agreesWith = (given: Identity, other: Identity): boolean =>
  (given.nhsNumber === undefined || given.nhsNumber === other.nhsNumber) &&
  (given.familyName === undefined || given.familyName === other.familyName) &&
  (given.dateOfBirth === undefined || given.dateOfBirth === other.dateOfBirth);

const newestFirst = (a: Pick<AttendanceSummary, 'arrivedAt'>, b: Pick<AttendanceSummary, 'arrivedAt'>): number => compareIso(b.arrivedAt, a.arrivedAt);

/**
 * The identity to compare with: what the nurse typed, with the parts not typed taken from the
 * newest attendance that agrees with everything typed. So a look-up by NHS number alone still
 * notices an attendance with the same number under another name, and storage can be asked a
 * second time with the completed identity to find the same name and date of birth under
 * another NHS number (both within the two blind indexes that exist).
 */
export function referenceIdentity(query: LookUpQuery, found: readonly AttendanceSummary[]): Identity {
  const typed = queryIdentity(query);
  const anchor = [...found].sort(newestFirst).find((summary) => summary.retainedStub === undefined && agreesWith(typed, summaryIdentity(summary)));
  return anchor ? { ...summaryIdentity(anchor), ...typed } : typed;
}

/** The blind-index look-up for an identity: both keys when both are known. */
export function storageQueryFor(identity: Identity): LookUpQuery | undefined {
  const byName = identity.familyName !== undefined && identity.dateOfBirth !== undefined;
  if (identity.nhsNumber === undefined && !byName) return undefined;
  return {
    ...(identity.nhsNumber === undefined ? {} : { nhsNumber: identity.nhsNumber }),
    ...(byName ? { familyName: identity.familyName, dateOfBirth: identity.dateOfBirth } : {}),
  };
}

export type NearMissReason = 'same-nhs-different-name' | 'same-nhs-different-date-of-birth' | 'same-name-and-date-of-birth-different-nhs' | 'same-nhs-different-name-or-date-of-birth';

export const nearMissReasonText: Record<NearMissReason, string> = {
  'same-nhs-different-name': 'Same NHS number, different last name',
  'same-nhs-different-date-of-birth': 'Same NHS number, different date of birth',
  'same-name-and-date-of-birth-different-nhs': 'Same last name and date of birth, different NHS number',
  'same-nhs-different-name-or-date-of-birth': 'Same NHS number, different last name or date of birth (record removed after the retention period)',
};

type StubKeys = NonNullable<AttendanceSummary['retainedStub']>;

/** A stub found more than once (each look-up round asks with more): a key known in one read beats unknown. */
function mergedStubKeys(found: readonly AttendanceSummary[]): Map<string, StubKeys> {
  const merged = new Map<string, StubKeys>();
  const pick = (a: StubKeys['nhs'], b: StubKeys['nhs']) => (a === 'unknown' ? b : a);
  for (const summary of found) {
    const keys = summary.retainedStub;
    if (!keys) continue;
    const known = merged.get(summary.id);
    merged.set(summary.id, known ? { ...keys, nhs: pick(known.nhs, keys.nhs), nameDob: pick(known.nameDob, keys.nameDob) } : keys);
  }
  return merged;
}

export interface PossibleMatch {
  summary: AttendanceSummary;
  reasons: NearMissReason[];
}

export interface LookUpResult {
  /** The identity the attendances were compared with. */
  identity: Identity;
  /** Attendances of this person, newest first. */
  matches: AttendanceSummary[];
  /** Near misses for the nurse to confirm or reject, newest first. */
  possible: PossibleMatch[];
}

/**
 * Sorts attendances into matches and possible matches of an identity. A match agrees on every
 * identifier both sides have, through the NHS number or through last name and date of birth.
 * A possible match shares one of those keys and differs on another. Anything else (an index
 * collision) is left out.
 */
export function classifyAttendances(identity: Identity, found: readonly AttendanceSummary[]): LookUpResult {
  const matches: AttendanceSummary[] = [];
  const possible: PossibleMatch[] = [];
  const seen = new Set<string>();
  const stubKeys = mergedStubKeys(found);
  for (const summary of [...found].sort(newestFirst)) {
    if (seen.has(summary.id)) continue;
    seen.add(summary.id);
    // A purged attendance's stub (retention/retention.ts): only which blind index agreed is known.
    const keys = stubKeys.get(summary.id);
    if (keys) {
      const stub = { ...summary, retainedStub: keys };
      if (keys.nhs === 'same' && keys.nameDob === 'different') possible.push({ summary: stub, reasons: ['same-nhs-different-name-or-date-of-birth'] });
      else if (keys.nameDob === 'same' && keys.nhs === 'different') possible.push({ summary: stub, reasons: ['same-name-and-date-of-birth-different-nhs'] });
      else if (keys.nhs === 'same' || keys.nameDob === 'same') matches.push(stub);
      continue;
    }
    const other = summaryIdentity(summary);
    const known = (key: keyof Identity): boolean => identity[key] !== undefined && other[key] !== undefined;
    const differs = (key: keyof Identity): boolean => known(key) && identity[key] !== other[key];
    const sameNhs = known('nhsNumber') && !differs('nhsNumber');
    const sameNameDob = known('familyName') && known('dateOfBirth') && !differs('familyName') && !differs('dateOfBirth');
    if (sameNhs) {
      const reasons: NearMissReason[] = [];
      if (differs('familyName')) reasons.push('same-nhs-different-name');
      if (differs('dateOfBirth')) reasons.push('same-nhs-different-date-of-birth');
      if (reasons.length === 0) matches.push(summary);
      else possible.push({ summary, reasons });
    } else if (sameNameDob) {
      if (differs('nhsNumber')) possible.push({ summary, reasons: ['same-name-and-date-of-birth-different-nhs'] });
      else matches.push(summary);
    }
  }
  return { identity, matches, possible };
}

/** Attendances from the look-back start (12 calendar months before `at`) up to and including `at`. */
export function attendancesInLastYear(attendances: readonly Pick<AttendanceSummary, 'arrivedAt'>[], at: IsoInstant): number {
  const from = lookBackStart(at);
  return attendances.filter((attendance) => attendance.arrivedAt !== '' && compareIso(attendance.arrivedAt, from) >= 0 && compareIso(attendance.arrivedAt, at) <= 0).length;
}

export type LookUpFlag =
  | { kind: 'frequent'; text: string }
  | { kind: 'earlier-concern'; text: string }
  | { kind: 'cp-plan-or-looked-after'; text: string }
  | { kind: 'open-follow-ups'; text: string; items: string[] };

const cpisWords: Partial<Record<CpisAnswer, string>> = {
  'checked-cp-plan': 'a child protection plan',
  'checked-looked-after': 'looked after',
  'checked-unborn-cp-plan': 'an unborn child protection plan',
};

/**
 * The flags over a person's attendances (PRODUCT.md section 6), as of `at` (now on the look-up
 * page; the arrival of the attendance being assessed, which then counts as one of the three).
 *
 * - 3 or more attendances in the 12 months up to `at` (information-checks.ts, lookBackStart);
 * - an earlier concern of Consider or Suspect (NICE CG89 levels);
 * - CP-IS recorded as a child protection plan (or unborn plan) or looked after;
 * - follow-ups left open: screening follow-ups and referrals to children's social care still to make.
 */
export function lookUpFlags(attendances: readonly AttendanceSummary[], at: IsoInstant, options: { countCurrent?: boolean } = {}): LookUpFlag[] {
  const flags: LookUpFlag[] = [];
  const counted = options.countCurrent ? attendances.filter((attendance) => compareIso(attendance.arrivedAt, at) < 0) : attendances;
  const inYear = attendancesInLastYear(counted, at) + (options.countCurrent ? 1 : 0);
  if (inYear >= FREQUENT_ATTENDANCE_COUNT) flags.push({ kind: 'frequent', text: `3 or more attendances in 12 months (${String(inYear)}${options.countCurrent ? ', including this one' : ''})` });
  const concerns = attendances.filter((attendance) => attendance.concernLevel === 'consider' || attendance.concernLevel === 'suspect');
  if (concerns.length > 0) {
    const suspect = concerns.some((attendance) => attendance.concernLevel === 'suspect');
    flags.push({ kind: 'earlier-concern', text: `An earlier attendance recorded a concern level of ${suspect ? 'Suspect' : 'Consider'}` });
  }
  const cpis = [...new Set(attendances.map((attendance) => attendance.cpis).filter((value): value is CpisAnswer => (CPIS_POSITIVE as readonly string[]).includes(value)))];
  if (cpis.length > 0) flags.push({ kind: 'cp-plan-or-looked-after', text: `CP-IS recorded ${cpis.map((value) => cpisWords[value] ?? value).join(' and ')} at an earlier attendance` });
  const items = attendances.flatMap((attendance) => [
    ...attendance.followUps.map((kind) => followUpDefinitions[kind].text),
    ...(attendance.pendingReferral ? ["A referral to children's social care is still to be made"] : []),
  ]);
  if (items.length > 0) flags.push({ kind: 'open-follow-ups', text: 'Follow-ups left open at earlier attendances', items: [...new Set(items)] });
  return flags;
}

/**
 * Patient details a new assessment takes from an earlier attendance of the same patient:
 * who they are and how to reach their GP and school. Arrival, the reason, the injury, an
 * estimated age and every "not known" answer are this attendance's own and stay empty.
 */
export const prefilledPatientFields = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'sex',
  'nhsNumber',
  'address',
  'postcode',
  'gpPractice',
  'gpNotRegistered',
  'school',
  'notInEducation',
  'interpreterNeeded',
  'interpreterLanguage',
] as const satisfies readonly (keyof PatientDraft)[];

/**
 * A new assessment with the patient details of an earlier attendance filled in. The patient
 * section is not marked as saved: the nurse checks each detail with the patient or carer and
 * saves it (PRODUCT.md section 6: "the nurse confirms them"). `prefilledFrom` tells the
 * patient page to say where the details came from.
 */
export function prefillFromEarlierAttendance(record: AssessmentRecord, earlier: AssessmentRecord): AssessmentRecord {
  const source = currentAnswers(earlier).patient;
  const patient: PatientDraft = { ...record.answers.patient };
  for (const field of prefilledPatientFields) Object.assign(patient, { [field]: structuredClone(source[field]) });
  const earlierArrival = readArrivedAt(source) ?? earlier.createdAt;
  return {
    ...record,
    answers: { ...record.answers, patient },
    confirmedSections: record.confirmedSections.filter((id) => id !== 'patient'),
    prefilledFrom: { attendanceId: earlier.id, arrivedAt: earlierArrival },
  };
}

/** The nurse's answer about one possible match. */
export type MatchDecision = 'confirmed' | 'rejected';

/**
 * The person's attendances once the nurse has answered about possible matches: matches and
 * confirmed possible matches (newest first), the possible matches still to answer, and how
 * many were rejected. Nothing joins the person's attendances without a confirmation.
 */
export function applyMatchDecisions(result: LookUpResult, decisions: Readonly<Record<string, MatchDecision>>): { attendances: AttendanceSummary[]; undecided: PossibleMatch[]; rejected: number } {
  const confirmed = result.possible.filter((item) => decisions[item.summary.id] === 'confirmed').map((item) => item.summary);
  return {
    attendances: [...result.matches, ...confirmed].sort(newestFirst),
    undecided: result.possible.filter((item) => decisions[item.summary.id] === undefined),
    rejected: result.possible.filter((item) => decisions[item.summary.id] === 'rejected').length,
  };
}
