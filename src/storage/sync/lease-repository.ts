/**
 * The edit lease and conflict addenda as the screens reach them (issue 14; design
 * docs/design/department-sync.md §6): loaded on demand by engine-start.ts only on an enrolled
 * tablet, so a tablet that does not share loads none of it and calls no one.
 */
import { liveQuery } from 'dexie';
import type { ConflictAddendumView } from '../../domain/sync/conflict-addendum';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { Result } from '../../domain/shared/result';
import { err } from '../../domain/shared/result';
import type { StorageContext } from '../repositories/context';
import type { EditLeaseHandle, LiveValue } from '../repositories/types';
import { CONFLICT_KIND, listConflictAddenda, reconcileConflict } from './conflict';
import { readEnrolment } from './enrolment-state';
import { currentLease, EditLease } from './lease';
import type { LeaseTransport } from './lease';
import { continueHere } from './lease-continue';

export function openEditLease(ctx: StorageContext, transport: LeaseTransport, attendanceId: string, idleLockMinutes: number, beforeRelease?: () => Promise<unknown>): EditLeaseHandle & { started: Promise<EditLeaseState> } {
  const lease = new EditLease(ctx, transport, attendanceId, idleLockMinutes, beforeRelease);
  return { state: () => lease.state(), takeOver: () => lease.takeOver(), close: () => lease.close(), started: lease.start() };
}

export const leaseOf = (ctx: StorageContext, transport: LeaseTransport, attendanceId: string): Promise<EditLeaseState> => currentLease(ctx, transport, attendanceId);

export const continueAttendance = (ctx: StorageContext, transport: LeaseTransport, attendanceId: string, idleLockMinutes: number) => continueHere(ctx, transport, attendanceId, idleLockMinutes);

/** Re-read whenever a conflict addendum or an attendance changes, or the session does. */
export function conflictAddenda(ctx: StorageContext, attendanceId?: string): LiveValue<ConflictAddendumView[]> {
  return {
    subscribe: (onNext, onError) => {
      const query = liveQuery(async () => {
        await ctx.db.departmentRows.where('kind').equals(CONFLICT_KIND).count();
        await ctx.db.attendances.count();
        return 0;
      });
      let latest = 0;
      const read = () => {
        const mine = (latest += 1);
        const unlocked = ctx.vault.peek();
        if (!unlocked) {
          onNext([]);
          return;
        }
        void listConflictAddenda(ctx, unlocked, attendanceId).then((views) => {
          if (mine === latest) onNext(views);
        }, onError);
      };
      const watch = query.subscribe(read, onError);
      return { unsubscribe: () => watch.unsubscribe() };
    },
  };
}

export async function reconcile(ctx: StorageContext, rowId: string): Promise<Result<void, { kind: string; message: string }>> {
  const enrolment = await readEnrolment(ctx.db);
  if (!enrolment) return err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
  return reconcileConflict(ctx, rowId, enrolment.tabletId);
}
