/**
 * The assessment record: one attendance, its answers by section, and its lifecycle
 * (in progress → signed, then addenda). This is the shape sealed into storage; anything
 * read back is parsed with these schemas, so older or damaged records come back in the
 * current shape with empty answers where nothing valid was stored.
 */
import { z } from 'zod';
import { accountsDraftSchema, emptyAccountsDraft } from './accounts';
import { emptyInformationChecksDraft, informationChecksDraftSchema } from './information-checks';
import { emptyOutcomeDraft, outcomeDraftSchema } from './outcome';
import { emptyPatientDraft, patientDraftSchema } from './patient';
import { emptyPeopleDraft, peopleDraftSchema } from './people';
import { emptySafeguardingDraft, safeguardingDraftSchema } from './safeguarding-prompts';
import { staffRefSchema } from './staff-ref';

/**
 * Answers by section id. Section ids are stable slugs, like question ids: never renamed.
 * A section added later parses as empty in records saved before it existed.
 */
export const answersSchema = z.object({
  patient: patientDraftSchema.catch(() => emptyPatientDraft()),
  people: peopleDraftSchema.catch(() => emptyPeopleDraft()),
  accounts: accountsDraftSchema.catch(() => emptyAccountsDraft()),
  informationChecks: informationChecksDraftSchema.catch(() => emptyInformationChecksDraft()),
  safeguarding: safeguardingDraftSchema.catch(() => emptySafeguardingDraft()),
  outcome: outcomeDraftSchema.catch(() => emptyOutcomeDraft()),
});

export type Answers = z.infer<typeof answersSchema>;
export type SectionId = keyof Answers;

export const emptyAnswers = (): Answers => answersSchema.parse({});

export const signatureSchema = z.object({
  signedAt: z.string(),
  signedBy: staffRefSchema,
});

export const addendumSchema = z.object({
  id: z.string(),
  at: z.string(),
  by: staffRefSchema,
  reason: z.string(),
  /** The sections as they read after this addendum (only the changed ones). */
  changes: answersSchema.partial().catch({}),
});

export type Addendum = z.infer<typeof addendumSchema>;

export const assessmentRecordSchema = z.object({
  id: z.string().min(1),
  createdAt: z.string(),
  createdBy: staffRefSchema,
  updatedAt: z.string(),
  updatedBy: staffRefSchema,
  status: z.enum(['in-progress', 'signed']).catch('in-progress'),
  /** While in progress, the live answers; once signed, the signed original (never changed). */
  answers: answersSchema.catch(() => emptyAnswers()),
  /** Sections the nurse finished with "Save and continue" while they had no problems. */
  confirmedSections: z.array(z.string()).catch([]),
  /** Where the nurse was, to resume exactly there: a page path and the last field touched. */
  resume: z.object({ page: z.string().catch(''), field: z.string().catch('') }).catch({ page: '', field: '' }),
  signature: signatureSchema.optional().catch(undefined),
  addenda: z.array(addendumSchema).catch([]),
  /** An addendum being written (after signing): autosaved like everything else, not part of the signed record. */
  addendumDraft: z
    .object({ section: z.string(), reason: z.string().catch(''), changes: answersSchema.partial().catch({}) })
    .optional()
    .catch(undefined),
});

export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;
