/**
 * The letters of an attendance: which apply, what stands between each and issuing, and
 * composing one (the letter module, then the nurse's restricted-content choice).
 *
 * Which letters apply (PRODUCT.md section 5; research §2.1):
 * - the GP discharge letter, for every attendance;
 * - the health visitor (under 5) or school nurse (5–17) notification, for every under-18;
 * - the referral to children's social care (MASH) when a referral is made or planned, or
 *   the concern is Suspect (NICE CG89: suspect, refer; research §1.3);
 * - for each child Think Family found and the nurse chose to share, a health visitor (under 5
 *   and unborn) or school nurse (5–17) notification about that child (PRODUCT.md 4.7): its
 *   identity is attendance + kind + child (kinds.ts LetterIdentity).
 *
 * Readiness: a letter is issued from a signed record only, so what it says cannot change
 * under it (later changes are addenda, and a re-issue makes a new version). The GP letter
 * also needs the Discharge section (PRSB mandatory headings Diagnoses, Plan, Information and
 * advice; research §7.2) and the safeguarding team's number for "Contact for further
 * information".
 */
import { dischargeFieldNames } from '../assessment/discharge';
import { patientLetterFieldNames } from '../assessment/patient';
import type { Answers } from '../assessment/record';
import type { AssessmentContext } from '../assessment/context';
import { issuesBeforeGpLetter, sectionById } from '../rules/sections';
import { isBlank } from '../shared/text';
import type { LetterFacts, LetterInput } from './facts';
import { letterFacts } from './facts';
import { composeGpLetter } from './gp-letter';
import { composeMashReferral } from './mash-referral';
import type { LetterDocument, LetterKind, RestrictedCategory } from './model';
import { documentSlots, letterKindInSentence, letterKindLabels } from './model';
import { composeNurseNotification } from './nurse-notification';
import { alwaysCarriesRestricted, applyRestriction, restrictedCategoriesIn } from './restricted';
import { composeChildNotification } from './child-notification';
import { sameLetterIdentity } from './kinds';
import { childName, childNotificationKind, isEmptyChild } from '../screening/think-family';

export { letterKindLabels } from './model';

export interface ApplicableLetter {
  kind: LetterKind;
  /** Why this letter applies, in plain words. */
  why: string;
  /** A notification about one child of the patient (Think Family): the child's id and name. */
  childId?: string;
  childName?: string;
}

/** The letters for this attendance, in the order they are usually sent. */
export function applicableLetters(answers: Answers, ctx: AssessmentContext): ApplicableLetter[] {
  const letters: ApplicableLetter[] = [{ kind: 'gp', why: 'Every attendance: the GP must have it within 24 hours (NHS Standard Contract)' }];
  if (ctx.pathway.child) {
    const kind: LetterKind = ctx.pathway.underFive ? 'health-visitor' : 'school-nurse';
    const asked = answers.outcome.notify === 'yes';
    letters.push({ kind, why: asked ? 'Every child’s attendance, and you chose to inform them in the outcome' : 'Every child’s attendance is shared with the health visitor or school nurse' });
    const o = answers.outcome;
    if (o.referral === 'made' || o.referral === 'next-working-day' || o.concernLevel === 'suspect') {
      letters.push({ kind: 'mash-referral', why: o.referral === 'made' ? 'A referral was made by phone: this is the written referral' : o.referral === 'next-working-day' ? 'A referral is to be made next working day' : 'The concern is Suspect: refer to children’s social care' });
    }
  }
  // Each child Think Family found and the nurse chose to share: one notification each (issue 10).
  const at = ctx.arrivedAt ?? ctx.now;
  answers.thinkFamily.children.forEach((child, index) => {
    if (isEmptyChild(child) || child.share !== 'yes' || child.id === '') return;
    const kind = childNotificationKind(child, at);
    if (!kind) return;
    letters.push({ kind, why: 'Think Family: you chose to inform this child’s health visitor or school nurse', childId: child.id, childName: childName(child, index) });
  });
  return letters;
}

/** The letter before the restricted-content choice is applied (every restricted block still in). */
export function composeFullLetter(kind: LetterKind, facts: LetterFacts): LetterDocument {
  if (facts.childId && (kind === 'health-visitor' || kind === 'school-nurse')) return composeChildNotification(facts, facts.childId);
  switch (kind) {
    case 'gp':
      return composeGpLetter(facts);
    case 'health-visitor':
    case 'school-nurse':
      return composeNurseNotification(facts);
    case 'mash-referral':
      return composeMashReferral(facts);
  }
}

