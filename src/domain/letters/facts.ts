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
 * treats it the same. Restriction follows the words, not the reason for attendance
 * (PRODUCT.md section 5): in an under-18 record the words about harm (the disclosure, the
 * accounts when anything of concern is recorded, interaction details, the explanations
 * given for alerting features and for an exclusion) are marked 'words-about-harm', and the
 * restricted subjects (Fraser, sexual health, CSE, FGM, domestic abuse) their own category.
 * Clinical facts (presenting complaint, impression, treatment, follow-up, advice) are never
 * marked for the GP, unless a competent young person has declined sharing with their GP.
 *
 * Letters are read by people who act on them: a question left blank (optional) is left
 * out, never printed as "Not provided", and a question that does not apply is not printed.
 */
import { carerAccountGiver, NOT_PROVIDED, summariseAccounts, summarisePatient, summarisePeople } from '../assessment/summary';
import type { SummaryRow } from '../assessment/summary';
import { summariseInformationChecks, summariseOutcome, summariseSafeguarding } from '../assessment/summary-safeguarding';
import { childAccountNotGivenReasonOptions } from '../assessment/accounts';
import { adviceToPatientApplies } from '../assessment/discharge';
import type { AssessmentContext } from '../assessment/context';
import { deriveContext } from '../assessment/derive-context';
import { optionLabel } from '../assessment/fields';
import { currentAnswers } from '../assessment/lifecycle';
import { readDateOfBirth, readNhsNumber } from '../assessment/patient-readers';
import type { Answers, AssessmentRecord } from '../assessment/record';
import type { StaffRef } from '../assessment/staff-ref';
import { staffGroupOptions, staffRoleOptions } from '../assessment/staff-ref';
import { concernFactsFromAnswers, concernLevelRefusals } from '../rules/concern-level';
import { carerChildInteractionOptions } from '../rules/nice-alerting-features';
import { explanationField, householdRiskOptions, underThirteenQuestionApplies } from '../assessment/safeguarding-prompts';
import { hvOrSchoolNurseLabel } from '../assessment/information-checks';
import { notifyLabel } from '../assessment/outcome';
import { peopleQuestions } from '../assessment/people';
import { patientQuestions } from '../assessment/patient';
import { youngPersonDeclinedGpSharing } from './consent-to-share';
import type { SafeguardingContributor } from './contributions';
import { safeguardingContributions } from './contributions';
import { describeAge, formatDate, formatDateTime } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { isBlank } from '../shared/text';
import type { DeviceSettings } from '../settings/device-settings';
import { siteTypeOptions } from '../settings/device-settings';
import type { LetterBlock, LetterRow, RestrictedCategory } from './model';
import { paragraph, quote, restrictedCategories, row, rows } from './model';
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
  /**
   * A competent young person declined sharing this attendance's clinical details with their
   * GP (Gillick / Fraser, research §5.1): the GP letter then withholds the clinical facts by
   * default like any restricted content. When absent, read from the record's Fraser page
   * (consent-to-share.ts: honoured unless a safeguarding concern requires sharing).
   */
  declinedGpSharing?: boolean;
  /** The sections that contribute safeguarding findings (contributions.ts); the registered ones when absent. */
  contributors?: readonly SafeguardingContributor[];
  /** The child a notification is about (Think Family, letter identity attendance + kind + child); absent for the patient's own letters. */
  childId?: string | undefined;
}

/** The input with the answers as they now read and the context derived from them. */
export interface LetterFacts extends LetterInput {
  answers: Answers;
  ctx: AssessmentContext;
}

