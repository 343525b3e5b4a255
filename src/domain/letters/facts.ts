/**
 * The pieces every letter is built from: the input a letter needs (record, settings, time,
 * the nurse's choices), and the record's facts as letter blocks (who the patient is, who came
 * and who has parental responsibility, the accounts in their own words, the safeguarding
 * findings and actions). The letter modules choose and order these pieces.
 *
 * Answers are read as they now stand: the signed original with every addendum applied
 * (lifecycle.currentAnswers), so a discharge section added after signing is in the letter.
 *
 * Where a fact is restricted (restricted.ts) it is marked here, once, so every letter
 * treats it the same.
 */
import { carerAccountGiver, summariseAccounts, summarisePatient, summarisePeople } from '../assessment/summary';
import type { SummaryRow } from '../assessment/summary';
import { summariseInformationChecks, summariseOutcome, summariseSafeguarding } from '../assessment/summary-safeguarding';
import { childAccountNotGivenReasonOptions } from '../assessment/accounts';
import type { AssessmentContext } from '../assessment/context';
import { deriveContext } from '../assessment/derive-context';
import { optionLabel } from '../assessment/fields';
import { currentAnswers } from '../assessment/lifecycle';
import { readDateOfBirth, readNhsNumber } from '../assessment/patient-readers';
import type { Answers, AssessmentRecord } from '../assessment/record';
import type { StaffRef } from '../assessment/staff-ref';
import { staffGroupOptions, staffRoleOptions } from '../assessment/staff-ref';
import { concernLevelRefusals } from '../rules/concern-level';
import { carerChildInteractionOptions } from '../rules/nice-alerting-features';
import { householdRiskOptions } from '../assessment/safeguarding-prompts';
import { describeAge, formatDate, formatDateTime } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { isBlank } from '../shared/text';
import type { DeviceSettings } from '../settings/device-settings';
import { siteTypeOptions } from '../settings/device-settings';
import type { LetterBlock, LetterRow, RestrictedCategory } from './model';
import { paragraph, quote, restrict, row, rows } from './model';
import type { RestrictionChoice } from './restricted';

/** What the nurse adds on the letters page: free text by slot id, and the restricted-content choice. */
export interface LetterChoices {
  slots: Readonly<Record<string, string>>;
  restricted: RestrictionChoice;
}

export const noChoices = (): LetterChoices => ({ slots: {}, restricted: { include: false, reason: '' } });

export interface LetterInput {
  record: AssessmentRecord;
  settings: DeviceSettings;
  /** When the letter is made: the issue time, or now for a preview. The domain has no clock. */
  at: IsoInstant;
  choices: LetterChoices;
  /** Who issues the letter (may differ from who signed the assessment). */
  issuedBy?: StaffRef;
  /** The version being issued, when issuing. */
  version?: number;
}

/** The input with the answers as they now read and the context derived from them. */
export interface LetterFacts extends LetterInput {
  answers: Answers;
  ctx: AssessmentContext;
}

export function letterFacts(input: LetterInput): LetterFacts {
  const answers = currentAnswers(input.record);
  return { ...input, answers, ctx: deriveContext(answers, input.at) };
}

const NOT_RECORDED = 'Not recorded';

export function patientName(answers: Answers): string {
  const p = answers.patient;
  if (p.nameNotKnown) return 'Name not known';
  return `${p.givenName.trim()} ${p.familyName.trim()}`.trim() || 'Name not known';
}

/** "born 3 March 2012 (14 years)" or "date of birth not known, estimated age 30 years". */
export function birthText(facts: LetterFacts): string {
  const p = facts.answers.patient;
  const dob = readDateOfBirth(p);
  if (dob) return `born ${formatDate(dob)} (${describeAge(dob, facts.ctx.arrivedAt ?? facts.at)})`;
  return isBlank(p.estimatedAgeYears) ? 'date of birth not known' : `date of birth not known, estimated age ${p.estimatedAgeYears.trim()} years`;
}