/**
 * Composes a letter: record, settings, time and the nurse's choices in; the document out,
 * with restricted content left out or kept as chosen. Pure and deterministic.
 */
export function composeLetter(kind: LetterKind, input: LetterInput): LetterDocument {
  const facts = letterFacts(input);
  return withoutEmptyOptionalSlots(applyRestriction(composeFullLetter(kind, facts), input.choices.restricted, input.settings.contacts.safeguardingTeam));
}

/**
 * An optional place for the nurse's text left empty is left out of the letter: no "Not
 * completed" for the reader to puzzle over. A required one stays (readiness stops the
 * letter being issued without it). The full letter keeps every slot, for the form.
 */
export function withoutEmptyOptionalSlots(document: LetterDocument): LetterDocument {
  return {
    ...document,
    sections: document.sections.map((entry) => ({ ...entry, blocks: entry.blocks.filter((block) => block.type !== 'slot' || block.required || !isBlank(block.text)) })),
  };
}

/** The restricted categories this letter would carry, before the choice is applied. */
export function restrictedContentOf(kind: LetterKind, input: LetterInput): RestrictedCategory[] {
  return restrictedCategoriesIn(composeFullLetter(kind, letterFacts(input)));
}

export type ReadinessFix =
  | { to: 'sign' }
  | { to: 'section'; slug: string; field: string }
  | { to: 'settings' }
  | { to: 'slot'; slotId: string }
  | { to: 'restricted-reason' };

export interface ReadinessProblem {
  /** What is missing, as the Issue button names it. */
  message: string;
  fix: ReadinessFix;
}

function joinNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1] ?? ''}`;
}

/** What stands between this letter and issuing it, in the order to fix it. Empty: ready. */
export function letterReadiness(kind: LetterKind, input: LetterInput): ReadinessProblem[] {
  const facts = letterFacts(input);
  const problems: ReadinessProblem[] = [];
  if (input.record.status !== 'signed') problems.push({ message: 'Sign the assessment first', fix: { to: 'sign' } });
  if (!applicableLetters(facts.answers, facts.ctx).some((letter) => sameLetterIdentity(letter, { kind, childId: input.childId }))) {
    problems.push({ message: `The ${letterKindInSentence(kind)} does not apply to this attendance`, fix: { to: 'sign' } });
    return problems;
  }
  // The address, postcode, GP practice and school are not needed to sign, but the GP letter
  // and the MASH referral cannot go without them (patient.ts validatePatient, issue 8).
  if (kind === 'gp' || kind === 'mash-referral') {
    for (const { section, issues } of issuesBeforeGpLetter(facts.answers, facts.ctx)) {
      const first = issues[0];
      if (!first) continue;
      problems.push({
        message: `Add the patient's ${joinNames(issues.map((issue) => patientLetterFieldNames[issue.field] ?? issue.field))}`,
        fix: { to: 'section', slug: section.slug, field: first.field },
      });
    }
  }
  if (kind === 'gp') {
    const discharge = sectionById('discharge');
    const issues = discharge.validate(facts.answers, facts.ctx);
    const first = issues[0];
    if (first) {
      problems.push({
        message: `Complete the discharge section: ${joinNames(issues.map((issue) => dischargeFieldNames[issue.field] ?? issue.field))}`,
        fix: { to: 'section', slug: discharge.slug, field: first.field },
      });
    }
  }
  if (isBlank(input.settings.contacts.safeguardingTeam)) {
    problems.push({ message: "Add the hospital safeguarding team's phone number in settings (ask the nurse in charge)", fix: { to: 'settings' } });
  }
  const full = composeFullLetter(kind, facts);
  if (!alwaysCarriesRestricted(kind) && input.choices.restricted.include && restrictedCategoriesIn(full).length > 0 && isBlank(input.choices.restricted.reason)) {
    problems.push({ message: 'Enter the reason for including restricted safeguarding information', fix: { to: 'restricted-reason' } });
  }
  for (const entry of documentSlots(full)) {
    if (entry.required && isBlank(entry.text)) problems.push({ message: `Complete “${entry.label}”`, fix: { to: 'slot', slotId: entry.slotId } });
  }
  return problems;
}

/** A letter's name on screen: "Notification to the school nurse about Amy Smith" for a child's notification. */
export function letterIdentityLabel(answers: Answers, identity: { kind: LetterKind; childId?: string | undefined }): string {
  const label = letterKindLabels[identity.kind];
  if (!identity.childId) return label;
  const index = answers.thinkFamily.children.findIndex((child) => child.id === identity.childId);
  const child = answers.thinkFamily.children[index];
  return child ? `${label} about ${childName(child, index)}` : `${label} about a child of the patient`;
}
