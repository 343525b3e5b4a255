/**
 * The audit trail as features see it: the newest events, verification, and recording
 * the acts that take data off the device (print, download, export), and acknowledging a break.
 * Viewing, checking, exporting and acknowledging are for the nurse in charge only
 * (domain/settings/permissions.ts): the trail names every colleague and what they did.
 * Anyone signed in adds to it by what they do.
 */
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { readableEvents } from './audit-details';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { permittedLive, requirePermission } from './permission-gate';
import type { AuditCheckScope, AuditRepository, AuditVerification, DepartmentChains, LiveValue, StorageFailure } from './types';

export class RealAuditRepository implements AuditRepository {
  constructor(private readonly ctx: StorageContext) {}

  recent(limit: number): LiveValue<Result<AuditEvent[], StorageFailure>> {
    // The words of events about patients are sealed (audit-details.ts): opened here for the nurse in charge.
    return permittedLive(this.ctx.vault, 'view-audit-trail', async () => readableEvents(this.ctx.vault.peek(), await this.ctx.db.audit.orderBy('seq').reverse().limit(limit).toArray()));
  }

  async all(): Promise<Result<AuditEvent[], StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'view-audit-trail');
    if (!allowed.ok) return allowed;
    return ok(await this.ctx.audit.all());
  }

  async verify(scope: AuditCheckScope = 'whole'): Promise<AuditVerification> {
    const allowed = requirePermission(this.ctx.vault, 'view-audit-trail');
    if (!allowed.ok) return { ok: false, refused: allowed.error };
    return this.ctx.audit.verify(scope);
  }

  async exportAll(): Promise<Result<AuditEvent[], StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'export-audit-trail');
    if (!allowed.ok) return allowed;
    try {
      await this.ctx.audit.append('export', '', 'Audit trail exported as CSV');
      return ok(await this.ctx.audit.all());
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  record(type: AuditEventType, entityId: string, detail: string): Promise<void> {
    return this.ctx.audit.append(type, entityId, detail);
  }

  async acknowledgeBreak(brokenAt: number): Promise<Result<void, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'acknowledge-audit-break');
    if (!allowed.ok) return allowed;
    try {
      return (await this.ctx.audit.acknowledge(brokenAt)) ? ok(undefined) : err({ kind: 'not-found', message: 'There is no unacknowledged break at that event.' });
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async departmentChains(): Promise<Result<DepartmentChains | undefined, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'view-audit-trail');
    if (!allowed.ok) return allowed;
    try {
      // Loaded on demand: only an enrolled tablet's audit trail page asks.
      const { departmentChains } = await import('../sync/chain-view');
      return ok(await departmentChains(this.ctx, allowed.value));
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
