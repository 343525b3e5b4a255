/**
 * Pins every stored format by rebuilding it with an independent implementation (Node's
 * crypto module) from the constructions documented in the module headers.
 *
 * If a test here fails, a change has altered what is written to or read from the device:
 * databases already on ward tablets would stop unlocking, opening or finding patients.
 * Change a format only with a new version label and a migration.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { macAuditHash, verifyAuditMac } from './audit-mac';
import { blindIndex } from './blind-index';
import { open, openBytes, seal, sealBytes } from './codec';
import { bytesEqual } from './encoding';
import {
  PBKDF2_MIN_ITERATIONS,
  deriveDeviceKeys,
  deviceKeyCheck,
  unwrapDeviceSecret,
  wrapDeviceSecret,
} from './keys';
import type { DeviceKeys } from './keys';

const SECRET = Uint8Array.from({ length: 32 }, (_, index) => index * 7 + 1);

function hkdf(info: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      SECRET,
      Buffer.from('safeguarding-triage/device-keys/v1'),
      Buffer.from(info),
      32,
    ),
  );
}

const DATA_KEY = hkdf('safeguarding-triage/v1/data-key/AES-GCM-256');
const INDEX_KEY = hkdf('safeguarding-triage/v1/blind-index/HMAC-SHA-256');
const AUDIT_KEY = hkdf('safeguarding-triage/v1/audit-mac/HMAC-SHA-256');

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

function nodeSeal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ct: Buffer } {
  // A fixed IV is fine for a test vector and never acceptable anywhere else.
  const iv = Buffer.from('0102030405060708090a0b0c', 'hex');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct: Buffer.concat([body, cipher.getAuthTag()]) };
}

function nodeOpen(key: Buffer, iv: Uint8Array, ct: Uint8Array, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(ct.subarray(ct.length - 16));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
}

let keys: DeviceKeys;

beforeAll(async () => {
  keys = await deriveDeviceKeys(SECRET);
});

describe('formats, rebuilt with node:crypto', () => {
  test('wrapped secret: AES-256-GCM under PBKDF2-SHA-256(NFC PIN, salt, iterations), AAD = label + staff id', async () => {
    const pin = 'cafe\u0301 4821';
    const wrapped = await wrapDeviceSecret(SECRET, pin, 'staff-a');
    const kek = pbkdf2Sync(
      Buffer.from(pin.normalize('NFC'), 'utf8'),
      wrapped.salt,
      PBKDF2_MIN_ITERATIONS,
      32,
      'sha256',
    );
    const aad = (staffId: string): string =>
      `safeguarding-triage/wrapped-device-secret/v1/staff:${staffId}`;

    // Node opens what we wrote ...
    expect(bytesEqual(nodeOpen(kek, wrapped.iv, wrapped.ciphertext, aad('staff-a')), SECRET)).toBe(
      true,
    );

    // ... and we open what Node wrote with the same KEK for another member of staff.
    const byNode = nodeSeal(kek, Buffer.from(SECRET), aad('staff-b'));
    const result = await unwrapDeviceSecret(
      { ...wrapped, iv: byNode.iv, ciphertext: byNode.ct },
      pin,
      'staff-b',
    );
    expect(result.ok && bytesEqual(result.value, SECRET)).toBe(true);
  });

  test('sealed JSON: AES-256-GCM under the HKDF data key, AAD = json label + NUL + caller AAD', async () => {
    const aad = 'attendance:att-1:payload';
    const byNode = nodeSeal(
      DATA_KEY,
      Buffer.from('{"note":"é"}', 'utf8'),
      `safeguarding-triage/sealed/v1/json\u0000${aad}`,
    );
    expect(await open(keys.dataKey, { v: 1, ...byNode }, aad)).toEqual({
      ok: true,
      value: { note: 'é' },
    });

    const ours = await seal(keys.dataKey, { note: 'é' }, aad);
    const plaintext = nodeOpen(
      DATA_KEY,
      ours.iv,
      ours.ct,
      `safeguarding-triage/sealed/v1/json\u0000${aad}`,
    );
    expect(plaintext.toString('utf8')).toBe('{"note":"é"}');
  });

  test('sealed bytes: as sealed JSON with the bytes label and no JSON', async () => {
    const aad = 'letter:l-1:pdf';
    const ours = await sealBytes(keys.dataKey, Uint8Array.of(1, 2, 3), aad);
    expect([
      ...nodeOpen(DATA_KEY, ours.iv, ours.ct, `safeguarding-triage/sealed/v1/bytes\u0000${aad}`),
    ]).toEqual([1, 2, 3]);
    const byNode = nodeSeal(
      DATA_KEY,
      Buffer.of(4, 5),
      `safeguarding-triage/sealed/v1/bytes\u0000${aad}`,
    );
    const opened = await openBytes(keys.dataKey, { v: 1, ...byNode }, aad);
    expect(opened.ok && [...opened.value]).toEqual([4, 5]);
  });

  test('blind index: first 16 bytes of HMAC(index key, purpose + NUL + value), base64url', async () => {
    const expected = (purpose: string, value: string): string =>
      hmac(INDEX_KEY, `${purpose}\u0000${value}`).subarray(0, 16).toString('base64url');
    expect(await blindIndex(keys.indexKey, 'nhs-number', '9434765919')).toBe(
      expected('nhs-number', '9434765919'),
    );
    expect(await blindIndex(keys.indexKey, 'name-dob', 'o’brien|2019-04-01')).toBe(
      expected('name-dob', 'o’brien|2019-04-01'),
    );
  });

  test('device key check: first 16 bytes of HMAC(index key, label), base64url', async () => {
    expect(await deviceKeyCheck(keys)).toBe(
      hmac(INDEX_KEY, 'safeguarding-triage/v1/device-key-check')
        .subarray(0, 16)
        .toString('base64url'),
    );
  });

  test('audit MAC: HMAC(audit key, label + NUL + hash hex), base64url', async () => {
    const hash = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    const expected = hmac(AUDIT_KEY, `safeguarding-triage/v1/audit-event\u0000${hash}`).toString(
      'base64url',
    );
    expect(await macAuditHash(keys.auditKey, hash)).toBe(expected);
    expect(await verifyAuditMac(keys.auditKey, hash, expected)).toBe(true);
  });
});
