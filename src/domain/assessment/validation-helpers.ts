/**
 * Message helpers shared by section validators, worded as the GOV.UK/NHS error message
 * guidance asks: say what happened and how to fix it, in the question's own words.
 */
import type { DatePartsProblem } from '../shared/dates';
import type { IssueList } from './issues';

export function datePartsMessage(name: string, problem: DatePartsProblem): string {
  switch (problem) {
    case 'empty':
      return `Enter the ${name.toLowerCase()}`;
    case 'missing-day':
      return `${name} must include a day`;
    case 'missing-month':
      return `${name} must include a month`;
    case 'missing-year':
      return `${name} must include a year`;
    case 'not-a-number':
      return `${name} must be a real date, for example 27 3 2026`;
    case 'year-not-four-digits':
      return `Year must include 4 numbers`;
    case 'not-a-real-date':
      return `${name} must be a real date`;
  }
}

export function checkLength(issues: IssueList, field: string, value: string, max: number, name: string): void {
  if (value.length > max) issues.add(field, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`);
}
