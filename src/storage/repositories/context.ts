/**
 * What every real repository shares: the database, the vault, the audit log, the clock
 * and id source (injectable so tests control time).
 */
import type { TriageDatabase } from '../db';
import type { AuditLog } from './audit-log';
import type { Vault } from './vault';

export interface StorageContext {
  db: TriageDatabase;
  vault: Vault;
  audit: AuditLog;
  now: () => string;
  newId: () => string;
}