export function letterFacts(input: LetterInput): LetterFacts {
  const answers = currentAnswers(input.record);
  const ctx = deriveContext(answers, input.at);
  return { ...input, declinedGpSharing: input.declinedGpSharing ?? youngPersonDeclinedGpSharing(answers, ctx), answers, ctx };
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

/**
 * Check-answers rows made fit for a letter: a line left blank ("Not provided") is left out,
 * and a question with nothing left is left out whole (an optional question left blank).
 */
export function answeredRows(summary: readonly Pick<SummaryRow, 'key' | 'value'>[]): LetterRow[] {
  return summary.flatMap((entry) => {
    const value = entry.value.filter((line) => line !== NOT_PROVIDED);
    return value.length ? [{ key: entry.key, value }] : [];
  });
}

const pick = (summary: readonly SummaryRow[], key: string): SummaryRow | undefined => summary.find((entry) => entry.key === key);
const asRow = (entry: SummaryRow | undefined, key?: string): LetterRow[] => answeredRows(entry ? [{ key: key ?? entry.key, value: entry.value }] : []);

/**
 * The school row applies from age 2: a baby has no school, and "Not in education" is a CSE
 * indicator that means nothing under 5 (PRODUCT.md 4.1).
 */
function schoolRows(facts: LetterFacts, summary: readonly SummaryRow[]): LetterRow[] {
  const { pathway } = facts.ctx;
  if (!pathway.child || pathway.underTwo) return [];
  if (pathway.underFive && facts.answers.patient.notInEducation) return [];
  return asRow(pick(summary, patientQuestions.school.label), 'School, college or nursery');
}

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
    ...schoolRows(facts, summary),
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
 * The restricted subject of the attendance itself: a child's sexual health, contraception or
 * pregnancy attendance (Fraser / Gillick territory, PRODUCT.md 4.6; research §7.4
 * "Confidentiality").
 */
export function attendanceCategory(facts: LetterFacts): RestrictedCategory | undefined {
  return facts.ctx.pathway.child && facts.answers.patient.attendanceReason === 'sexual-health' ? 'sexual-health' : undefined;
}

/** Who a letter is for, as far as restriction goes: the GP keeps clinical facts; the others do not. */
export type Audience = 'gp' | 'nurse' | 'mash';

/**
 * The mark for clinical facts (presenting complaint, impression, treatment, follow-up,
 * advice) in a letter for this audience. Clinical facts are never withheld from the GP
 * (PRODUCT.md section 5) unless a competent young person declined sharing with their GP;
 * a health visitor or school nurse gets them only when the attendance is not itself a
 * restricted subject.
 */
export function clinicalRestriction(facts: LetterFacts, audience: Audience): RestrictedCategory | undefined {
  if (audience === 'mash') return undefined;
  if (audience === 'gp') return facts.ctx.pathway.child && facts.declinedGpSharing === true ? (attendanceCategory(facts) ?? 'fraser') : undefined;
  return attendanceCategory(facts);
}

const householdDomesticAbuse = optionLabel(householdRiskOptions, 'domestic-abuse');
const interactionDomesticAbuse = optionLabel(carerChildInteractionOptions, 'exposed-to-domestic-abuse');

/** Sexual activity or pregnancy recorded in a child under 13 (PRODUCT.md 4.5). */
const underThirteenSexualActivity = (facts: LetterFacts): boolean =>
  underThirteenQuestionApplies(facts.ctx, facts.answers.safeguarding) && facts.answers.safeguarding.underThirteenSexualActivity === 'yes';

/**
 * The restricted subjects recorded for this child (every category but the words about
 * harm), in the fixed order: from the record (sexual health attendance or under-13 sexual
 * activity; domestic abuse in the household or the interaction checklist) and from the
 * sections that contribute findings (a CSE screen marks 'cse', a Fraser record 'fraser',
 * FGM 'fgm'). None for an adult.
 */
export function recordedRestrictedCategories(facts: LetterFacts): RestrictedCategory[] {
  if (!facts.ctx.pathway.child) return [];
  const found = new Set<RestrictedCategory>();
  const s = facts.answers.safeguarding;
  if (attendanceCategory(facts) !== undefined || underThirteenSexualActivity(facts)) found.add('sexual-health');
  if (s.householdRisks.includes('domestic-abuse') || s.carerChildInteraction.includes('exposed-to-domestic-abuse')) found.add('domestic-abuse');
  for (const contribution of safeguardingContributions(facts)) for (const block of contribution.blocks) if (block.restricted) found.add(block.restricted);
  found.delete('words-about-harm');
  return restrictedCategories.filter((category) => found.has(category));
}

/**
 * Whether the child's and the carer's accounts are restricted: when a Consider or Suspect
 * concern, a disclosure or a restricted subject is recorded. Otherwise the child's own
 * account goes to the GP (the CQC asked for it: PRODUCT.md section 5).
 */
export function accountsRestricted(facts: LetterFacts): boolean {
  if (!facts.ctx.pathway.child) return false;
  const level = facts.answers.outcome.concernLevel;
  if (level === 'consider' || level === 'suspect') return true;
  if (facts.answers.safeguarding.disclosure === 'yes') return true;
  return recordedRestrictedCategories(facts).length > 0;
}

const accountMark = (facts: LetterFacts): RestrictedCategory | undefined => (accountsRestricted(facts) ? 'words-about-harm' : undefined);

/** Presenting complaint: the reason category, the nurse's description, and for injuries when it happened. */
export function presentingBlocks(facts: LetterFacts, audience: Audience): LetterBlock[] {
  const summary = summarisePatient(facts.answers, facts.ctx);
  const blocks: LetterBlock[] = [rows(asRow(pick(summary, patientQuestions.attendanceReason.label)), clinicalRestriction(facts, audience))];
  const injury = asRow(pick(summary, 'When the injury happened'));
  if (injury.length) blocks.push(rows(injury));
  return blocks;
}

/**
 * The accounts, each in the words given and attributed (NICE CG89 step 3; research §7.4
 * item 3), marked as the words about harm when anything of concern is recorded. Whether
 * the explanation fits and any delay are the clinician's findings, not the words: unmarked.
 */
export function accountBlocks(facts: LetterFacts): LetterBlock[] {
  const a = facts.answers.accounts;
  const blocks: LetterBlock[] = [];
  if (facts.ctx.pathway.child) {
    blocks.push(childAccountBlock(facts));
    if (!isBlank(a.carerAccount)) {
      const giver = carerAccountGiver(facts.answers);
      blocks.push(quote(giver ? `What the parent or carer says happened, given by ${giver}` : 'What the parent or carer says happened', a.carerAccount.trim(), accountMark(facts)));
    }
  } else if (!isBlank(a.adultAccount)) {
    blocks.push(quote("In the patient's own words", a.adultAccount.trim()));
  }
  const extra = answeredRows(summariseAccounts(facts.answers, facts.ctx).filter((entry) => entry.field === 'accountConsistent' || entry.field === 'delay'));
  if (extra.length) blocks.push(rows(extra));
  return blocks;
}

/** The child's own account in their words (marked as the accounts are), or why there is none. */
export function childAccountBlock(facts: LetterFacts): LetterBlock {
  const a = facts.answers.accounts;
  if (a.childAccountNotGiven) {
    const why = a.childAccountNotGivenReason === 'communication-need' ? `communication need (${a.childAccountCommunicationNeed.trim()})` : optionLabel(childAccountNotGivenReasonOptions, a.childAccountNotGivenReason).toLowerCase();
    return paragraph(`The child could not give an account: ${why || NOT_RECORDED.toLowerCase()}.`);
  }
  return quote("In the child's own words", a.childAccount.trim() || NOT_RECORDED, accountMark(facts));
}

/**
 * A pre-verbal child (under 2, or the account not given because the child is pre-verbal) is not
 * given advice: the letter does not print "advice given to the child" (discharge.ts adviceToPatientApplies).
 */
export const preVerbal = (facts: LetterFacts): boolean => !adviceToPatientApplies(facts.ctx, facts.answers.accounts);

/** Who came, who has parental responsibility and how, next of kin, who the child lives with (research §7.4 item 4). */
export function peopleRows(facts: LetterFacts): LetterRow[] {
  const summary = summarisePeople(facts.answers, facts.ctx).filter((entry) => {
    // "Someone came with the patient" says nothing the person's own row does not.
    if (entry.field === 'accompaniedBy') return facts.answers.people.accompaniedBy !== 'accompanied';
    // The household is optional: left blank, it is left out.
    if (entry.field === 'household') return entry.value[0] !== 'None recorded';
    return true;
  });
  return answeredRows(summary);
}

/** The other people in the child's household (PRODUCT.md 4.2), for the MASH referral. */
export const householdRows = (facts: LetterFacts): LetterRow[] => peopleRows(facts).filter((entry) => entry.key === peopleQuestions.household.label);

/** Who came, parental responsibility, next of kin and who the child lives with: the people rows without the household. */
export const parentRows = (facts: LetterFacts): LetterRow[] => peopleRows(facts).filter((entry) => entry.key !== peopleQuestions.household.label);

/** Letter rows, public and restricted, gathered into blocks in reading order. */
class BlockBuilder {
  readonly blocks: LetterBlock[] = [];
  private open: LetterRow[] = [];
  /** A restricted block came after the last public rows: the next public rows continue the list. */
  private interrupted = false;

  add(entry: LetterRow, restricted?: RestrictedCategory): void {
    if (entry.value.length === 0) return;
    if (restricted === undefined) {
      this.open.push(entry);
      return;
    }
    this.flush();
    const last = this.blocks[this.blocks.length - 1];
    const continues = this.interrupted || (last?.type === 'rows' && last.restricted === undefined);
    this.interrupted = continues;
    this.blocks.push(continues ? { ...rows([entry], restricted), continues } : rows([entry], restricted));
  }

  flush(): LetterBlock[] {
    if (this.open.length) {
      this.blocks.push(this.interrupted ? { ...rows(this.open), continues: true } : rows(this.open));
      this.interrupted = false;
    }
    this.open = [];
    return this.blocks;
  }
}

/** CP-IS, social care, previous attendances and the health visitor or school nurse (not in their own notification). */
export function informationCheckBlocks(facts: LetterFacts, audience: Audience): LetterBlock[] {
  const summary = summariseInformationChecks(facts.answers, facts.ctx).filter((entry) => audience !== 'nurse' || entry.field !== 'hvOrSchoolNurse');
  const found = answeredRows(summary);
  return found.length ? [rows(found)] : [];
}

/**
 * What the nurse recorded on the safeguarding prompts page, with the restricted lines split
 * out and marked: the explanation given for each alerting feature and the interaction
 * details (the words about harm), a disclosure (its quote follows: disclosureBlock), the
 * domestic abuse household risk and interaction concern (domestic abuse), and sexual
 * activity or pregnancy under 13 (sexual health). Every other line stays. A question that
 * does not apply is not printed: the under-13 question only when it was answered Yes or
 * the child is 11 or 12.
 */
export function safeguardingFindingBlocks(facts: LetterFacts): LetterBlock[] {
  const d = facts.answers.safeguarding;
  const out = new BlockBuilder();
  for (const entry of summariseSafeguarding(facts.answers, facts.ctx)) {
    const answered = answeredRows([entry])[0];
    if (!answered) continue;
    if (entry.field.startsWith(explanationField(''))) {
      const explanation = d.alertingFeatureExplanations[entry.field.slice(explanationField('').length)] ?? '';
      out.add({ key: answered.key, value: answered.value.filter((line) => !line.startsWith('Explanation given, and by whom:')) });
      if (!isBlank(explanation)) out.add(row('Explanation given, and by whom', explanation.trim()), 'words-about-harm');
      continue;
    }
    switch (entry.field) {
      case 'disclosure':
        if (d.disclosure === 'yes') out.add(row(answered.key, 'Yes'), 'words-about-harm');
        else out.add(answered);
        break;
      case 'carerChildInteraction': {
        const labels = d.carerChildInteraction.map((value) => optionLabel(carerChildInteractionOptions, value));
        out.add(row(answered.key, ...labels.filter((label) => label !== interactionDomesticAbuse)));
        if (labels.includes(interactionDomesticAbuse)) out.add(row(answered.key, interactionDomesticAbuse), 'domestic-abuse');
        if (!isBlank(d.carerChildInteractionDetails)) out.add(row('What was seen', d.carerChildInteractionDetails.trim()), 'words-about-harm');
        break;
      }
      case 'householdRisks':
        out.add({ key: answered.key, value: answered.value.filter((label) => label !== householdDomesticAbuse) });
        if (answered.value.includes(householdDomesticAbuse)) out.add(row(answered.key, householdDomesticAbuse), 'domestic-abuse');
        break;
      case 'underThirteenSexualActivity':
        if (underThirteenSexualActivity(facts)) out.add(answered, 'sexual-health');
        else if (facts.ctx.pathway.youngPerson) out.add(answered);
        break;
      default:
        out.add(answered);
    }
  }
  return out.flush();
}

/** The disclosure, quoted and attributed, when there was one: the words about harm. */
export function disclosureBlock(facts: LetterFacts): LetterBlock | undefined {
  const s = facts.answers.safeguarding;
  if (!facts.ctx.pathway.child || s.disclosure !== 'yes') return undefined;
  return quote(`Disclosure of harm, said by ${s.disclosureBy.trim() || 'someone not recorded'}`, s.disclosureWhatWasSaid.trim() || NOT_RECORDED, 'words-about-harm');
}

/**
 * How the outcome's health visitor or school nurse line reads in a letter: left out where
 * the letter already says it (the GP letter's plan and distribution list; the notification
 * itself), or said as what was done (the MASH referral's actions).
 */
export type NotifyLine = 'omit' | 'as-done';

/**
 * Concern level and actions: the level (an exclusion's explanation split out as the words
 * about harm), discussion, referral with reference, police; the health visitor or school
 * nurse as `notify` says. `level` says whether the concern level is in ('with'), left out
 * ('without') or alone ('only'), where a letter states it apart from the actions.
 */
export function outcomeBlocks(facts: LetterFacts, options: { notify: NotifyLine; level?: 'with' | 'without' | 'only' }): LetterBlock[] {
  const level = options.level ?? 'with';
  const o = facts.answers.outcome;
  const out = new BlockBuilder();
  for (const entry of summariseOutcome(facts.answers, facts.ctx)) {
    const answered = answeredRows([entry])[0];
    if (!answered) continue;
    const isLevel = entry.field === 'concernLevel';
    if ((level === 'only' && !isLevel) || (level === 'without' && isLevel)) continue;
    if (isLevel) {
      out.add({ key: answered.key, value: answered.value.filter((line) => !line.startsWith('Explanation: ')) });
      if (o.concernLevel === 'excluded' && !isBlank(o.excludedExplanation)) out.add(row('Suitable explanation found', o.excludedExplanation.trim()), 'words-about-harm');
      continue;
    }
    if (entry.key === notifyLabel(facts.ctx) && entry.field === 'notify') {
      if (options.notify === 'as-done' && o.notify === 'yes') out.add(row(hvOrSchoolNurseLabel(facts.ctx), 'Informed of this attendance by a separate notification'));
      continue;
    }
    out.add(answered);
  }
  return out.flush();
}

/**
 * True when the child's record shows nothing of concern: "No concerns identified" (research
 * §7.4 item 2). Only when the level is "No concern" and nothing the concern-level rules
 * count is recorded (PRODUCT.md 4.9: no false reassurance), so a record signed under older
 * rules never reads as reassuring.
 */
export function noConcernsIdentified(facts: LetterFacts): boolean {
  const { answers, ctx } = facts;
  return answers.outcome.concernLevel === 'no-concern' && concernLevelRefusals(answers.safeguarding, ctx, undefined, concernFactsFromAnswers(answers)).length === 0;
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
