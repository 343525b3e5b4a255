/**
 * The removals a held department re-key carries, applied on a tablet still unlocked at the
 * epoch being left (design docs/design/department-sync.md §8).
 *
 * Removing a member on a tablet that shares re-keys the department (department-rekey.ts), so
 * the removal's staff row travels sealed under the new epoch and waits here until a remaining
 * member's unlock takes the re-key up. Until then the member removed could stay signed in on
 * this tablet for as long as the idle lock or the session limit allows. The envelope is sealed
 * under the old epoch's transport key, which this unlocked tablet holds, and carries every
 * staff row as the re-key left them: a removed member's row there keeps the binding its removal
 * made under the old audit key, this tablet's own. So each removal is applied now, once its
 * binding verifies; the session repository then signs the member out if it is them
 * (session-repository.ts `signOutWhenRemoved`), their pending saves written first.
 *
 * The row is recorded as held at the revision this tablet already acknowledged, with the new
 * fingerprint: it is not pushed again from here, and the removal's own row, pulled with the
 * re-key, applies over it as usual once the re-key is taken up.
 */
import type { StaffRow } from '../db';
import type { StorageContext } from '../repositories/context';
import { checkStaffRow } from '../repositories/staff-binding';
import { verifyingKeys } from '../repositories/vault';
import { heldEnvelopes } from './department-rekey';
import { openEnvelope } from './department-rekey-keys';
import { readEnrolment } from './enrolment-state';
import { rowKey } from './engine-wire';
import { fingerprintOf, heldAck } from './travel';
import { STAFF_KIND, staffForTransport } from './travel-staff';

export const REMOVED_WITH_REKEY = 'A staff account removed on another tablet of the department (applied from the re-key that followed the removal)';

/** Applies the removals of every held re-key ahead of this tablet's keys; how many accounts were removed here. */
export async function applyRemovalsFromHeldRekeys(ctx: Pick<StorageContext, 'db' | 'audit' | 'vault' | 'now'>): Promise<number> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return 0;
  const enrolment = await readEnrolment(ctx.db);
  if (!enrolment) return 0;
  let removed = 0;
  for (const held of await heldEnvelopes(ctx)) {
    if (held.epoch <= unlocked.epoch) continue;
    const envelope = await openEnvelope(unlocked.secret, held.author, held.epoch, held.box);
    // Only an envelope that leaves this tablet's own epoch is sealed under keys it holds; a later one waits for the unlock.
    if (!envelope || envelope.from !== unlocked.epoch || envelope.departmentId !== enrolment.departmentId) continue;
    for (const row of envelope.staff) {
      if (row.active === 1) continue;
      const local = await ctx.db.staff.get(row.id);
      if (local?.active !== 1) continue;
      const candidate: StaffRow = { ...row, failedAttempts: local.failedAttempts, retryAfter: local.retryAfter };
      if ((await checkStaffRow(ctx.db, verifyingKeys(unlocked), candidate)) !== 'bound') continue;
      const fingerprint = await fingerprintOf(staffForTransport(candidate));
      await ctx.db.transaction('rw', ctx.db.staff, ctx.db.syncPushed, async () => {
        const ack = await ctx.db.syncPushed.get(rowKey(STAFF_KIND, row.id));
        await ctx.db.staff.put(candidate);
        await ctx.db.syncPushed.put(heldAck(STAFF_KIND, row.id, ack?.acknowledged ?? 0, ctx.now(), fingerprint));
      });
      await ctx.audit.append('department-staff-received', row.id, REMOVED_WITH_REKEY);
      removed += 1;
    }
  }
  return removed;
}
