/**
 * Shared test fixtures: complete, valid answers for representative patients, and helpers
 * to build contexts and records from them. Tests start from a complete record and change
 * one thing, so each test says only what it is about.
 *
 * Every time here is a fixed instant (no clock): arrival is 10 March 2026 at 14:30 London
 * time (GMT, so 14:30 UTC), and validation runs half an hour later.
 */
import type { SelfHarmDraft } from '../domain/screening/self-harm';
import { emptySelfHarmDraft } from '../domain/screening/self-harm';
import { deriveContext } from '../domain/assessment/derive-context';
import type { AccountsDraft } from '../domain/assessment/accounts';
import type { AssessmentContext } from '../domain/assessment/context';
import type { InformationChecksDraft } from '../domain/assessment/information-checks';
import type { OutcomeDraft } from '../domain/assessment/outcome';
import { NO_ALERTING_FEATURES } from '../domain/assessment/safeguarding-prompts';
import type { SafeguardingDraft } from '../domain/assessment/safeguarding-prompts';
import { createAssessment } from '../domain/assessment/lifecycle';
import type { PatientDraft } from '../domain/assessment/patient';
import type { PeopleDraft, Person } from '../domain/assessment/people';
import type { Answers, AssessmentRecord, SectionId } from '../domain/assessment/record';
import { emptyAnswers } from '../domain/assessment/record';
import type { StaffRef } from '../domain/assessment/staff-ref';
import type { DateParts, IsoDate, IsoInstant } from '../domain/shared/dates';

/** Arrival: Tuesday 10 March 2026, 14:30 in London (GMT). */
export const ARRIVAL_DATE: IsoDate = '2026-03-10';
export const ARRIVAL_TIME = '14:30';
export const ARRIVED_AT: IsoInstant = '2026-03-10T14:30:00.000Z';
/** When validation runs in these tests: 30 minutes after arrival. */
export const NOW: IsoInstant = '2026-03-10T15:00:00.000Z';

/** A valid NHS number from research §8.1 (943 476 5919). */
export const VALID_NHS_NUMBER = '943 476 5919';

/** The id of the first person with the patient in the fixtures (the child's mother). */
export const MOTHER_ID = 'person-mother';
export const FATHER_ID = 'person-father';

/** "2026-03-10" → { day: '10', month: '3', year: '2026' }, as a nurse would type it. */
export function dateParts(date: IsoDate): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A member of staff, for createdBy / signedBy. */
export function testStaff(overrides: Partial<StaffRef> = {}): StaffRef {
  return {
    id: 'staff-1',
    name: 'Priya Shah',
    role: 'triage-nurse',
    staffGroup: 'substantive',
    agencyName: '',
    registrationNumber: '',
    ...overrides,
  };
}

/** A person with every field answered: by default the child's mother, with parental responsibility as birth mother. */
export function testPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: MOTHER_ID,
    fullName: 'Sarah Smith',
    relationship: '12',
    relationshipOther: '',
    phone: '07700 900123',
    hasParentalResponsibility: 'yes',
    parentalResponsibilityBasis: 'birth-mother',
    parentalResponsibilityBasisOther: '',
    ...overrides,
  };
}

/**
 * A date of birth that makes the patient exactly `ageYears` old at arrival (born on
 * 1 January, so 10 March is after the birthday in the arrival year).
 */
export function dateOfBirthForAge(ageYears: number): IsoDate {
  return `${String(2026 - ageYears)}-01-01`;
}

export interface ChildOptions {
  /** Age in whole years at arrival (0–17). Default 8. */
  ageYears?: number;
  /** Default 'injury' (so the injury time, consistency and delay questions all apply). */
  reason?: PatientDraft['attendanceReason'];
}

