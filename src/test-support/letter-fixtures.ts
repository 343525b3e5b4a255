/**
 * Representative signed records for the golden letter tests and the letters benchmark:
 * an infant with a suspect-level concern, a 15-year-old with restricted content, an adult
 * with children at home, and a child with no concerns. Fixed times: nothing reads the clock.
 */
import { thinkFamilyChildSchema } from '../domain/screening/think-family';
import { emptyAnswers } from '../domain/assessment/record';
import type { Answers, AssessmentRecord } from '../domain/assessment/record';
import type { StaffRef } from '../domain/assessment/staff-ref';
import { defaultDeviceSettings } from '../domain/settings/device-settings';
import type { DeviceSettings } from '../domain/settings/device-settings';
import { personSchema } from '../domain/assessment/people';
import type { Person } from '../domain/assessment/people';

export const LETTER_TIME = '2026-03-10T16:30:00.000Z';

export const NURSE: StaffRef = { id: 'staff-1', name: 'Alex Morgan', role: 'triage-nurse', staffGroup: 'bank', agencyName: '', registrationNumber: '12A3456B' };
export const CHARGE_NURSE: StaffRef = { id: 'staff-2', name: 'Sam Patel', role: 'nurse-in-charge', staffGroup: 'substantive', agencyName: '', registrationNumber: '' };

export function letterSettings(): DeviceSettings {
  const settings = defaultDeviceSettings();
  settings.siteName = "Queen's Medical Centre ED";
  settings.siteType = 'ED';
  settings.contacts.safeguardingTeam = '0115 924 9924';
  settings.contacts.paediatricLiaison = '0115 924 9925';
  settings.contacts.mash = '0300 500 8090';
  settings.contacts.emergencyDutyTeam = '0300 456 4546';
  return settings;
}

const person = (fields: Partial<Person>): Person => ({ ...personSchema.parse({}), ...fields });

function signed(id: string, answers: Answers, signedAt: string): AssessmentRecord {
  return {
    id,
    createdAt: '2026-03-10T13:05:00.000Z',
    createdBy: NURSE,
    updatedAt: signedAt,
    updatedBy: NURSE,
    status: 'signed',
    answers,
    confirmedSections: [],
    resume: { page: '', field: '' },
    signature: { signedAt, signedBy: NURSE },
    addenda: [],
    addendumDraft: undefined,
  };
}

const mother = person({ id: 'p-mother', fullName: 'Grace Okafor', relationship: '12', phone: '07700 900982', hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'birth-mother' });

