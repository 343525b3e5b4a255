/**
 * Check-answers rows: each relevant question as a short statement and the answer as text
 * lines, with the form path its Change link goes to. The same rows serve the signed record
 * view; letters compose their own prose from the answers.
 */
import { formatDate, formatDateTime, parseDateParts, parseTimeOfDay } from '../shared/dates';
import type { DateParts } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { checkPostcode } from '../shared/postcode';
import { isBlank } from '../shared/text';
import { accountConsistentOptions, accountsQuestions, childAccountNotGivenReasonOptions, consistencyApplies, delayApplies, SOMEONE_ELSE } from './accounts';
import type { AssessmentContext } from './context';
import { optionLabel } from './fields';
import { yesNoNotKnownOptions, yesNoOptions } from './options';
import { attendanceReasonOptions, nhsNumberNotKnownReasonOptions, patientQuestions, readArrivedAt, readInjuryAt, schoolQuestionApplies, sexOptions } from './patient';
import type { Person } from './people';
import { accompaniedByOptions, describeHouseholdMember, isEmptyHouseholdMember, nextOfKinCompanion, nextOfKinOptions, peopleQuestions, peopleWithParentalResponsibility, prBasisLabel, recordedPeople, relationshipLabel } from './people';
import type { Answers } from './record';

export interface SummaryRow {
  /** The question, as a short statement. */
  key: string;
  /** The answer, one entry per line. */
  value: string[];
  /** Form path the Change link focuses. */
  field: string;
}

export const NOT_PROVIDED = 'Not provided';

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);

function dateText(parts: DateParts): string {
  const parsed = parseDateParts(parts);
  return parsed.ok ? formatDate(parsed.value) : NOT_PROVIDED;
}

export function summarisePatient(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const p = answers.patient;
  const arrivedAt = readArrivedAt(p);
  const rows: SummaryRow[] = [
    { key: patientQuestions.arrivedAt.label, value: [arrivedAt ? formatDateTime(arrivedAt) : NOT_PROVIDED], field: 'arrivalDate.day' },
    {
      key: 'Name',
      value: p.nameNotKnown ? [`Name not known: ${p.nameNotKnownReason.trim() || NOT_PROVIDED}`] : line(`${p.givenName.trim()} ${p.familyName.trim()}`),
      field: p.nameNotKnown ? 'nameNotKnownReason' : 'givenName',
    },
    {
      key: patientQuestions.dateOfBirth.label,
      value: p.dateOfBirthNotKnown
        ? [isBlank(p.estimatedAgeYears) ? `Not known. Estimated age: ${NOT_PROVIDED}` : `Not known. Estimated age ${p.estimatedAgeYears.trim()} years`]
        : [dateText(p.dateOfBirth)],
      field: p.dateOfBirthNotKnown ? 'estimatedAgeYears' : 'dateOfBirth.day',
    },
    { key: patientQuestions.sex.label, value: line(optionLabel(sexOptions, p.sex)), field: 'sex' },
    {
      key: patientQuestions.nhsNumber.label,
      value: !isBlank(p.nhsNumber)
        ? [formatNhsNumber(p.nhsNumber)]
        : p.nhsNumberNotKnown
          ? [`Not known: ${p.nhsNumberNotKnownReason === 'other' ? p.nhsNumberNotKnownOther.trim() || 'Other' : optionLabel(nhsNumberNotKnownReasonOptions, p.nhsNumberNotKnownReason) || NOT_PROVIDED}`]
          : [NOT_PROVIDED],
      field: 'nhsNumber',
    },
  ];
  const postcode = checkPostcode(p.postcode);
  const postcodeText = postcode.ok ? (postcode.pseudo ? `${postcode.value} (${postcode.meaning ?? ''})` : postcode.value) : p.postcode.trim();
  const addressLines = [...(isBlank(p.address) ? [] : p.address.trim().split(/\r?\n/)), ...(postcodeText ? [postcodeText] : [])];
  rows.push({ key: patientQuestions.address.label, value: addressLines.length ? addressLines : [NOT_PROVIDED], field: 'address' });
  rows.push({ key: patientQuestions.gpPractice.label, value: p.gpNotRegistered ? [patientQuestions.gpNotRegistered.label] : line(p.gpPractice), field: 'gpPractice' });
  if (schoolQuestionApplies(ctx)) {
    rows.push({ key: patientQuestions.school.label, value: p.notInEducation ? [patientQuestions.notInEducation.label] : line(p.school), field: 'school' });
  }
  rows.push({
    key: 'Interpreter needed',
    value: p.interpreterNeeded === 'yes' ? [`Yes: ${p.interpreterLanguage.trim() || NOT_PROVIDED}`] : line(optionLabel(yesNoOptions, p.interpreterNeeded)),
    field: 'interpreterNeeded',
  });
  rows.push({
    key: patientQuestions.attendanceReason.label,
    value: [optionLabel(attendanceReasonOptions, p.attendanceReason) || NOT_PROVIDED, ...(isBlank(p.attendanceReasonDetail) ? [] : [p.attendanceReasonDetail.trim()])],
    field: 'attendanceReason',
  });
  if (ctx.injuryRelated) {
    const injuryAt = readInjuryAt(p);
    const time = parseTimeOfDay(p.injuryTime);
    rows.push({
      key: 'When the injury happened',
      value: p.injuryTimeNotKnown ? ['Not known'] : [injuryAt ? formatDateTime(injuryAt) : time ? `${dateText(p.injuryDate)} at ${time}` : NOT_PROVIDED],
      field: 'injuryDate.day',
    });
  }
  return rows;
}

