/**
 * Unlock and lock (PRODUCT.md section 7). A PIN or passphrase unwraps the device secret
 * for that member of staff; nothing else can. Failed attempts are counted per member of
 * staff in the database, so reloading the page does not reset them: after 5 failures each
 * further attempt waits 30 s, doubling up to 15 minutes.
 */
import type { StaffRef } from '../../domain/assessment/staff-ref';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { deriveDeviceKeys, deviceKeyCheck, isWrappedSecret, unwrapDeviceSecret } from '../crypto/keys';
import type { DeviceRow, StaffRow } from '../db';
import type { StorageContext } from './context';
import { readWorklistState, sealWorklist, WORKLIST_LOCK, worklistFromSummaries } from './attendance-crypto';
import { reportWorklistRollback } from './revisions';
import { toStorageFailure } from './failures';
import { withLock } from './locks';
import { checkSettingsAtUnlock } from './device-settings-integrity';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { secretProblem } from '../../domain/settings/secret-policy';
import type { SessionRepository, SessionState, TamperReport, UnlockFailure, LiveValue } from './types';
import type { Unlocked } from './vault';

export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
/** The longest locking waits for pending saves before dropping the keys anyway. */
export const BEFORE_LOCK_WAIT_MS = 3_000;

/** Delay after the nth consecutive failure (n starting at 1). */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export function staffRefFromRow(row: StaffRow): StaffRef {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffRef['role'],
    staffGroup: row.staffGroup as StaffRef['staffGroup'],
    agencyName: row.agencyName,
    registrationNumber: row.registrationNumber,
  };
}

const LOCK_MESSAGE = 'safeguarding-triage:lock';

export const WEAK_SECRET_MESSAGE =
  'Your PIN or passphrase is one the rules now refuse (for example a date, such as a birthday, or a run like 123456): it is among the first an attacker tries. Choose a new one before you go on.';

export const ACCOUNT_CHANGED_MESSAGE =
  "This account's details on this tablet were changed outside the app (its role, whether it is active, or how it unlocks), so it cannot unlock. Nothing has been opened. Ask the nurse in charge.";

const accountReport = (row: StaffRow): TamperReport => ({
  key: `account:${row.id}`,
  kind: 'account',
  message: `The account of ${row.name} was changed outside the app (its role, whether it is active, or how it unlocks). It cannot unlock until the nurse in charge removes it and adds it again.`,
});

const lockAuditDetail: Record<'manual' | 'idle' | 'other-tab' | 'session-limit', string> = {
  manual: 'Locked',
  idle: 'Locked after no use',
  'other-tab': 'Locked with the other tabs',
  'session-limit': 'Locked at the session limit',
};

export class RealSessionRepository implements SessionRepository {
  constructor(private readonly ctx: StorageContext) {
    // Every tab locks together: one tab left unlocked behind a locked one would show the
    // patient to the next person who picks the tablet up. Unlocking stays per tab.
    ctx.sessionChannel?.addEventListener('message', (event) => {
      if (event.data === LOCK_MESSAGE && this.ctx.vault.peek()) void this.lockHere('other-tab');
    });
  }

  /** Reads whether the device is set up; called once at start. */
  async initialise(): Promise<void> {
    try {
      const device = await this.ctx.db.device.get('device');
      this.ctx.vault.setState(device ? { status: 'locked', reason: 'start' } : { status: 'not-set-up' });
    } catch {
      this.ctx.vault.setState({ status: 'not-set-up' });
    }
  }

  tamperReports(): LiveValue<TamperReport[]> {
    return this.ctx.tamper.live();
  }

  state(): LiveValue<SessionState> {
    return this.ctx.vault.live();
  }

  current(): SessionState {
    return this.ctx.vault.current();
  }

