/**
 * Section 4.2 "Next of kin and who came with the patient" (everyone).
 *
 * CQC found next of kin missing or wrong in most child records and the accompanying adult
 * not identified (CQC recommendation 1.1). This section cannot be completed without both:
 * each is answered, or explicitly explained. Relationship, next of kin and parental
 * responsibility are separate facts (research §8.3–8.4): a parent may not be next of kin,
 * and a person with the child may not have parental responsibility.
 */
import * as z from 'zod/mini';
import { isValidPhone } from '../shared/phone';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, listField, optionLabel, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { parentalResponsibilityBasisOptions, relationshipOptions } from './options';
import { checkLength } from './validation-helpers';

const relationshipCodes = relationshipOptions.map((option) => option.value) as [string, ...string[]];
const prBasisValues = parentalResponsibilityBasisOptions.map((option) => option.value) as [string, ...string[]];

export const personSchema = z.object({
  /** Stable id so other answers (who gave the carer's account) can point at this person. */
  id: textField(),
  fullName: textField(),
  relationship: choiceField(relationshipCodes),
  relationshipOther: textField(),
  phone: textField(),
  hasParentalResponsibility: choiceField(['yes', 'no', 'not-known']),
  parentalResponsibilityBasis: choiceField(prBasisValues),
  parentalResponsibilityBasisOther: textField(),
});

export type Person = z.infer<typeof personSchema>;

/**
 * Someone else in the child's household (PRODUCT.md 4.2 `household`): siblings and other
 * adults, so the MASH referral can name them (CQC finding 3.3). Relationship is free text
 * ("Brother", "Mother's partner"): it is the relationship to the child, often outside the
 * NHS next-of-kin list.
 */
export const householdMemberSchema = z.object({
  id: textField(),
  fullName: textField(),
  /** Date of birth or age, as the family gave it ("4 May 2021", "about 40"). */
  dateOfBirthOrAge: textField(),
  relationship: textField(),
});

export type HouseholdMember = z.infer<typeof householdMemberSchema>;

export const emptyHouseholdMember = (id: string): HouseholdMember => ({ ...householdMemberSchema.parse({}), id });

/** A household entry with nothing typed in it (an "Add" pressed and left): ignored. */
export const isEmptyHouseholdMember = (member: HouseholdMember): boolean =>
  isBlank(member.fullName) && isBlank(member.dateOfBirthOrAge) && isBlank(member.relationship);

/** "Kofi Okafor (Brother), 4 years", for check answers and letters. */
export function describeHouseholdMember(member: HouseholdMember): string {
  const name = member.fullName.trim() || 'Name not given';
  const relationship = isBlank(member.relationship) ? '' : ` (${member.relationship.trim()})`;
  const age = isBlank(member.dateOfBirthOrAge) ? '' : `, ${member.dateOfBirthOrAge.trim()}`;
  return `${name}${relationship}${age}`;
}

export const emptyPerson = (id: string): Person => ({ ...personSchema.parse({}), id });

export const accompaniedByOptions = [
  { value: 'alone', label: 'Nobody, the patient came alone' },
  { value: 'accompanied', label: 'Someone came with the patient' },
] as const satisfies readonly AnswerOption[];

/** Next of kin answers; which are offered depends on age (an under-18 cannot simply decline). */
export const nextOfKinOptions = {
  sameAsCompanion: { value: 'same-as-companion', label: 'Same as the person with the patient' },
  named: { value: 'named', label: 'Someone else' },
  declined: { value: 'declined', label: 'Patient declined to give next of kin' },
  notAble: { value: 'not-able', label: 'Not able to ask' },
  noneNamed: { value: 'none-named', label: 'No next of kin can be named' },
} as const satisfies Record<string, AnswerOption>;

export const peopleDraftSchema = z.object({
  accompaniedBy: choiceField(['alone', 'accompanied']),
  companions: listField(personSchema),
  companionAnswersForPatient: choiceField(['yes', 'no']),
  nextOfKin: z.catch(
    z.object({
      answer: choiceField(['same-as-companion', 'named', 'declined', 'not-able', 'none-named']),
      sameAsCompanionId: textField(),
      person: z.catch(personSchema, () => personSchema.parse({})),
      notAbleReason: textField(),
    }),
    () => ({ answer: '' as const, sameAsCompanionId: '', person: personSchema.parse({}), notAbleReason: '' }),
  ),
  otherParentalResponsibility: listField(personSchema),
  noParentalResponsibilityReason: textField(),
  livesWith: textField(),
  /** Optional, repeatable (under 18). */
  household: listField(householdMemberSchema),
  seenAlone: choiceField(['yes', 'no']),
  seenAloneReason: textField(),
});

