/**
 * Attendances: create, open for editing, list and look up (PRODUCT.md sections 4, 6, 8).
 *
 * Every write seals the record and a small list summary with AES-GCM BEFORE opening the
 * IndexedDB transaction (awaiting WebCrypto inside a transaction commits it early: Dexie
 * PrematureCommitError). The AAD names the device, the record and the field, so a sealed
 * blob cannot be moved to another record. Look-ups use HMAC blind indexes of the
 * normalised NHS number and of last name + date of birth, never the clear values.
 */
import { liveQuery } from 'dexie';
import { summariseAttendance, attendanceSummarySchema } from '../../domain/assessment/attendance-summary';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { addAddendum, createAssessment, signAssessment } from '../../domain/assessment/lifecycle';
import { readArrivedAt, readDateOfBirth, readNhsNumber } from '../../domain/assessment/patient';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { Addendum, AssessmentRecord } from '../../domain/assessment/record';
import { ageBand } from '../../domain/rules/pathway';
import { checkNhsNumber } from '../../domain/shared/nhs-number';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { normaliseNameForMatching } from '../../domain/shared/text';
import { blindIndex } from '../crypto/blind-index';
import { open as openSealed, seal } from '../crypto/codec';
import type { Sealed } from '../crypto/codec';
import type { DeviceKeys } from '../crypto/keys';
import type { AttendanceRow } from '../db';
import type { StorageContext } from './context';
import { messages, toStorageFailure } from './failures';
import { tryHoldLock } from './locks';
import type { AssessmentEditor, AttendanceQuery, AttendanceRepository, LiveValue, SaveReceipt, Stamp, StorageFailure } from './types';
import type { Unlocked } from './vault';

const aad = (deviceId: string, id: string, part: 'payload' | 'summary'): string => `${deviceId}:attendance:${id}:${part}`;

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'This assessment could not be opened: the copy on this tablet has been changed or damaged, or it was not written on this tablet. Tell the nurse in charge.',
});

/** Blind-index inputs: digits-only NHS number; normalised last name + ISO date of birth. */
export function blindIndexInputs(record: AssessmentRecord): { nhs: string | undefined; nameDob: string | undefined } {
  const patient = record.answers.patient;
  const nhs = readNhsNumber(patient);
  const dob = readDateOfBirth(patient);
  const family = normaliseNameForMatching(patient.familyName);
  return { nhs, nameDob: dob && family ? `${family}|${dob}` : undefined };
}

