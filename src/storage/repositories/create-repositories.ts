/**
 * Wires the real repositories over one database. The app creates one set at start;
 * tests create their own with a fixed clock and a fresh database name.
 */
import { TriageDatabase } from '../db';
import { AuditLog } from './audit-log';
import type { StorageContext } from './context';
import { RealAttendanceRepository } from './attendance-repository';
import { RealAuditRepository } from './audit-repository';
import { RealDeviceRepository } from './device-repository';
import { RealLetterRepository } from './letter-repository';
import { RealLiaisonRepository } from './liaison-repository';
import { RealSessionRepository } from './session-repository';
import { RealStaffRepository } from './staff-repository';
import type { Repositories } from './types';
import { RecordRevisions } from './revisions';
import { SchemaUpgradeWatch } from './schema-upgrade';
import { TamperReports } from './tamper-reports';
import { Vault } from './vault';
import { RealBackupRepository } from '../backup/backup-repository';
import { lazyWebAuthnAuthenticator } from '../hardware-factor/lazy-authenticator';
import type { HardwareAuthenticator } from '../hardware-factor/authenticator';
import { lazyDepartmentRepository } from '../sync/department-lazy';
import type { ApiOptions } from '../sync/http';
import { SyncComposition } from '../sync/engine-start';
import type { SyncOptions } from '../sync/engine';

export interface StorageOptions {
  databaseName?: string;
  now?: () => Date;
  newId?: () => string;
  /**
   * Lock every tab of the app together (a BroadcastChannel named after the database). The app
   * turns it on; tests that open two repositories on one database turn it on to be two tabs.
   */
  crossTabLock?: boolean;
  /** The platform authenticator for the optional hardware-bound factor: WebAuthn where the browser has it; tests pass a fake. */
  authenticator?: HardwareAuthenticator;
  /** The department server (issue 14): the app leaves it unset (same origin); tests pass an origin or a fetch bound to an in-process server. */
  departmentApi?: Pick<ApiOptions, 'fetch' | 'origin'>;
  /**
   * Department sharing (issue 14): the app passes `{}`; the engine then watches the
   * enrolment row and syncs only once the tablet is enrolled (storage/sync/engine.ts). Absent:
   * no engine at all (tests of one tablet).
   */
  sync?: SyncOptions;
}

export interface RealRepositories extends Repositories {
  /** Reads whether the device is set up; resolves when the session state is known. */
  ready: Promise<void>;
  /** The shared internals, for storage tests and benchmarks only (never imported by features). */
  internals: StorageContext;
  close(): void;
  /** Resolves when the background work started at unlock (summary rebuild) has finished: tests and benchmarks only. */
  backgroundWork(): Promise<void>;
  /** Department sharing when `sync` was given: tests reach the engine through it (loaded(), then syncNow). */
  sync?: SyncComposition;
}

export function createRepositories(options: StorageOptions = {}): RealRepositories {
  const db = new TriageDatabase(options.databaseName);
  const vault = new Vault();
  const now = () => (options.now ? options.now() : new Date()).toISOString();
  const newId = options.newId ?? (() => crypto.randomUUID());
  const audit = new AuditLog(db, vault, now);
  const sessionChannel = options.crossTabLock && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`safeguarding-triage-session:${db.name}`) : undefined;
  const ctx: StorageContext = { db, vault, audit, now, newId, tamper: new TamperReports(vault, audit), revisions: new RecordRevisions(db), sessionChannel, authenticator: options.authenticator ?? (typeof PublicKeyCredential === 'undefined' ? undefined : lazyWebAuthnAuthenticator) };
  const session = new RealSessionRepository(ctx);
  const syncComposition = options.sync ? new SyncComposition(ctx, options.sync) : undefined;
  syncComposition?.start();
  return {
    session,
    device: new RealDeviceRepository(ctx),
    staff: new RealStaffRepository(ctx),
    attendances: new RealAttendanceRepository(ctx),
    audit: new RealAuditRepository(ctx),
    letters: new RealLetterRepository(ctx),
    liaison: new RealLiaisonRepository(ctx),
    backup: new RealBackupRepository(ctx),
    // Loaded on demand: only the nurse in charge's reminder asks.
    retention: {
      due: async () => (await import('./retention-due')).retentionDue(ctx),
      purge: async () => (await import('./retention-purge')).purgeDue(ctx),
    },
    upgrade: new SchemaUpgradeWatch(db, () => session.writePending()),
    department: lazyDepartmentRepository(ctx, options.departmentApi),
    ready: session.initialise(),
    internals: ctx,
    ...(syncComposition ? { sync: syncComposition } : {}),
    close: () => {
      syncComposition?.stop();
      vault.close('manual');
      sessionChannel?.close();
      db.close();
    },
    backgroundWork: () => session.backgroundWork(),
  };
}
