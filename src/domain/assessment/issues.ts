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
}

/** The DOM id for a form path: dots become dashes ("companions.0.fullName" → "companions-0-fullName"). */
export const fieldId = (path: string): string => path.replace(/\./g, '-');

/** Collects issues in page order; `add` ignores a second issue for the same field. */
export class IssueList {
  readonly items: Issue[] = [];

  add(field: string, message: string): void {
    if (!this.items.some((issue) => issue.field === field)) this.items.push({ field, message });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}
