/**
 * Keeps a Dexie live query observing across WebCrypto (owns that one rule for storage/crypto;
 * the liaison list passes its lazily loaded code through it too, and revisions.ts the audit
 * trail read every list shares, a promise made by whichever caller came first).
 *
 * A live query (Dexie liveQuery, the repositories' LiveValue) re-runs when what it read
 * changes, and it knows what it read by the zone its reads run in. An await of a promise that
 * is not Dexie's (WebCrypto's decrypt, sign, verify) leaves that zone: every read after it is
 * unobserved, so a list that opens a sealed row before reading the next one never hears of a
 * change to the later rows. That hid a referral planned on another tablet from "Referrals to
 * make" until the home screen was opened again: the department's worklist is read after the
 * tablet's own list is opened (attendance-repository.ts referralsToMake; found by
 * tests/browser/department-sync.spec.ts, 30 November 2026). Dexie's documented remedy is to
 * pass such a promise through `Promise.resolve()` inside the querier, where `Promise` is then
 * Dexie's own and carries the zone over (dexie.org, useLiveQuery(), "Rules for the querier
 * function"); outside a live query it is the platform's Promise and changes nothing.
 *
 * Inside an explicit transaction the promise is left as it is: a transaction does not live
 * across WebCrypto (IndexedDB commits it when the task ends), and the code here never awaits
 * crypto inside one (domain/audit/sha256.ts says why), so nothing there changes either.
 */
import Dexie from 'dexie';

export function observedAcross<T>(promise: Promise<T>): Promise<T> {
  // Typed as always there; it is null outside a transaction (a live query's querier included).
  const transaction: unknown = Dexie.currentTransaction;
  return transaction ? promise : Promise.resolve(promise);
}
