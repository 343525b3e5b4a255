/**
 * Where later sections put their findings into the letters' Safeguarding sections, without
 * the letter modules changing: young person screening (CSE, substance use, Fraser, FGM,
 * self-harm), domestic abuse, and Think Family for adults with children.
 *
 * A section adds one entry to `safeguardingContributors`. Each returns blocks for the
 * Safeguarding section (marking its restricted ones with the categories of model.ts: a CSE
 * screen marks 'cse', a Fraser record 'fraser', an FGM record 'fgm', a domestic abuse
 * enquiry 'domestic-abuse', and the words a young person said 'words-about-harm') and any
 * requests of the GP, health visitor or school nurse. A subject marked here is a recorded
 * restricted subject (facts.ts recordedRestrictedCategories): it also restricts the child's
 * and carer's accounts. research §7.4 item 2 lists what the
 * GP letter's Safeguarding section must carry: CSE screen outcome, CRAFFT score, Fraser
 * outcome, FGM report, and Think Family findings for adults with children.
 *
 * Registered: the young-person screens (issue 9), each in its own module: the CSE screen
 * (cse-contribution.ts), substance use (substance-use-contribution.ts), Fraser
 * (fraser-contribution.ts), FGM (fgm-contribution.ts) and self-harm
 * (self-harm-contribution.ts); the domestic abuse enquiry and AUDIT-C
 * (domestic-abuse-contribution.ts). A screen that applies but has nothing recorded says so
 * plainly rather than implying it was done. Tests and previews pass their own list through
 * the letter input (`contributors`). Think Family (think-family-contribution.ts) comes last:
 * its findings about the children close the adult's Safeguarding section.
 */
import { cseContributor } from './cse-contribution';
import type { LetterFacts } from './facts';
import { fgmContributor } from './fgm-contribution';
import { fraserContributor } from './fraser-contribution';
import type { LetterBlock } from './model';
import { auditCContributor, domesticAbuseContributor } from './domestic-abuse-contribution';
import { selfHarmContributor } from './self-harm-contribution';
import { substanceUseContributor } from './substance-use-contribution';
import { thinkFamilyContributor } from './think-family-contribution';

export interface SafeguardingContribution {
  /** Blocks for the Safeguarding section, restricted ones marked. */
  blocks: LetterBlock[];
  /** Asked of the GP ("Please review the young person's substance use at their next visit"). */
  gpRequests: string[];
  /** Asked of the health visitor or school nurse. */
  nurseRequests: string[];
  /**
   * Think Family found children at home or in the patient's care (PRODUCT.md 4.7): the
   * adult's GP letter then asks the GP about them (gp-letter.ts).
   */
  childrenAtHome?: boolean;
}

export interface SafeguardingContributor {
  /** The section it comes from ("think-family", "cse"). */
  id: string;
  /** Nothing to say for this patient: return undefined. */
  contribute: (facts: LetterFacts) => SafeguardingContribution | undefined;
}

/** Registered contributors, in the order their findings appear. Later sections append here. */
export const safeguardingContributors: readonly SafeguardingContributor[] = [
  cseContributor,
  substanceUseContributor,
  fraserContributor,
  fgmContributor,
  selfHarmContributor,
  domesticAbuseContributor,
  auditCContributor,
  thinkFamilyContributor,
];

/** Every contribution for this patient, in order. */
export function safeguardingContributions(facts: LetterFacts, contributors: readonly SafeguardingContributor[] = facts.contributors ?? safeguardingContributors): SafeguardingContribution[] {
  return contributors.map((contributor) => contributor.contribute(facts)).filter((entry): entry is SafeguardingContribution => entry !== undefined);
}