export type PeopleDraft = z.infer<typeof peopleDraftSchema>;

export const emptyPeopleDraft = (): PeopleDraft => peopleDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.2). */
export const peopleQuestions = {
  accompaniedBy: { label: 'Who has come with the patient today?' },
  companion: {
    legend: 'Person with the patient',
    fullName: 'Full name',
    relationship: 'Relationship to the patient',
    relationshipOther: 'Describe the relationship',
    phone: 'Phone number',
    add: 'Add another person',
    remove: 'Remove this person',
  },
  hasParentalResponsibility: {
    label: 'Does this person have parental responsibility?',
    hint: 'Living with the mother, or being a foster carer, does not by itself give parental responsibility',
  },
  parentalResponsibilityBasis: {
    label: 'How do they have parental responsibility?',
    otherLabel: 'Describe how',
    motherHint: 'Filled in as Birth mother when the relationship is Mother: change it for an adoptive mother',
  },
  companionAnswersForPatient: {
    label: 'Did the adult with the young person answer questions for them?',
    hint: 'An adult who answers for a young person is an indicator of child sexual exploitation risk',
  },
  nextOfKin: {
    label: 'Next of kin',
    hint: 'With one person with the patient, this starts as that person: ask, and change it if the next of kin is someone else',
    whichCompanion: 'Which person with the patient is the next of kin?',
    notAbleReason: 'Why is it not possible to ask?',
  },
  otherParentalResponsibility: {
    label: 'Other people with parental responsibility',
    hint: 'For example, a parent who is not here today',
    add: 'Add a person with parental responsibility',
    remove: 'Remove this person',
    legend: 'Person with parental responsibility',
  },
  noParentalResponsibilityReason: { label: 'Why can no one with parental responsibility be named?' },
  livesWith: { label: 'Who does the child live with?' },
  household: {
    label: "Who else lives in the child's household?",
    hint: 'Brothers, sisters and other adults. The referral to children’s social care names them',
    legend: 'Person in the household',
    fullName: 'Full name',
    dateOfBirthOrAge: 'Date of birth or age',
    relationship: 'Relationship to the child',
    relationshipHint: 'For example, brother, or mother’s partner',
    add: 'Add a person in the household',
    remove: 'Remove this person',
  },
  seenAlone: {
    label: 'Was the young person seen alone for part of the assessment?',
    hint: 'Seeing a young person alone gives them the chance to say what is happening to them',
    reasonLabel: 'Why not?',
  },
} as const;

/** The people recorded in this section, for pickers elsewhere ("who gave this account"). */
export interface RecordedPerson {
  id: string;
  fullName: string;
  relationship: string;
  role: 'companion' | 'next-of-kin' | 'parental-responsibility';
}

export function relationshipLabel(person: Pick<Person, 'relationship' | 'relationshipOther'>): string {
  if (person.relationship === '99') return person.relationshipOther.trim() || 'Other';
  return optionLabel(relationshipOptions, person.relationship);
}

export function prBasisLabel(person: Pick<Person, 'parentalResponsibilityBasis' | 'parentalResponsibilityBasisOther'>): string {
  if (person.parentalResponsibilityBasis === 'other') return person.parentalResponsibilityBasisOther.trim() || 'Other';
  return optionLabel(parentalResponsibilityBasisOptions, person.parentalResponsibilityBasis);
}

export function recordedPeople(draft: PeopleDraft): RecordedPerson[] {
  const people: RecordedPerson[] = [];
  if (draft.accompaniedBy === 'accompanied') {
    for (const companion of draft.companions) {
      if (!isBlank(companion.fullName)) people.push({ id: companion.id, fullName: companion.fullName.trim(), relationship: relationshipLabel(companion), role: 'companion' });
    }
  }
  if (draft.nextOfKin.answer === 'named' && !isBlank(draft.nextOfKin.person.fullName)) {
    const person = draft.nextOfKin.person;
    people.push({ id: person.id, fullName: person.fullName.trim(), relationship: relationshipLabel(person), role: 'next-of-kin' });
  }
  for (const person of draft.otherParentalResponsibility) {
    if (!isBlank(person.fullName)) people.push({ id: person.id, fullName: person.fullName.trim(), relationship: relationshipLabel(person), role: 'parental-responsibility' });
  }
  return people;
}

