/**
 * The audit trail as features see it: the newest events, verification, and recording
 * the acts that take data off the device (print, download, export).
 */
import { liveQuery } from 'dexie';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import type { AuditCheckScope, AuditRepository, AuditVerification, LiveValue, StorageFailure } from './types';

export class RealAuditRepository implements AuditRepository {
  constructor(private readonly ctx: StorageContext) {}

  recent(limit: number): LiveValue<AuditEvent[]> {
    return liveQuery(() => this.ctx.db.audit.orderBy('seq').reverse().limit(limit).toArray());
  }

  all(): Promise<AuditEvent[]> {
    return this.ctx.audit.all();
  }

  verify(scope: AuditCheckScope = 'whole'): Promise<AuditVerification> {
    return this.ctx.audit.verify(scope);
  }

  record(type: AuditEventType, entityId: string, detail: string): Promise<void> {
    return this.ctx.audit.append(type, entityId, detail);
  }

  async acknowledgeBreak(brokenAt: number): Promise<Result<void, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    if (unlocked.value.staff.role !== 'nurse-in-charge') return err({ kind: 'forbidden', message: 'Only the nurse in charge can acknowledge a break in the audit trail.' });
    try {
      return (await this.ctx.audit.acknowledge(brokenAt)) ? ok(undefined) : err({ kind: 'not-found', message: 'There is no unacknowledged break at that event.' });
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
