/**
 * Continuing another tablet's assessment in progress on this tablet, and this tablet's copy
 * of an assessment continued elsewhere picking up the newer revision (issue 14; design
 * docs/design/department-sync.md §6, "Where the built edit lease differs").
 *
 * Continuing: the lease is taken first (lease.ts; refused when another tablet holds it, and
 * never without the server: a record can only move with the department's latest revision),
 * then the latest revision is fetched (`GET /rows/attendance/:id`), opened with its author's
 * id, and made this tablet's attendance one revision above it (conflict-adopt.ts: sealed here
 * through attendance-crypto.ts, so it opens here; pushed at once, so the server records this
 * tablet as its author and the other tablets open it by that `authorTablet`). Audited
 * ('department-record-continued').
 *
 * Picking up: after a pull, each of this tablet's assessments in progress whose department
 * summary is newer than its own copy, from another tablet, and with nothing unpushed here, is
 * replaced by the department's revision (an edit not yet pushed here is never replaced: its
 * push comes back `conflict` and becomes a conflict addendum, conflict.ts).
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StorageContext } from '../repositories/context';
import { adoptRecord } from './conflict-adopt';
import { rowKey } from './engine-wire';
import type { ApiFailure, ApiOptions } from './http';
import { takeLease } from './lease';
import type { EditLeaseState, LeaseFailure, LeaseTransport } from './lease';
import { fetchRecord } from './pull';
import { checkWith, openPulledRecord } from './pull-record';
import { readEnrolment } from './enrolment-state';

export type ContinueFailure = LeaseFailure | { kind: 'held-elsewhere'; message: string; lease: EditLeaseState } | { kind: 'not-found' | 'damaged' | 'signed'; message: string };

/** Continues another tablet's assessment in progress here: the attendance id to open, once it is this tablet's. */
export async function continueHere(ctx: StorageContext, transport: LeaseTransport, id: string, idleLockMinutes: number): Promise<Result<string, ContinueFailure>> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return err({ kind: 'locked', message: 'Unlock the tablet to continue this assessment.' });
  const enrolment = await readEnrolment(ctx.db);
  if (!enrolment || enrolment.revokedAt !== undefined) return err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
  const lease = await takeLease(ctx, transport, id, idleLockMinutes);
  if (!lease.ok) return lease;
  if (lease.value.status === 'elsewhere') return err({ kind: 'held-elsewhere', message: 'Another tablet is editing this assessment.', lease: lease.value });
  if (lease.value.status !== 'held') return err({ kind: 'unreachable', message: 'The department server cannot be reached. Try again when it is back.' });
  const api: ApiOptions = { credential: enrolment.credential, ...(transport.fetch ? { fetch: transport.fetch } : {}), ...(transport.origin ? { origin: transport.origin } : {}) };
  const fetched = await fetchRecord(ctx.db, api, enrolment.tabletId, id, checkWith(() => ctx.vault.peek()));
  if (!fetched.ok) return fetched;
  if (!fetched.value) return err({ kind: 'not-found', message: 'This record is not on the department server.' });
  const record = await openPulledRecord(unlocked, fetched.value);
  if (!record) return err({ kind: 'damaged', message: 'This record could not be opened: it may have been changed outside the app.' });
  if (record.status !== 'in-progress') return err({ kind: 'signed', message: 'This assessment is signed: it cannot be continued, only read or added to on its tablet.' });
  const serverRev = fetched.value.revision;
  await adoptRecord(ctx, unlocked, record, { localRev: serverRev + 1, serverRev, fromTablet: undefined }, ctx.now());
  await ctx.audit.append('department-record-continued', id, `An assessment in progress on another tablet of the department was continued on this tablet (from tablet ${fetched.value.authorTablet}, revision ${String(serverRev)})`);
  return ok(id);
}

/**
 * After a pull (while unlocked): this tablet's assessments in progress that another tablet has
 * moved on, with nothing unpushed here, take the department's revision. Returns how many.
 */
export async function pickUpNewerRevisions(ctx: StorageContext, api: ApiOptions, ownTablet: string): Promise<Result<number, ApiFailure>> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return ok(0);
  const own = await ctx.db.attendances.where('status').equals('in-progress').toArray();
  if (own.length === 0) return ok(0);
  const [summaries, acks] = await Promise.all([ctx.db.departmentRows.bulkGet(own.map((row) => rowKey('summary', row.id))), ctx.db.syncPushed.bulkGet(own.map((row) => rowKey('attendance', row.id)))]);
  let picked = 0;
  for (const [index, local] of own.entries()) {
    const summary = summaries[index];
    if (!summary || summary.sealed === '' || summary.authorTablet === ownTablet || summary.revision <= local.rev) continue;
    // Something typed here and not yet accepted by the department is never replaced: its push makes the conflict addendum.
    if ((acks[index]?.acknowledged ?? 0) < local.rev) continue;
    const fetched = await fetchRecord(ctx.db, api, ownTablet, local.id, checkWith(() => ctx.vault.peek()));
    if (!fetched.ok) return fetched;
    if (!fetched.value || fetched.value.revision <= local.rev) continue;
    const record = await openPulledRecord(unlocked, fetched.value);
    if (!record) continue;
    await adoptRecord(ctx, unlocked, record, { localRev: fetched.value.revision, serverRev: fetched.value.revision, fromTablet: fetched.value.authorTablet }, ctx.now());
    picked += 1;
  }
  return ok(picked);
}
