/**
 * Hands the autosave's sealing to the seal worker (attendance-seal-worker.ts) and brings the
 * sealed parts back, so the work a save costs runs beside the nurse's taps and keystrokes,
 * not between them (PRODUCT.md section 10: "off the main thread's input path entirely").
 * Owns the worker's life and the fallback.
 *
 * Nothing typed may be lost because of a worker (PRODUCT.md section 2.2). Where no worker can
 * be had (no Worker in this browser or test environment, the script refused or missing, an
 * answer that never comes), the same work runs in the page (attendance-seal-work.ts) and
 * every later save goes there too. A worker that answers with a failure is a real failure
 * of the seal, and is reported as the page's own would be.
 *
 * The worker's script URL goes through a Trusted Types policy of its own: with
 * `require-trusted-types-for 'script'` in force (pwa/security-headers.ts) the Worker
 * constructor refuses a plain string, and the policy vets this one URL and nothing else.
 */
import { sealAttendanceParts } from './attendance-seal-work';
import type { SealedAttendance, SealRequest } from './attendance-seal-work';

/** The Trusted Types policy the seal worker's URL is made through; named in the Content-Security-Policy (pwa/security-headers.ts). */
export const SEAL_WORKER_TRUSTED_TYPES_POLICY = 'safeguarding-triage-seal-worker';

/** How long an answer may take before the worker is given up for the page: far beyond a real seal (tens of ms), short of the autosave's retries. */
export const SEAL_WORKER_TIMEOUT_MS = 5000;

/** Marked (User Timing) when a seal worker first answers. */
export const SEAL_WORKER_ANSWERED_MARK = 'seal-worker-answered';

/** Marked (User Timing) by the editor when the seal worker first writes an autosave in this page (attendance-quick-write.ts). */
export const SEAL_WORKER_WROTE_MARK = 'seal-worker-wrote';

export type SealReply = { id: number; ok: true; parts: SealedAttendance } | { id: number; ok: false; error: string };

/** What the sealer needs of a worker (a real Worker, or a test's stand-in). */
export interface SealWorker {
  postMessage(message: { id: number; request: SealRequest }): void;
  addEventListener(type: 'message', listener: (event: { data: SealReply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: () => void): void;
  terminate(): void;
}

export type Sealer = (request: SealRequest) => Promise<SealedAttendance>;

interface Waiting {
  request: SealRequest;
  resolve: (parts: SealedAttendance) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A sealer that uses the worker `start` makes (once, on the first request), or the page
 * when `start` gives none or the worker fails.
 */
export function createSealer(start: () => SealWorker | undefined, inPage: Sealer = sealAttendanceParts): Sealer {
  // undefined: not started yet; null: none to be had, the page does the work.
  let worker: SealWorker | null | undefined;
  let next = 0;
  const waiting = new Map<number, Waiting>();

  /** Gives the worker up: every request it holds, and every later one, is sealed in the page. */
  const giveUp = () => {
    worker?.terminate();
    worker = null;
    const held = [...waiting.values()];
    waiting.clear();
    for (const entry of held) {
      clearTimeout(entry.timer);
      inPage(entry.request).then(entry.resolve, entry.reject);
    }
  };

  const workerFor = (): SealWorker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = start() ?? null;
    } catch {
      worker = null;
    }
    if (!worker) return null;
    let answered = false;
    worker.addEventListener('message', ({ data }) => {
      // A User Timing mark the first time the worker answers: the browser tests and benchmarks read it.
      if (!answered) {
        answered = true;
        performance.mark(SEAL_WORKER_ANSWERED_MARK);
      }
      const entry = waiting.get(data.id);
      if (!entry) return;
      waiting.delete(data.id);
      clearTimeout(entry.timer);
      if (data.ok) entry.resolve(data.parts);
      else entry.reject(new Error(data.error));
    });
    worker.addEventListener('error', giveUp);
    worker.addEventListener('messageerror', giveUp);
    return worker;
  };

  return (request) => {
    const target = workerFor();
    if (!target) return inPage(request);
    return new Promise<SealedAttendance>((resolve, reject) => {
      const id = (next += 1);
      waiting.set(id, { request, resolve, reject, timer: setTimeout(giveUp, SEAL_WORKER_TIMEOUT_MS) });
      try {
        target.postMessage({ id, request });
      } catch {
        // A request that cannot be cloned to the worker (it always can: plain data and a CryptoKey).
        giveUp();
      }
    });
  };
}

/** The slice of the Trusted Types API needed here (not yet in TypeScript's DOM library). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
}

let policy: { createScriptURL(input: string): unknown } | undefined;

/** `url` as a value the Worker constructor takes under Trusted Types; the policy passes only `url`. */
function trustedScriptUrl(url: string): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return url;
  policy ??= factory.createPolicy(SEAL_WORKER_TRUSTED_TYPES_POLICY, {
    createScriptURL: (input) => {
      if (input !== url) throw new TypeError('Only the app\'s own seal worker may be started.');
      return input;
    },
  });
  // A TrustedScriptURL: the Worker constructor accepts it where it accepts a string.
  return policy.createScriptURL(url) as string;
}

/** Starts the app's seal worker, or gives none where this environment has no workers. */
async function startSealWorker(): Promise<SealWorker | undefined> {
  if (typeof Worker === 'undefined') return undefined;
  const { default: url } = await import('./attendance-seal-worker.ts?worker&url');
  return new Worker(trustedScriptUrl(url), { type: 'module', name: 'seal' });
}

let shared: Sealer | undefined;
let started: Promise<SealWorker | undefined> | undefined;

/** The app's sealer: one worker for every editor, started with the first save. */
export async function appSealer(): Promise<Sealer> {
  if (shared) return shared;
  started ??= startSealWorker().catch(() => undefined);
  const worker = await started;
  shared ??= createSealer(() => worker);
  return shared;
}