  async unlock(staffId: string, secret: string): Promise<Result<StaffRef, UnlockFailure>> {
    const { db, audit, now } = this.ctx;
    const at = now();
    let started: { row: StaffRow; deviceRow: DeviceRow; failures: number; retryAfter: string } | UnlockFailure;
    try {
      // The attempt is counted before the slow PBKDF2 check, in one transaction with the
      // throttle check: attempts sent at the same time (several tabs, a script) are
      // counted one by one and cannot all get through before the first failure is written.
      started = await db.transaction('rw', db.staff, db.device, async (): Promise<typeof started> => {
        const [row, deviceRow] = await Promise.all([db.staff.get(staffId), db.device.get('device')]);
        if (!row || row.active !== 1 || !deviceRow) return { kind: 'no-key', message: 'This member of staff cannot unlock this tablet. Ask the nurse in charge.' };
        if (!isWrappedSecret(row.wrapped)) return { kind: 'no-key', message: "This member of staff's key on this tablet is damaged. Ask the nurse in charge to remove and add them again." };
        if (row.retryAfter && row.retryAfter > at) return { kind: 'throttled', retryAfter: row.retryAfter };
        const failures = row.failedAttempts + 1;
        const delay = throttleDelayMs(failures);
        const retryAfter = delay ? new Date(Date.parse(at) + delay).toISOString() : '';
        await db.staff.update(row.id, { failedAttempts: failures, retryAfter });
        return { row, deviceRow, failures, retryAfter };
      });
    } catch (error) {
      return err({ kind: 'storage', failure: toStorageFailure(error) });
    }
    if ('kind' in started) return err(started);
    const { row, deviceRow, failures, retryAfter } = started;

    const unwrapped = await unwrapDeviceSecret(row.wrapped, secret, row.id);
    if (!unwrapped.ok) {
      await audit.append('unlock-failed', row.id, `Failed unlock attempt ${failures}`, null);
      return retryAfter ? err({ kind: 'throttled', retryAfter }) : err({ kind: 'wrong-secret', attemptsLeftBeforeDelay: FREE_ATTEMPTS - failures });
    }
    // The PIN was right: this attempt does not count.
    await db.staff.update(row.id, { failedAttempts: 0, retryAfter: '' });

    const keys = await deriveDeviceKeys(unwrapped.value);
    if ((await deviceKeyCheck(keys)) !== deviceRow.keyCheck) {
      unwrapped.value.fill(0);
      return err({ kind: 'other-device', message: "This key belongs to another tablet's data. Nothing has been opened. Ask the nurse in charge." });
    }
    // The role, active flag and secret kind are clear in the row: believed only when the
    // row's binding MAC under the audit key holds (or, before bindings, the trail's record).
    const verdict = await checkStaffRow(db, keys.auditKey, row);
    if (verdict === 'changed') {
      unwrapped.value.fill(0);
      await audit.append('unlock-failed', row.id, 'Unlock refused: the account was changed outside the app', null);
      return err({ kind: 'no-key', message: ACCOUNT_CHANGED_MESSAGE });
    }
    const staff = staffRefFromRow(row);
    // A secret made before storage enforced the rules (a date, a run) opens, once more: it must be changed before anything else.
    const weak = secretProblem(row.secretKind, secret) === undefined ? undefined : WEAK_SECRET_MESSAGE;
    this.ctx.vault.open({ keys, staff, deviceId: deviceRow.deviceId, secret: unwrapped.value }, at, weak);
    // Verifies the trail (head, high-water mark, every MAC) at every unlock, recording any
    // break, and seals the failed unlocks written without a key since the last unlock.
    await audit.unlocked(staff);
    const unlocked = this.ctx.vault.peek();
    if (unlocked) {
      await this.checkAccounts(unlocked);
      await checkSettingsAtUnlock(this.ctx, unlocked).catch(() => undefined);
    }
    await this.ensureWorklist();
    this.startBackgroundWork();
    return ok(staff);
  }

  private background: Promise<void> = Promise.resolve();