class IndexCache {
  private readonly cache = new Map<string, string>();
  async get(keys: DeviceKeys, purpose: 'nhs-number' | 'name-dob', value: string | undefined): Promise<string> {
    if (!value) return '';
    const key = `${purpose}:${value}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const index = await blindIndex(keys.indexKey, purpose, value);
    this.cache.set(key, index);
    return index;
  }
}

async function buildRow(unlocked: Unlocked, record: AssessmentRecord, rev: number, now: string, indexes: IndexCache): Promise<AttendanceRow> {
  const summary = summariseAttendance(record, now);
  const inputs = blindIndexInputs(record);
  const [summarySealed, payload, nhsIndex, nameDobIndex] = await Promise.all([
    seal(unlocked.keys.dataKey, summary, aad(unlocked.deviceId, record.id, 'summary')),
    seal(unlocked.keys.dataKey, record, aad(unlocked.deviceId, record.id, 'payload')),
    indexes.get(unlocked.keys, 'nhs-number', inputs.nhs),
    indexes.get(unlocked.keys, 'name-dob', inputs.nameDob),
  ]);
  return {
    id: record.id,
    status: record.status,
    arrivedAt: readArrivedAt(record.answers.patient) ?? record.createdAt,
    updatedAt: record.updatedAt,
    ageBand: ageBand(summary.ageYears ?? undefined),
    createdById: record.createdBy.id,
    nhsIndex,
    nameDobIndex,
    summary: summarySealed,
    payload,
    rev,
  };
}

async function openSummary(unlocked: Unlocked, row: AttendanceRow): Promise<AttendanceSummary | undefined> {
  const opened = await openSealed(unlocked.keys.dataKey, row.summary as Sealed, aad(unlocked.deviceId, row.id, 'summary'));
  if (!opened.ok) return undefined;
  const parsed = attendanceSummarySchema.safeParse(opened.value);
  return parsed.success ? parsed.data : undefined;
}

async function openSummaries(unlocked: Unlocked | undefined, rows: AttendanceRow[]): Promise<AttendanceSummary[]> {
  if (!unlocked) return [];
  const summaries = await Promise.all(rows.map((row) => openSummary(unlocked, row)));
  return summaries.filter((summary): summary is AttendanceSummary => summary !== undefined).sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : -1));
}

class Editor implements AssessmentEditor {
  private current: AssessmentRecord;
  private pending: AssessmentRecord | undefined;
  private writing: Promise<Result<SaveReceipt | undefined, StorageFailure>> | undefined;
  private lastFailure: StorageFailure | undefined;
  private readonly indexes = new IndexCache();

  constructor(
    private readonly ctx: StorageContext,
    record: AssessmentRecord,
    private rev: number,
    readonly readOnly: boolean,
    private readonly release: (() => void) | undefined,
  ) {
    this.current = record;
  }

  get id(): string {
    return this.current.id;
  }

  record(): AssessmentRecord {
    return this.current;
  }

  private stamp(unlocked: Unlocked): Stamp {
    return { at: this.ctx.now(), by: unlocked.staff };
  }

  async update(change: (record: AssessmentRecord, stamp: Stamp) => AssessmentRecord): Promise<Result<SaveReceipt, StorageFailure>> {
    if (this.readOnly) return err({ kind: 'forbidden', message: 'This assessment is open in another tab, so it is read-only here.' });
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const stamp = this.stamp(unlocked.value);
    this.current = { ...change(this.current, stamp), updatedAt: stamp.at, updatedBy: stamp.by };
    this.pending = this.current;
    const result = await this.drain();
    if (!result.ok) return result;
    return ok(result.value ?? { savedAt: stamp.at, rev: this.rev });
  }

  flush(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    return this.drain();
  }

  private drain(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    this.writing ??= this.writeAll().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async writeAll(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    let last: Result<SaveReceipt | undefined, StorageFailure> = this.lastFailure ? err(this.lastFailure) : ok(undefined);
    while (this.pending) {
      const record = this.pending;
      this.pending = undefined;
      last = await this.write(record);
      if (!last.ok) {
        // Keep the newest unsaved version for the next attempt; never drop what is on screen.
        this.pending ??= record;
        this.lastFailure = last.error;
        return last;
      }
      this.lastFailure = undefined;
    }
    return last;
  }

  private async write(record: AssessmentRecord): Promise<Result<SaveReceipt, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    try {
      const row = await buildRow(unlocked.value, record, this.rev + 1, this.ctx.now(), this.indexes);
      const { db } = this.ctx;
      const expected = this.rev;
      const stale = await db.transaction('rw', db.attendances, async () => {
        const existing = await db.attendances.get(record.id);
        if (existing && existing.rev !== expected) return true;
        await db.attendances.put(row);
        return false;
      });
      if (stale) return err({ kind: 'stale', message: messages.stale });
      this.rev = row.rev;
      return ok({ savedAt: row.updatedAt, rev: row.rev });
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async sign(): Promise<Result<AssessmentRecord, StorageFailure>> {
    const result = await this.update((record, stamp) => signAssessment(record, stamp.at, stamp.by));
    if (!result.ok) return result;
    await this.ctx.audit.append('sign', this.id, 'Assessment signed and locked');
    return ok(this.current);
  }

  async addAddendum(reason: string, changes: Addendum['changes']): Promise<Result<AssessmentRecord, StorageFailure>> {
    const result = await this.update((record, stamp) => addAddendum(record, { id: this.ctx.newId(), at: stamp.at, by: stamp.by, reason, changes }));
    if (!result.ok) return result;
    await this.ctx.audit.append('addendum', this.id, `Addendum: ${Object.keys(changes).join(', ')}`);
    return ok(this.current);
  }

  async noteChange(detail: string): Promise<void> {
    if (!this.readOnly) await this.ctx.audit.append('change', this.id, detail);
  }

  close(): void {
    this.release?.();
  }
}

export class RealAttendanceRepository implements AttendanceRepository {
  constructor(private readonly ctx: StorageContext) {}

  async create(): Promise<Result<AssessmentRecord, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const record = createAssessment(this.ctx.newId(), this.ctx.now(), unlocked.value.staff);
    try {
      const row = await buildRow(unlocked.value, record, 1, this.ctx.now(), new IndexCache());
      await this.ctx.db.attendances.add(row);
      await this.ctx.audit.append('create', record.id, 'Assessment started');
      return ok(record);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async open(id: string): Promise<Result<AssessmentEditor, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    let row: AttendanceRow | undefined;
    try {
      row = await this.ctx.db.attendances.get(id);
    } catch (error) {
      return err(toStorageFailure(error));
    }
    if (!row) return err({ kind: 'not-found', message: 'This assessment is not on this tablet.' });
    const opened = await openSealed(unlocked.value.keys.dataKey, row.payload as Sealed, aad(unlocked.value.deviceId, id, 'payload'));
    if (!opened.ok) return err(damaged());
    const parsed = assessmentRecordSchema.safeParse(opened.value);
    if (!parsed.success || parsed.data.id !== id) return err(damaged());
    const release = await tryHoldLock(`safeguarding-triage:attendance:${id}`);
    return ok(new Editor(this.ctx, parsed.data, row.rev, release === undefined, release));
  }

  inProgress(): LiveValue<AttendanceSummary[]> {
    return liveQuery(async () => {
      const rows = await this.ctx.db.attendances.where('status').equals('in-progress').toArray();
      return openSummaries(this.ctx.vault.peek(), rows);
    });
  }

  completedSince(since: string): LiveValue<AttendanceSummary[]> {
    return liveQuery(async () => {
      const rows = await this.ctx.db.attendances.where('arrivedAt').aboveOrEqual(since).filter((row) => row.status === 'signed').toArray();
      return openSummaries(this.ctx.vault.peek(), rows);
    });
  }

  async find(query: AttendanceQuery): Promise<Result<AttendanceSummary[], StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    try {
      const indexes = new IndexCache();
      const nhs = query.nhsNumber ? checkNhsNumber(query.nhsNumber) : undefined;
      const family = query.familyName ? normaliseNameForMatching(query.familyName) : '';
      const [nhsIndex, nameDobIndex] = await Promise.all([
        indexes.get(unlocked.value.keys, 'nhs-number', nhs?.ok ? nhs.value : undefined),
        indexes.get(unlocked.value.keys, 'name-dob', family && query.dateOfBirth ? `${family}|${query.dateOfBirth}` : undefined),
      ]);
      const { db } = this.ctx;
      const [byNhs, byName] = await Promise.all([
        nhsIndex ? db.attendances.where('nhsIndex').equals(nhsIndex).toArray() : Promise.resolve([]),
        nameDobIndex ? db.attendances.where('nameDobIndex').equals(nameDobIndex).toArray() : Promise.resolve([]),
      ]);
      const unique = new Map([...byNhs, ...byName].map((row) => [row.id, row]));
      return ok(await openSummaries(unlocked.value, [...unique.values()]));
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