/** The companion the next of kin points at, when "Same as the person with the patient". */
export function nextOfKinCompanion(draft: PeopleDraft): Person | undefined {
  if (draft.nextOfKin.answer !== 'same-as-companion' || draft.accompaniedBy !== 'accompanied') return undefined;
  const companions = draft.companions;
  // With one companion the form does not ask which one, so any stored choice (even one left
  // over from a removed companion) means that person.
  if (companions.length === 1) return companions[0];
  return companions.find((companion) => companion.id === draft.nextOfKin.sameAsCompanionId);
}

/** The next of kin as a person, whichever way it was recorded. */
export function nextOfKinPerson(draft: PeopleDraft): Person | undefined {
  if (draft.nextOfKin.answer === 'named') return draft.nextOfKin.person;
  return nextOfKinCompanion(draft);
}

/** Everyone recorded as having parental responsibility ("yes"). */
export function peopleWithParentalResponsibility(draft: PeopleDraft): Person[] {
  const candidates: Person[] = [];
  if (draft.accompaniedBy === 'accompanied') candidates.push(...draft.companions);
  if (draft.nextOfKin.answer === 'named') candidates.push(draft.nextOfKin.person);
  candidates.push(...draft.otherParentalResponsibility.map((person) => ({ ...person, hasParentalResponsibility: 'yes' as const })));
  return candidates.filter((person) => person.hasParentalResponsibility === 'yes' && !isBlank(person.fullName));
}

/** NHS PersonRelationshipType "Mother" (options.ts). A step-mother or foster mother has her own code. */
const MOTHER = '12';

/** An answer the app fills in on the people page from answers already given; the nurse sees it and can change it. */
export interface Prefill {
  /** Form path in the section draft, for example "companions.0.hasParentalResponsibility". */
  field: string;
  value: string;
}

/**
 * What the people page pre-fills, so the shortest path asks only what the record does not
 * already say (issue 8, "shorter shortest path"); each is applied only to an empty answer.
 * - A child's mother has parental responsibility: the birth mother always (research §8.4),
 *   so "Yes" and "Birth mother" are filled in; the hint says to change the basis for an
 *   adoptive mother.
 * - With exactly one person with the patient, next of kin starts as "Same as the person with
 *   the patient" (PRODUCT.md 4.2 names the shortcut); the answer is on screen to confirm.
 */
export function peoplePrefills(draft: PeopleDraft, ctx: AssessmentContext): Prefill[] {
  const prefills: Prefill[] = [];
  if (draft.accompaniedBy !== 'accompanied') return prefills;
  if (ctx.pathway.child) {
    draft.companions.forEach((person, index) => {
      if (person.relationship !== MOTHER) return;
      prefills.push({ field: `companions.${index}.hasParentalResponsibility`, value: 'yes' });
      prefills.push({ field: `companions.${index}.parentalResponsibilityBasis`, value: 'birth-mother' });
    });
  }
  if (draft.companions.length === 1) prefills.push({ field: 'nextOfKin.answer', value: nextOfKinOptions.sameAsCompanion.value });
  return prefills;
}

/**
 * "Why can no one with parental responsibility be named?" is asked for every child once next
 * of kin is answered and no one with parental responsibility is recorded; the escalation
 * prompt itself is for under-16s only (rules/people-prompts.ts).
 */
export const noParentalResponsibilityReasonApplies = (draft: PeopleDraft, ctx: AssessmentContext): boolean =>
  ctx.pathway.child && draft.nextOfKin.answer !== '' && peopleWithParentalResponsibility(draft).length === 0;

/** Next of kin answers offered at this age. */
export function nextOfKinAnswers(ctx: AssessmentContext, accompanied: boolean): AnswerOption[] {
  const options: AnswerOption[] = [];
  if (accompanied) options.push(nextOfKinOptions.sameAsCompanion);
  options.push(nextOfKinOptions.named);
  if (ctx.pathway.child) options.push(nextOfKinOptions.noneNamed);
  else options.push(nextOfKinOptions.declined, nextOfKinOptions.notAble);
  return options;
}