function personLines(person: Person, child: boolean): string[] {
  const lines = [`${person.fullName.trim() || NOT_PROVIDED} (${relationshipLabel(person) || 'relationship not given'})`];
  if (!isBlank(person.phone)) lines.push(person.phone.trim());
  if (child) {
    const pr = person.hasParentalResponsibility;
    lines.push(
      pr === 'yes'
        ? `Has parental responsibility: ${prBasisLabel(person) || 'how not recorded'}`
        : pr === ''
          ? 'Parental responsibility: not answered'
          : `Parental responsibility: ${optionLabel(yesNoNotKnownOptions, pr)}`,
    );
  }
  return lines;
}

export function summarisePeople(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const d = answers.people;
  const child = ctx.pathway.child;
  const rows: SummaryRow[] = [{ key: peopleQuestions.accompaniedBy.label, value: line(optionLabel(accompaniedByOptions, d.accompaniedBy)), field: 'accompaniedBy' }];
  if (d.accompaniedBy === 'accompanied') {
    d.companions.forEach((companion, index) => {
      rows.push({ key: d.companions.length > 1 ? `Person with the patient (${index + 1})` : 'Person with the patient', value: personLines(companion, child), field: `companions.${index}.fullName` });
    });
    if (ctx.pathway.youngPerson) {
      rows.push({ key: 'Adult answered for the young person', value: line(optionLabel(yesNoOptions, d.companionAnswersForPatient)), field: 'companionAnswersForPatient' });
    }
  }
  const nok = d.nextOfKin;
  let nokLines: string[];
  switch (nok.answer) {
    case 'same-as-companion': {
      const companion = nextOfKinCompanion(d);
      nokLines = companion ? [`Same as the person with the patient: ${companion.fullName.trim()}`] : [NOT_PROVIDED];
      break;
    }
    case 'named':
      nokLines = personLines(nok.person, child);
      break;
    case 'declined':
      nokLines = [nextOfKinOptions.declined.label];
      break;
    case 'not-able':
      nokLines = [`${nextOfKinOptions.notAble.label}: ${nok.notAbleReason.trim() || NOT_PROVIDED}`];
      break;
    case 'none-named':
      nokLines = [nextOfKinOptions.noneNamed.label];
      break;
    case '':
      nokLines = [NOT_PROVIDED];
      break;
  }
  rows.push({ key: peopleQuestions.nextOfKin.label, value: nokLines, field: 'nextOfKin.answer' });
  if (child) {
    rows.push({
      key: peopleQuestions.otherParentalResponsibility.label,
      value: d.otherParentalResponsibility.length ? d.otherParentalResponsibility.flatMap((person) => personLines({ ...person, hasParentalResponsibility: 'yes' }, true)) : ['None recorded'],
      field: 'otherParentalResponsibility',
    });
    if (peopleWithParentalResponsibility(d).length === 0) {
      rows.push({ key: 'No one with parental responsibility named because', value: line(d.noParentalResponsibilityReason), field: 'noParentalResponsibilityReason' });
    }
    rows.push({ key: peopleQuestions.livesWith.label, value: line(d.livesWith), field: 'livesWith' });
    const household = d.household.filter((member) => !isEmptyHouseholdMember(member));
    rows.push({ key: peopleQuestions.household.label, value: household.length ? household.map(describeHouseholdMember) : ['None recorded'], field: 'household' });
  }
  if (ctx.pathway.youngPerson) {
    rows.push({
      key: 'Seen alone for part of the assessment',
      value: d.seenAlone === 'no' ? [`No: ${d.seenAloneReason.trim() || NOT_PROVIDED}`] : line(optionLabel(yesNoOptions, d.seenAlone)),
      field: 'seenAlone',
    });
  }
  return rows;
}

/** Who gave the carer's account, as a name and relationship. */
export function carerAccountGiver(answers: Answers): string {
  const a = answers.accounts;
  if (a.carerAccountGivenBy === SOMEONE_ELSE) return a.carerAccountGivenByOther.trim();
  const person = recordedPeople(answers.people).find((candidate) => candidate.id === a.carerAccountGivenBy);
  return person ? `${person.fullName} (${person.relationship})` : '';
}

export function summariseAccounts(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const a = answers.accounts;
  const rows: SummaryRow[] = [];
  if (ctx.pathway.child) {
    const giver = carerAccountGiver(answers);
    rows.push({ key: accountsQuestions.carerAccount.label, value: isBlank(a.carerAccount) ? [NOT_PROVIDED] : [a.carerAccount.trim(), ...(giver ? [`Given by ${giver}`] : [])], field: 'carerAccount' });
    rows.push({
      key: accountsQuestions.childAccount.label,
      value: a.childAccountNotGiven
        ? [
            `The child could not give an account: ${
              a.childAccountNotGivenReason === 'communication-need'
                ? `communication need – ${a.childAccountCommunicationNeed.trim() || NOT_PROVIDED}`
                : optionLabel(childAccountNotGivenReasonOptions, a.childAccountNotGivenReason).toLowerCase() || NOT_PROVIDED
            }`,
          ]
        : line(a.childAccount),
      field: a.childAccountNotGiven ? 'childAccountNotGivenReason' : 'childAccount',
    });
    if (consistencyApplies(ctx)) rows.push({ key: 'Explanation consistent with the injury, age and development', value: line(optionLabel(accountConsistentOptions, a.accountConsistent)), field: 'accountConsistent' });
  } else {
    rows.push({ key: accountsQuestions.adultAccount.label, value: line(a.adultAccount), field: 'adultAccount' });
  }
  if (delayApplies(ctx)) rows.push({ key: accountsQuestions.delay.label, value: line(optionLabel(yesNoOptions, a.delay)), field: 'delay' });
  return rows;
}
