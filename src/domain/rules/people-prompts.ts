/**
 * Prompts raised by section 4.2 answers (PRODUCT.md 4.2), and the suggestions those answers
 * carry into the child sexual exploitation screen (4.6).
 *
 * One prompt only: no one with parental responsibility named for a child under 16. A
 * 16–17-year-old is presumed able to consent to their own treatment (research §5.1), so
 * naming no one with parental responsibility is recorded (people.ts asks why) but is not an
 * escalation. A child under 16 who came alone, or an adult who answered for the young person,
 * is a suggestion for the CSE screen, never an alert of its own: an alert on every
 * unaccompanied teenager's sprain would teach nurses to dismiss alerts (PRODUCT.md 4.2).
 */
import type { AssessmentContext } from '../assessment/context';
import type { PeopleDraft } from '../assessment/people';
import { peopleWithParentalResponsibility } from '../assessment/people';
import type { LocalContacts } from '../settings/device-settings';
import { contactPhrase } from './prompt';
import type { Prompt } from './prompt';

/**
 * Whether the "no one with parental responsibility" escalation applies: a child under 16
 * whose next of kin is answered and who has no one recorded with parental responsibility.
 * Age not known counts as not under 16 until the age is entered (the pathway decides nothing
 * before that).
 */
export function noParentalResponsibilityEscalation(draft: PeopleDraft, ctx: AssessmentContext): boolean {
  return ctx.pathway.underSixteen && draft.nextOfKin.answer !== '' && peopleWithParentalResponsibility(draft).length === 0;
}

export function peoplePrompts(draft: PeopleDraft, ctx: AssessmentContext, contacts: LocalContacts | undefined): Prompt[] {
  if (!noParentalResponsibilityEscalation(draft, ctx)) return [];
  return [
    {
      id: 'no-parental-responsibility',
      kind: 'escalate',
      title: 'No one with parental responsibility has been named',
      body: `Tell the nurse in charge and the ${contactPhrase(contacts, 'safeguardingTeam')} now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.`,
      source: 'PRODUCT.md 4.2; research §8.4 (parental responsibility) and §5.1 (16–17-year-olds consent for themselves)',
    },
  ];
}

/** Why a 4.2 answer is offered to the CSE screen as a possible indicator (research §3.2). */
export type CseSuggestionSource = 'came-alone-under-16' | 'adult-answered-for-young-person';

export const cseSuggestionSourceLabels: Record<CseSuggestionSource, string> = {
  'came-alone-under-16': 'Came alone, under 16',
  'adult-answered-for-young-person': 'An adult answered for the young person',
};

/**
 * The 4.2 answers the CSE screen (PRODUCT.md 4.6) shows as suggestions, in a fixed order.
 * The nurse decides in the screen whether they are indicators; nothing here alerts.
 * Under 16 came alone; an adult with an 11–17-year-old answered for them (research §3.2,
 * "accompanied by an unrelated adult who answers for them").
 */
export function cseSuggestionSources(draft: PeopleDraft, ctx: AssessmentContext): CseSuggestionSource[] {
  const sources: CseSuggestionSource[] = [];
  if (ctx.pathway.underSixteen && draft.accompaniedBy === 'alone') sources.push('came-alone-under-16');
  if (ctx.pathway.youngPerson && draft.accompaniedBy === 'accompanied' && draft.companionAnswersForPatient === 'yes') {
    sources.push('adult-answered-for-young-person');
  }
  return sources;
}
