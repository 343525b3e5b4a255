/**
 * The Fraser / Gillick record in the letters (PRODUCT.md 4.6 and section 5; research §5.3,
 * §7.4 item 2 "Fraser outcome (subject to confidentiality)").
 *
 * Every detail is restricted ('fraser'): the outcome, the criteria not met with their reasons,
 * whether a parent was encouraged to be involved, the partner's age and any power imbalance,
 * the young person's view on sharing with their GP and parents, and the reason a safeguarding
 * concern overrode their wish. Shared: when a competent young person's wish not to tell their
 * GP is honoured (consent-to-share.ts), one sentence saying so, so the GP knows why the
 * attendance's details are held elsewhere; and when they do not want their parents told, a
 * request to the GP and to the school nurse to keep the attendance confidential from them
 * (a parent may read these letters: research §7.4 "Confidentiality").
 */
import { optionLabel } from '../assessment/fields';
import { yesNoNotKnownOptions } from '../assessment/options';
import { isBlank } from '../shared/text';
import { readPartnerAge } from '../screening/cse';
import { criterionOptions, fraserAvailability, fraserCriteria, fraserQuestions, fraserRecordStarted, fraserResult, parentInvolvementOptions, sharingViewOptions } from '../screening/fraser';
import type { FraserDraft } from '../screening/fraser';
import { gpSharingDecisionFor } from './consent-to-share';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterBlock, LetterRow } from './model';
import { paragraph, row, rows } from './model';
import { SCREEN_NOT_RECORDED } from './screening-contribution-helpers';

export const FRASER_KEY = 'Fraser guidelines';

/** Said when a competent young person's wish not to tell their GP is honoured. */
export const GP_SHARING_DECLINED_TEXT =
  'The young person, assessed as competent, asked that the details of this attendance are not shared with their GP. Their wish is respected: the details are held by the hospital safeguarding team.';

/** Asked of the GP and the school nurse when a competent young person does not want their parents told. */
export const PARENTS_NOT_TOLD_REQUEST =
  'The young person, assessed as competent, does not want their parents told about this attendance. Please keep it confidential from them unless a safeguarding concern requires otherwise.';

const withReason = (label: string, reason: string): string[] => (isBlank(reason) ? [label] : [label, reason.trim()]);

function outcomeLine(facts: LetterFacts): string {
  const result = fraserResult(facts.answers.fraser, facts.ctx);
  switch (result.state) {
    case 'competent':
      return 'All five criteria met: Fraser competent';
    case 'not-competent':
      return `Not Fraser competent: ${String(result.notMet.length)} of the five criteria not met. A senior or safeguarding discussion is needed`;
    case 'incomplete':
      return 'Not completed';
    case 'under-13':
    case 'not-applicable':
      return fraserQuestions.under13;
  }
}

function detailRows(draft: FraserDraft, facts: LetterFacts): LetterRow[] {
  const out: LetterRow[] = [row(FRASER_KEY, outcomeLine(facts))];
  for (const criterion of fraserCriteria) {
    const answer = draft.criteria[criterion.id];
    if (answer.answer === 'not-met') out.push(row(criterion.label, ...withReason(optionLabel(criterionOptions, answer.answer), answer.reason)));
  }
  if (draft.parentInvolvement !== '') {
    out.push(row(fraserQuestions.parentInvolvement.label, ...withReason(optionLabel(parentInvolvementOptions, draft.parentInvolvement), draft.parentInvolvement === 'not-appropriate' ? draft.parentInvolvementReason : '')));
  }
  if (draft.partnerAgeNotKnown) out.push(row(fraserQuestions.partnerAge.label, fraserQuestions.partnerAge.notKnown));
  else if (!isBlank(draft.partnerAge)) out.push(row(fraserQuestions.partnerAge.label, String(readPartnerAge(draft.partnerAge) ?? draft.partnerAge.trim())));
  if (draft.powerImbalance !== '') {
    out.push(row(fraserQuestions.powerImbalance.label, ...withReason(optionLabel(yesNoNotKnownOptions, draft.powerImbalance), draft.powerImbalance === 'yes' ? draft.powerImbalanceDetails : '')));
  }
  if (draft.gpSharing !== '') out.push(row(fraserQuestions.gpSharing.label, ...withReason(optionLabel(sharingViewOptions, draft.gpSharing), draft.gpSharing === 'not-asked' ? draft.gpSharingNotAskedReason : '')));
  const decision = gpSharingDecisionFor(facts.answers, facts.ctx);
  if (decision.basis === 'safeguarding-override') out.push(row('Shared with the GP because of a safeguarding concern', isBlank(draft.gpSharingOverrideReason) ? 'Reason not recorded' : draft.gpSharingOverrideReason.trim()));
  if (draft.parentSharing !== '') {
    out.push(row(fraserQuestions.parentSharing.label, ...withReason(optionLabel(sharingViewOptions, draft.parentSharing), draft.parentSharing === 'not-asked' ? draft.parentSharingNotAskedReason : '')));
  }
  return out;
}

export function fraserContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  const availability = fraserAvailability(facts.ctx);
  if (!facts.ctx.pathway.child || availability === 'not-applicable') return undefined;
  // Under 13 there is no Fraser record: the line is about the sexual-health attendance itself.
  if (availability === 'under-13-not-available') return { blocks: [rows([row(FRASER_KEY, fraserQuestions.under13)], 'sexual-health')], gpRequests: [], nurseRequests: [] };
  const draft = facts.answers.fraser;
  if (!fraserRecordStarted(draft) && draft.parentInvolvement === '' && draft.gpSharing === '' && draft.parentSharing === '') {
    return { blocks: [rows([row(FRASER_KEY, SCREEN_NOT_RECORDED)])], gpRequests: [], nurseRequests: [] };
  }
  const blocks: LetterBlock[] = [];
  if (gpSharingDecisionFor(facts.answers, facts.ctx).basis === 'young-person-declined') blocks.push(paragraph(GP_SHARING_DECLINED_TEXT));
  blocks.push(rows(detailRows(draft, facts), 'fraser'));
  const parentsNotTold = fraserResult(draft, facts.ctx).state === 'competent' && draft.parentSharing === 'declines';
  return { blocks, gpRequests: parentsNotTold ? [PARENTS_NOT_TOLD_REQUEST] : [], nurseRequests: parentsNotTold ? [PARENTS_NOT_TOLD_REQUEST] : [] };
}

export const fraserContributor: SafeguardingContributor = { id: 'fraser', contribute: fraserContribution };