/** 7-month-old, not independently mobile, bruise on the cheek: suspect; referral made; admitted. */
export function infantSuspectRecord(): AssessmentRecord {
  const a = emptyAnswers();
  Object.assign(a.patient, {
    arrivalDate: { day: '10', month: '3', year: '2026' },
    arrivalTime: '13:00',
    givenName: 'Amara',
    familyName: 'Okafor',
    dateOfBirth: { day: '2', month: '8', year: '2025' },
    sex: 'female',
    nhsNumber: '943 476 5919',
    address: '12 Mansfield Road\nNottingham',
    postcode: 'NG5 1PB',
    gpPractice: 'Sherwood Health Centre\nElmsfield Avenue, Nottingham',
    interpreterNeeded: 'no',
    attendanceReason: 'injury',
    attendanceReasonDetail: 'Bruise on the left cheek noticed by mother this morning',
    injuryTimeNotKnown: true,
  });
  Object.assign(a.people, {
    accompaniedBy: 'accompanied',
    companions: [mother],
    nextOfKin: { answer: 'same-as-companion', sameAsCompanionId: 'p-mother', person: personSchema.parse({}), notAbleReason: '' },
    otherParentalResponsibility: [person({ id: 'p-father', fullName: 'Daniel Okafor', relationship: '13', parentalResponsibilityBasis: 'father-birth-certificate' })],
    livesWith: 'Mother, father and brother aged 4',
    household: [{ id: 'h-brother', fullName: 'Kofi Okafor', dateOfBirthOrAge: '4 years', relationship: 'Brother' }],
  });
  Object.assign(a.accounts, {
    carerAccount: 'She must have hit her face on the cot bars in the night.',
    carerAccountGivenBy: 'p-mother',
    childAccountNotGiven: true,
    childAccountNotGivenReason: 'pre-verbal',
    accountConsistent: 'no',
    delay: 'no',
  });
  Object.assign(a.informationChecks, { cpis: 'checked-no-plan', socialCare: 'no', previousAttendances: '1', hvOrSchoolNurse: 'Jo Hughes, Bestwood health visiting team' });
  Object.assign(a.safeguarding, {
    independentlyMobile: 'no',
    alertingFeatures: ['bruise-not-independently-mobile'],
    alertingFeatureExplanations: { 'bruise-not-independently-mobile': 'Mother: hit her face on the cot bars in the night' },
    disclosure: 'no',
    carerChildInteraction: ['none'],
    householdRisks: ['none-known'],
    underThirteenSexualActivity: 'no',
  });
  Object.assign(a.outcome, {
    concernLevel: 'suspect',
    discussedWithName: 'Dr Priya Shah',
    discussedWithRole: 'Paediatric registrar',
    discussedWithDate: { day: '10', month: '3', year: '2026' },
    discussedWithTime: '13:40',
    immediateDanger: 'no',
    referral: 'made',
    referralDate: { day: '10', month: '3', year: '2026' },
    referralTime: '14:10',
    referralReference: 'MASH-2026-0412',
    referralTakenBy: 'Chris Bell, MASH social worker',
    police: 'no',
    policeNotInformedReason: 'MASH to decide on strategy discussion',
    notify: 'yes',
  });
  Object.assign(a.discharge, {
    clinicalImpression:
      'Bruise on the left cheek, 2 cm by 1.5 cm, blue-purple, no pattern or petechiae; no other bruise, injury or torn frenulum on full skin and mouth examination. A bruise in a non-mobile infant',
    treatmentGiven: 'None',
    destination: 'admitted',
    destinationDetail: 'Children’s ward 2 for skeletal survey and safeguarding assessment',
    followUp: 'Paediatric team to arrange; child protection medical tomorrow',
    adviceToPatient: 'Pre-verbal infant: advice given to mother',
    adviceToCarer: 'Explained why Amara is staying in: the hospital must look into any bruise in a baby who cannot move about yet',
    seniorReviewerName: 'Dr Priya Shah',
    seniorReviewerRole: 'Paediatric registrar',
  });
  return signed('att-infant', a, '2026-03-10T14:30:00.000Z');
}

/** 15-year-old asking for emergency contraception, domestic abuse at home: consider; restricted content. */
export function youngPersonRestrictedRecord(): AssessmentRecord {
  const a = emptyAnswers();
  Object.assign(a.patient, {
    arrivalDate: { day: '10', month: '3', year: '2026' },
    arrivalTime: '11:20',
    givenName: 'Leah',
    familyName: 'Nowak',
    dateOfBirth: { day: '14', month: '6', year: '2010' },
    sex: 'female',
    nhsNumber: '401 023 2137',
    address: '3 Carlton Street\nNottingham',
    postcode: 'NG1 1NN',
    gpPractice: 'Hockley Medical Practice',
    school: 'Nottingham Girls Academy',
    interpreterNeeded: 'no',
    attendanceReason: 'sexual-health',
    attendanceReasonDetail: 'Asking for emergency contraception after unprotected sex two days ago',
  });
  Object.assign(a.people, {
    accompaniedBy: 'alone',
    nextOfKin: { answer: 'named', sameAsCompanionId: '', person: person({ id: 'p-mum', fullName: 'Ewa Nowak', relationship: '12', phone: '07700 900123', hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'birth-mother' }), notAbleReason: '' },
    livesWith: 'Mother and her partner',
    household: [{ id: 'h-partner', fullName: 'Tomasz Wrona', dateOfBirthOrAge: 'about 40', relationship: 'Mother’s partner' }],
    seenAlone: 'yes',
  });
  Object.assign(a.accounts, {
    childAccount: 'My boyfriend is 17. Mum’s partner shouts at her and I don’t want to go home tonight.',
    delay: 'no',
  });
  Object.assign(a.informationChecks, { cpis: 'checked-no-plan', socialCare: 'not-known', previousAttendances: '0', hvOrSchoolNurse: '' });
  Object.assign(a.safeguarding, {
    alertingFeatures: ['none'],
    disclosure: 'no',
    carerChildInteraction: ['exposed-to-domestic-abuse'],
    householdRisks: ['domestic-abuse'],
  });
  Object.assign(a.outcome, {
    concernLevel: 'consider',
    discussedWithName: 'Kim Lewis',
    discussedWithRole: 'Safeguarding nurse',
    discussedWithDate: { day: '10', month: '3', year: '2026' },
    discussedWithTime: '12:15',
    referral: 'not-made',
    referralNotMadeReason: 'Safeguarding nurse to follow up with the school nurse and Leah tomorrow',
    police: 'no',
    notify: 'yes',
    safeToGoHome: 'yes',
    safeToGoHomeAgreedBy: 'Leah, and Kim Lewis, safeguarding nurse',
  });
  Object.assign(a.discharge, {
    clinicalImpression: 'Request for emergency contraception; Fraser criteria met',
    treatmentGiven: 'Levonorgestrel 1.5 mg by mouth',
    destination: 'home',
    followUp: 'Sexual health clinic within 3 weeks for a pregnancy test',
    adviceToPatient: 'How to contact the sexual health clinic and Childline; to come back if she feels unsafe at home',
    adviceToCarer: 'No carer present',
  });
  return signed('att-young-person', a, '2026-03-10T12:40:00.000Z');
}

