/**
 * Whether this tablet shares with a department, and as which tablet (issue 14; design:
 * docs/design/department-sync.md §2–§3). One meta row, 'department:enrolment'.
 *
 * The row is clear on purpose: sync runs while the tablet is locked (sealed rows need no key
 * to move, design §5), so the credential that authenticates this tablet to the server must be
 * readable without a PIN. It says nothing about a patient: two random ids and a random
 * credential the server keeps only the SHA-256 of (SECURITY.md, threat delta "The tablet
 * credential copied from a profile").
 *
 * The server's tablet id IS this tablet's database id (`DeviceRow.deviceId`): the author
 * tablet in every sealed row's additional data (crypto/sealed-row.ts) is then the
 * `authorTablet` the server reports on a pulled row, so another tablet opens the row with
 * `{ deviceId: row.authorTablet, keys }` and a row moved to another author fails to open.
 */
import type { TriageDatabase } from '../db';

/** meta: this tablet's enrolment; absent on a tablet that does not share. */
export const ENROLMENT_KEY = 'department:enrolment';

export interface Enrolment {
  /** The department's id (server-made, random). */
  departmentId: string;
  /** This tablet's id at the server: its database id. */
  tabletId: string;
  /** 32 random bytes, base64url (43 characters): `Authorization: Bearer <credential>`. */
  credential: string;
  enrolledAt: string;
  /** Set when the server answered 401 `tablet-revoked`: the tablet stops syncing and says so. */
  revokedAt?: string;
}

const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const CREDENTIAL = /^[A-Za-z0-9_-]{43}$/;

export function isEnrolment(value: unknown): value is Enrolment {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const { departmentId, tabletId, credential, enrolledAt, revokedAt } = record;
  return (
    typeof departmentId === 'string' &&
    ID.test(departmentId) &&
    typeof tabletId === 'string' &&
    ID.test(tabletId) &&
    typeof credential === 'string' &&
    CREDENTIAL.test(credential) &&
    typeof enrolledAt === 'string' &&
    (revokedAt === undefined || typeof revokedAt === 'string')
  );
}

/** This tablet's enrolment, or undefined when it does not share (or the row is malformed). */
export async function readEnrolment(db: Pick<TriageDatabase, 'meta'>): Promise<Enrolment | undefined> {
  const value = (await db.meta.get(ENROLMENT_KEY))?.value;
  return isEnrolment(value) ? value : undefined;
}

export async function writeEnrolment(db: Pick<TriageDatabase, 'meta'>, enrolment: Enrolment): Promise<void> {
  await db.meta.put({ key: ENROLMENT_KEY, value: enrolment });
}