  /**
   * Work started at unlock that must never hold up the lock screen: bringing sealed
   * summaries up to the current version (summary-rebuild.ts; loaded on demand). Chained, so
   * an unlock while an earlier run is stopping resumes after it. A failure leaves older
   * summaries in place (lists still read them; their oversight fields read as not current)
   * and the next unlock tries again.
   */
  private startBackgroundWork(): void {
    this.background = this.background
      .then(() => import('./summary-rebuild'))
      .then(({ rebuildSummaries }) => rebuildSummaries(this.ctx))
      .then(
        () => undefined,
        () => undefined,
      )
      // Then every sealed row to the current format and key epoch (reseal.ts; issue 11).
      .then(() => import('./reseal'))
      .then(({ resealRows }) => resealRows(this.ctx))
      .then(
        () => undefined,
        () => undefined,
      );
  }

  /** Resolves when the background work started by unlocking has finished (tests and benchmarks). */
  backgroundWork(): Promise<void> {
    return this.background;
  }

  /**
   * Every account's binding, at every unlock: a row changed outside the app is reported to
   * whoever unlocked (and in the trail) even when nobody tries to unlock with it; accounts
   * made before bindings existed are bound now when the trail's record of their role agrees.
   */
  private async checkAccounts(unlocked: Unlocked): Promise<void> {
    try {
      for (const row of await this.ctx.db.staff.toArray()) {
        const verdict = await checkStaffRow(this.ctx.db, unlocked.keys.auditKey, row);
        if (verdict === 'adopt') {
          const { binding } = await bindStaffRow(unlocked.keys.auditKey, row);
          await this.ctx.db.staff.update(row.id, { binding });
        } else if (verdict === 'changed') this.ctx.tamper.report(accountReport(row), row.id);
        else this.ctx.tamper.clear(accountReport(row).key);
      }
    } catch {
      // A read failure here is reported by the screens that read the staff table.
    }
  }

  /**
   * Rebuilds the sealed referral worklist when it is missing, unreadable (a database from
   * before it existed, a damaged row) or older than the audit trail records, so the home screen's list is quick and complete.
   * A failure here leaves the slow, still complete, path in place: it never stops an unlock.
   */
  private async ensureWorklist(): Promise<void> {
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return;
    try {
      await withLock(WORKLIST_LOCK, async () => {
        const stored = await readWorklistState(this.ctx.db, unlocked);
        // A worklist older than the trail records (put back from an earlier copy) is reported and rebuilt too.
        if (stored !== undefined && (await reportWorklistRollback(this.ctx, unlocked, stored.rev)) === undefined) return;
        const rev = Math.max(stored?.rev ?? 0, await this.ctx.revisions.worklistHeld()) + 1;
        const row = await sealWorklist(unlocked, await worklistFromSummaries(this.ctx.db, unlocked), rev);
        await this.ctx.db.meta.put(row);
      });
    } catch {
      // Reported by the next write that needs it; the list falls back to the summaries.
    }
  }

  private readonly beforeLockTasks = new Set<() => Promise<void>>();

  beforeLock(task: () => Promise<void>): () => void {
    this.beforeLockTasks.add(task);
    return () => this.beforeLockTasks.delete(task);
  }

  async lock(reason: 'manual' | 'idle' | 'session-limit'): Promise<void> {
    this.ctx.sessionChannel?.postMessage(LOCK_MESSAGE);
    await this.lockHere(reason);
  }

  private async lockHere(reason: 'manual' | 'idle' | 'other-tab' | 'session-limit'): Promise<void> {
    // Nothing typed is lost by locking: pending autosaves are written while the keys are
    // still here. But a write that never settles (Chrome can leave one hanging when the disk
    // is full: Dexie issue 776) must not keep patient data on screen, so wait only so long.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...this.beforeLockTasks].map((task) => task())),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, BEFORE_LOCK_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    // Start the audit write (it takes the keys it needs now), then hide everything at once.
    const written = this.ctx.vault.peek() ? this.ctx.audit.append('lock', '', lockAuditDetail[reason]) : Promise.resolve();
    this.ctx.vault.close(reason);
    await written;
  }
}