/** A complete patient section for a child of the given age, attending with an injury by default. */
export function completeChildPatient({ ageYears = 8, reason = 'injury' }: ChildOptions = {}): PatientDraft {
  const injuryRelated = reason === 'injury' || reason === 'assault';
  return {
    ...emptyAnswers().patient,
    arrivalDate: dateParts(ARRIVAL_DATE),
    arrivalTime: ARRIVAL_TIME,
    givenName: 'Jamie',
    familyName: 'Smith',
    dateOfBirth: dateParts(dateOfBirthForAge(ageYears)),
    sex: 'male',
    nhsNumber: VALID_NHS_NUMBER,
    address: '12 Example Street\nNottingham',
    postcode: 'NG5 1PB',
    gpPractice: 'Valley Road Surgery, Nottingham',
    school: ageYears < 5 ? 'Little Acorns Nursery' : 'Bramcote Park Academy',
    interpreterNeeded: 'no',
    attendanceReason: reason,
    attendanceReasonDetail: injuryRelated ? 'Fell from a trampoline, pain in the left wrist' : 'Unwell for two days',
    ...(injuryRelated ? { injuryDate: dateParts(ARRIVAL_DATE), injuryTime: '12:00' } : {}),
  };
}

/**
 * A complete people section for a child: came with their mother, who has parental
 * responsibility and is next of kin ("Same as the person with the patient"). For
 * 11–17-year-olds the mother did not answer for them and they were seen alone.
 */
export function completeChildPeople({ ageYears = 8 }: Pick<ChildOptions, 'ageYears'> = {}): PeopleDraft {
  const youngPerson = ageYears >= 11 && ageYears < 18;
  return {
    ...emptyAnswers().people,
    accompaniedBy: 'accompanied',
    companions: [testPerson()],
    companionAnswersForPatient: youngPerson ? 'no' : '',
    nextOfKin: { answer: 'same-as-companion', sameAsCompanionId: MOTHER_ID, person: emptyAnswers().people.nextOfKin.person, notAbleReason: '' },
    livesWith: 'Mother and younger brother',
    seenAlone: youngPerson ? 'yes' : '',
  };
}

/** A complete accounts section for a child: the mother's account, the child's own words (or pre-verbal under 3), consistent, no delay. */
export function completeChildAccounts({ ageYears = 8 }: Pick<ChildOptions, 'ageYears'> = {}): AccountsDraft {
  const preVerbal = ageYears < 3;
  return {
    ...emptyAnswers().accounts,
    carerAccount: 'He was bouncing on the trampoline and fell onto the grass.',
    carerAccountGivenBy: MOTHER_ID,
    childAccount: preVerbal ? '' : 'I fell off the trampoline and landed on my hand.',
    childAccountNotGiven: preVerbal,
    childAccountNotGivenReason: preVerbal ? 'pre-verbal' : '',
    accountConsistent: 'yes',
    delay: 'no',
  };
}

/** Information checks for a child: CP-IS checked with no plan, not known to social care, no earlier attendances. */
export function completeChildInformationChecks(): InformationChecksDraft {
  return { ...emptyAnswers().informationChecks, cpis: 'checked-no-plan', socialCare: 'no', previousAttendances: '0' };
}

/** Safeguarding prompts with nothing of concern (mobile, no features, no disclosure, no interaction concerns, no known risks). */
export function completeChildSafeguarding({ ageYears = 8 }: Pick<ChildOptions, 'ageYears'> = {}): SafeguardingDraft {
  return {
    ...emptyAnswers().safeguarding,
    independentlyMobile: ageYears < 2 ? 'yes' : '',
    // A baby under 6 months recorded as mobile is asked to confirm (the 0-year-old is born on 1 January).
    mobilityConfirmed: ageYears < 2 ? 'yes' : '',
    alertingFeatures: [NO_ALERTING_FEATURES],
    disclosure: 'no',
    carerChildInteraction: ['none'],
    householdRisks: ['none-known'],
    underThirteenSexualActivity: ageYears < 13 ? 'no' : '',
  };
}

/** Outcome: no concern, health visitor or school nurse not informed. */
export function completeChildOutcome(): OutcomeDraft {
  return { ...emptyAnswers().outcome, concernLevel: 'no-concern', notify: 'no' };
}

