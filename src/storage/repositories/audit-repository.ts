/**
 * The audit trail as features see it: the newest events, verification, and recording
 * the acts that take data off the device (print, download, export).
 */
import { liveQuery } from 'dexie';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import type { StorageContext } from './context';
import type { AuditRepository, AuditVerification, LiveValue } from './types';

export class RealAuditRepository implements AuditRepository {
  constructor(private readonly ctx: StorageContext) {}

  recent(limit: number): LiveValue<AuditEvent[]> {
    return liveQuery(() => this.ctx.db.audit.orderBy('seq').reverse().limit(limit).toArray());
  }

  all(): Promise<AuditEvent[]> {
    return this.ctx.audit.all();
  }

  verify(): Promise<AuditVerification> {
    return this.ctx.audit.verify();
  }

  record(type: AuditEventType, entityId: string, detail: string): Promise<void> {
    return this.ctx.audit.append(type, entityId, detail);
  }
}
