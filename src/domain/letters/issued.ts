/**
 * An issued letter: the frozen version the nurse issued, as sealed in storage and read back.
 * The document model is stored as issued (not re-composed from the record), so an earlier
 * version reads exactly as it was sent even after addenda, a settings change or a new
 * release of the letter wording. The nurse's free text, the restricted-content choice and
 * its reason are kept with it (PRODUCT.md section 5).
 *
 * Read back through this schema: what comes out of storage is untrusted.
 */
import * as z from 'zod/mini';
import { staffRefSchema } from '../assessment/staff-ref';
import { letterDocumentSchema, letterKindSchema, restrictedCategories } from './model';
import type { LetterKind } from './model';

/** The nurse's additions to a letter: free text by slot id and the restricted-content choice. */
export const letterChoicesSchema = z.object({
  slots: z.record(z.string(), z.string()),
  restricted: z.object({ include: z.boolean(), reason: z.string() }),
});

export const issuedLetterSchema = z.object({
  id: z.string().check(z.minLength(1)),
  attendanceId: z.string().check(z.minLength(1)),
  kind: letterKindSchema,
  version: z.number().check(z.int(), z.minimum(1)),
  issuedAt: z.string(),
  issuedBy: staffRefSchema,
  document: letterDocumentSchema,
  choices: letterChoicesSchema,
  /** The restricted categories the record had when issued (whether or not included). */
  restrictedCategories: z.array(z.enum(restrictedCategories)),
  /** The child a notification is about (letter identity attendance + kind + child); absent for the patient's own letters and for letters issued before children had letters. */
  childId: z.optional(z.string().check(z.minLength(1))),
});

export type IssuedLetter = z.infer<typeof issuedLetterSchema>;

/** What lists show without opening the sealed letter: the clear columns of its row. */
export interface IssuedLetterSummary {
  id: string;
  attendanceId: string;
  kind: LetterKind;
  version: number;
  issuedAt: string;
  issuedById: string;
  /** The child a notification is about; absent for the patient's own letters. */
  childId?: string | undefined;
}
