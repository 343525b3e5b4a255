/**
 * Unlock and lock (PRODUCT.md section 7). A PIN or passphrase unwraps the device secret
 * for that member of staff; nothing else can. Failed attempts are counted per member of
 * staff in the database, so reloading the page does not reset them: after 5 failures each
 * further attempt waits 30 s, doubling up to 15 minutes.
 */
import { liveQuery } from 'dexie';
import type { StaffRef } from '../../domain/assessment/staff-ref';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { DeviceRow, StaffRow } from '../db';
import type { StorageContext } from './context';
import { readWorklistState, sealWorklist, WORKLIST_LOCK, worklistFromSummaries } from './attendance-crypto';
import { reportWorklistRollback } from './revisions';
import { toStorageFailure } from './failures';
import { LOCK_MESSAGE, withLock } from './locks';
import { checkSettingsAtUnlock } from './device-settings-integrity';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { secretProblem, secretProblemForRole } from '../../domain/settings/secret-policy';
import type { RecoveryFailure, SessionRepository, SessionState, TamperReport, UnlockFailure, LiveValue } from './types';
import type { OpenedMember } from './staff-keys';
import { FACTOR_MESSAGES, factorKeyFor } from './hardware-factor-key';
import { verifyingKeys } from './vault';
import { readEnrolment } from '../sync/enrolment-state';
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


export const WEAK_SECRET_MESSAGE =
  'Your PIN or passphrase is one the rules now refuse (for example a date, such as a birthday, or a run like 123456): it is among the first an attacker tries. Choose a new one before you go on.';

export const NURSE_IN_CHARGE_PIN_MESSAGE =
  "The nurse in charge now unlocks with a passphrase, not a PIN: a PIN can be guessed in minutes by anyone who copies this tablet's files. Choose a passphrase before you go on.";

/** Why the secret just used must be changed before anything else, or undefined when it may stay. */
function mustChange(row: StaffRow, secret: string): string | undefined {
  if (secretProblemForRole(row.role as StaffRef['role'], row.secretKind, secret) === undefined) return undefined;
  return secretProblem(row.secretKind, secret) === undefined ? NURSE_IN_CHARGE_PIN_MESSAGE : WEAK_SECRET_MESSAGE;
}

const DAMAGED_KEY_MESSAGE = "This member of staff's key on this tablet is damaged. Ask the nurse in charge to remove and add them again.";

export const SUPERSEDED_KEY_MESSAGE = 'This key is from before the tablet was re-keyed, so it no longer opens anything. Nothing has been opened. Ask the nurse in charge.';

export const ACCOUNT_CHANGED_MESSAGE =
  "This account's details on this tablet were changed outside the app (its role, whether it is active, or how it unlocks), so it cannot unlock. Nothing has been opened. Ask the nurse in charge.";

const accountReport = (row: StaffRow): TamperReport => ({
  key: `account:${row.id}`,
  kind: 'account',
  message: `The account of ${row.name} was changed outside the app (its role, whether it is active, or how it unlocks). It cannot unlock until the nurse in charge removes it and adds it again.`,
});

type LockHereReason = 'manual' | 'idle' | 'other-tab' | 'session-limit' | 'account-removed' | 'app-error';

const lockAuditDetail: Record<LockHereReason, string> = {
  manual: 'Locked',
  idle: 'Locked after no use',
  'other-tab': 'Locked with the other tabs',
  'session-limit': 'Locked at the session limit',
  'account-removed': 'Locked: the account signed in was removed',
  'app-error': 'Locked: a screen of the app failed',
};

export class RealSessionRepository implements SessionRepository {
  constructor(private readonly ctx: StorageContext) {
    // Every tab locks together: one tab left unlocked behind a locked one would show the
    // patient to the next person who picks the tablet up. Unlocking stays per tab.
    ctx.sessionChannel?.addEventListener('message', (event) => {
      if (event.data === LOCK_MESSAGE && this.ctx.vault.peek()) void this.lockHere('other-tab');
    });
    this.signOutWhenRemoved();
  }

