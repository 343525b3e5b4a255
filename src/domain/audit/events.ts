/**
 * The audit event: what the append-only audit trail records (PRODUCT.md section 7), its
 * zod schema, and the words the audit screen and CSV export use for each kind of event.
 *
 * Events are stored in the clear so the trail can be checked and exported without the key;
 * that is why `detail` must never hold patient names or clinical content, only
 * non-identifying text such as "GP letter" or "Idle lock after 5 minutes". `entityId` is
 * an opaque record id.
 *
 * The schema is strict: a stored event with any extra field is malformed, because a field
 * outside the hashed text could otherwise be added or changed without breaking the chain.
 */
import * as z from 'zod/mini';

/** Every kind of audit event, in the order the product spec lists them. */
export const auditEventTypes = [
  'unlock',
  'unlock-failed',
  'lock',
  'device-set-up',
  'create',
  'change',
  'sign',
  'addendum',
  'letter-issued',
  'print',
  'download',
  'export',
  'import',
  'purge',
  'settings-changed',
  'staff-added',
  'staff-removed',
  'pin-changed',
  // A break in the trail found by verification, and the nurse in charge's acknowledgement of
  // it. entityId names the first event that could not be trusted: `event-<seq>`.
  'audit-break-detected',
  'audit-break-acknowledged',
  // Added with issue 11: a member of staff accepted a new version of the app on the home screen.
  'update-accepted',
  // Added with issue 11: a clear value that storage binds with a MAC (an account, the
  // settings) failed its check, or a record or list was found older than the trail records.
  'tamper-detected',
  // Added with issue 11: a wrong current PIN or passphrase when changing it (throttled like unlock).
  'pin-change-failed',
  // Added with issue 12: a paediatric liaison review recorded (entityId: the attendance; detail: the action).
  'liaison-reviewed',
  // Added with issue 11: the recovery key issued (at set-up, by the nurse in charge, or after
  // a recovery used the old one) and used to set a nurse in charge's new passphrase; the
  // tablet re-keyed (a new device secret sealed to every remaining member and the recovery key).
  'recovery-key-issued',
  'recovery-key-used',
  'device-rekeyed',
  // Added with issue 11: the optional hardware-bound factor (WebAuthn PRF) enrolled, removed,
  // and an unlock, change or removal refused because the authenticator did not answer.
  'hardware-factor-enrolled',
  'hardware-factor-removed',
  'hardware-factor-failed',
  // Added with issue 14 (department sharing): the nurse in charge switched sharing on (this
  // tablet made the department), made an enrolment code (never the code itself in the detail),
  // this tablet joined a department by code (its first event), and a tablet's server credential
  // revoked (entityId: that tablet's id).
  'department-sharing-on',
  'enrolment-code-made',
  'department-joined',
  'tablet-revoked',
  // Added with issue 14: this tablet's rows accepted by the department server, counted (one
  // event per unlock or per hour, never one per push: issue 14 clarification).
  'department-shared',
  // Added with issue 11: a re-key completed (every row re-sealed under the new key epoch, the old keys dropped).
  'device-rekey-completed',
  // Added with issue 14: a staff account added, removed or changed on another tablet, applied
  // here after its binding verified (entityId: the staff id).
  'department-staff-received',
  // Added with issue 14 (edit lease, conflict addenda): the nurse in charge took over editing an
  // assessment from another tablet; an assessment in progress on another tablet continued on
  // this one; a conflicting edit made into a conflict addendum here; one marked reconciled
  // (entityId: the attendance id in each).
  'edit-lease-taken-over',
  'department-record-continued',
  'conflict-addendum-made',
  'conflict-addendum-reconciled',
  // Added with issue 14 §8 (department re-keying): the nurse in charge re-keyed the department
  // on this tablet (a new department secret for every remaining member); this tablet took up a
  // re-key made on another tablet at a member's unlock.
  'department-rekeyed',
  'department-rekey-adopted',
] as const;

