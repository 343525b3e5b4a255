/**
 * The audit trail at a busy department's size: an unlock (and the home screen) checks only
 * the events after the verification checkpoint, while the audit trail page's check of the
 * whole trail still reads and checks every event. Times are printed for the report.
 */
import { describe, expect, it } from 'vitest';
import { nextEvent } from '../../domain/audit/chain';
import type { AuditEvent } from '../../domain/audit/events';
import { macAuditAnchor, macAuditHash } from '../crypto/audit-mac';
import type { DeviceKeys } from '../crypto/keys';
import { TriageDatabase } from '../db';
import { uniqueDatabaseName } from '../../test-support/storage-fixtures';
import { AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY, AuditLog } from './audit-log';
import { Vault } from './vault';
import { countWebCrypto } from '../../test-support/webcrypto-count';
import type { WebCryptoCounts } from '../../test-support/webcrypto-count';

const AT = '2026-03-10T14:00:00.000Z';
const STAFF = { id: 'staff-1', name: 'Alex Morgan', role: 'nurse-in-charge' as const, staffGroup: 'substantive' as const, agencyName: '', registrationNumber: '' };

const hmacKey = () => crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

/** A database holding `size` MAC'd events and their anchors, as the app would have written them, and an unlocked audit log over it. */
async function trailOf(size: number): Promise<{ db: TriageDatabase; log: AuditLog; read: { rows: number } }> {
  const keys: DeviceKeys = {
    dataKey: await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    indexKey: await hmacKey(),
    auditKey: await hmacKey(),
  };
  const db = new TriageDatabase(uniqueDatabaseName());
  // Counts the audit rows each read returns, below Dexie's tables (its DBCore middleware).
  const read = { rows: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-audit-rows-read',
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        if (tableName !== 'audit') return table;
        return {
          ...table,
          query: async (request) => {
            const response = await table.query(request);
            read.rows += response.result.length;
            return response;
          },
          get: async (request) => {
            const row: unknown = await table.get(request);
            if (row !== undefined) read.rows += 1;
            return row;
          },
          openCursor: async (request) => {
            const cursor = await table.openCursor(request);
            if (cursor) read.rows += 1;
            return cursor;
          },
        };
      },
    }),
  });
  const rows: AuditEvent[] = [];
  let previous: AuditEvent | undefined;
  for (let seq = 1; seq <= size; seq += 1) {
    const event = nextEvent(previous, { at: AT, actor: { id: STAFF.id, name: STAFF.name }, type: seq % 3 === 0 ? 'sign' : 'change', entityId: `attendance-${String(seq)}`, detail: 'Patient and attendance: saved as complete' });
    previous = { ...event, mac: await macAuditHash(keys.auditKey, event.hash) };
    rows.push(previous);
  }
  const last = rows.at(-1);
  if (!last) throw new Error('an empty trail');
  await db.audit.bulkAdd(rows);
  await db.meta.bulkPut([
    { key: AUDIT_HEAD_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(keys.auditKey, 'head', last.seq, last.hash) } },
    { key: AUDIT_HIGH_WATER_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(keys.auditKey, 'high-water', last.seq, last.hash) } },
  ]);
  const vault = new Vault();
  vault.open({ keys, epoch: 1, staff: STAFF, deviceId: 'device-1', secret: new Uint8Array(32) }, AT);
  return { db, log: new AuditLog(db, vault, () => AT), read };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

describe('checking a large audit trail', () => {
  it('an unlock reads only the events after the checkpoint', async () => {
    const { db, log, read } = await trailOf(2_000);
    await log.unlocked(STAFF); // No checkpoint yet: the whole trail is read, and the checkpoint written.
    expect(read.rows).toBeGreaterThanOrEqual(2_000);

    read.rows = 0;
    await log.unlocked(STAFF);
    await log.verify('since-checkpoint');
    // The checkpoint's event and what follows it (the unlock events), never the trail before it.
    expect(read.rows).toBeGreaterThan(0);
    expect(read.rows).toBeLessThan(10);

    read.rows = 0;
    expect(await log.verify()).toEqual({ ok: true, count: 2_002 });
    expect(read.rows).toBeGreaterThanOrEqual(2_002);
    db.close();
  });

  it('an unlock on a 20,000-event trail does a small fraction of the work of the check of the whole trail', async () => {
    // The work is the WebCrypto calls (each event's MAC checked, each hash made): counted, so
    // a busy machine cannot make the test fail; the times are printed for the report.
    const work = (calls: WebCryptoCounts) => calls.verify + calls.sign + calls.digest;
    const measured: { whole: number; sinceCheckpoint: number }[] = [];
    for (const size of [5_000, 20_000]) {
      const { db, log } = await trailOf(size);
      let whole = 0;
      let sinceCheckpoint = 0;
      const wholeMs = await timed(async () => {
        whole = work((await countWebCrypto(() => log.unlocked(STAFF))).calls); // No checkpoint yet: what every unlock did before.
      });
      const sinceMs = await timed(async () => {
        sinceCheckpoint = work((await countWebCrypto(() => log.unlocked(STAFF))).calls);
      });
      const page = await timed(() => log.verify());
      console.warn(`Audit check at ${String(size)} events: unlock with the whole check ${wholeMs.toFixed(0)} ms (${String(whole)} WebCrypto calls), next unlock ${sinceMs.toFixed(0)} ms (${String(sinceCheckpoint)}), audit trail page ${page.toFixed(0)} ms`);
      measured.push({ whole, sinceCheckpoint });
      db.close();
    }
    const [, large] = measured;
    expect(large?.whole).toBeGreaterThanOrEqual(20_000);
    expect(large?.sinceCheckpoint).toBeLessThan((large?.whole ?? 0) / 10);
  }, 120_000);
});