export function nhsNumberText(answers: Answers): string {
  const nhs = readNhsNumber(answers.patient);
  return nhs ? formatNhsNumber(nhs) : 'not known';
}

/** Name, date of birth and NHS number: on every page (NHS patient identification practice). */
export const patientLine = (facts: LetterFacts): string => `${patientName(facts.answers)}, ${birthText(facts)}, NHS number ${nhsNumberText(facts.answers)}`;

/** "the child" on the child pathway, otherwise "the patient" (PRODUCT.md section 3). */
export const patientNoun = (ctx: AssessmentContext): string => (ctx.pathway.child ? 'the child' : 'the patient');

const pick = (summary: readonly SummaryRow[], key: string): SummaryRow | undefined => summary.find((entry) => entry.key === key);
const asRow = (entry: SummaryRow | undefined, key?: string): LetterRow[] => (entry ? [{ key: key ?? entry.key, value: [...entry.value] }] : []);

/** Patient demographics (PRSB: name, date of birth, sex, NHS number, address, educational establishment, research §7.2). */
export function demographicsRows(facts: LetterFacts): LetterRow[] {
  const summary = summarisePatient(facts.answers, facts.ctx);
  const dob = pick(summary, 'Date of birth');
  const ageRow = readDateOfBirth(facts.answers.patient) ? [row('Age at arrival', describeAge(readDateOfBirth(facts.answers.patient) ?? '', facts.ctx.arrivedAt ?? facts.at))] : [];
  return [
    row('Name', patientName(facts.answers)),
    ...asRow(dob),
    ...ageRow,
    ...asRow(pick(summary, 'Sex')),
    ...asRow(pick(summary, 'NHS number')),
    ...asRow(pick(summary, 'Address')),
    ...asRow(pick(summary, 'School, college or nursery'), 'School, college or nursery'),
    ...asRow(pick(summary, 'Interpreter needed')),
  ];
}

export function gpPracticeLines(answers: Answers): string[] {
  const p = answers.patient;
  if (p.gpNotRegistered) return ['Not registered with a GP'];
  return isBlank(p.gpPractice) ? [NOT_RECORDED] : p.gpPractice.trim().split(/\r?\n/);
}

export function siteLines(settings: DeviceSettings): string[] {
  const type = optionLabel(siteTypeOptions, settings.siteType);
  return [settings.siteName.trim() || 'Site name not set', ...(type ? [type] : [])];
}

export function attendanceRows(facts: LetterFacts): LetterRow[] {
  const summary = summarisePatient(facts.answers, facts.ctx);
  const arrived = pick(summary, 'Arrival date and time');
  return [row('Site', facts.settings.siteName.trim() || 'Site name not set'), ...asRow(arrived, 'Arrived'), row('Type of attendance', optionLabel(siteTypeOptions, facts.settings.siteType))];
}

/**
 * A child's sexual health, contraception or pregnancy attendance (Fraser / Gillick territory,
 * PRODUCT.md 4.6): everything clinical about it is restricted content, since a parent may
 * read the GP letter (research §7.4 "Confidentiality"). Returns the category to mark with.
 */
export function clinicalRestriction(facts: LetterFacts): RestrictedCategory | undefined {
  return facts.ctx.pathway.child && facts.answers.patient.attendanceReason === 'sexual-health' ? 'sexual-health' : undefined;
}

/**
 * Presenting complaint: the reason category, the nurse's description, and for injuries when
 * it happened. Under 18 a sexual-health attendance is restricted content: its reason and
 * description are marked (a parent may read the GP letter).
 */
export function presentingBlocks(facts: LetterFacts): LetterBlock[] {
  const summary = summarisePatient(facts.answers, facts.ctx);
  const reason = pick(summary, 'Reason for attendance');
  const restricted = clinicalRestriction(facts);
  const blocks: LetterBlock[] = [rows(asRow(reason), restricted)];
  const injury = pick(summary, 'When the injury happened');
  if (injury) blocks.push(rows(asRow(injury)));
  return blocks;
}

