/**
 * Validation issues: what the error summary and inline messages show.
 *
 * `field` is the form path of the answer ("companions.0.fullName", "dateOfBirth.day"); the
 * element id of that input is `fieldId(field)`, so an error-summary link always lands on
 * the input it names (GOV.UK/NHS validation pattern).
 */
export interface Issue {
  field: string;
  message: string;
  /**
   * What the answer must be given before, when that is later than signing: 'gp-letter' marks
   * an answer the GP letter and the MASH referral need but signing the safeguarding record
   * does not (an address the nurse cannot get at 3 a.m.: rules/sections.ts blocksSigningIssue).
   * Absent: needed before signing.
   */
  requiredBefore?: 'gp-letter';
}

/** The DOM id for a form path: dots become dashes ("companions.0.fullName" → "companions-0-fullName"). */
export const fieldId = (path: string): string => path.replace(/\./g, '-');

/** Collects issues in page order; `add` ignores a second issue for the same field. */
export class IssueList {
  readonly items: Issue[] = [];

  add(field: string, message: string, requiredBefore?: 'gp-letter'): void {
    if (!this.items.some((issue) => issue.field === field)) this.items.push({ field, message, ...(requiredBefore ? { requiredBefore } : {}) });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}
