/**
 * What the young-person screens share: the attendance-reason ids their triggers read, the
 * record facts they take from other sections, and the evidence label every rule carries.
 *
 * Owns: the screening view of the attendance reason (including "Genital, urinary or
 * gynaecological problem", PRODUCT.md 4.1, id GENITAL_URINARY_GYNAE_REASON), the `ScreeningRecordFacts` a caller derives once per record
 * from the people, accounts and information-checks sections, and `ScreeningSource`.
 *
 * Why facts are passed in rather than read from the record here: the screens stay pure and
 * free of the section modules other work changes, and a test can state every fact in one line.
 */
import type { AssessmentContext, AttendanceReason } from '../assessment/context';
import type { CpisAnswer } from '../assessment/information-checks';
import type { EvidenceLabel } from '../rules/nice-alerting-features';

/**
 * The attendance-reason id for "Genital, urinary or gynaecological problem" (PRODUCT.md
 * 4.1), as the patient page offers it (assessment/options.ts attendanceReasonOptions).
 */
export const GENITAL_URINARY_GYNAE_REASON = 'genital-urinary-gynaecological';

/** The attendance reasons the screens read (the patient page's list). */
export type ScreeningReason = AttendanceReason;

/** The reason for attendance as the screens read it. */
export const screeningReason = (ctx: Pick<AssessmentContext, 'attendanceReason'>): ScreeningReason | undefined => ctx.attendanceReason;

/** Whether the reason for attendance is one of `reasons`. */
export function reasonIsOneOf(ctx: Pick<AssessmentContext, 'attendanceReason'>, reasons: readonly ScreeningReason[]): boolean {
  const reason = screeningReason(ctx);
  return reason !== undefined && reasons.includes(reason);
}

/** Where a rule or item comes from, with the research evidence label (research §0). */
export interface ScreeningSource {
  /** For example "BASHH/Brook Spotting the Signs (2014), adapted". */
  citation: string;
  /** V checked against a primary or official source; S secondary only; U not verified. */
  evidence: EvidenceLabel;
  /** The research section, for traceability. */
  research: string;
  /** What exactly is and is not verified, when that is partial. */
  note?: string;
}

/** The ages a screen applies to, in whole years at arrival, with the source of the range. */
export interface ScreenAgeRule {
  fromYears: number;
  underYears: number;
  source: ScreeningSource;
}

/**
 * Facts from other sections that the screens' triggers and suggestions read. The caller
 * (the screen's wiring, or a summary) derives them once per record.
 */
export interface ScreeningRecordFacts {
  /** "Nobody, the patient came alone" (PRODUCT.md 4.2). */
  cameAlone: boolean;
  /** "Did the adult with the young person answer questions for them?" answered Yes. */
  adultAnsweredForYoungPerson: boolean;
  /** "Not in education" selected for school (PRODUCT.md 4.1). */
  notInEducation: boolean;
  /** The accounts' consistency answer (PRODUCT.md 4.3), '' when not asked or not answered. */
  accountConsistent: 'yes' | 'no' | 'not-sure' | '';
  /** The CP-IS answer (PRODUCT.md 4.4), '' when not answered. */
  cpis: CpisAnswer | '';
  /** Three or more attendances in 12 months (information-checks frequentAttendanceFlag). */
  frequentAttendance: boolean;
}

/** Facts for a record with nothing recorded yet. */
export const noScreeningFacts = (): ScreeningRecordFacts => ({
  cameAlone: false,
  adultAnsweredForYoungPerson: false,
  notInEducation: false,
  accountConsistent: '',
  cpis: '',
  frequentAttendance: false,
});