/** The accounts, each in the words given and attributed (NICE CG89 step 3; research §7.4 item 3). */
export function accountBlocks(facts: LetterFacts): LetterBlock[] {
  const a = facts.answers.accounts;
  const blocks: LetterBlock[] = [];
  if (facts.ctx.pathway.child) {
    blocks.push(childAccountBlock(facts));
    if (!isBlank(a.carerAccount)) {
      const giver = carerAccountGiver(facts.answers);
      blocks.push(quote(giver ? `What the parent or carer says happened, given by ${giver}` : 'What the parent or carer says happened', a.carerAccount.trim()));
    }
  } else if (!isBlank(a.adultAccount)) {
    blocks.push(quote("In the patient's own words", a.adultAccount.trim()));
  }
  const summary = summariseAccounts(facts.answers, facts.ctx);
  const extra = summary.filter((entry) => entry.field === 'accountConsistent' || entry.field === 'delay').map((entry) => ({ key: entry.key, value: [...entry.value] }));
  if (extra.length) blocks.push(rows(extra));
  const restricted = clinicalRestriction(facts);
  return blocks.map((block) => restrict(block, restricted));
}

/** The child's own account in their words, or why there is none. */
export function childAccountBlock(facts: LetterFacts): LetterBlock {
  const a = facts.answers.accounts;
  if (a.childAccountNotGiven) {
    const why = a.childAccountNotGivenReason === 'communication-need' ? `communication need (${a.childAccountCommunicationNeed.trim()})` : optionLabel(childAccountNotGivenReasonOptions, a.childAccountNotGivenReason).toLowerCase();
    return paragraph(`The child could not give an account: ${why || NOT_RECORDED.toLowerCase()}.`);
  }
  return quote("In the child's own words", a.childAccount.trim() || NOT_RECORDED, clinicalRestriction(facts));
}

/** Who came, who has parental responsibility and how, next of kin, who the child lives with (research §7.4 item 4). */
export function peopleRows(facts: LetterFacts): LetterRow[] {
  return summarisePeople(facts.answers, facts.ctx).map((entry) => ({ key: entry.key, value: [...entry.value] }));
}

const householdDomesticAbuse = optionLabel(householdRiskOptions, 'domestic-abuse');
const interactionDomesticAbuse = optionLabel(carerChildInteractionOptions, 'exposed-to-domestic-abuse');

/**
 * Rows to blocks, splitting out restricted lines: the domestic abuse household risk and
 * interaction concern (domestic abuse), and sexual activity or pregnancy under 13 (sexual
 * health). The rest of each row stays.
 */
function markRestricted(summary: readonly SummaryRow[]): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let open: LetterRow[] = [];
  const flush = () => {
    if (open.length) blocks.push(rows(open));
    open = [];
  };
  const restrictedRow = (entry: LetterRow, category: RestrictedCategory) => {
    flush();
    blocks.push(rows([entry], category));
  };
  for (const entry of summary) {
    if (entry.field === 'underThirteenSexualActivity' && entry.value[0] === 'Yes') {
      restrictedRow({ key: entry.key, value: [...entry.value] }, 'sexual-health');
      continue;
    }
    const daLabel = entry.field === 'householdRisks' ? householdDomesticAbuse : entry.field === 'carerChildInteraction' ? interactionDomesticAbuse : undefined;
    if (daLabel && entry.value.includes(daLabel)) {
      const rest = entry.value.filter((value) => value !== daLabel);
      if (rest.length) open.push({ key: entry.key, value: rest });
      restrictedRow({ key: entry.key, value: [daLabel] }, 'domestic-abuse');
      continue;
    }
    open.push({ key: entry.key, value: [...entry.value] });
  }
  flush();
  return blocks;
}

/** CP-IS, social care, previous attendances and the health visitor or school nurse. */
export const informationCheckBlocks = (facts: LetterFacts): LetterBlock[] => markRestricted(summariseInformationChecks(facts.answers, facts.ctx));

