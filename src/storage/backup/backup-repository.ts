/**
 * The backup repository (issue 13; docs/backup.md): making an encrypted backup file,
 * restoring one, the reminder's "last backup", the imported chains' check, and handing the
 * tablet back. Role checks are here, at the storage boundary: everything is the nurse in
 * charge's, except a restore on the set-up screen of a tablet that is not set up (there is
 * nobody to sign in yet, and nothing on the tablet to protect).
 *
 * The work itself loads on demand (backup-export, backup-read, backup-write): the home
 * screen only needs `status()`.
 */
import { liveQuery } from 'dexie';
import type { BackupRefusal } from '../../domain/backup/backup-rules';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StorageContext } from '../repositories/context';
import { toStorageFailure } from '../repositories/failures';
import { requirePermission } from '../repositories/permission-gate';
import type { BackupFile, BackupProgress, BackupRepository, ImportedChainStatus, LiveValue, RestoreFailure, RestoreSummary, StorageFailure } from '../repositories/types';
import type { RestoreProgress } from './backup-write';

/** When the newest backup was made (clear: it says nothing about any patient). */
export const LAST_BACKUP_KEY = 'backup:last';

// The rules and messages load with the backup work, not with the lock screen (PRODUCT.md section 10: first load).
const loadRules = () => import('../../domain/backup/backup-rules');

const refused = async (reason: BackupRefusal): Promise<RestoreFailure> => ({ kind: 'refused', reason, message: (await loadRules()).backupRefusalMessages[reason] });

/** An opaque file name: nothing about the site, the patients or the date. */
function opaqueFileName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `backup-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}.sgtbackup`;
}

export const BACKUP_WAITS_FOR_REKEY = 'The tablet is re-sealing its records after a member of staff was removed. A backup can be made once that has finished (the staff page shows how far it has got).';

export class RealBackupRepository implements BackupRepository {
  constructor(private readonly ctx: StorageContext) {}

  async create(passphrase: string, progress?: BackupProgress): Promise<Result<BackupFile, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'back-up-tablet');
    if (!allowed.ok) return allowed;
    const weak = (await loadRules()).backupPassphraseProblem(passphrase);
    if (weak) return err({ kind: 'forbidden', message: weak });
    // Mid re-key the trail holds MACs under two keys and the file carries one secret (rekey.ts): back up once it completes.
    if (allowed.value.previous) return err({ kind: 'forbidden', message: BACKUP_WAITS_FOR_REKEY });
    try {
      const { collectEntries, makeBackupFile } = await import('./backup-export');
      const body = await collectEntries(this.ctx, allowed.value, (done, total) => progress?.({ stage: 'reading', done, total }));
      const createdAt = this.ctx.now();
      const made = await makeBackupFile(body, allowed.value.deviceId, createdAt, passphrase, (done, total) => progress?.({ stage: 'encrypting', done, total }));
      // The keys may have gone while encrypting (the tablet locked): nothing is recorded then, and the file is not handed over.
      if (this.ctx.vault.peek() !== allowed.value) return err({ kind: 'locked', message: 'The tablet locked while the backup was being made. Unlock and make it again.' });
      await this.ctx.db.meta.put({ key: LAST_BACKUP_KEY, value: { at: createdAt } });
      const { counts } = made.header;
      await this.ctx.audit.append(
        'export',
        '',
        `Encrypted backup made: ${String(counts.attendances)} attendances, ${String(counts.letters)} letters, ${String(counts.auditEvents)} audit events${body.skipped ? `; ${String(body.skipped)} rows that would not open left out` : ''}`,
      );
      return ok({ parts: made.parts, fileName: opaqueFileName(), header: made.header, skipped: body.skipped });
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async restore(file: Uint8Array, passphrase: string, progress?: BackupProgress): Promise<Result<RestoreSummary, RestoreFailure>> {
    const { db, vault } = this.ctx;
    let setUp: boolean;
    try {
      setUp = (await db.device.count()) > 0;
    } catch (error) {
      return err(toStorageFailure(error));
    }
    const allowed = setUp ? requirePermission(vault, 'back-up-tablet') : undefined;
    if (allowed && !allowed.ok) return allowed;
    if (!setUp && vault.current().status !== 'not-set-up') return err(await refused('not-restorable-here'));
    const { readBackup } = await import('./backup-read');
    const read = await readBackup(file, passphrase, (stage, done, total) => progress?.({ stage, done, total }));
    if (!read.ok) return err(await refused(read.error));
    const backup = read.value;
    try {
      const { restoreMerging, restoreReplacing } = await import('./backup-write');
      const writing: RestoreProgress = (stage, done, total) => progress?.({ stage, done, total });
      if (allowed) {
        if (backup.header.tabletId === allowed.value.deviceId) return err(await refused('same-tablet'));
        const report = await restoreMerging(this.ctx, allowed.value, backup, writing);
        return ok({ ...report, header: backup.header });
      }
      const report = await restoreReplacing(this.ctx, backup, writing);
      vault.setState({ status: 'locked', reason: 'start' });
      return ok({ ...report, header: backup.header });
    } catch (error) {
      return err(toStorageFailure(error));
    } finally {
      backup.secret.fill(0);
    }
  }

  status(): LiveValue<{ lastBackupAt: string | undefined; setUpAt: string } | undefined> {
    return liveQuery(async () => {
      const [device, last] = await Promise.all([this.ctx.db.device.get('device'), this.ctx.db.meta.get(LAST_BACKUP_KEY)]);
      if (!device) return undefined;
      const at = (last?.value as { at?: unknown } | undefined)?.at;
      return { lastBackupAt: typeof at === 'string' ? at : undefined, setUpAt: device.createdAt };
    });
  }

  async importedChains(): Promise<Result<ImportedChainStatus[], StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'back-up-tablet');
    if (!allowed.ok) return allowed;
    try {
      const { checkImportedChains } = await import('./backup-write');
      return ok(await checkImportedChains(this.ctx, allowed.value));
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async handBack(): Promise<Result<void, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'back-up-tablet');
    if (!allowed.ok) return allowed;
    try {
      // Every tab locks first (nothing left on screen), then the database goes, with everything in it.
      this.ctx.sessionChannel?.postMessage('safeguarding-triage:lock');
      this.ctx.vault.close('manual');
      // Open again on next use: the set-up screen that follows (or a restore) starts a new, empty database.
      await this.ctx.db.delete({ disableAutoOpen: false });
      // What this page remembers of the deleted tablet (the trail's newest event, revisions, reports) goes with it.
      this.ctx.audit.forget();
      this.ctx.revisions.forget();
      this.ctx.tamper.forgetAll();
      this.ctx.vault.setState({ status: 'not-set-up' });
      return ok(undefined);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
