/**
 * The assessment record: one attendance, its answers by section, and its lifecycle
 * (in progress → signed, then addenda). This is the shape sealed into storage; anything
 * read back is parsed with these schemas, so older or damaged records come back in the
 * current shape with empty answers where nothing valid was stored.
 */
import * as z from 'zod/mini';
import { accountsDraftSchema, emptyAccountsDraft } from './accounts';
import { dischargeDraftSchema, emptyDischargeDraft } from './discharge';
import { emptyInformationChecksDraft, informationChecksDraftSchema } from './information-checks';
import { emptyOutcomeDraft, outcomeDraftSchema } from './outcome';
import { emptyPatientDraft, patientDraftSchema } from './patient';
import { emptyPeopleDraft, peopleDraftSchema } from './people';
import { emptySafeguardingDraft, safeguardingDraftSchema } from './safeguarding-prompts';
import { staffRefSchema } from './staff-ref';
import { crafftDraftSchema, emptyCrafftDraft } from '../screening/crafft';
import { cseDraftSchema, emptyCseDraft } from '../screening/cse';
import { emptyFgmDraft, fgmDraftSchema } from '../screening/fgm';
import { emptyFraserDraft, fraserDraftSchema } from '../screening/fraser';
import { emptySelfHarmDraft, selfHarmDraftSchema } from '../screening/self-harm';
import { domesticAbuseDraftSchema, emptyDomesticAbuseDraft } from '../screening/domestic-abuse';
import { auditCDraftSchema, emptyAuditCDraft } from '../screening/audit-c';
import { emptyThinkFamilyDraft, thinkFamilyDraftSchema } from '../screening/think-family';
import { emptyLeftBeforeAssessmentDraft, leftBeforeAssessmentDraftSchema } from './left-before-assessment';

/**
 * Answers by section id. Section ids are stable slugs, like question ids: never renamed.
 * A section added later parses as empty in records saved before it existed.
 */
export const answersSchema = z.object({
  patient: z.catch(patientDraftSchema, () => emptyPatientDraft()),
  people: z.catch(peopleDraftSchema, () => emptyPeopleDraft()),
  accounts: z.catch(accountsDraftSchema, () => emptyAccountsDraft()),
  informationChecks: z.catch(informationChecksDraftSchema, () => emptyInformationChecksDraft()),
  safeguarding: z.catch(safeguardingDraftSchema, () => emptySafeguardingDraft()),
  outcome: z.catch(outcomeDraftSchema, () => emptyOutcomeDraft()),
  discharge: z.catch(dischargeDraftSchema, () => emptyDischargeDraft()),
  cse: z.catch(cseDraftSchema, () => emptyCseDraft()),
  substanceUse: z.catch(crafftDraftSchema, () => emptyCrafftDraft()),
  fraser: z.catch(fraserDraftSchema, () => emptyFraserDraft()),
  fgm: z.catch(fgmDraftSchema, () => emptyFgmDraft()),
  selfHarm: z.catch(selfHarmDraftSchema, () => emptySelfHarmDraft()),
  domesticAbuse: z.catch(domesticAbuseDraftSchema, () => emptyDomesticAbuseDraft()),
  auditC: z.catch(auditCDraftSchema, () => emptyAuditCDraft()),
  thinkFamily: z.catch(thinkFamilyDraftSchema, () => emptyThinkFamilyDraft()),
  leftBeforeAssessment: z.catch(leftBeforeAssessmentDraftSchema, () => emptyLeftBeforeAssessmentDraft()),
});

export type Answers = z.infer<typeof answersSchema>;
export type SectionId = keyof Answers;

/**
 * The empty answers, parsed from `{}` once: each section's schema fails on nothing and falls
 * back to its empty draft, and building those failures cost about 50 ms of "Start new
 * assessment" at 4x CPU slowdown (a Lighthouse trace, 30 November 2026); the task list paid
 * it twice for each of its sections (sectionStatus). Callers get a copy, as they may fill it in.
 */
let emptyTemplate: Answers | undefined;
export const emptyAnswers = (): Answers => structuredClone((emptyTemplate ??= answersSchema.parse({})));

export const signatureSchema = z.object({
  /** An ISO instant: letters print it, and a damaged one must not read as a signature (fuzz regression, docs/testing-fuzz.md). */
  signedAt: z.iso.datetime(),
  signedBy: staffRefSchema,
});

export const addendumSchema = z.object({
  id: z.string(),
  at: z.string(),
  by: staffRefSchema,
  reason: z.string(),
  /** The sections as they read after this addendum (only the changed ones). */
  changes: z.catch(z.partial(answersSchema), {}),
});

export type Addendum = z.infer<typeof addendumSchema>;

export const assessmentRecordSchema = z.object({
  id: z.string().check(z.minLength(1)),
  createdAt: z.string(),
  createdBy: staffRefSchema,
  updatedAt: z.string(),
  updatedBy: staffRefSchema,
  status: z.catch(z.enum(['in-progress', 'signed']), 'in-progress'),
  /** While in progress, the live answers; once signed, the signed original (never changed). */
  answers: z.catch(answersSchema, () => emptyAnswers()),
  /** Sections the nurse finished with "Save and continue" while they had no problems. */
  confirmedSections: z.catch(z.array(z.string()), []),
  /** Where the nurse was, to resume exactly there: a page path and the last field touched. */
  resume: z.catch(z.object({ page: z.catch(z.string(), ''), field: z.catch(z.string(), '') }), { page: '', field: '' }),
  signature: z.catch(z.optional(signatureSchema), undefined),
  addenda: z.catch(z.array(addendumSchema), []),
  /** An addendum being written (after signing): autosaved like everything else, not part of the signed record. */
  addendumDraft: z.catch(z.optional(z.object({ section: z.string(), reason: z.catch(z.string(), ''), changes: z.catch(z.partial(answersSchema), {}) })), undefined),
  /** The earlier attendance the patient details were pre-filled from (patient-look-up.ts), for the nurse to check. */
  prefilledFrom: z.catch(z.optional(z.object({ attendanceId: z.string(), arrivedAt: z.catch(z.string(), '') })), undefined),
});

export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;