/**
 * 34-year-old after a single, timed paracetamol overdose, two children at home: the adult
 * letter (Think Family not built yet). Clinically consistent: one ingestion at a known time,
 * a 4-hour level below the treatment line, so no acetylcysteine (a staggered or untimed
 * overdose would be treated whatever the level).
 */
export function adultWithChildrenRecord(): AssessmentRecord {
  const a = emptyAnswers();
  Object.assign(a.patient, {
    arrivalDate: { day: '10', month: '3', year: '2026' },
    arrivalTime: '02:15',
    givenName: 'Rachel',
    familyName: 'Green',
    dateOfBirth: { day: '1', month: '11', year: '1991' },
    sex: 'female',
    nhsNumberNotKnown: true,
    nhsNumberNotKnownReason: 'not-traced',
    address: '45 Radford Road\nNottingham',
    postcode: 'NG7 5GQ',
    gpPractice: 'Radford Health Centre',
    interpreterNeeded: 'no',
    attendanceReason: 'self-harm',
    attendanceReasonDetail: 'Took 16 paracetamol 500 mg tablets (8 g) all at once at 00:00, after an argument; no other tablets or alcohol',
  });
  Object.assign(a.people, {
    accompaniedBy: 'accompanied',
    companions: [person({ id: 'p-sister', fullName: 'Monica Green', relationship: '14', phone: '07700 900456' })],
    nextOfKin: { answer: 'same-as-companion', sameAsCompanionId: 'p-sister', person: personSchema.parse({}), notAbleReason: '' },
  });
  Object.assign(a.accounts, { adultAccount: 'I was overwhelmed. The kids are with my mum tonight.', delay: 'no' });
  // Think Family (PRODUCT.md 4.7): two children, with their grandmother tonight; the school nurse is told about Amy.
  Object.assign(a.thinkFamily, {
    hasChildren: 'yes',
    caresForChildren: 'yes',
    soleCarer: 'no',
    pregnant: 'no',
    children: [
      { ...thinkFamilyChildSchema.parse({}), id: 'child-amy', firstName: 'Amy', lastName: 'Green', dateOfBirth: { day: '4', month: '5', year: '2018' }, livesWithPatient: 'yes', schoolOrNursery: 'Radford Primary School', socialCare: 'no', share: 'yes' },
      { ...thinkFamilyChildSchema.parse({}), id: 'child-ben', firstName: 'Ben', lastName: 'Green', dateOfBirth: { day: '15', month: '9', year: '2022' }, livesWithPatient: 'yes', schoolOrNursery: 'Little Acorns Nursery', socialCare: 'no', share: 'no' },
    ],
    whoIsCaringNow: 'Their grandmother, Judy Green, at her home',
    caringNowSafety: 'safe',
    ifAdmitted: 'Their grandmother',
    adultDetails: 'no',
  });
  Object.assign(a.discharge, {
    clinicalImpression: 'Single paracetamol overdose of 8 g (about 130 mg/kg) at a known time; 4-hour paracetamol level below the treatment line; liver function and INR normal',
    treatmentGiven: 'Paracetamol level, liver function tests and INR at 04:00 (4 hours after ingestion); acetylcysteine not needed. Psychosocial assessment by the liaison mental health team before discharge',
    destination: 'home',
    followUp: 'Liaison mental health follow-up within 72 hours',
    adviceToPatient: 'Safety plan agreed; crisis line number given',
    adviceToCarer: 'Sister told about the safety plan with the patient’s agreement',
  });
  return signed('att-adult', a, '2026-03-10T08:00:00.000Z');
}

