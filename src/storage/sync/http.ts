/**
 * The department server's API as this app calls it (issue 14; the contract is
 * server/README.md, "The API (v1)"). One origin: every path is relative (`/api/v1/...`), so
 * the CSP's `connect-src 'self'` holds and a tablet served without a server (`npm start`)
 * simply finds none.
 *
 * Every call returns a Result: a network failure, a server that is not ours, a refusal and a
 * revoked tablet are values the caller turns into words the nurse can act on, never throws.
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';

export type ApiFailure =
  /** No answer at all: offline, the server is down, or it went away mid-request. */
  | { kind: 'unreachable'; message: string }
  /** 401 `tablet-revoked`: this tablet was removed from its department. */
  | { kind: 'revoked'; message: string }
  /** 401 otherwise: the credential is unknown to the server. */
  | { kind: 'unauthorised'; message: string }
  /** 429: try again after `retryAfter` seconds. */
  | { kind: 'rate-limited'; message: string; retryAfter: number }
  /** Any other refusal, with the server's error code and message (e.g. 410 `enrolment-expired-or-used`). */
  | { kind: 'refused'; status: number; error: string; message: string }
  /** An answer that is not JSON from this API (another server at this address, a proxy page). */
  | { kind: 'not-a-department-server'; message: string };

export interface ApiOptions {
  /** The tablet credential, sent as `Authorization: Bearer`. */
  credential?: string;
  /** Defaults to the global fetch; tests pass one bound to an in-process server. */
  fetch?: typeof fetch;
  /** Aborts the request (a pull cut short by a lock, a page hide). */
  signal?: AbortSignal;
  /** Origin to prefix (tests in Node); the app leaves it empty: same origin. */
  origin?: string;
}

const unreachable: ApiFailure = { kind: 'unreachable', message: 'The department server cannot be reached. Records are kept on this tablet and shared when it is back.' };
const notOurs: ApiFailure = { kind: 'not-a-department-server', message: 'There is no department server at this address. Ask IT which address the department uses.' };

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  retryAfter?: unknown;
}

/** Calls `method path` with an optional JSON body; the answer's JSON on 2xx. */
export async function callApi<T>(method: 'GET' | 'POST', path: string, body: unknown, options: ApiOptions = {}): Promise<Result<T, ApiFailure>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.credential) headers['authorization'] = `Bearer ${options.credential}`;
  let response: Response;
  try {
    const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (options.signal) init.signal = options.signal;
    response = await (options.fetch ?? fetch)(`${options.origin ?? ''}${path}`, init);
  } catch {
    return err(unreachable);
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    return err(response.status >= 500 ? unreachable : notOurs);
  }
  if (response.ok) return ok(parsed as T);
  const { error, message, retryAfter } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as ErrorBody;
  const code = typeof error === 'string' ? error : '';
  const words = typeof message === 'string' ? message : `The department server refused the request (${String(response.status)}).`;
  if (response.status === 401) {
    return err(code === 'tablet-revoked' ? { kind: 'revoked', message: 'This tablet was removed from the department. Its records stay on it; ask the nurse in charge.' } : { kind: 'unauthorised', message: words });
  }
  if (response.status === 429) return err({ kind: 'rate-limited', message: words, retryAfter: typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : 60 });
  if (response.status >= 500 || code === '') return err(code === '' && response.status < 500 ? notOurs : unreachable);
  return err({ kind: 'refused', status: response.status, error: code, message: words });
}
