/**
 * Appends to and verifies the hash-chained audit trail (PRODUCT.md section 7).
 *
 * Each event's hash covers its content and the previous hash (domain/audit/chain); each
 * event written while unlocked also carries an HMAC of its hash under a key derived from
 * the device secret, so someone with write access to the database but no PIN cannot
 * rewrite history without it showing. The newest (seq, hash) is kept as a MAC'd head so
 * cutting events off the end shows too. Appends hold a cross-tab lock so two tabs never
 * chain from the same previous event.
 */
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { auditTypeRequiresMac, nextEvent, verifyChain } from '../../domain/audit/chain';
import { macAuditHash, verifyAuditMac } from '../crypto/audit-mac';
import type { TriageDatabase } from '../db';
import { withLock } from './locks';
import type { AuditVerification } from './types';
import type { Vault } from './vault';

const HEAD_KEY = 'audit-head';

interface AuditHead {
  seq: number;
  hash: string;
  mac: string;
}

export class AuditLog {
  constructor(
    private readonly db: TriageDatabase,
    private readonly vault: Vault,
    private readonly now: () => string,
  ) {}

  /** Appends one event; never throws (a failed audit write is reported to the console, not to the nurse mid-task). */
  async append(type: AuditEventType, entityId: string, detail: string, actor?: { id: string; name: string } | null): Promise<void> {
    // Taken now, not inside the lock: locking drops the keys at once, and this event must still be MAC'd.
    const unlocked = this.vault.peek();
    try {
      await withLock('safeguarding-triage:audit', async () => {
        const who = actor !== undefined ? actor : unlocked ? { id: unlocked.staff.id, name: unlocked.staff.name } : null;
        const last = await this.db.audit.orderBy('seq').last();
        const event = nextEvent(last, { at: this.now(), actor: who, type, entityId, detail });
        const mac = unlocked ? await macAuditHash(unlocked.keys.auditKey, event.hash) : '';
        const head: AuditHead = { seq: event.seq, hash: event.hash, mac };
        await this.db.transaction('rw', this.db.audit, this.db.meta, async () => {
          await this.db.audit.add({ ...event, mac });
          await this.db.meta.put({ key: HEAD_KEY, value: head });
        });
      });
    } catch (error) {
      console.error('Audit trail write failed', error instanceof Error ? error.name : 'unknown error');
    }
  }

  async all(): Promise<AuditEvent[]> {
    return this.db.audit.orderBy('seq').toArray();
  }

  /** Checks the chain, every MAC (when unlocked) and the head. Reports the first broken link. */
  async verify(): Promise<AuditVerification> {
    const events = await this.all();
    const chain = verifyChain(events);
    if (!chain.ok) return { ok: false, brokenAt: chain.brokenAt, reason: describeReason(chain.reason) };
    const unlocked = this.vault.peek();
    if (unlocked) {
      for (const event of events) {
        if (!auditTypeRequiresMac(event.type)) continue;
        const valid = event.mac !== '' && (await verifyAuditMac(unlocked.keys.auditKey, event.hash, event.mac));
        if (!valid) return { ok: false, brokenAt: event.seq, reason: 'The event was not written by this app on this device, or has been changed.' };
      }
    }
    const headRow = await this.db.meta.get(HEAD_KEY);
    const head = headRow?.value as AuditHead | undefined;
    const last = events.at(-1);
    // Set-up writes the first event and the head together, and every append rewrites the
    // head with its event: a set-up tablet without a head has lost events from the end.
    if (!head && (last || (await this.db.device.count()) > 0)) {
      return { ok: false, brokenAt: (last?.seq ?? 0) + 1, reason: 'The record of the newest event is missing: events may have been removed from the end.' };
    }
    if (head && (!last || last.seq !== head.seq || last.hash !== head.hash)) {
      return { ok: false, brokenAt: (last?.seq ?? 0) + 1, reason: 'Events are missing from the end of the audit trail.' };
    }
    if (head && unlocked && head.mac !== '' && !(await verifyAuditMac(unlocked.keys.auditKey, head.hash, head.mac))) {
      return { ok: false, brokenAt: head.seq, reason: 'The record of the newest event has been changed.' };
    }
    return { ok: true, count: events.length };
  }
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'hash-mismatch':
      return 'The event has been changed since it was written.';
    case 'link-broken':
      return 'The event does not follow on from the one before it: an event was removed, added or reordered.';
    case 'sequence-gap':
      return 'An event is missing.';
    default:
      return 'The event is damaged.';
  }
}
