/**
 * The IndexedDB database (Dexie). The only module that declares tables.
 *
 * RULES (Dexie docs, "Version"): every released version() stays here unchanged forever, so
 * a tablet that skipped releases can still upgrade step by step; data changes go in an
 * upgrade() of a NEW version; each version has a migration test seeded at the versions
 * before it (storage/db.test.ts). Never rename the database.
 *
 * What is clear and what is sealed: rows keep only what lists and look-ups must index
 * (opaque ids, days, times of writing, status, keyed-hash blind indexes). Names, dates of birth,
 * NHS numbers, answers and letters are inside AES-GCM sealed blobs (storage/crypto).
 */
import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import type { AuditEvent } from '../domain/audit/events';
import { toLondon } from '../domain/shared/dates';
import type { WrappedSecret } from './crypto/keys';
import type { SealedKeyPair, SecretForKey } from './crypto/key-pairs';
import type { Sealed } from './crypto/codec';
import type { SealedRow } from './crypto/sealed-row';

import { DATABASE_NAME } from './database-name';

export { DATABASE_NAME };

export interface DeviceRow {
  id: 'device';
  /** Random id of this device's database; part of every AAD so data cannot be moved between devices. */
  deviceId: string;
  createdAt: string;
  /** Keyed fingerprint of the device secret: detects a key from another device. */
  keyCheck: string;
  /** Settings (not patient data): site, local contacts, MASH hours, idle lock, retention. */
  settings: unknown;
  /** Licensed-wording content files by instrument id (not patient data; docs/content-files.md). */
  contentFiles?: Record<string, unknown>;
  /**
   * HMAC under the audit key over the settings and content files together (crypto/binding-mac:
   * the whole objects, whatever fields they hold). Absent on databases from before issue 11
   * until the first unlock adopts them (device-settings-integrity.ts).
   */
  settingsMac?: string;
}

export interface HardwareFactorRow {
  /** The WebAuthn credential's id. */
  credentialId: string;
  /** The PRF input (the authenticator's answer to it is the factor). */
  prfSalt: string;
  /** The HKDF salt combining the PIN's PBKDF2 output with the PRF output. */
  kdfSalt: string;
  enrolledAt: string;
}

export interface StaffRow {
  id: string;
  name: string;
  role: string;
  staffGroup: string;
  agencyName: string;
  registrationNumber: string;
  /** 'pin' or 'passphrase': how the lock screen asks. */
  secretKind: 'pin' | 'passphrase';
  wrapped: WrappedSecret;
  active: 0 | 1;
  createdAt: string;
  createdBy: string;
  failedAttempts: number;
  /** ISO instant before which unlock attempts are refused (throttling). */
  retryAfter: string;
  /**
   * HMAC under the audit key over every clear field of this row but the wrap and the
   * throttle (crypto/binding-mac): role, active flag, secret kind, name and the rest. Unlock
   * refuses an account whose row no longer matches it. Absent on accounts made before
   * issue 11 until their first unlock adopts them (staff-binding.ts).
   */
  binding?: string;
  /**
   * Issue 11 (re-keying): this member's P-256 key pair, its private key sealed under the same
   * key their PIN or passphrase makes for `wrapped`, and the device secret sealed to its
   * public key with the key epoch (repositories/staff-keys.ts). Covered by the binding. Absent
   * on accounts made before it until their next unlock, and on removed accounts.
   */
  keyPair?: SealedKeyPair;
  secretForKey?: SecretForKey;
  /**
   * Issue 11 (optional hardware-bound factor): present when this member of staff has enrolled
   * the tablet's authenticator (WebAuthn PRF). Their wrap and key pair are then sealed under a
   * KEK made from BOTH their PIN or passphrase and the authenticator's PRF output
   * (crypto/hardware-kek.ts). Base64url text, covered by the binding (a changed credential or
   * salt refuses the account).
   */
  hardwareFactor?: HardwareFactorRow;
}