/** 8-year-old who fell off a bike: no concerns. */
export function noConcernsChildRecord(): AssessmentRecord {
  const a = emptyAnswers();
  Object.assign(a.patient, {
    arrivalDate: { day: '10', month: '3', year: '2026' },
    arrivalTime: '15:05',
    givenName: 'Oliver',
    familyName: 'Brown',
    dateOfBirth: { day: '20', month: '1', year: '2018' },
    sex: 'male',
    nhsNumber: '943 476 5870',
    address: '8 Church Lane\nArnold',
    postcode: 'NG5 8HJ',
    gpPractice: 'Arnold Medical Centre',
    school: 'Arnold Mill Primary School',
    interpreterNeeded: 'no',
    attendanceReason: 'injury',
    attendanceReasonDetail: 'Fell off his bike onto his left wrist',
    injuryDate: { day: '10', month: '3', year: '2026' },
    injuryTime: '14:30',
  });
  const father = person({ id: 'p-dad', fullName: 'Mark Brown', relationship: '13', phone: '07700 900789', hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'father-married' });
  Object.assign(a.people, {
    accompaniedBy: 'accompanied',
    companions: [father],
    nextOfKin: { answer: 'same-as-companion', sameAsCompanionId: 'p-dad', person: personSchema.parse({}), notAbleReason: '' },
    livesWith: 'Mother, father and sister',
  });
  Object.assign(a.accounts, {
    childAccount: 'I went over the kerb and landed on my hand.',
    carerAccount: 'He came off his bike outside the house; I saw it happen.',
    carerAccountGivenBy: 'p-dad',
    accountConsistent: 'yes',
    delay: 'no',
  });
  Object.assign(a.informationChecks, { cpis: 'checked-no-plan', socialCare: 'no', previousAttendances: '0', hvOrSchoolNurse: '' });
  Object.assign(a.safeguarding, { alertingFeatures: ['none'], disclosure: 'no', carerChildInteraction: ['none'], householdRisks: ['none-known'], underThirteenSexualActivity: 'no' });
  Object.assign(a.outcome, { concernLevel: 'no-concern', notify: 'no' });
  Object.assign(a.discharge, {
    clinicalImpression: 'Sprained left wrist; no fracture on X-ray',
    treatmentGiven: 'Ibuprofen; wrist splint',
    destination: 'home-with-carer',
    followUp: 'None',
    adviceToPatient: 'Wear the splint for a week and rest the wrist',
    adviceToCarer: 'Painkillers as needed; come back if pain or swelling gets worse',
  });
  return signed('att-no-concerns', a, '2026-03-10T16:00:00.000Z');
}

/**
 * 15-year-old after an assault at home; in her own words she names her mother's partner.
 * Suspect, referral made: the words stay out of the GP and school nurse letters by default.
 */
