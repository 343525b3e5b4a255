/**
 * Epochs that clash (sealed-row.ts `keysForEpoch`): a tablet joining a department with records
 * of its own adopts the department's key epoch, which its own secret may share
 * (sync/department-join-records.ts). A box of that epoch opens only under the key that sealed
 * it, whichever is tried first, and is never taken as current while the clash lasts.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';
import { FIRST_EPOCH, isCurrentRow, openRow, sealRow } from './sealed-row';
import type { RowAddress, RowKeys } from './sealed-row';

const address: RowAddress = { table: 'attendances', id: 'att-1', field: 'payload', rev: 2 };
let own: DeviceKeys;
let department: DeviceKeys;
let joining: RowKeys;

beforeAll(async () => {
  [own, department] = await Promise.all([deriveDeviceKeys(createDeviceSecret()), deriveDeviceKeys(createDeviceSecret())]);
  joining = { deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: department, previous: { epoch: FIRST_EPOCH, keys: own } };
});

describe('a key epoch shared by the department secret and the tablet’s own', () => {
  test('a box sealed under the tablet’s own key opens (not current); one sealed under the department key opens (current)', async () => {
    const before = await sealRow({ deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: own }, { written: 'before joining' }, address);
    const after = await sealRow(joining, { written: 'after joining' }, address);
    expect(before.e).toBe(after.e);
    expect(await openRow(joining, before, address)).toEqual({ value: { written: 'before joining' }, current: false, legacyIndex: -1 });
    expect(await openRow(joining, after, address)).toEqual({ value: { written: 'after joining' }, current: true, legacyIndex: -1 });
    // Neither is taken as current from its clear epoch alone: only opening tells.
    expect([isCurrentRow(before, joining), isCurrentRow(after, joining)]).toEqual([false, false]);
  });

  test('a box of that epoch under a third key, or moved to another row, opens under neither', async () => {
    const stranger = await deriveDeviceKeys(createDeviceSecret());
    const foreign = await sealRow({ deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: stranger }, { x: 1 }, address);
    expect(await openRow(joining, foreign, address)).toBeUndefined();
    const own1 = await sealRow({ deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: own }, { x: 1 }, address);
    expect(await openRow(joining, own1, { ...address, id: 'att-2' })).toBeUndefined();
  });

  test('without a clash nothing changes: the current epoch opens only under the current key, and is current', async () => {
    const settled: RowKeys = { deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: department };
    const box = await sealRow(settled, { x: 1 }, address);
    expect(isCurrentRow(box, settled)).toBe(true);
    const ownBox = await sealRow({ deviceId: 'tablet-b', epoch: FIRST_EPOCH, keys: own }, { x: 1 }, address);
    expect(await openRow(settled, ownBox, address)).toBeUndefined();
  });
});
