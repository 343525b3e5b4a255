/**
 * Reading single facts back out of the audit trail, trusting only events whose own hash and
 * MAC hold (issue 11). Used where a clear value is checked against what the trail recorded
 * when it was made: an account's role before accounts had a binding MAC (staff-binding.ts),
 * whether the settings were ever sealed (device-settings-integrity.ts), and the highest
 * revision the trail holds for a record (revisions.ts).
 *
 * An event that fails its hash or MAC is simply not believed here; the check of the trail
 * (audit-log.ts) is what reports it.
 */
import { auditEventSchema } from '../../domain/audit/events';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { hashEvent } from '../../domain/audit/chain';
import { verifyAuditMac } from '../crypto/audit-mac';
import type { VerifyingKeys } from '../crypto/audit-mac';
import type { RowKeys } from '../crypto/sealed-row';
import type { TriageDatabase } from '../db';
import { chainRows } from './audit-details';

/**
 * True when the stored row is an event we wrote: it parses, its hash is its content's, and the
 * audit key MAC'd it. `keys` open the words of an event from before version 5 whose hash
 * covers them (audit-details.ts); without them such an event is not believed. The event's
 * `detail` is as the chain hashed it: for an event about a patient since version 5, only the
 * clear note.
 */
export async function isVouched(auditKey: VerifyingKeys, row: unknown, keys?: RowKeys): Promise<AuditEvent | undefined> {
  const [prepared] = await chainRows(keys, [row]);
  const parsed = auditEventSchema.safeParse(prepared);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (hashEvent(event, event.prevHash) !== event.hash) return undefined;
  return (await verifyAuditMac(auditKey, event.hash, event.mac)) ? event : undefined;
}

/** The events of these types about `entityId` that the audit key vouches for, oldest first (read by the type index). */
export async function vouchedEvents(db: Pick<TriageDatabase, 'audit'>, auditKey: VerifyingKeys, types: readonly AuditEventType[], entityId: string): Promise<AuditEvent[]> {
  const rows = await db.audit
    .where('type')
    .anyOf([...types])
    .filter((row) => row.entityId === entityId)
    .toArray();
  const checked = await Promise.all(rows.map((row) => isVouched(auditKey, row)));
  return checked.filter((event): event is AuditEvent => event !== undefined).sort((a, b) => a.seq - b.seq);
}
