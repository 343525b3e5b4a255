import { createDecipheriv, hkdfSync } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { seal } from './codec';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';
import { FIRST_EPOCH, ROW_FORMAT, isCurrentRow, openRow, rowAad, sealRow } from './sealed-row';
import type { RowAddress, RowKeys } from './sealed-row';

const address: RowAddress = { table: 'attendances', id: 'att-1', field: 'payload', rev: 3 };
let keys: DeviceKeys;
let row: RowKeys;

beforeAll(async () => {
  keys = await deriveDeviceKeys(createDeviceSecret());
  row = { deviceId: 'device-a', keys };
});

describe('the sealed-row format', () => {
  test('pins the additional data: format, epoch, scope, author tablet, table, row id, field, revision (rebuilt with Node)', async () => {
    expect(rowAad('device-a', address, FIRST_EPOCH)).toBe('["sealed-row",2,1,"device","device-a","attendances","att-1","payload",3]');
    const secret = Uint8Array.from({ length: 32 }, (_, index) => index + 1);
    const box = await sealRow({ deviceId: 'device-a', keys: await deriveDeviceKeys(secret) }, { a: 1 }, address);
    expect(box).toMatchObject({ v: 1, f: ROW_FORMAT, e: FIRST_EPOCH });
    const dataKey = Buffer.from(hkdfSync('sha256', secret, Buffer.from('safeguarding-triage/device-keys/v1'), Buffer.from('safeguarding-triage/v1/data-key/AES-GCM-256'), 32));
    const decipher = createDecipheriv('aes-256-gcm', dataKey, box.iv);
    decipher.setAAD(Buffer.from(`safeguarding-triage/sealed/v1/json\u0000${rowAad('device-a', address, FIRST_EPOCH)}`, 'utf8'));
    decipher.setAuthTag(box.ct.subarray(box.ct.length - 16));
    expect(Buffer.concat([decipher.update(box.ct.subarray(0, box.ct.length - 16)), decipher.final()]).toString('utf8')).toBe('{"a":1}');
  });

  test('opens what it sealed, and refuses the box at another row, field, revision, table or tablet', async () => {
    const box = await sealRow(row, { answer: 'x' }, address);
    expect(isCurrentRow(box, row)).toBe(true);
    expect(await openRow(row, box, address)).toEqual({ value: { answer: 'x' }, current: true, legacyIndex: -1 });
    for (const moved of [{ ...address, id: 'att-2' }, { ...address, field: 'summary' }, { ...address, rev: 2 }, { ...address, table: 'letters' as const }]) {
      expect(await openRow(row, box, moved)).toBeUndefined();
    }
    expect(await openRow({ deviceId: 'device-b', keys }, box, address)).toBeUndefined();
  });

  test('a changed epoch, or the format fields stripped to pass as an old box, does not open', async () => {
    const box = await sealRow(row, 'v', address);
    expect(await openRow(row, { ...box, e: 2 }, address)).toBeUndefined();
    const { f: _f, e: _e, ...stripped } = box;
    expect(await openRow(row, stripped, address, ['device-a:attendance:att-1:payload:rev:3', 'device-a:attendance:att-1:payload'])).toBeUndefined();
  });

  test('rows in the formats before this one keep opening through their old additional data, and are not current', async () => {
    const old = await seal(keys.dataKey, { old: true }, 'device-a:attendance:att-1:payload');
    expect(isCurrentRow(old, row)).toBe(false);
    expect(await openRow(row, old, address, ['device-a:attendance:att-1:payload:rev:3', 'device-a:attendance:att-1:payload'])).toEqual({ value: { old: true }, current: false, legacyIndex: 1 });
    expect(await openRow(row, old, address, ['device-a:attendance:att-2:payload'])).toBeUndefined();
  });
});
