/**
 * Rollback detection against the audit trail (issue 11 clarification: "every sign, addendum
 * and letter issue records the record's revision in the chain; a record read with a lower
 * revision than the chain holds for it is reported").
 *
 * Someone with the database can put back an older sealed copy of a record, of its list
 * summary, or of the referral worklist: every copy is genuine, so AES-GCM opens it. What
 * they cannot put back unnoticed is the audit trail (its head, high-water mark and MACs:
 * audit-log.ts). So:
 * - every record row is sealed with its revision in the additional data (attendance-crypto:
 *   `…:payload:rev:7`), so the revision read is the one that was sealed, not a clear number
 *   anyone can raise; rows sealed before this carry no revision and are compared by their
 *   clear revision (best effort) until their next save;
 * - the worklist is sealed with its own revision inside;
 * - sign, addendum and letter-issued events say "(record revision 7; worklist revision 3)";
 * - this index reads those events (once by their type, then only newer events) and answers
 *   "the highest revision the trail holds for this record / for the worklist". Before a
 *   rollback is reported, the event that holds the higher revision is checked (its hash and
 *   its MAC), so a planted event cannot raise a false alarm; it is reported by the check of
 *   the trail instead.
 *
 * Limit (SECURITY.md): putting back an older copy of the whole database, trail included, is
 * not detectable on the tablet; neither is a record rolled back to a copy newer than the
 * last sign, addendum or letter issue (the trail holds no later revision to compare with).
 */
import type { VerifyingKeys } from '../crypto/audit-mac';
import { verifyingKeys } from './vault';
import type { RowKeys } from '../crypto/sealed-row';
import type { TriageDatabase } from '../db';
import { isVouched } from './audit-lookup';
import { readWorklistState } from './attendance-crypto';
import type { StorageContext } from './context';
import type { Unlocked } from './vault';
import { observedAcross } from '../crypto/observed';

const REVISION_TYPES = ['sign', 'addendum', 'letter-issued'] as const;
const REVISION_PATTERN = /\(record revision (\d{1,15})(?:; worklist revision (\d{1,15}))?\)/;

/** The text the events carry: "(record revision 7; worklist revision 3)". */
export function revisionNote(recordRevision: number, worklistRevision: number | undefined): string {
  return worklistRevision === undefined ? `(record revision ${String(recordRevision)})` : `(record revision ${String(recordRevision)}; worklist revision ${String(worklistRevision)})`;
}

interface Held {
  rev: number;
  seq: number;
}

export class RecordRevisions {
  private readonly records = new Map<string, Held>();
  private worklist: Held | undefined;
  private upTo = 0;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly db: Pick<TriageDatabase, 'audit'>) {}

  private note(entityId: string, detail: string, seq: number): void {
    const match = REVISION_PATTERN.exec(detail);
    if (!match) return;
    const rev = Number(match[1]);
    if ((this.records.get(entityId)?.rev ?? 0) < rev) this.records.set(entityId, { rev, seq });
    if (match[2] !== undefined) {
      const worklistRev = Number(match[2]);
      if ((this.worklist?.rev ?? 0) < worklistRev) this.worklist = { rev: worklistRev, seq };
    }
  }

  /** Forgets what was read: the tablet was handed back and its database deleted (issue 13). */
  forget(): void {
    this.records.clear();
    this.worklist = undefined;
    this.upTo = 0;
  }

  /** Reads the events written since the last read (all revision events the first time). */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    // One read shared by every caller, made by whichever came first: through this caller's live
    // query zone, or what the caller reads after it goes unobserved (crypto/observed.ts).
    return observedAcross(this.refreshing);
  }

  private async read(): Promise<void> {
    const rows =
      this.upTo === 0
        ? await this.db.audit.where('type').anyOf([...REVISION_TYPES]).toArray()
        : await this.db.audit
            .where('seq')
            .above(this.upTo)
            .filter((row) => (REVISION_TYPES as readonly string[]).includes(row.type))
            .toArray();
    for (const row of rows) this.note(row.entityId, row.detail, row.seq);
    const last = await this.db.audit.orderBy('seq').last();
    this.upTo = Math.max(this.upTo, last?.seq ?? 0, ...rows.map((row) => row.seq));
  }

  /**
   * The revision the trail holds for this record when it is higher than `read` and the event
   * holding it is one the audit key vouches for; undefined when there is no rollback to report.
   */
  async rolledBack(auditKey: VerifyingKeys, entityId: string, read: number, keys?: RowKeys): Promise<number | undefined> {
    await this.refresh();
    return this.vouchedAbove(auditKey, this.records.get(entityId), read, keys);
  }

  /** The highest worklist revision the trail records (0 when none): a rebuilt worklist is numbered after it. */
  async worklistHeld(): Promise<number> {
    await this.refresh();
    return this.worklist?.rev ?? 0;
  }

  /** As rolledBack, for the referral worklist. */
  async worklistRolledBack(auditKey: VerifyingKeys, read: number, keys?: RowKeys): Promise<number | undefined> {
    await this.refresh();
    return this.vouchedAbove(auditKey, this.worklist, read, keys);
  }

  /**
   * As rolledBack for many records read at once (a list over the per-day index): the trail
   * is read once, then each is compared in memory. The ids read older than the trail, with
   * the revision it holds.
   */
  async rolledBackMany(auditKey: VerifyingKeys, reads: readonly { id: string; rev: number }[]): Promise<{ id: string; read: number; held: number }[]> {
    await this.refresh();
    const found: { id: string; read: number; held: number }[] = [];
    for (const { id, rev } of reads) {
      const held = this.records.get(id);
      if (!held || held.rev <= rev) continue;
      const vouched = await this.vouchedAbove(auditKey, held, rev);
      if (vouched !== undefined) found.push({ id, read: rev, held: vouched });
    }
    return found;
  }

  /** `keys` open the words of an event from before version 5 whose hash covers them (audit-details.ts). */
  private async vouchedAbove(auditKey: VerifyingKeys, held: Held | undefined, read: number, keys?: RowKeys): Promise<number | undefined> {
    if (!held || held.rev <= read) return undefined;
    return (await isVouched(auditKey, await this.db.audit.get(held.seq), keys)) ? held.rev : undefined;
  }
}

