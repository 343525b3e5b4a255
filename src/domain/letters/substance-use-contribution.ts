/**
 * The substance use screen (CRAFFT 2.1 structure) in the letters (PRODUCT.md 4.6; research
 * §4.1; research §7.4 item 2 "CRAFFT score").
 *
 * The restriction decision (screening/crafft.ts CRAFFT_LETTER_RESTRICTION;
 * docs/clinical-safety/restricted-content.md): the GP, health visitor or school nurse are told
 * whether the screen was asked, the score and whether it is positive, whether brief advice was
 * given and whether the young person was referred to the young people's substance misuse
 * service, and the GP is asked to follow a positive screen up. The young person's answers
 * (days of use per substance, which questions were "yes", and the reasons advice or a referral
 * were not given) are restricted, category 'substance-use': they were given privately with
 * confidentiality explained, and a parent may read the GP letter. A screen with no use and no
 * "yes" has no answers to restrict. The MASH referral carries everything.
 */
import { optionLabel } from '../assessment/fields';
import { isBlank } from '../shared/text';
import {
  briefAdviceOptions,
  CRAFFT_LETTER_RESTRICTION,
  crafftApplies,
  crafftNotAskedOptions,
  crafftPartA,
  crafftPartBIds,
  crafftResult,
  substanceServiceReferralOptions,
} from '../screening/crafft';
import { crafftResultSentence, PART_B_NAMES } from '../screening/cse-crafft-sections';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterRow } from './model';
import { row } from './model';
import { SCREEN_NOT_RECORDED, screenContribution } from './screening-contribution-helpers';

export const SUBSTANCE_USE_KEY = 'Substance use screen (CRAFFT 2.1 structure)';

/** Asked of the GP after a positive screen (GOV.UK alcohol treatment guidelines §23: identify, brief advice, refer; research §4.2). */
export const POSITIVE_SCREEN_GP_REQUEST = "The young person's substance use screen was positive. Please review their substance use at your next contact.";

const category = CRAFFT_LETTER_RESTRICTION.category;

export function substanceUseContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  if (!facts.ctx.pathway.child || !crafftApplies(facts.ctx)) return undefined;
  const draft = facts.answers.substanceUse;
  const result = crafftResult(draft, facts.ctx);
  switch (result.state) {
    case 'not-applicable':
      return undefined;
    case 'not-started':
      return screenContribution({ shared: [row(SUBSTANCE_USE_KEY, SCREEN_NOT_RECORDED)], restricted: [], category });
    case 'deferred':
    case 'not-asked':
      return screenContribution({ shared: [row(SUBSTANCE_USE_KEY, optionLabel(crafftNotAskedOptions, draft.notAsked), 'To be asked at a later contact (liaison follow-up)')], restricted: [], category });
    case 'partial':
    case 'out-of-date':
      return screenContribution({ shared: [row(SUBSTANCE_USE_KEY, crafftResultSentence(result))], restricted: [], category });
    case 'scored':
      break;
  }
  const shared: LetterRow[] = [row(SUBSTANCE_USE_KEY, crafftResultSentence(result))];
  const restricted: LetterRow[] = [];
  const partA = crafftPartA(draft);
  const yes = crafftPartBIds.filter((id) => draft[id] === 'yes');
  if (result.anyUse || yes.length > 0) {
    restricted.push(
      row(
        'Days in the last 12 months',
        `Alcohol: ${String(partA['days-alcohol'] ?? 0)}`,
        `Cannabis: ${String(partA['days-cannabis'] ?? 0)}`,
        `Anything else to get high: ${String(partA['days-other'] ?? 0)}`,
      ),
    );
    if (yes.length) restricted.push(row('Answered yes', ...yes.map((id) => PART_B_NAMES[id])));
  }
  const gpRequests: string[] = [];
  if (result.positive) {
    shared.push(row('Brief advice', optionLabel(briefAdviceOptions, draft.briefAdvice) || 'Not recorded'));
    shared.push(row("Referral to the young people's substance misuse service", optionLabel(substanceServiceReferralOptions, draft.referral) || 'Not recorded'));
    if (draft.briefAdvice === 'not-given' && !isBlank(draft.briefAdviceNotGivenReason)) restricted.push(row('Why brief advice was not given', draft.briefAdviceNotGivenReason.trim()));
    if (draft.referral === 'not-made' && !isBlank(draft.referralNotMadeReason)) restricted.push(row('Why a referral was not made', draft.referralNotMadeReason.trim()));
    gpRequests.push(POSITIVE_SCREEN_GP_REQUEST);
  }
  return screenContribution({ shared, restricted, category, gpRequests });
}

export const substanceUseContributor: SafeguardingContributor = { id: 'substance-use', contribute: substanceUseContribution };
