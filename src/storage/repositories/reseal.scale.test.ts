/**
 * What the re-seal job costs at a department's size, and that the lists cost no more once
 * rows are in the one sealed-row format: 1,000 attendances written in the format before it
 * (fake-indexeddb and Node's WebCrypto; times are printed for the report, and the tablet's
 * browser will differ).
 */
import { describe, expect, it } from 'vitest';
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import { seal } from '../crypto/codec';
import { isCurrentRow } from '../crypto/sealed-row';
import { createPatientAttendance, openTestStorage, PATIENT, setUpTablet } from '../../test-support/storage-fixtures';
import type { AttendanceRow } from '../db';
import { revisionAad } from './attendance-crypto';
import { resealRows } from './reseal';
import { countWebCrypto } from '../../test-support/webcrypto-count';

const COUNT = 1_000;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** How many AES-GCM decryptions `run` asks WebCrypto for: the look-up's cost in work. */
async function decryptions(run: () => Promise<unknown>): Promise<number> {
  return (await countWebCrypto(run)).calls.decrypt;
}

describe('the re-seal job at scale', () => {
  it('brings 1,000 attendances to the current format, and the look-up costs no more afterwards', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    const template = editor.record();
    const ctx = storage.repos.internals;
    const unlocked = ctx.vault.peek();
    if (!unlocked) throw new Error('locked');
    const first = await ctx.db.attendances.get(template.id);
    if (!first) throw new Error('no row');
    // 1,000 rows as the release before this one wrote them: the revision bound in, the old additional data.
    const rows: AttendanceRow[] = await Promise.all(
      Array.from({ length: COUNT }, async (_, index) => {
        const id = `legacy-${String(index).padStart(4, '0')}`;
        const record = { ...template, id };
        const [summary, payload] = await Promise.all([
          seal(unlocked.keys.dataKey, summariseAttendance(record, template.updatedAt), revisionAad(unlocked.deviceId, id, 'summary', 1)),
          seal(unlocked.keys.dataKey, record, revisionAad(unlocked.deviceId, id, 'payload', 1)),
        ]);
        return { ...first, id, rev: 1, summary, payload };
      }),
    );
    await ctx.db.attendances.bulkPut(rows);
    const lookUp = () => storage.repos.attendances.find({ nhsNumber: PATIENT.nhsNumber });
    await lookUp();
    const before = Math.min(await timed(lookUp), await timed(lookUp));
    const decryptedBefore = await decryptions(lookUp);

    const job = await timed(async () => expect(await resealRows(ctx)).toMatchObject({ status: 'done', unreadable: 0 }));
    expect((await ctx.db.attendances.toArray()).every((row) => isCurrentRow(row.payload, { epoch: 1 }) && isCurrentRow(row.summary, { epoch: 1 }))).toBe(true);

    const after = Math.min(await timed(lookUp), await timed(lookUp));
    const decryptedAfter = await decryptions(lookUp);
    const found = await lookUp();
    expect(found.ok && found.value.length).toBe(COUNT + 1);
    console.warn(`Re-seal of ${String(COUNT)} attendances: ${job.toFixed(0)} ms; look-up opening ${String(COUNT + 1)} summaries: ${before.toFixed(0)} ms in the old format, ${after.toFixed(0)} ms in the current one`);
    // Either format is one decryption per box (the clear `f` says which additional data to use):
    // no more work after. Counted, not timed: the times above are for the report only.
    expect(decryptedBefore).toBeGreaterThanOrEqual(COUNT + 1);
    expect(decryptedAfter).toBeLessThanOrEqual(decryptedBefore);
  }, 120_000);
});
