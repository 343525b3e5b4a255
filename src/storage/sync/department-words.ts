/**
 * What a failed call to the department server means for the nurse (issue 14): the API's
 * failures (http.ts) as the department repository returns them. The words come from http.ts
 * (unreachable, not a department server, revoked) or from the server itself (an expired or
 * used code: "This code has expired or has been used. Ask the nurse in charge for a new one.").
 */
import type { DepartmentFailure } from '../repositories/types';
import type { ApiFailure } from './http';

export function apiFailure(failure: ApiFailure): DepartmentFailure {
  return { kind: 'server', reason: failure.kind, message: failure.message };
}
