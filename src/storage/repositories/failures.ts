/**
 * Turns IndexedDB/Dexie errors into the typed failures the UI explains in plain words.
 * Chrome has reported a full disk as AbortError with a QuotaExceededError inside (Dexie
 * issues 776, 840), and Safari drops connections after backgrounding (Dexie 1139), so the
 * whole error chain is inspected, not just the outer name.
 */
import type { StorageFailure } from './types';

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const record = current as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    if (typeof record.name === 'string') names.push(record.name);
    if (typeof record.message === 'string') names.push(record.message);
    current = record.inner ?? record.cause;
  }
  return names;
}

export const messages = {
  quota:
    "This tablet's storage is full, so the last change could not be saved. What you typed is still on screen. Ask the nurse in charge to export and remove finished records, then try again.",
  connectionLost: 'The connection to storage on this tablet was lost. What you typed is still on screen and saving will be tried again.',
  locked: 'The app is locked. Unlock it to carry on.',
  stale: 'This assessment was changed in another tab. Reopen it to see the latest version.',
  unknown: 'Something went wrong saving on this tablet. What you typed is still on screen and saving will be tried again.',
} as const;

export function toStorageFailure(error: unknown): StorageFailure {
  const text = errorNames(error).join(' ');
  if (/QuotaExceeded|quota/i.test(text)) return { kind: 'quota', message: messages.quota };
  if (/DatabaseClosed|connection.*(lost|closing)|InvalidState|UnknownError/i.test(text)) {
    return { kind: 'connection-lost', message: messages.connectionLost };
  }
  return { kind: 'unknown', message: messages.unknown };
}