  /**
   * A member removed while signed in is signed out at once, not at the next idle lock or
   * session limit: by the nurse in charge in another tab, or on another tablet of the
   * department (the removal pulled and applied here, travel-staff.ts). Their pending saves are
   * written first, as at any lock. Only this tab's session: another tab signed in as someone
   * else carries on, and one signed in as the same member locks itself the same way.
   */
  private signOutWhenRemoved(): void {
    let watching: { staffId: string; subscription: { unsubscribe(): void } } | undefined;
    this.ctx.vault.live().subscribe((state) => {
      const staffId = state.status === 'unlocked' ? state.staff.id : undefined;
      if (watching?.staffId === staffId) return;
      watching?.subscription.unsubscribe();
      watching = undefined;
      if (staffId === undefined) return;
      const subscription = liveQuery(() => this.ctx.db.staff.get(staffId)).subscribe({
        next: (row) => {
          // lockHere drops the keys before it awaits the audit write; a write that fails (the database closing) leaves the tablet locked all the same.
          if (row?.active !== 1 && this.ctx.vault.peek()?.staff.id === staffId) this.lockHere('account-removed').catch(() => undefined);
        },
        // The database closed under the query (an upgrade in another tab, a hand-back): that path locks or reloads on its own.
        error: () => undefined,
      });
      watching = { staffId, subscription };
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
    // The key-pair code loads on first use, not with the lock screen (PRODUCT.md section 10: first load).
    const { canOpen, openMember, resolveSecrets } = await import('./staff-keys');
    const at = now();
    let started: { row: StaffRow; deviceRow: DeviceRow; failures: number; retryAfter: string } | UnlockFailure;
    try {
      // The attempt is counted before the slow PBKDF2 check, in one transaction with the
      // throttle check: attempts sent at the same time (several tabs, a script) are
      // counted one by one and cannot all get through before the first failure is written.
      started = await db.transaction('rw', db.staff, db.device, async (): Promise<typeof started> => {
        const [row, deviceRow] = await Promise.all([db.staff.get(staffId), db.device.get('device')]);
        if (!row || row.active !== 1 || !deviceRow) return { kind: 'no-key', message: 'This member of staff cannot unlock this tablet. Ask the nurse in charge.' };
        if (!canOpen(row)) return { kind: 'no-key', message: DAMAGED_KEY_MESSAGE };
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

    // The wrap, or after a re-key the seal to the member's key pair: one PBKDF2 opens either (staff-keys.ts).
    // With the optional hardware-bound factor added, the authenticator's PRF output is half of the KEK (hardware-factor.ts).
    const factor = await factorKeyFor(this.ctx, row);
    if (!factor.ok) {
      await audit.append('hardware-factor-failed', row.id, `Unlock refused: the authenticator did not answer (attempt ${String(failures)})`, null);
      return retryAfter ? err({ kind: 'throttled', retryAfter }) : err({ kind: 'no-key', message: FACTOR_MESSAGES.noAnswer });
    }
    const opened = await openMember(row, secret, factor.value);
    factor.value?.prf.fill(0);
    if (!opened.ok) {
      if (opened.error !== 'wrong-pin') return err({ kind: 'no-key', message: DAMAGED_KEY_MESSAGE });
      await audit.append('unlock-failed', row.id, `Failed unlock attempt ${failures}`, null);
      return retryAfter ? err({ kind: 'throttled', retryAfter }) : err({ kind: 'wrong-secret', attemptsLeftBeforeDelay: FREE_ATTEMPTS - failures });
    }
    // The PIN was right: this attempt does not count.
    await db.staff.update(row.id, { failedAttempts: 0, retryAfter: '' });

    const resolved = await resolveSecrets(db, deviceRow, opened.value.secret);
    if (!resolved.ok) {
      opened.value.secret.fill(0);
      if (resolved.error === 'superseded') {
        await audit.append('unlock-failed', row.id, 'Unlock refused: a key from before the tablet was re-keyed', null);
        return err({ kind: 'no-key', message: SUPERSEDED_KEY_MESSAGE });
      }
      return err({ kind: 'other-device', message: "This key belongs to another tablet's data. Nothing has been opened. Ask the nurse in charge." });
    }
    // A re-key made on another tablet of the department, held here, is taken up now (storage/sync/department-rekey.ts).
    // Loaded only on a tablet that shares: an unlock elsewhere parses none of it.
    const adopted = (await readEnrolment(db))
      ? await (await import('../sync/department-rekey')).adoptDepartmentRekeyAtUnlock(this.ctx, { device: deviceRow, row, opened: opened.value, resolved: resolved.value })
      : ok(resolved.value);
    if (!adopted.ok) return err({ kind: 'no-key', message: adopted.error });
    const { keys, secret: held, epoch, previous } = adopted.value;
    // The role, active flag and secret kind are clear in the row: believed only when the
    // row's binding MAC under the audit key holds (or, before bindings, the trail's record).
    const verdict = await checkStaffRow(db, verifyingKeys({ keys, previous }), row);
    if (verdict === 'changed') {
      held.fill(0);
      await audit.append('unlock-failed', row.id, 'Unlock refused: the account was changed outside the app', null);
      return err({ kind: 'no-key', message: ACCOUNT_CHANGED_MESSAGE });
    }
    // A key pair for an account from before key pairs; the wrap made again after a re-key.
    await this.refreshMemberKeys(row, opened.value, keys.auditKey);
    const staff = staffRefFromRow(row);
    // A secret made before storage enforced the rules (a date, a run, a nurse in charge's PIN)
    // opens, once more: it must be changed before anything else.
    const weak = mustChange(row, secret);
    this.ctx.vault.open({ keys, epoch, staff, deviceId: deviceRow.deviceId, secret: held, previous }, at, weak);
    await this.afterUnlock(staff);
    return ok(staff);
  }

  /** Writes the member's refreshed keys (staff-keys.ts), bound again; a failure leaves the old ones, which still open. */
  private async refreshMemberKeys(row: StaffRow, opened: OpenedMember, auditKey: CryptoKey): Promise<void> {
    try {
      const { refreshedMemberKeys } = await import('./staff-keys');
      const refreshed = await refreshedMemberKeys(this.ctx.db, row, opened);
      if (!refreshed) return;
      const { binding } = await bindStaffRow(auditKey, { ...row, ...refreshed });
      await this.ctx.db.staff.update(row.id, { ...refreshed, binding });
    } catch {
      // The next unlock tries again.
    }
  }

  /** What every unlock does once the vault is open: verify the trail, check accounts and settings, the worklist, background work. */
  private async afterUnlock(staff: StaffRef): Promise<void> {
    // Verifies the trail (head, high-water mark, every MAC) at every unlock, recording any
    // break, and seals the failed unlocks written without a key since the last unlock.
    await this.ctx.audit.unlocked(staff);
    const unlocked = this.ctx.vault.peek();
    if (unlocked) {
      await this.checkAccounts(unlocked);
      await checkSettingsAtUnlock(this.ctx, unlocked).catch(() => undefined);
    }
    await this.ensureWorklist();
    this.startBackgroundWork();
  }

  recoveryKeyKept(): void {
    this.ctx.vault.recoveryKeyKept();
  }

  /**
   * "Recover with the recovery key" (issue 11): a nurse in charge who has lost their
   * passphrase sets a new one with the recovery key the trust keeps. The key is used up: a
   * new one is issued and shown once, so a key seen during the recovery opens nothing later.
   * Every use and every refusal is in the audit trail.
   */
  async recover(staffId: string, recoveryKey: string, passphrase: string): Promise<Result<StaffRef, RecoveryFailure>> {
    const weak = secretProblemForRole('nurse-in-charge', 'passphrase', passphrase);
    if (weak) return err({ kind: 'refused', message: weak });
    try {
      const { recoverWithKey } = await import('./recovery');
      return await recoverWithKey(this.ctx, { staffId, recoveryKey, passphrase }, { staffRef: staffRefFromRow, afterUnlock: (staff) => this.afterUnlock(staff) });
    } catch (error) {
      return err({ kind: 'storage', failure: toStorageFailure(error) });
    }
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
      // Then the sealed per-day index, from the summaries once all are current (day-index-build.ts).
      .then(async (summaries) => {
        if (summaries.status !== 'done') return;
        const { buildDayIndex } = await import('./day-index-build');
        await buildDayIndex(this.ctx);
      })
      .then(
        () => undefined,
        () => undefined,
      )
      // Then every sealed row to the current format and key epoch (reseal.ts; issue 11), completing a pending re-key (rekey.ts).
      .then(() => import('./rekey'))
      .then(({ runRekeyJob }) => runRekeyJob(this.ctx))
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
        const verdict = await checkStaffRow(this.ctx.db, verifyingKeys(unlocked), row);
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

  async lock(reason: 'manual' | 'idle' | 'session-limit' | 'app-error'): Promise<void> {
    this.ctx.sessionChannel?.postMessage(LOCK_MESSAGE);
    await this.lockHere(reason);
  }

  private async lockHere(reason: LockHereReason): Promise<void> {
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

  /**
   * Writes every change still waiting to be saved (the tasks registered with beforeLock)
   * before this tab gives way to a schema upgrade (schema-upgrade.ts), waiting only as long
   * as a lock does (see lockHere).
   */
  async writePending(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...this.beforeLockTasks].map((task) => task())),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, BEFORE_LOCK_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}