function validatePerson(issues: IssueList, path: string, person: Person, who: string, opts: { child: boolean; phoneRequired: boolean; prAlwaysYes?: boolean }): void {
  if (isBlank(person.fullName)) issues.add(`${path}.fullName`, `Enter the full name of ${who}`);
  checkLength(issues, `${path}.fullName`, person.fullName, MAX_SHORT_TEXT, 'Full name');
  if (person.relationship === '') issues.add(`${path}.relationship`, `Select the relationship of ${who} to the patient`);
  else if (person.relationship === '99' && isBlank(person.relationshipOther)) issues.add(`${path}.relationshipOther`, `Describe the relationship of ${who} to the patient`);
  if (isBlank(person.phone)) {
    if (opts.phoneRequired) issues.add(`${path}.phone`, `Enter a phone number for ${who}`);
  } else if (!isValidPhone(person.phone)) {
    issues.add(`${path}.phone`, `Enter a phone number for ${who} like 07700 900 982 or +44 115 496 0000`);
  }
  if (!opts.child) return;
  if (!opts.prAlwaysYes && person.hasParentalResponsibility === '') {
    issues.add(`${path}.hasParentalResponsibility`, `Select whether ${who} has parental responsibility`);
  }
  if (opts.prAlwaysYes || person.hasParentalResponsibility === 'yes') {
    if (person.parentalResponsibilityBasis === '') issues.add(`${path}.parentalResponsibilityBasis`, `Select how ${who} has parental responsibility`);
    else if (person.parentalResponsibilityBasis === 'other' && isBlank(person.parentalResponsibilityBasisOther)) {
      issues.add(`${path}.parentalResponsibilityBasisOther`, `Describe how ${who} has parental responsibility`);
    }
  }
}

export function validatePeople(draft: PeopleDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  const child = ctx.pathway.child;
  const accompanied = draft.accompaniedBy === 'accompanied';

  if (draft.accompaniedBy === '') issues.add('accompaniedBy', 'Select who has come with the patient today');
  if (accompanied) {
    if (draft.companions.length === 0) issues.add('companions.0.fullName', 'Enter the full name of the person with the patient');
    draft.companions.forEach((companion, index) => {
      validatePerson(issues, `companions.${index}`, companion, 'the person with the patient', { child, phoneRequired: true });
    });
    if (ctx.pathway.youngPerson && draft.companionAnswersForPatient === '') {
      issues.add('companionAnswersForPatient', 'Select whether the adult answered questions for the young person');
    }
  }

  const nok = draft.nextOfKin;
  const allowed = nextOfKinAnswers(ctx, accompanied).map((option) => option.value);
  if (nok.answer === '' || !allowed.includes(nok.answer)) {
    issues.add('nextOfKin.answer', child ? 'Select the next of kin, or say that none can be named' : 'Select the next of kin, or say why they cannot be given');
  } else if (nok.answer === 'same-as-companion') {
    if (!nextOfKinCompanion(draft)) issues.add('nextOfKin.sameAsCompanionId', 'Select which person with the patient is the next of kin');
  } else if (nok.answer === 'named') {
    validatePerson(issues, 'nextOfKin.person', nok.person, 'the next of kin', { child, phoneRequired: true });
  } else if (nok.answer === 'not-able' && isBlank(nok.notAbleReason)) {
    issues.add('nextOfKin.notAbleReason', 'Enter why it is not possible to ask for the next of kin');
  }

  if (child) {
    draft.otherParentalResponsibility.forEach((person, index) => {
      validatePerson(issues, `otherParentalResponsibility.${index}`, person, 'the person with parental responsibility', { child, phoneRequired: false, prAlwaysYes: true });
    });
    // Asked once next of kin is answered, as the escalation prompt is (PRODUCT.md 4.2).
    if (noParentalResponsibilityReasonApplies(draft, ctx) && isBlank(draft.noParentalResponsibilityReason)) {
      issues.add('noParentalResponsibilityReason', 'Enter why no one with parental responsibility can be named');
    }
    if (isBlank(draft.livesWith)) issues.add('livesWith', 'Enter who the child lives with');
    checkLength(issues, 'livesWith', draft.livesWith, MAX_FREE_TEXT, 'Who the child lives with');
    draft.household.forEach((member, index) => {
      if (isEmptyHouseholdMember(member)) return;
      if (isBlank(member.fullName)) issues.add(`household.${index}.fullName`, 'Enter the name of the person in the household, or remove them');
      checkLength(issues, `household.${index}.fullName`, member.fullName, MAX_SHORT_TEXT, 'Full name');
      checkLength(issues, `household.${index}.dateOfBirthOrAge`, member.dateOfBirthOrAge, MAX_SHORT_TEXT, 'Date of birth or age');
      checkLength(issues, `household.${index}.relationship`, member.relationship, MAX_SHORT_TEXT, 'Relationship to the child');
    });
  }

  if (ctx.pathway.youngPerson) {
    if (draft.seenAlone === '') issues.add('seenAlone', 'Select whether the young person was seen alone for part of the assessment');
    else if (draft.seenAlone === 'no' && isBlank(draft.seenAloneReason)) issues.add('seenAloneReason', 'Enter why the young person was not seen alone');
  }

  return issues.items;
}