export function youngPersonAssaultRecord(): AssessmentRecord {
  const record = youngPersonRestrictedRecord();
  const a = record.answers;
  Object.assign(a.patient, {
    attendanceReason: 'assault',
    attendanceReasonDetail: 'Bruising to the upper arms',
    injuryDate: { day: '9', month: '3', year: '2026' },
    injuryTime: '22:00',
  });
  Object.assign(a.accounts, {
    childAccount: 'Mum’s boyfriend Tomasz grabbed my arms and threw me against the wall last night.',
    accountConsistent: 'yes',
  });
  Object.assign(a.safeguarding, {
    alertingFeatures: ['none'],
    disclosure: 'yes',
    disclosureWhatWasSaid: 'Tomasz grabbed me and threw me against the wall',
    disclosureBy: 'Leah (the child)',
    carerChildInteraction: ['none'],
    householdRisks: ['none-known'],
  });
  Object.assign(a.outcome, {
    concernLevel: 'suspect',
    immediateDanger: 'no',
    referral: 'made',
    referralDate: { day: '10', month: '3', year: '2026' },
    referralTime: '12:30',
    referralReference: 'MASH-2026-0420',
    referralTakenBy: 'Chris Bell, MASH social worker',
    referralNotMadeReason: '',
    police: 'yes',
    policeDetails: '10 March 2026 at 12:35, PC Hall, reference NP-2231',
  });
  Object.assign(a.discharge, {
    clinicalImpression: 'Fingertip bruises on both upper arms, 1 to 2 cm, red-purple; no other injury',
    treatmentGiven: 'Paracetamol 1 g by mouth',
    followUp: 'Child protection medical by the paediatric team today',
    adviceToPatient: 'How to contact Childline and the safeguarding team',
  });
  return { ...record, id: 'att-young-person-assault' };
}

/**
 * Issue 9 journey (1) as a record: a 15-year-old girl, intoxicated, with a 24-year-old
 * boyfriend. The CSE screen has a significant indicator (a much older boyfriend), the
 * substance use screen scores 3 (positive, advice given, referred), the concern is Suspect and
 * the referral made. The CSE and substance use answers are restricted; the score, advice and
 * referral are not.
 */
export function youngPersonScreenedRecord(): AssessmentRecord {
  const record = youngPersonAssaultRecord();
  const a = record.answers;
  Object.assign(a.patient, {
    givenName: 'Jade',
    familyName: 'Bennett',
    attendanceReason: 'intoxication',
    attendanceReasonDetail: 'Found drunk in the town centre at 02:00',
    injuryDate: { day: '', month: '', year: '' },
    injuryTime: '',
  });
  Object.assign(a.accounts, { childAccount: 'I was out with my boyfriend Ryan and his mates. He bought the vodka.', accountConsistent: '' });
  Object.assign(a.safeguarding, { disclosure: 'no', disclosureWhatWasSaid: '', disclosureBy: '' });
  Object.assign(a.outcome, { police: 'no', policeDetails: '', policeNotInformedReason: 'Discussed with the safeguarding nurse: the MASH will decide on a strategy discussion', safeToGoHomeAgreedBy: 'Jade, and Kim Lewis, safeguarding nurse' });
  const significant = Object.fromEntries(Object.keys(a.cse.significant).map((id) => [id, 'no']));
  Object.assign(a.cse, {
    significant: { ...significant, 'controlling-older-relationship': 'yes' },
    other: { ...a.cse.other, 'intoxicated-at-presentation': 'yes', 'substance-misuse': 'yes' },
    details: 'Boyfriend Ryan is 24 and buys her alcohol; she stays at his flat some nights',
    partnerAge: '24',
    powerImbalance: 'yes',
    powerImbalanceDetails: 'He is 9 years older and supplies alcohol',
  });
  Object.assign(a.substanceUse, {
    daysAlcohol: '30',
    daysCannabis: '4',
    daysOther: '0',
    car: 'yes',
    relax: 'yes',
    alone: 'no',
    forget: 'yes',
    friends: 'no',
    trouble: 'no',
    partBAnsweredWithPartA: '30|4|0',
    briefAdvice: 'given',
    referral: 'made',
  });
  Object.assign(a.discharge, {
    clinicalImpression: 'Alcohol intoxication, now sober; no injury',
    treatmentGiven: 'Observation and oral fluids',
    followUp: "Young people's substance misuse service to contact her this week",
    adviceToPatient: 'Alcohol and safety advice; how to contact Childline and the school nurse',
  });
  return { ...record, id: 'att-young-person-screened' };
}
