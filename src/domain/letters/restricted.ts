/**
 * Restricted content: what is left out of letters a parent or a perpetrator may read, and
 * how it is put back when the nurse decides it must go.
 *
 * Owns: the category labels (the categories themselves are defined once, model.ts
 * `restrictedCategories`), which letters withhold restricted content by default, the notice
 * that replaces it (once per letter), and applying the nurse's choice to a composed document.
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
import type { LetterBlock, LetterDocument, LetterKind, LetterSection, RestrictedCategory } from './model';
import { paragraph, restrictedCategories } from './model';

export const restrictedCategoryLabels: Record<RestrictedCategory, string> = {
  'words-about-harm': 'Accounts, disclosures and explanations in the words given',
  fraser: 'Fraser and Gillick details',
  'sexual-health': 'Sexual health, contraception and pregnancy details',
  cse: 'Child sexual exploitation details',
  fgm: 'Female genital mutilation details',
  'domestic-abuse': 'Domestic abuse details',
  'substance-use': 'Substance use answers',
};

/** The nurse's choice for one letter, stored with the issued letter. */
export interface RestrictionChoice {
  include: boolean;
  /** Why restricted content is included (required when include is true). */
  reason: string;
}

export const withholdRestricted = (): RestrictionChoice => ({ include: false, reason: '' });

/**
 * Whether the choice puts restricted content in: "include" chosen AND a reason given. A
 * reason left in the box after switching back to "withhold" puts nothing in, and "include"
 * without a reason withholds (the Issue button also refuses it: letters.ts readiness).
 */
export const includesRestricted = (choice: RestrictionChoice): boolean => choice.include && !isBlank(choice.reason);

/** The MASH referral always carries restricted content; the others leave it out by default. */
export const alwaysCarriesRestricted = (kind: LetterKind): boolean => kind === 'mash-referral';

/** Said in place of restricted content (PRODUCT.md section 5), with the team's number from settings. */
export function restrictedNotice(safeguardingTeamPhone: string): string {
  const base = 'Further safeguarding information is held by the hospital safeguarding team';
  return isBlank(safeguardingTeamPhone) ? `${base}.` : `${base}: telephone ${safeguardingTeamPhone.trim()}.`;
}

/** Put in a section that restricted content emptied, so no heading stands empty. */
export const SECTION_LEFT_OUT = 'Left out of this letter: see Safeguarding.';

/** The categories of restricted content in a document, in a fixed order. */
export function restrictedCategoriesIn(document: LetterDocument): RestrictedCategory[] {
  const found = new Set<RestrictedCategory>();
  for (const entry of document.sections) for (const block of entry.blocks) if (block.restricted) found.add(block.restricted);
  return restrictedCategories.filter((category) => found.has(category));
}

/** The section that carries the notice or the inclusion note: Safeguarding, or the last. */
function noteSectionIndex(document: LetterDocument): number {
  const target = document.sections.findIndex((entry) => entry.id === 'safeguarding');
  return target === -1 ? document.sections.length - 1 : target;
}

const appendTo = (sections: readonly LetterSection[], index: number, block: LetterBlock): LetterSection[] =>
  sections.map((entry, position) => (position === index ? { ...entry, blocks: [...entry.blocks, block] } : entry));

/**
 * The blocks with every restricted one taken out. Rows that continue a list a removed block
 * interrupted (model.ts `continues`) join it up again, so the letter reads as one list
 * rather than showing where something was cut.
 */
function withoutRestricted(blocks: readonly LetterBlock[]): LetterBlock[] {
  return joinContinued(blocks.filter((block) => block.restricted === undefined));
}

/**
 * Rows that continue the list before them (model.ts `continues`) joined into it. Applied
 * once the choice is made, when every block left is going into the letter: kept restricted
 * lines then read in their place in the list. The join keeps the earlier block's mark.
 */
export function joinContinued(blocks: readonly LetterBlock[]): LetterBlock[] {
  const joined: LetterBlock[] = [];
  for (const block of blocks) {
    const previous = joined[joined.length - 1];
    if (block.type === 'rows' && block.continues === true && previous?.type === 'rows') {
      joined[joined.length - 1] = { ...previous, rows: [...previous.rows, ...block.rows] };
    } else {
      joined.push(block);
    }
  }
  return joined;
}

const joinSections = (document: LetterDocument): LetterDocument => ({ ...document, sections: document.sections.map((entry) => ({ ...entry, blocks: joinContinued(entry.blocks) })) });

/**
 * Applies the nurse's choice. Withheld: every restricted block goes, and the letter says
 * once, in its Safeguarding section, where the information is held (a section emptied by it
 * says so, so a mandatory heading is never left empty). Included: everything stays, and the
 * Safeguarding section records that restricted content is included and why, so the reader
 * treats the letter with care.
 */
export function applyRestriction(document: LetterDocument, choice: RestrictionChoice, safeguardingTeamPhone: string): LetterDocument {
  const categories = restrictedCategoriesIn(document);
  if (categories.length === 0 || alwaysCarriesRestricted(document.kind)) return joinSections(document);
  const index = noteSectionIndex(document);
  if (includesRestricted(choice)) {
    const note = paragraph(
      `This letter includes restricted safeguarding information (${categories.map((category) => restrictedCategoryLabels[category].toLowerCase()).join('; ')}). Reason for including it: ${choice.reason.trim()}. Please take care over who can read it.`,
    );
    return joinSections({ ...document, sections: appendTo(document.sections, index, note) });
  }
  const sections = document.sections.map((entry, position): LetterSection => {
    const kept = withoutRestricted(entry.blocks);
    if (kept.length === entry.blocks.length) return entry;
    return { ...entry, blocks: kept.length === 0 && position !== index ? [paragraph(SECTION_LEFT_OUT)] : kept };
  });
  return { ...document, sections: appendTo(sections, index, paragraph(restrictedNotice(safeguardingTeamPhone))) };
}
