/**
 * The autosave's sealer (attendance-sealer.ts): requests go to the seal worker and its
 * answers come back; what it seals opens in the page; and no worker problem ever loses a
 * save (the page does the work instead). The worker here is a stand-in that answers the way
 * attendance-seal-worker.ts does, from a structured clone of the request (what postMessage
 * hands a real worker); the browser journeys run the real one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import { createPatientAttendance, openTestStorage, setUpTablet } from '../../test-support/storage-fixtures';
import { openRowPart } from './attendance-crypto';
import { sealAttendanceParts } from './attendance-seal-work';
import type { SealedAttendance, SealRequest } from './attendance-seal-work';
import { createSealer, SEAL_WORKER_TIMEOUT_MS } from './attendance-sealer';
import type { SealReply, SealWorker } from './attendance-sealer';

/** A worker stand-in: holds what is posted to it until the test answers, errors or lets it answer as the real worker would. */
class StandInWorker implements SealWorker {
  readonly posted: { id: number; request: SealRequest }[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: { data: SealReply }) => void)[]>();

  postMessage(message: { id: number; request: SealRequest }): void {
    this.posted.push(structuredClone(message));
  }

  addEventListener(type: string, listener: (event: { data: SealReply }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(data: SealReply): void {
    for (const listener of this.listeners.get('message') ?? []) listener({ data });
  }

  fail(type: 'error' | 'messageerror'): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: { id: 0, ok: false, error: '' } });
  }

  /** Answers every held request as attendance-seal-worker.ts does. */
  async answerAll(): Promise<void> {
    for (const { id, request } of this.posted.splice(0)) this.reply({ id, ok: true, parts: await sealAttendanceParts(request) });
  }
}

async function sealRequest(): Promise<SealRequest> {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  editor.close();
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('locked');
  return { record: editor.record(), rev: 7, now: editor.record().updatedAt, deviceId: unlocked.deviceId, epoch: unlocked.epoch, dataKey: unlocked.keys.dataKey, nhsIndex: 'nhs-index', nameDobIndex: '' };
}

/** What the page opens a row with: only the tablet id, key epoch and data key take part. */
const pageKeys = (request: SealRequest) => ({ deviceId: request.deviceId, epoch: request.epoch, keys: { dataKey: request.dataKey } }) as Parameters<typeof openRowPart>[0];

afterEach(() => {
  vi.useRealTimers();
});

describe('the autosave sealer', () => {
  it('hands the sealing to the worker, and what the worker sealed opens in the page as the record and its summary', async () => {
    const request = await sealRequest();
    const worker = new StandInWorker();
    const inPage = vi.fn(sealAttendanceParts);
    const seal = createSealer(() => worker, inPage);
    const sealing = seal(request);
    expect(worker.posted).toHaveLength(1);
    await worker.answerAll();
    const parts = await sealing;
    expect(inPage).not.toHaveBeenCalled();
    expect(parts.summary).toEqual(summariseAttendance(request.record, request.now));
    const { row } = parts;
    expect(row).toMatchObject({ id: request.record.id, rev: 7, status: 'in-progress', nhsIndex: 'nhs-index', nameDobIndex: '', createdById: request.record.createdBy.id, updatedAt: request.record.updatedAt });
    expect((await openRowPart(pageKeys(request), row, 'payload'))?.value).toEqual(request.record);
    expect((await openRowPart(pageKeys(request), row, 'summary'))?.value).toEqual(parts.summary);
    // Sealed at revision 7 for this attendance: it opens as no other revision.
    expect(await openRowPart(pageKeys(request), { ...row, rev: 8 }, 'payload')).toBeUndefined();
  });

  it('matches each answer to its request, whatever order they come in', async () => {
    const request = await sealRequest();
    const worker = new StandInWorker();
    const seal = createSealer(() => worker);
    const first = seal({ ...request, rev: 1 });
    const second = seal({ ...request, rev: 2 });
    const [a, b] = worker.posted.splice(0);
    if (!a || !b) throw new Error('not posted');
    const partsOf = async (posted: { request: SealRequest }) => sealAttendanceParts(posted.request);
    worker.reply({ id: b.id, ok: true, parts: await partsOf(b) });
    worker.reply({ id: a.id, ok: true, parts: await partsOf(a) });
    expect(await openRowPart(pageKeys(request), { id: request.record.id, rev: 1, payload: (await first).row.payload }, 'payload')).toMatchObject({ rev: 1 });
    expect(await openRowPart(pageKeys(request), { id: request.record.id, rev: 2, payload: (await second).row.payload }, 'payload')).toMatchObject({ rev: 2 });
  });

  it('reports a failure the worker answers with as the save’s failure', async () => {
    const request = await sealRequest();
    const worker = new StandInWorker();
    const inPage = vi.fn(sealAttendanceParts);
    const sealing = createSealer(() => worker, inPage)(request);
    const [posted] = worker.posted;
    worker.reply({ id: posted?.id ?? 0, ok: false, error: 'OperationError: The operation failed' });
    await expect(sealing).rejects.toThrow('OperationError: The operation failed');
    expect(inPage).not.toHaveBeenCalled();
  });

  it.each(['error', 'messageerror'] as const)('a worker that fails (%s) hands what it holds, and every later save, to the page: nothing is lost', async (failure) => {
    const request = await sealRequest();
    const worker = new StandInWorker();
    const inPage = vi.fn(sealAttendanceParts);
    const seal = createSealer(() => worker, inPage);
    const held = [seal({ ...request, rev: 1 }), seal({ ...request, rev: 2 })];
    worker.fail(failure);
    const parts: SealedAttendance[] = await Promise.all(held);
    expect(parts.map((part) => part.summary.id)).toEqual([request.record.id, request.record.id]);
    expect(inPage).toHaveBeenCalledTimes(2);
    expect(worker.terminated).toBe(true);
    await seal({ ...request, rev: 3 });
    expect(worker.posted).toHaveLength(2);
    expect(inPage).toHaveBeenCalledTimes(3);
  });

  it(`an answer that never comes: after ${String(SEAL_WORKER_TIMEOUT_MS)} ms the page seals it, and the worker is given up`, async () => {
    const request = await sealRequest();
    vi.useFakeTimers();
    const worker = new StandInWorker();
    const inPage = vi.fn(sealAttendanceParts);
    const sealing = createSealer(() => worker, inPage)(request);
    await vi.advanceTimersByTimeAsync(SEAL_WORKER_TIMEOUT_MS - 1);
    expect(inPage).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    expect((await sealing).summary.id).toBe(request.record.id);
    expect(inPage).toHaveBeenCalledTimes(1);
    expect(worker.terminated).toBe(true);
  });

  it('seals in the page where no worker can be had (none in this environment, or it cannot start), starting none again', async () => {
    const request = await sealRequest();
    for (const start of [() => undefined, () => { throw new Error('refused by the Content-Security-Policy'); }]) {
      const starts = vi.fn(start);
      const inPage = vi.fn(sealAttendanceParts);
      const seal = createSealer(starts, inPage);
      await seal(request);
      await seal(request);
      expect(inPage).toHaveBeenCalledTimes(2);
      expect(starts).toHaveBeenCalledTimes(1);
    }
  });
});