/** What the nurse recorded on the safeguarding prompts page, with restricted lines marked. */
export const safeguardingFindingBlocks = (facts: LetterFacts): LetterBlock[] => markRestricted(summariseSafeguarding(facts.answers, facts.ctx));

/** The disclosure, quoted and attributed, when there was one. */
export function disclosureBlock(facts: LetterFacts): LetterBlock | undefined {
  const s = facts.answers.safeguarding;
  if (!facts.ctx.pathway.child || s.disclosure !== 'yes') return undefined;
  return quote(`Disclosure of harm, said by ${s.disclosureBy.trim() || 'someone not recorded'}`, s.disclosureWhatWasSaid.trim() || NOT_RECORDED);
}

/** Concern level and actions: discussion, referral with reference, police, health visitor or school nurse. */
export const outcomeRows = (facts: LetterFacts): LetterRow[] => summariseOutcome(facts.answers, facts.ctx).map((entry) => ({ key: entry.key, value: [...entry.value] }));

/**
 * True when the child's record shows nothing of concern: "No concerns identified" (research
 * §7.4 item 2). Only when the level is "No concern" and nothing the concern-level rules
 * count is recorded (PRODUCT.md 4.9: no false reassurance), so a record signed under older
 * rules never reads as reassuring.
 */
export function noConcernsIdentified(facts: LetterFacts): boolean {
  const { answers, ctx } = facts;
  return answers.outcome.concernLevel === 'no-concern' && concernLevelRefusals(answers.safeguarding, ctx, undefined, { informationChecks: answers.informationChecks }).length === 0;
}

/** A person as the letter names them: "Alex Morgan, Triage nurse (Bank), NMC 12A3456B". */
export function staffLine(staff: StaffRef): string {
  const role = optionLabel(staffRoleOptions, staff.role);
  const group = staff.staffGroup === 'agency' && !isBlank(staff.agencyName) ? `Agency: ${staff.agencyName.trim()}` : optionLabel(staffGroupOptions, staff.staffGroup);
  const registration = isBlank(staff.registrationNumber) ? '' : `, registration ${staff.registrationNumber.trim()}`;
  return `${staff.name}, ${role} (${group})${registration}`;
}

/** The person completing the record: who signed it, when; the senior reviewer when there is one (research §7.4 item 8). */
export function personCompletingRows(facts: LetterFacts): LetterRow[] {
  const { record } = facts;
  const signer = record.signature?.signedBy ?? record.createdBy;
  const out: LetterRow[] = [row('Assessment completed by', staffLine(signer))];
  out.push(row('Signed', record.signature ? formatDateTime(record.signature.signedAt) : 'Not signed yet'));
  const d = facts.answers.discharge;
  if (!isBlank(d.seniorReviewerName)) out.push(row('Senior reviewer', isBlank(d.seniorReviewerRole) ? d.seniorReviewerName.trim() : `${d.seniorReviewerName.trim()}, ${d.seniorReviewerRole.trim()}`));
  if (facts.issuedBy) out.push(row('Letter issued by', staffLine(facts.issuedBy)));
  return out;
}

/** Contact for further information: the site and the hospital safeguarding team's number from settings. */
export function contactRows(facts: LetterFacts): LetterRow[] {
  const contacts = facts.settings.contacts;
  const out: LetterRow[] = [row('Site', ...siteLines(facts.settings))];
  out.push(row('Hospital safeguarding team', isBlank(contacts.safeguardingTeam) ? 'Number not set on this device' : contacts.safeguardingTeam.trim()));
  if (facts.ctx.pathway.child && !isBlank(contacts.paediatricLiaison)) out.push(row('Paediatric liaison nurse', contacts.paediatricLiaison.trim()));
  return out;
}

/** "Version 2, issued 10 March 2026 at 15:00", or "Draft preview, 10 March 2026 at 15:00". */
export function datedText(facts: LetterFacts): string {
  return facts.version === undefined ? `Draft, not issued: ${formatDateTime(facts.at)}` : `Version ${facts.version}, issued ${formatDateTime(facts.at)}`;
}