export const recordRollbackMessage = (read: number, held: number): string =>
  `An assessment on this tablet is an older copy than the audit trail shows (revision ${String(read)}; the trail records revision ${String(held)}): it may have been put back from an earlier copy of the tablet's storage. It is not opened for editing or letters.`;

export const worklistRollbackMessage = (read: number, held: number): string =>
  `The list of referrals still to make is an older copy than the audit trail shows (revision ${String(read)}; the trail records revision ${String(held)}). The home screen works the list out from every assessment instead.`;

/** Reports (and returns the trail's revision) when record `id` was read at a lower revision than the trail holds. */
export async function reportRecordRollback(ctx: Pick<StorageContext, 'revisions' | 'tamper'>, unlocked: Unlocked, id: string, read: number): Promise<number | undefined> {
  const held = await ctx.revisions.rolledBack(verifyingKeys(unlocked), id, read, unlocked);
  if (held !== undefined) ctx.tamper.report({ key: `record:${id}`, kind: 'record', message: recordRollbackMessage(read, held) }, id);
  return held;
}

/** Reports every record of `reads` read at a lower revision than the trail holds (one read of the trail). */
export async function reportRecordRollbacks(ctx: Pick<StorageContext, 'revisions' | 'tamper'>, unlocked: Unlocked, reads: readonly { id: string; rev: number }[]): Promise<void> {
  for (const { id, read, held } of await ctx.revisions.rolledBackMany(verifyingKeys(unlocked), reads)) {
    ctx.tamper.report({ key: `record:${id}`, kind: 'record', message: recordRollbackMessage(read, held) }, id);
  }
}

/** Reports (and returns the trail's revision) when the worklist was read at a lower revision than the trail holds. */
export async function reportWorklistRollback(ctx: Pick<StorageContext, 'revisions' | 'tamper'>, unlocked: Unlocked, read: number): Promise<number | undefined> {
  const held = await ctx.revisions.worklistRolledBack(verifyingKeys(unlocked), read, unlocked);
  if (held !== undefined) ctx.tamper.report({ key: 'worklist', kind: 'worklist', message: worklistRollbackMessage(read, held) });
  return held;
}

/** The worklist's revision now, for the chain (undefined when it cannot be read: the note then carries the record's alone). */
export async function currentWorklistRevision(ctx: Pick<StorageContext, 'vault' | 'db'>): Promise<number | undefined> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return undefined;
  try {
    return (await readWorklistState(ctx.db, unlocked))?.rev;
  } catch {
    return undefined;
  }
}