/** A complete self-harm or mental health section (used when the reason brings it). */
export function completeChildSelfHarm(): SelfHarmDraft {
  return {
    ...emptySelfHarmDraft(),
    withYoungPerson: 'someone',
    withName: 'Sam Smith',
    withRelationship: 'Mother',
    withPR: 'yes',
    parentsInformed: 'yes',
    overdose: 'no',
    accessToMeans: 'Medicines at home, now locked away',
    camhs: 'seen-in-ed',
    safetyPlan: 'Agreed with the CAMHS liaison nurse',
    safetyPlanHolder: 'The young person and their mother',
  };
}

/** Complete answers for a child (every section valid). */
export function completeChildAnswers(options: ChildOptions = {}): Answers {
  const selfHarm = options.reason === 'self-harm' || options.reason === 'mental-health';
  return {
    ...emptyAnswers(),
    ...(selfHarm ? { selfHarm: completeChildSelfHarm() } : {}),
    patient: completeChildPatient(options),
    people: completeChildPeople(options),
    accounts: completeChildAccounts(options),
    informationChecks: completeChildInformationChecks(),
    safeguarding: completeChildSafeguarding(options),
    outcome: completeChildOutcome(),
    ...completeChildScreens(options),
    domesticAbuse: completeDomesticAbuse(options),
  };
}

/**
 * The domestic abuse section (16 and over, PRODUCT.md 4.8), empty where it does not apply: no
 * indicator ticked ("None of these"), or, where the reason for attendance is itself an
 * indicator (assault, self-harm, intoxication), asked in private and denied.
 */
export function completeDomesticAbuse({ ageYears = 8, reason = 'injury' }: ChildOptions = {}): Answers['domesticAbuse'] {
  const empty = emptyAnswers().domesticAbuse;
  if (ageYears < 16 || reason === '' || reason === 'illness' || reason === 'other') return empty;
  if (reason === 'assault' || reason === 'self-harm' || reason === 'intoxication') return { ...empty, enquiry: 'denied', interpreterUsed: 'not-needed' };
  return { ...empty, indicators: ['none'] };
}

/** AUDIT-C (adults, PRODUCT.md 4.7): alcohol not involved where the question is asked; empty elsewhere. */
export function completeAuditC({ reason = 'illness' }: Pick<AdultOptions, 'reason'> = {}): Answers['auditC'] {
  const empty = emptyAnswers().auditC;
  if (reason === 'intoxication') return { ...empty, notAsked: true, notAskedReason: 'Too intoxicated to answer; ask before discharge' };
  return reason === 'injury' || reason === 'assault' || reason === 'self-harm' || reason === 'mental-health' ? { ...empty, alcoholInvolved: 'no' } : empty;
}

/**
 * The CSE screen (11–17) with every significant indicator "No", and the substance use screen
 * (12–17) with no use (so only CAR, answered "No"); empty outside those ages.
 */
export function completeChildScreens({ ageYears = 8 }: ChildOptions = {}): Pick<Answers, 'cse' | 'substanceUse'> {
  const empty = emptyAnswers();
  const cse = ageYears >= 11 ? { ...empty.cse, significant: Object.fromEntries(Object.keys(empty.cse.significant).map((id) => [id, 'no'])) as Answers['cse']['significant'] } : empty.cse;
  const substanceUse = ageYears >= 12 ? { ...empty.substanceUse, daysAlcohol: '0', daysCannabis: '0', daysOther: '0', car: 'no' as const, partBAnsweredWithPartA: '0|0|0' } : empty.substanceUse;
  return { cse, substanceUse };
}

export interface AdultOptions {
  /** Age in whole years at arrival (18 or over). Default 34. */
  ageYears?: number;
  /** Default 'illness' (no injury questions). */
  reason?: PatientDraft['attendanceReason'];
}

