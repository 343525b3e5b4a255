/**
 * The letter document model: what every letter is made of, independent of how it is shown
 * (screen preview, print, PDF, plain text, a later FHIR Composition).
 *
 * Owns: the shape (title, recipient, sections with headings, and blocks: paragraphs, lists,
 * key-value rows, attributed quotes, and the marked free-text slots the nurse can fill),
 * its zod schema (an issued letter is read back from storage and parsed: stored data is
 * untrusted), and small builders the letter modules use.
 *
 * Rules the model keeps:
 * - No markup anywhere: every string is plain text, shown as text by every renderer, so a
 *   nurse's "<script>" or a right-to-left account can never become markup or reorder a page.
 * - Deterministic: the same record, settings, choices and time give the same document.
 * - A section carries its SNOMED CT section code as data (research §7.2), so the FHIR export
 *   can build a Composition without knowing the letter's wording.
 * - A block may be marked restricted with a category (restricted.ts): letters that leave
 *   restricted content out drop those blocks and say where the information is held.
 */
import * as z from 'zod/mini';
import { letterKinds } from './kinds';

export { letterKindInSentence, letterKindLabels, letterKinds } from './kinds';

/**
 * The categories of restricted content, defined here once and used everywhere (PRODUCT.md
 * section 5; research §7.4 "Confidentiality"): the words about harm (a disclosure and its
 * quote, the child's and carer's accounts when there is anything of concern, interaction
 * details, the explanations given for alerting features and for an exclusion), and the
 * Fraser, sexual-health, CSE, FGM and domestic-abuse details. Every category but the first
 * is a "restricted category" of the record: recording one also restricts the accounts.
 * 'substance-use' (appended): the substance use screen's answers, which the young person gave
 * in confidence; the score, brief advice and referral are not restricted
 * (docs/clinical-safety/restricted-content.md; screening/crafft.ts CRAFFT_LETTER_RESTRICTION).
 */
export const restrictedCategories = ['words-about-harm', 'fraser', 'sexual-health', 'cse', 'fgm', 'domestic-abuse', 'substance-use'] as const;
export type RestrictedCategory = (typeof restrictedCategories)[number];

/** The categories a record can carry as subjects (everything but the words about harm). */
export const RESTRICTED_SUBJECTS: readonly RestrictedCategory[] = restrictedCategories.filter((category) => category !== 'words-about-harm');

const restrictedField = () => z.optional(z.enum(restrictedCategories));

export const paragraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  text: z.string(),
  restricted: restrictedField(),
});

export const listBlockSchema = z.object({
  type: z.literal('list'),
  items: z.array(z.string()),
  restricted: restrictedField(),
});

export const rowSchema = z.object({
  key: z.string(),
  /** One entry per line. */
  value: z.array(z.string()),
});

export const rowsBlockSchema = z.object({
  type: z.literal('rows'),
  rows: z.array(rowSchema),
  restricted: restrictedField(),
  /**
   * These rows continue the list before them, interrupted by a restricted block: when that
   * block is left out they join up again (restricted.ts), so no gap shows where it was.
   */
  continues: z.optional(z.boolean()),
});

/** Someone's own words, kept verbatim and attributed (NICE CG89 step 3; research §7.4 item 3). */
export const quoteBlockSchema = z.object({
  type: z.literal('quote'),
  /** Who said it and in what role: "In the child's own words". */
  attribution: z.string(),
  text: z.string(),
  restricted: restrictedField(),
});

/** A marked place for the nurse's own text; `text` is '' until filled. */
export const slotBlockSchema = z.object({
  type: z.literal('slot'),
  slotId: z.string(),
  label: z.string(),
  hint: z.string(),
  text: z.string(),
  required: z.boolean(),
  restricted: restrictedField(),
});

export const blockSchema = z.discriminatedUnion('type', [paragraphBlockSchema, listBlockSchema, rowsBlockSchema, quoteBlockSchema, slotBlockSchema]);

export const sectionCodeSchema = z.object({
  system: z.literal('http://snomed.info/sct'),
  code: z.string(),
  display: z.string(),
});

export const letterSectionSchema = z.object({
  /** Stable slug ("safeguarding"), for tests, anchors and the FHIR export. */
  id: z.string(),
  heading: z.string(),
  code: z.optional(sectionCodeSchema),
  blocks: z.array(blockSchema),
});

export const letterKindSchema = z.enum(letterKinds);
export type { LetterKind } from './kinds';

export const letterDocumentSchema = z.object({
  kind: letterKindSchema,
  title: z.string(),
  /** The sending site (from settings): the print header names it. */
  from: z.object({ site: z.string(), lines: z.array(z.string()) }),
  recipient: z.object({ role: z.string(), lines: z.array(z.string()) }),
  /** Name, date of birth and NHS number: repeated on every printed page. */
  patientLine: z.string(),
  /** "Confidential: …" marking under the title. */
  marking: z.string(),
  /** When the letter was made (issue time, or the preview time). */
  dated: z.string(),
  sections: z.array(letterSectionSchema),
});

export type ParagraphBlock = z.infer<typeof paragraphBlockSchema>;
export type ListBlock = z.infer<typeof listBlockSchema>;
export type RowsBlock = z.infer<typeof rowsBlockSchema>;
export type QuoteBlock = z.infer<typeof quoteBlockSchema>;
export type SlotBlock = z.infer<typeof slotBlockSchema>;
export type LetterBlock = z.infer<typeof blockSchema>;
export type LetterRow = z.infer<typeof rowSchema>;
export type SectionCode = z.infer<typeof sectionCodeSchema>;
export type LetterSection = z.infer<typeof letterSectionSchema>;
export type LetterDocument = z.infer<typeof letterDocumentSchema>;

// --- Builders --------------------------------------------------------------------------

type Marked = { restricted?: RestrictedCategory };
const mark = (restricted: RestrictedCategory | undefined): Marked => (restricted ? { restricted } : {});

export const paragraph = (text: string, restricted?: RestrictedCategory): ParagraphBlock => ({ type: 'paragraph', text, ...mark(restricted) });

export const list = (items: readonly string[], restricted?: RestrictedCategory): ListBlock => ({ type: 'list', items: [...items], ...mark(restricted) });

export const rows = (entries: readonly LetterRow[], restricted?: RestrictedCategory): RowsBlock => ({ type: 'rows', rows: entries.map((row) => ({ key: row.key, value: [...row.value] })), ...mark(restricted) });

export const row = (key: string, ...value: string[]): LetterRow => ({ key, value });

export const quote = (attribution: string, text: string, restricted?: RestrictedCategory): QuoteBlock => ({ type: 'quote', attribution, text, ...mark(restricted) });

export interface SlotDefinition {
  slotId: string;
  label: string;
  hint: string;
  required: boolean;
}

export const slot = (definition: SlotDefinition, text: string): SlotBlock => ({ type: 'slot', ...definition, text: text.trim() });

/** The same block marked restricted (or unchanged when no category is given). */
export const restrict = <B extends LetterBlock>(block: B, category: RestrictedCategory | undefined): B => (category ? { ...block, restricted: category } : block);

export const SNOMED = 'http://snomed.info/sct' as const;

export const section = (id: string, heading: string, blocks: readonly LetterBlock[], code?: SectionCode): LetterSection => ({
  id,
  heading,
  ...(code ? { code } : {}),
  blocks: [...blocks],
});

/** Every slot in a document, in reading order. */
export const documentSlots = (document: LetterDocument): SlotBlock[] =>
  document.sections.flatMap((entry) => entry.blocks.filter((block): block is SlotBlock => block.type === 'slot'));
