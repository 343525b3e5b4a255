/**
 * What every real repository shares: the database, the vault, the audit log, the clock
 * and id source (injectable so tests control time).
 */
import type { TriageDatabase } from '../db';
import type { AuditLog } from './audit-log';
import type { RecordRevisions } from './revisions';
import type { TamperReports } from './tamper-reports';
import type { Vault } from './vault';
import type { HardwareAuthenticator } from '../hardware-factor/authenticator';

/** The slice of BroadcastChannel the session uses to lock every tab of the app together. */
export interface SessionChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface StorageContext {
  db: TriageDatabase;
  vault: Vault;
  audit: AuditLog;
  now: () => string;
  newId: () => string;
  /** What was found changed outside the app: shown to whoever is signed in, and audited. */
  tamper: TamperReports;
  /** The highest revision the audit trail records for each record and for the worklist: rollback detection. */
  revisions: RecordRevisions;
  /** Present in the app (one per tab); absent in most tests, where a tab is alone. */
  sessionChannel?: SessionChannel | undefined;
  /** The tablet's platform authenticator (WebAuthn PRF) for the optional hardware-bound factor; absent where there is none. */
  authenticator?: HardwareAuthenticator | undefined;
}