/** A complete patient section for an adult. */
export function completeAdultPatient({ ageYears = 34, reason = 'illness' }: AdultOptions = {}): PatientDraft {
  const injuryRelated = reason === 'injury' || reason === 'assault';
  return {
    ...emptyAnswers().patient,
    arrivalDate: dateParts(ARRIVAL_DATE),
    arrivalTime: ARRIVAL_TIME,
    givenName: 'Alex',
    familyName: 'Morgan',
    dateOfBirth: dateParts(dateOfBirthForAge(ageYears)),
    sex: 'female',
    nhsNumber: '654 100 3238',
    address: 'Flat 3, 40 Market Street\nNottingham',
    postcode: 'NG1 6HW',
    gpPractice: 'Castle Medical Centre',
    interpreterNeeded: 'no',
    attendanceReason: reason,
    attendanceReasonDetail: injuryRelated ? 'Cut to the forearm' : 'Chest pain since this morning',
    ...(injuryRelated ? { injuryDate: dateParts(ARRIVAL_DATE), injuryTime: '12:00' } : {}),
  };
}

/** A complete people section for an adult who came alone and named their partner as next of kin. */
export function completeAdultPeople(): PeopleDraft {
  return {
    ...emptyAnswers().people,
    accompaniedBy: 'alone',
    nextOfKin: {
      answer: 'named',
      sameAsCompanionId: '',
      person: testPerson({
        id: 'person-partner',
        fullName: 'Chris Morgan',
        relationship: '02',
        phone: '0115 496 0000',
        hasParentalResponsibility: '',
        parentalResponsibilityBasis: '',
      }),
      notAbleReason: '',
    },
  };
}

/** A complete accounts section for an adult. */
export function completeAdultAccounts({ reason = 'illness' }: Pick<AdultOptions, 'reason'> = {}): AccountsDraft {
  const injuryRelated = reason === 'injury' || reason === 'assault';
  return {
    ...emptyAnswers().accounts,
    adultAccount: 'Woke with a tight chest and felt sick.',
    delay: injuryRelated ? 'no' : '',
  };
}

/**
 * Complete answers for an adult (every section valid). After a Think Family trigger (an
 * assault, self-harm, a mental health crisis, intoxication: PRODUCT.md 4.7) Think Family is
 * answered: no children, not caring for any, not pregnant; otherwise it is left offered.
 */
export function completeAdultAnswers(options: AdultOptions = {}): Answers {
  const triggered = options.reason === 'assault' || options.reason === 'self-harm' || options.reason === 'mental-health' || options.reason === 'intoxication';
  return {
    ...emptyAnswers(),
    patient: completeAdultPatient(options),
    people: completeAdultPeople(),
    accounts: completeAdultAccounts(options),
    domesticAbuse: completeDomesticAbuse({ ageYears: options.ageYears ?? 34, reason: options.reason ?? 'illness' }),
    auditC: completeAuditC(options),
    ...(triggered ? { thinkFamily: { ...emptyAnswers().thinkFamily, hasChildren: 'no', caresForChildren: 'no', pregnant: 'no' } } : {}),
  };
}

/** The context validation sees for these answers, at `now` (default {@link NOW}). */
export function contextFor(answers: Answers, now: IsoInstant = NOW): AssessmentContext {
  return deriveContext(answers, now);
}

/** Answers with one section's draft replaced by a change to it (the rest untouched). */
export function withPatient(answers: Answers, changes: Partial<PatientDraft>): Answers {
  return { ...answers, patient: { ...answers.patient, ...changes } };
}

export function withPeople(answers: Answers, changes: Partial<PeopleDraft>): Answers {
  return { ...answers, people: { ...answers.people, ...changes } };
}

export function withAccounts(answers: Answers, changes: Partial<AccountsDraft>): Answers {
  return { ...answers, accounts: { ...answers.accounts, ...changes } };
}

/**
 * An in-progress record created at arrival by {@link testStaff}, holding `answers`, with
 * `confirmedSections` as the nurse saved them.
 */
export function recordWith(answers: Answers, confirmedSections: SectionId[] = []): AssessmentRecord {
  const record = createAssessment('attendance-1', ARRIVED_AT, testStaff());
  return { ...record, answers, confirmedSections };
}
