/**
 * Binding MACs: HMAC-SHA-256 under the device audit key over a value that must stay in
 * clear (an account's role and active flag, the device settings) so that someone who can
 * write the database but holds no PIN cannot change it unnoticed (issue 11, "No clear
 * value trusted").
 *
 * The value is MAC'd as canonical JSON of the WHOLE object (keys sorted at every level,
 * nothing left out), never a list of chosen fields: a field another release appends to the
 * settings or the staff row is covered without anyone remembering to add it here.
 *
 * Each purpose has its own label, so a MAC made for one (a staff row) can never pass for
 * another (the settings), nor for an audit event, anchor or checkpoint (audit-mac.ts). The
 * MAC is the full 256 bits, base64url; verification goes through WebCrypto's verify, which
 * compares in constant time.
 */
import { keyList } from './audit-mac';
import type { VerifyingKeys } from './audit-mac';
import { fromBase64Url, toBase64Url, utf8Bytes } from './encoding';
import { observedAcross } from './observed';

export type BindingPurpose = 'staff-account' | 'device-settings' | 'recovery-key';

const MAC_BYTES = 32;

/**
 * Canonical JSON: like JSON.stringify, but object keys sorted (by UTF-16 code unit) at every
 * level, so two equal values always give the same text whatever order their keys were
 * written in. Properties whose value is undefined are left out, as JSON.stringify does.
 * Throws (a programming error) on values JSON cannot carry: functions, symbols, bigints,
 * numbers that are not finite, byte arrays.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite.');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new TypeError('canonicalJson: bytes cannot be bound.');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} cannot be bound.`);
}

function bindingInput(purpose: BindingPurpose, subject: string, value: unknown): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`safeguarding-triage/v1/binding/${purpose}\u0000${subject}\u0000${canonicalJson(value)}`);
}

function assertHmacKey(key: CryptoKey, usage: 'sign' | 'verify'): void {
  if (key.algorithm.name !== 'HMAC' || !key.usages.includes(usage)) throw new TypeError(`Expected an HMAC key that can ${usage}.`);
}

/** The binding MAC of `value` for this purpose and subject (a staff id, or 'device'). */
export async function macBinding(auditKey: CryptoKey, purpose: BindingPurpose, subject: string, value: unknown): Promise<string> {
  assertHmacKey(auditKey, 'sign');
  return toBase64Url(new Uint8Array(await observedAcross(crypto.subtle.sign('HMAC', auditKey, bindingInput(purpose, subject, value)))));
}

/**
 * True when `mac` is the binding MAC of `value` under the audit key, or (while a re-key is
 * pending: audit-mac.ts VerifyingKeys) under any of the keys given; anything malformed (or a
 * value JSON cannot carry) is false.
 */
export async function verifyBinding(auditKeys: VerifyingKeys, purpose: BindingPurpose, subject: string, value: unknown, mac: unknown): Promise<boolean> {
  const keys = keyList(auditKeys);
  for (const key of keys) assertHmacKey(key, 'verify');
  if (typeof mac !== 'string') return false;
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== MAC_BYTES) return false;
  let input: Uint8Array<ArrayBuffer>;
  try {
    input = bindingInput(purpose, subject, value);
  } catch {
    return false;
  }
  for (const key of keys) if (await observedAcross(crypto.subtle.verify('HMAC', key, macBytes, input))) return true;
  return false;
}
