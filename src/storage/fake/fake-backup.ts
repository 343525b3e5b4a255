/**
 * The backup repository of the in-memory fake (component tests): the same role checks,
 * passphrase rules, audit events and refusal messages as the real one (storage/backup), with
 * no encryption. A "file" is the fake's own token; anything else is refused as not ours.
 */
import { BACKUP_APP, BACKUP_FORMAT_VERSION } from '../../domain/backup/backup-format';
import { backupPassphraseProblem, backupRefusalMessages } from '../../domain/backup/backup-rules';
import type { BackupHeader } from '../../domain/backup/backup-format';
import type { Permission } from '../../domain/settings/permissions';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { AuditEventType } from '../../domain/audit/events';
import type { StaffRef } from '../../domain/assessment/staff-ref';
import type { BackupRepository, LiveValue, SessionState, StorageFailure } from '../repositories/types';

interface FakeBackupDeps {
  now: () => string;
  permitted: (permission: Permission) => Result<StaffRef, StorageFailure>;
  appendAudit: (type: AuditEventType, entityId: string, detail: string) => Promise<void>;
  sessionState: () => SessionState;
  setSession: (state: SessionState) => void;
  attendanceCount: () => number;
  wipe: () => void;
}

const encoder = new TextEncoder();

export function createFakeBackup(deps: FakeBackupDeps): BackupRepository {
  const setUpAt = deps.now();
  let lastBackupAt: string | undefined;
  const listeners = new Set<() => void>();
  const made = new Map<string, string>();
  const header = (createdAt: string): BackupHeader => ({
    app: BACKUP_APP,
    format: BACKUP_FORMAT_VERSION,
    tabletId: 'fake-tablet',
    createdAt,
    counts: { attendances: deps.attendanceCount(), letters: 0, letterDrafts: 0, liaisonReviews: 0, auditEvents: 0, staff: 0 },
    auditHeadHash: '0'.repeat(64),
    kdf: { name: 'PBKDF2-SHA-256', iterations: 600_000, salt: 'A'.repeat(22) },
    passphraseCheck: 'A'.repeat(22),
    compression: 'gzip',
    chunkCount: 1,
    bodyBytes: 0,
  });
  const refused = (reason: keyof typeof backupRefusalMessages) => err({ kind: 'refused' as const, reason, message: backupRefusalMessages[reason] });
  return {
    create: async (passphrase, progress) => {
      const allowed = deps.permitted('back-up-tablet');
      if (!allowed.ok) return allowed;
      const weak = backupPassphraseProblem(passphrase);
      if (weak) return err({ kind: 'forbidden', message: weak });
      const createdAt = deps.now();
      progress?.({ stage: 'encrypting', done: 1, total: 1 });
      const token = `fake-backup-${String(made.size + 1)}`;
      made.set(token, passphrase);
      lastBackupAt = createdAt;
      for (const listener of [...listeners]) listener();
      await deps.appendAudit('export', '', `Encrypted backup made: ${String(deps.attendanceCount())} attendances`);
      return ok({ parts: [encoder.encode(token)], fileName: 'backup-0a1b2c3d4e5f.sgtbackup', header: header(createdAt), skipped: 0 });
    },
    restore: async (file, passphrase) => {
      const setUp = deps.sessionState().status !== 'not-set-up';
      if (setUp) {
        const allowed = deps.permitted('back-up-tablet');
        if (!allowed.ok) return allowed;
      }
      if (file.length === 0) return refused('empty');
      const token = new TextDecoder().decode(file);
      const expected = made.get(token);
      if (expected === undefined) return refused('not-ours');
      if (expected !== passphrase) return refused('wrong-passphrase');
      if (setUp) {
        await deps.appendAudit('import', '', 'Merged a backup');
        return ok({ mode: 'merged', added: 0, updated: 0, kept: deps.attendanceCount(), lettersAdded: 0, header: header(deps.now()) });
      }
      deps.setSession({ status: 'locked', reason: 'start' });
      return ok({ mode: 'replaced', added: 0, updated: 0, kept: 0, lettersAdded: 0, header: header(deps.now()) });
    },
    status: (): LiveValue<{ lastBackupAt: string | undefined; setUpAt: string } | undefined> => ({
      subscribe: (onNext) => {
        const send = () => onNext(deps.sessionState().status === 'not-set-up' ? undefined : { lastBackupAt, setUpAt });
        listeners.add(send);
        send();
        return { unsubscribe: () => listeners.delete(send) };
      },
    }),
    importedChains: () => {
      const allowed = deps.permitted('back-up-tablet');
      return Promise.resolve(allowed.ok ? ok([]) : allowed);
    },
    handBack: () => {
      const allowed = deps.permitted('back-up-tablet');
      if (!allowed.ok) return Promise.resolve(allowed);
      deps.wipe();
      deps.setSession({ status: 'not-set-up' });
      return Promise.resolve(ok(undefined));
    },
  };
}
