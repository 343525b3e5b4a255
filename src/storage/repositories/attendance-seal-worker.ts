/**
 * The seal worker: a dedicated worker that summarises and seals an attendance for the
 * autosave (attendance-seal-work.ts), and writes the row when nothing but the row changes
 * (attendance-quick-write.ts), so a nurse's tap or keystroke never waits behind it on the
 * main thread. One request in, one answer out, matched by `id`; nothing of a request is kept
 * (its database connection is). Started and fed by attendance-sealer.ts, which falls back to
 * the page when a worker cannot start.
 */
import { quickWrite } from './attendance-quick-write';
import { sealAttendanceParts } from './attendance-seal-work';
import type { SealRequest } from './attendance-seal-work';
import type { SealReply } from './attendance-sealer';

/** The slice of a dedicated worker's global scope used here (the DOM library types `globalThis` as a window). */
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<{ id: number; request: SealRequest }>) => void): void;
  postMessage(message: SealReply): void;
};

scope.addEventListener('message', (event) => {
  const { id, request } = event.data;
  sealAttendanceParts(request)
    .then(async (sealed) => (request.quick ? { ...sealed, quick: await quickWrite(sealed, request.quick) } : sealed))
    .then(
      (parts) => scope.postMessage({ id, ok: true, parts }),
      // The error's name and message only: they never carry patient data (storage failures are typed).
      (error: unknown) => scope.postMessage({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : 'The record could not be sealed.' }),
    );
});