export const auditEventTypeSchema = z.enum(auditEventTypes);
export type AuditEventType = z.infer<typeof auditEventTypeSchema>;

/** How each kind of event reads on the audit screen and in the CSV export. */
export const auditEventTypeLabels = {
  unlock: 'Unlocked',
  'unlock-failed': 'Failed unlock',
  lock: 'Locked',
  'device-set-up': 'Device set up',
  create: 'Created',
  change: 'Changed',
  sign: 'Signed',
  addendum: 'Addendum added',
  'letter-issued': 'Letter issued',
  print: 'Printed',
  download: 'Downloaded',
  export: 'Exported',
  import: 'Imported',
  purge: 'Purged',
  'settings-changed': 'Settings changed',
  'staff-added': 'Staff member added',
  'staff-removed': 'Staff member removed',
  'pin-changed': 'PIN or passphrase changed',
  'audit-break-detected': 'Audit trail break found',
  'audit-break-acknowledged': 'Audit trail break acknowledged',
  'update-accepted': 'Update accepted',
  'tamper-detected': 'Changed outside the app',
  'pin-change-failed': 'Failed PIN or passphrase change',
  'liaison-reviewed': 'Liaison review recorded',
  'recovery-key-issued': 'Recovery key issued',
  'recovery-key-used': 'Recovery key used',
  'device-rekeyed': 'Tablet re-keyed',
  'hardware-factor-enrolled': 'Authenticator added',
  'hardware-factor-removed': 'Authenticator removed',
  'hardware-factor-failed': 'Authenticator refused',
  'department-sharing-on': 'Department sharing switched on',
  'enrolment-code-made': 'Enrolment code made',
  'department-joined': 'Joined the department',
  'tablet-revoked': 'Tablet removed from the department',
  'department-shared': 'Shared with the department',
  'device-rekey-completed': 'Re-keying completed',
  'department-staff-received': 'Staff account received from another tablet',
  'edit-lease-taken-over': 'Editing taken over from another tablet',
  'department-record-continued': 'Assessment continued on this tablet',
  'conflict-addendum-made': 'Conflicting edit kept as an addendum',
  'conflict-addendum-reconciled': 'Conflicting edit reconciled',
  'department-rekeyed': 'Department re-keyed',
  'department-rekey-adopted': 'Department re-key taken up',
} as const satisfies Record<AuditEventType, string>;

/** A SHA-256 digest as 64 lower-case hex characters. */
export const sha256HexSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/, 'Expected a lower-case SHA-256 hex digest.'));

/** Who did it: copied into the event, so the trail still names them after their account is removed. */
export const auditActorSchema = z.strictObject({ id: z.string().check(z.minLength(1)), name: z.string() });
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditEventSchema = z.strictObject({
  /** 1, 2, 3 … with no gaps: the position in the trail. */
  seq: z.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)),
  /** When it happened, as an ISO 8601 UTC instant. */
  at: z.iso.datetime(),
  /** Null when nobody was signed in (for example a failed unlock). */
  actor: z.nullable(auditActorSchema),
  type: auditEventTypeSchema,
  /** The record the event is about, or '' when it is about the device. */
  entityId: z.string(),
  /** Non-identifying text only: never a patient's name or clinical content. */
  detail: z.string(),
  /** The previous event's hash; 64 zeros for the first event. */
  prevHash: sha256HexSchema,
  /** SHA-256 of this event's canonical text, which includes prevHash (see chain.ts). */
  hash: sha256HexSchema,
  /** base64url HMAC of `hash` under the device audit key; '' when no key was available. */
  mac: z.string().check(z.regex(/^[A-Za-z0-9_-]*$/, 'Expected base64url text.')),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

/** The entityId of a break event: which event the break starts at. */
export function auditBreakEntityId(brokenAt: number): string {
  return `event-${String(brokenAt)}`;
}

/** The event number named by a break event's entityId, or undefined when it names none. */
export function auditBreakPosition(entityId: string): number | undefined {
  const match = /^event-([1-9][0-9]{0,15})$/.exec(entityId);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
