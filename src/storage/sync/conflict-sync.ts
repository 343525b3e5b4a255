/**
 * The sync engine's calls into the edit lease's side (issue 14; design
 * docs/design/department-sync.md §6): one after the attendances' push (a `conflict` becomes a
 * conflict addendum, conflict.ts), one after the pull (this tablet's copies of assessments
 * continued elsewhere pick up the newer revision, lease-continue.ts; then this tablet's
 * conflict addenda and reconciliations are pushed under their own pending key). Both need the
 * key for what they seal and open: while locked they do nothing, and the next cycle after the
 * unlock does it.
 */
import type { Result } from '../../domain/shared/result';
import { ok } from '../../domain/shared/result';
import type { StorageContext } from '../repositories/context';
import { nextConflictPush, resolveConflicts, SYNC_PENDING_CONFLICT_KEY } from './conflict';
import type { ApiFailure, ApiOptions } from './http';
import { pickUpNewerRevisions } from './lease-continue';
import { pushAll } from './push';

/** After the attendances' push. */
export async function conflictsAfterPush(ctx: StorageContext, api: ApiOptions, ownTablet: string): Promise<void> {
  await resolveConflicts(ctx, api, ownTablet);
}

/** After the pull: newer revisions picked up, then conflict addenda pushed. */
export async function conflictsAfterPull(ctx: StorageContext, api: ApiOptions, ownTablet: string): Promise<Result<number, ApiFailure>> {
  if (!ctx.vault.peek()) return ok(0);
  const picked = await pickUpNewerRevisions(ctx, api, ownTablet);
  if (!picked.ok) return picked;
  const pushed = await pushAll(ctx.db, api, ctx.now, ctx.newId, { pendingKey: SYNC_PENDING_CONFLICT_KEY, next: () => nextConflictPush(ctx.db, ownTablet, ctx.newId) });
  return pushed.ok ? ok(pushed.value.accepted) : pushed;
}