export interface AttendanceRow {
  id: string;
  status: 'in-progress' | 'signed';
  /**
   * The London day of arrival (YYYY-MM-DD; of createdAt until a valid arrival is entered):
   * bounds lists by day. Since version 5 the exact arrival time is only inside the sealed
   * summary and record (issue 11), and the age band only inside the sealed summary.
   */
  arrivedDay: string;
  updatedAt: string;
  createdById: string;
  /** HMAC blind indexes ('' when not known): look-ups without the clear values. */
  nhsIndex: string;
  nameDobIndex: string;
  /** Small sealed summary for lists (name, age, reason). */
  summary: Sealed;
  /** The whole sealed record. */
  payload: Sealed;
  /** Incremented on every write: a stale tab cannot overwrite a newer save. */
  rev: number;
}

export interface LetterRow {
  id: string;
  attendanceId: string;
  version: number;
  issuedAt: string;
  issuedById: string;
  payload: Sealed;
  /**
   * Since version 5 (issue 11): a keyed hash (blind index) of the letter's identity, attendance
   * + kind + child, so versions are counted and found without the kind in clear; and the kind
   * and child sealed (`about`), for lists of versions. Absent on rows written before, until
   * the re-seal job after an unlock converts them (reseal.ts).
   */
  identity?: string;
  about?: SealedRow;
  /** Before version 5: the kind in clear ("mash-referral"). Removed by the re-seal job. */
  kind?: string;
  /**
   * Before version 5: the child a notification is about (letter identity attendance + kind +
   * child, issue 10), an opaque id. Removed by the re-seal job (it is in `about` and the identity).
   */
  childId?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * A signed attendance whose GP letter is not issued yet (the home screen's "GP letters
 * due"). Only the opaque id: the same fact is already readable from the clear status and
 * letter keys, so this table reveals nothing new; it just saves scanning them all.
 */
export interface GpLetterDueRow {
  attendanceId: string;
}

/**
 * The paediatric liaison reviews of one attendance (issue 12), keyed by its opaque id. Who
 * reviewed it, when, the action and the note are all inside the sealed payload: even "this
 * attendance was escalated" is clinical information.
 */
export interface LiaisonReviewRow {
  attendanceId: string;
  payload: Sealed;
}

/**
 * Version 3 only (retired by version 4, the per-day index): a copy of each attendance's sealed list summary, apart from its full sealed record, so a
 * list over a window of arrivals (the liaison review list, issue 12) reads a few hundred
 * bytes per attendance instead of structured-cloning every whole record (PRODUCT.md section
 * 10 budgets). The same sealed blob as AttendanceRow.summary (same AAD), written in the same
 * transaction by every writer of the attendance row.
 */
export interface AttendanceSummaryRow {
  id: string;
  arrivedAt: string;
  /** The attendance row's revision: the summary is sealed with it bound in (issue 11). */
  rev: number;
  summary: Sealed;
}

/**
 * The sealed per-day index (issue 12 clarification: "keep the list and audit within budget with
 * sealed per-day indexes … never by opening every full record"; version 4). One row per London
 * arrival day: the day in clear (arrival times are coarsened to the day in clear anyway, issue
 * 11), a write counter (`seq`: concurrent writers detect each other), and sealed, for each of
 * that day's attendances, what the liaison list and the compliance audit read: its list
 * summary, the revision it was sealed at, the letters issued and the liaison reviews
 * (storage/repositories/day-index.ts). Written in the same transaction as the attendance row,
 * letter or review it reflects; built for older databases by a job after unlock (day-index-build.ts).
 */
export interface AttendanceDayRow {
  day: string;
  seq: number;
  payload: Sealed;
}

/**
 * What stays of an attendance purged after the retention period (issue 13; version 4): its
 * opaque id, the blind indexes (as on the attendance row, so a look-up still finds it), the
 * London arrival date (when the stub itself goes) and, sealed, the flags the look-up shows
 * (domain/retention/retention.ts retainedStubSchema). Also the tombstone a department sync
 * will send (the id and, sealed, when it was purged).
 */
export interface RetainedStubRow {
  id: string;
  arrivedOn: string;
  nhsIndex: string;
  nameDobIndex: string;
  payload: Sealed;
  /**
   * The values the blind indexes were made from (NHS number, family name + date of birth),
   * sealed: what lets a re-key make the indexes again under the new key (reseal.ts). Absent on
   * stubs purged before re-keying existed.
   */
  lookup?: SealedRow;
}

/**
 * An audit event as stored. Since version 5 (issue 11) the detail of an event about a
 * patient (audit-details.ts) is sealed: `detail` holds only what is not clinical (the
 * revision note rollback detection reads, or nothing), `sealedDetail` the words the nurse in
 * charge reads. `detailHashed` marks an event written before, whose hash covers the old
 * clear detail that the re-seal job moved into the seal.
 */
export type AuditRow = AuditEvent & { sealedDetail?: SealedRow; detailHashed?: true };

/**
 * What a pulled department row carries (issue 14; design docs/design/department-sync.md §5),
 * as the server sent it: the kind, the opaque row id, its revision, the tablet that sealed it
 * (the author in its additional data), the department sequence number, the sealed value as
 * base64url text (storage/sync/engine-wire.ts), the blind indexes and whether it is signed.
 */
export interface PulledRowFields {
  revision: number;
  authorTablet: string;
  seq: number;
  sealed: string;
  nhsIndex: string;
  nameDobIndex: string;
  signed: boolean;
}

/**
 * A row of the department pulled from other tablets (version 6): summaries, stubs and
 * tombstones from the first pull, full records fetched on demand and cached. Keyed
 * `<kind> <rowId>`. `sealed` is the revision this tablet opened and checked ('' until one is);
 * a revision pulled while locked waits in `incoming` (with `unchecked` 1, indexed) until the
 * next unlock opens it: one that does not open is reported and dropped, and the checked copy
 * is kept (design §7, "Tampered sealed row"). Nothing here is clear but what the server holds.
 */
export interface DepartmentRow extends PulledRowFields {
  key: string;
  kind: string;
  rowId: string;
  incoming?: PulledRowFields;
  unchecked?: 1;
}

/**
 * What the server acknowledged of one of this tablet's own rows (version 6), keyed
 * `<kind> <rowId>`: the revision it accepted (the next push's baseRevision), when it was last
 * pushed (an assessment in progress is pushed at most every 30 seconds), and a conflict or a
 * refusal the server answered, kept until the row is pushed again (never dropped, design §6).
 */
export interface SyncPushedRow {
  key: string;
  kind: string;
  rowId: string;
  /** The revision the server holds from this tablet (0: none yet). */
  acknowledged: number;
  pushedAt: string;
  problem?: { status: 'conflict'; revision: number; serverRevision: number } | { status: 'refused'; revision: number; reason: string };
  /**
   * Rows that travel sealed for transport (staff, settings: storage/sync/travel-*.ts): a
   * SHA-256 of what this tablet held of the row when it last pushed or applied it, so a row
   * is pushed again only when it changed here. Not indexed; no version change.
   */
  fingerprint?: string;
}

export class TriageDatabase extends Dexie {
  device!: EntityTable<DeviceRow, 'id'>;
  staff!: EntityTable<StaffRow, 'id'>;
  attendances!: EntityTable<AttendanceRow, 'id'>;
  letters!: EntityTable<LetterRow, 'id'>;
  audit!: EntityTable<AuditRow, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  gpLettersDue!: EntityTable<GpLetterDueRow, 'attendanceId'>;
  liaisonReviews!: EntityTable<LiaisonReviewRow, 'attendanceId'>;
  attendanceDays!: EntityTable<AttendanceDayRow, 'day'>;
  retainedStubs!: EntityTable<RetainedStubRow, 'id'>;
  departmentRows!: EntityTable<DepartmentRow, 'key'>;
  syncPushed!: EntityTable<SyncPushedRow, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    // Strict durability: "complete" only after the write reached disk, so a flat battery
    // right after "Saved on this device" loses nothing (Chrome 121 defaults to relaxed).
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      device: 'id',
      staff: 'id, name, active',
      attendances: 'id, status, arrivedAt, updatedAt, nhsIndex, nameDobIndex',
      letters: 'id, attendanceId, [attendanceId+kind]',
      audit: 'seq, at, type',
      meta: 'key',
    });
    // Version 2: GP letters due, filled from the clear status and letter keys (no key needed).
    this.version(2)
      .stores({ gpLettersDue: 'attendanceId' })
      .upgrade(async (tx) => {
        const letterKeys = (await tx.table('letters').orderBy('[attendanceId+kind]').keys()) as unknown as [string, string][];
        const withGpLetter = new Set(letterKeys.filter(([, kind]) => kind === 'gp').map(([attendanceId]) => attendanceId));
        const signed = (await tx.table('attendances').where('status').equals('signed').primaryKeys()) as string[];
        await tx.table('gpLettersDue').bulkAdd(signed.filter((id) => !withGpLetter.has(id)).map((attendanceId) => ({ attendanceId })));
      });
    // Version 3 (issue 12): paediatric liaison reviews, sealed (new and empty); and the list
    // summaries apart from the records, copied from every attendance row (no key needed: the
    // sealed summary moves as it is, its AAD names the attendance, not the table).
    this.version(3)
      .stores({ liaisonReviews: 'attendanceId', attendanceSummaries: 'id, arrivedAt' })
      .upgrade(async (tx) => {
        const summaries: AttendanceSummaryRow[] = [];
        await tx
          .table('attendances')
          .toCollection()
          .each((row: AttendanceRow & { arrivedAt: string }) => {
            summaries.push({ id: row.id, arrivedAt: row.arrivedAt, rev: row.rev, summary: row.summary });
          });
        await tx.table('attendanceSummaries').bulkPut(summaries);
      });
    // Version 4 (issue 12, the missed liaison list budget): the sealed per-day index replaces
    // the summary copies. Sealing needs the data key, which an upgrade never has: the table
    // starts empty and is built after unlock (day-index-build.ts); until then the readers open
    // the summaries of any attendance the index does not hold yet (day-index.ts).
    // Also (issue 13) the sealed stubs the retention purge leaves, found by their blind indexes.
    this.version(4).stores({ attendanceDays: 'day', attendanceSummaries: null, retainedStubs: 'id, arrivedOn, nhsIndex, nameDobIndex' });
    // Version 5 (issue 11): nothing clinical in clear. Without a key, what can be done here:
    // the exact arrival time becomes its London day and the age band goes (both are inside
    // the sealed summary and record already); letters get a keyed identity index (filled by
    // the re-seal job after unlock, which also seals their kind and the audit details).
    this.version(5)
      .stores({ attendances: 'id, status, arrivedDay, updatedAt, nhsIndex, nameDobIndex', letters: 'id, attendanceId, identity, [attendanceId+kind]' })
      .upgrade(async (tx) => {
        await tx
          .table('attendances')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const arrivedAt = typeof row['arrivedAt'] === 'string' ? row['arrivedAt'] : '';
            row['arrivedDay'] = arrivedAt === '' ? '' : toLondon(arrivedAt).date;
            delete row['arrivedAt'];
            delete row['ageBand'];
          });
      });
    // Version 6 (issue 14, department sharing): the department's rows pulled from other
    // tablets, found by their blind indexes, and what the server acknowledged of this
    // tablet's own rows. Both start empty; the pull cursor and the last shared time are meta
    // rows (storage/sync/engine-state.ts). No existing row changes.
    this.version(6).stores({ departmentRows: 'key, kind, nhsIndex, nameDobIndex, unchecked', syncPushed: 'key, kind' });
  }
}
