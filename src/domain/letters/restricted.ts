/**
 * Restricted content: what is left out of letters a parent or a perpetrator may read, and
 * how it is put back when the nurse decides it must go.
 *
 * Owns: the category labels, which letters withhold restricted content by default, the
 * notice that replaces it, and applying the nurse's choice to a composed document.
 *
 * The mechanism: letter modules mark blocks with a category as they compose them (a
 * section added later, such as the CSE screen, Fraser record or domestic abuse enquiry,
 * only marks its own blocks: model.ts `restricted`). This module then removes marked blocks
 * from the GP and health visitor / school nurse letters, unless the nurse chose to include
 * them with a reason, and leaves the MASH referral whole.
 *
 * Sources: PRODUCT.md section 5 "Restricted content"; research §7.4 "Confidentiality
 * design points" (letters can be seen by parents or perpetrators through shared records or
 * post; a "sensitive – restricted content" control with a recorded reason).
 */
import { isBlank } from '../shared/text';
import type { LetterDocument, LetterKind, LetterSection, RestrictedCategory } from './model';
import { paragraph } from './model';

export const restrictedCategoryLabels: Record<RestrictedCategory, string> = {
  'sexual-health': 'Sexual health, contraception, pregnancy and Fraser details',
  'domestic-abuse': 'Domestic abuse',
  cse: 'Child sexual exploitation details',
};

/** The nurse's choice for one letter, stored with the issued letter. */
export interface RestrictionChoice {
  include: boolean;
  /** Why restricted content is included (required when include is true). */
  reason: string;
}

export const withholdRestricted = (): RestrictionChoice => ({ include: false, reason: '' });

/** The MASH referral always carries restricted content; the others leave it out by default. */
export const alwaysCarriesRestricted = (kind: LetterKind): boolean => kind === 'mash-referral';

/** Said in place of restricted content (PRODUCT.md section 5), with the team's number from settings. */
export function restrictedNotice(safeguardingTeamPhone: string): string {
  const base = 'Further safeguarding information is held by the hospital safeguarding team';
  return isBlank(safeguardingTeamPhone) ? `${base}.` : `${base}: telephone ${safeguardingTeamPhone.trim()}.`;
}

/** The categories of restricted content in a document, in a fixed order. */
export function restrictedCategoriesIn(document: LetterDocument): RestrictedCategory[] {
  const found = new Set<RestrictedCategory>();
  for (const entry of document.sections) for (const block of entry.blocks) if (block.restricted) found.add(block.restricted);
  return (Object.keys(restrictedCategoryLabels) as RestrictedCategory[]).filter((category) => found.has(category));
}

/**
 * Applies the nurse's choice. Withheld: every restricted block goes, and each section that
 * lost something says where the information is held (so a mandatory heading is never left
 * empty, and the reader knows there is more). Included: everything stays, and the
 * Safeguarding section (or the last section) records that restricted content is included
 * and why, so the reader treats the letter with care.
 */
export function applyRestriction(document: LetterDocument, choice: RestrictionChoice, safeguardingTeamPhone: string): LetterDocument {
  const categories = restrictedCategoriesIn(document);
  if (categories.length === 0) return document;
  if (alwaysCarriesRestricted(document.kind)) return document;
  if (choice.include) {
    const note = paragraph(
      `This letter includes restricted safeguarding information (${categories.map((category) => restrictedCategoryLabels[category].toLowerCase()).join('; ')}). Reason for including it: ${choice.reason.trim()}. Please take care over who can read it.`,
    );
    const target = document.sections.findIndex((entry) => entry.id === 'safeguarding');
    const index = target === -1 ? document.sections.length - 1 : target;
    return { ...document, sections: document.sections.map((entry, position) => (position === index ? { ...entry, blocks: [...entry.blocks, note] } : entry)) };
  }
  const notice = paragraph(restrictedNotice(safeguardingTeamPhone));
  const sections = document.sections.map((entry): LetterSection => {
    const kept = entry.blocks.filter((block) => block.restricted === undefined);
    return kept.length === entry.blocks.length ? entry : { ...entry, blocks: [...kept, notice] };
  });
  return { ...document, sections };
}
