/**
 * Binding an account's clear fields to the device keys (issue 11, "No clear value
 * trusted"). The staff row must stay in clear (the lock screen lists names and asks for a
 * PIN or a passphrase before any key exists), so its role, active flag and secret kind
 * could be edited by anyone with the database. Each row carries a MAC under the audit key
 * over every clear field but the wrap and the throttle counters (crypto/binding-mac: the
 * whole row, so a field added later is covered too); unlock checks it once the PIN has
 * opened the device secret, and refuses an account whose row no longer matches.
 *
 * The throttle counters are left out on purpose (issue 11 clarification): they are written
 * while locked, with no key, and MACing them would not stop someone who can copy the wrap
 * and guess offline anyway. SECURITY.md says so.
 *
 * Accounts made before the binding existed have none. Their first unlock adopts the row
 * only when the role matches the one the MAC'd 'staff-added' event recorded when the account
 * was made; otherwise it is refused like a changed row.
 */
import type { VerifyingKeys } from '../crypto/audit-mac';
import type { StaffRow, TriageDatabase } from '../db';
import { macBinding, verifyBinding } from '../crypto/binding-mac';
import { vouchedEvents } from './audit-lookup';

/** Fields the binding does not cover: the wrap (GCM covers it), the throttle (written while locked) and the binding itself. */
const UNBOUND_FIELDS = new Set(['wrapped', 'failedAttempts', 'retryAfter', 'binding']);

function boundFields(row: StaffRow): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !UNBOUND_FIELDS.has(key)));
}

/** The row with its binding MAC made (call whenever a bound field changes: add, remove, a new secret kind). */
export async function bindStaffRow(auditKey: CryptoKey, row: StaffRow): Promise<StaffRow & { binding: string }> {
  const { binding: _old, ...rest } = row;
  return { ...rest, binding: await macBinding(auditKey, 'staff-account', row.id, boundFields(row)) };
}

/** The role the trail recorded when the account was made, from its MAC'd 'staff-added' event. */
async function roleInTrail(db: Pick<TriageDatabase, 'audit'>, auditKey: VerifyingKeys, staffId: string): Promise<string | undefined> {
  const [added] = await vouchedEvents(db, auditKey, ['staff-added'], staffId);
  if (!added) return undefined;
  // setUp writes 'Nurse in charge (first account)'; add writes '<role> (<staff group>)'.
  if (added.detail === 'Nurse in charge (first account)') return 'nurse-in-charge';
  return /^([a-z-]+) \(/.exec(added.detail)?.[1];
}

/**
 * - 'bound': the binding holds;
 * - 'adopt': no binding yet, and the role is the one the trail recorded: bind it now;
 * - 'changed': the binding fails, or (no binding) the role differs from the trail's or the trail has no record of it.
 */
export async function checkStaffRow(db: Pick<TriageDatabase, 'audit'>, auditKey: VerifyingKeys, row: StaffRow): Promise<'bound' | 'adopt' | 'changed'> {
  if (row.binding !== undefined) return (await verifyBinding(auditKey, 'staff-account', row.id, boundFields(row), row.binding)) ? 'bound' : 'changed';
  return (await roleInTrail(db, auditKey, row.id)) === row.role ? 'adopt' : 'changed';
}
