/**
 * Prompts raised by section 4.2 answers (PRODUCT.md 4.2): no one with parental
 * responsibility, a child under 16 who came alone, an adult answering for a young person.
 */
import type { AssessmentContext } from '../assessment/context';
import type { PeopleDraft } from '../assessment/people';
import { peopleWithParentalResponsibility } from '../assessment/people';
import type { LocalContacts } from '../settings/device-settings';
import { contactPhrase } from './prompt';
import type { Prompt } from './prompt';

export function peoplePrompts(draft: PeopleDraft, ctx: AssessmentContext, contacts: LocalContacts | undefined): Prompt[] {
  const prompts: Prompt[] = [];
  const nokAnswered = draft.nextOfKin.answer !== '';
  if (ctx.pathway.child && nokAnswered && peopleWithParentalResponsibility(draft).length === 0) {
    prompts.push({
      id: 'no-parental-responsibility',
      kind: 'escalate',
      title: 'No one with parental responsibility has been named',
      body: `Tell the nurse in charge and the ${contactPhrase(contacts, 'safeguardingTeam')} now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.`,
      source: 'PRODUCT.md 4.2; research §8.4 (parental responsibility)',
    });
  }
  if (ctx.pathway.underSixteen && draft.accompaniedBy === 'alone') {
    prompts.push({
      id: 'under-16-alone',
      kind: 'escalate',
      title: 'A child under 16 has come alone',
      body: `Coming alone is an indicator of child sexual exploitation risk. Ask who knows they are here and who they will go home to, and discuss with the ${contactPhrase(contacts, 'safeguardingTeam')}.`,
      source: 'PRODUCT.md 4.2 and 4.6; research §3.2',
    });
  }
  if (ctx.pathway.youngPerson && draft.accompaniedBy === 'accompanied' && draft.companionAnswersForPatient === 'yes') {
    prompts.push({
      id: 'adult-answers-for-young-person',
      kind: 'escalate',
      title: 'An adult answered for the young person',
      body: 'An adult who answers for a young person is an indicator of child sexual exploitation risk. Find a way to see the young person alone for part of the assessment.',
      source: 'PRODUCT.md 4.2; research §3.2 (other risk indicators)',
    });
  }
  return prompts;
}
