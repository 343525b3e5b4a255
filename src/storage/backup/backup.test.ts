/**
 * Encrypted backup and restore against the real repositories (fake-indexeddb + WebCrypto),
 * issue 13: the round trip onto a new tablet (every record, letter version and audit event
 * identical, the trail verifies, the same PIN unlocks); every refused file changes nothing
 * (the database is the same, row for row, afterwards); a merge never overwrites a newer
 * revision and keeps the source's trail as its own chain; handing the tablet back deletes it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { infantSuspectRecord } from '../../test-support/letter-fixtures';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import { letterSettings } from '../../test-support/letter-fixtures';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { BackupRefusal } from '../../domain/backup/backup-rules';
import { backupRefusalMessages } from '../../domain/backup/backup-rules';
import { firstValue, NURSE_IN_CHARGE, openTestStorage, rawTables, setUpTablet, tamper, testClock, triageNurse, TRIAGE_NURSE, uniqueDatabaseName, withPatient } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { concatBytes, toBase64Url, utf8Bytes } from '../crypto/encoding';
import { BACKUP_MAGIC, fileDigest } from '../crypto/backup-cipher';
import type { RealRepositories } from '../repositories/create-repositories';
import type { LetterKind } from '../../domain/letters/model';
import type { IssuedLetter } from '../../domain/letters/issued';
import { readBackup } from './backup-read';
import { collectEntries, makeBackupFile } from './backup-export';
import { importedChainKey } from './backup-write';
import { rekeyJobOf } from '../repositories/rekey';
import { PENDING_REKEY_KEY } from '../repositories/staff-keys';

const PASSPHRASE = 'amber lantern quartz meadow violin harbor';

function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function issue(repos: RealRepositories, record: AssessmentRecord, kind: LetterKind, text: string): Promise<IssuedLetter> {
  const choices = { slots: { 'gp-requests': text }, restricted: { include: false, reason: '' } };
  return must(
    await repos.letters.issue({
      attendanceId: record.id,
      kind,
      choices,
      compose: (at, version, issuedBy) => {
        const input = { record, settings: letterSettings(), at, choices, version, issuedBy };
        return { document: composeLetter(kind, input), restrictedCategories: restrictedContentOf(kind, input) };
      },
    }),
    'issue',
  );
}

/** A tablet with a triage nurse, a signed record with two GP letter versions and a liaison review, one in progress, and a draft. */
async function busyTablet(): Promise<{ storage: TestStorage; signed: AssessmentRecord; inProgress: AssessmentRecord }> {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  must(await storage.repos.staff.add(triageNurse()), 'add staff');
  const fixture = infantSuspectRecord();
  const created = must(await storage.repos.attendances.create(), 'create');
  const editor = must(await storage.repos.attendances.open(created.id), 'open');
  must(await editor.update((record) => ({ ...record, answers: fixture.answers, status: 'signed', signature: { signedAt: record.updatedAt, signedBy: record.createdBy } })), 'save');
  const signed = editor.record();
  editor.close();
  await issue(storage.repos, signed, 'gp', 'First request');
  await issue(storage.repos, signed, 'gp', 'Second request');
  must(await storage.repos.letters.saveDraft(signed.id, 'health-visitor', { slots: { 'hv-note': 'Visit this week' }, restricted: { include: false, reason: '' } }), 'draft');
  must(await storage.repos.liaison.recordReview(signed.id, { action: 'referral', note: 'Discussed with MASH' }), 'review');
  const second = must(await storage.repos.attendances.create(), 'create');
  const open = must(await storage.repos.attendances.open(second.id), 'open');
  must(await open.update((record) => withPatient(record)), 'save');
  const inProgress = open.record();
  open.close();
  return { storage, signed, inProgress };
}

const fileOf = (parts: Uint8Array[]) => concatBytes(...parts);

async function expectRefusedUnchanged(storage: TestStorage, file: Uint8Array, passphrase: string, reason: BackupRefusal): Promise<void> {
  const before = await rawTables(storage.name);
  const result = await storage.repos.backup.restore(file, passphrase);
  expect(result).toEqual({ ok: false, error: { kind: 'refused', reason, message: backupRefusalMessages[reason] } });
  expect(await rawTables(storage.name)).toEqual(before);
}

let source: { storage: TestStorage; signed: AssessmentRecord; inProgress: AssessmentRecord };
let file: Uint8Array;

beforeAll(async () => {
  source = await busyTablet();
  file = fileOf(must(await source.storage.repos.backup.create(PASSPHRASE), 'backup').parts);
}, 120_000);

afterAll(() => {
  source.storage.repos.close();
});

describe('backup round trip onto a new tablet', () => {
  test('export, wipe, import: every record, letter version and audit event identical, the chain verifies, and the same PINs unlock', async () => {
    const { repos: a } = source.storage;
    const eventsAtBackup = must(await a.audit.all(), 'audit');
    const lettersA = await Promise.all(
      (await rawTables(source.storage.name)).letters!.map(async (row) => must(await a.letters.open((row as { id: string }).id), 'open letter')),
    );
    const recordsA = [must(await a.letters.readAttendance(source.signed.id), 'read'), must(await a.letters.readAttendance(source.inProgress.id), 'read')];

    // Nothing about the patient is readable in the file.
    const asText = new TextDecoder('latin1').decode(file);
    expect(asText).not.toContain('Amara');
    expect(asText).not.toContain('Visit this week');
    const target = await openTestStorage(uniqueDatabaseName(), testClock('2026-03-12T09:00:00.000Z'));
    try {
      expect(target.repos.session.current().status).toBe('not-set-up');
      const restored = must(await target.repos.backup.restore(file, PASSPHRASE), 'restore');
      expect(restored).toMatchObject({ mode: 'replaced', added: 2, lettersAdded: 2 });
      expect(target.repos.session.current()).toEqual({ status: 'locked', reason: 'start' });
      // A reload finds a set-up tablet; the nurse in charge's PIN and the triage nurse's both unlock.
      const b = await target.reload();
      const names = (await new Promise<{ id: string; name: string }[]>((resolve) => {
        const sub = b.staff.list().subscribe((value) => {
          resolve(value);
          queueMicrotask(() => sub.unsubscribe());
        });
      }));
      const triage = names.find((member) => member.name === TRIAGE_NURSE.name)!;
      expect((await b.session.unlock(triage.id, TRIAGE_NURSE.pin)).ok).toBe(true);
      await b.session.lock('manual');
      const inCharge = names.find((member) => member.name === NURSE_IN_CHARGE.name)!;
      expect((await b.session.unlock(inCharge.id, NURSE_IN_CHARGE.pin)).ok).toBe(true);

      for (const record of recordsA) expect(must(await b.letters.readAttendance(record.id), 'read restored')).toEqual(record);
      for (const letter of lettersA) expect(must(await b.letters.open(letter.id), 'open restored letter')).toEqual(letter);
      expect(await b.letters.loadDraft(source.signed.id, 'health-visitor')).toEqual({ slots: { 'hv-note': 'Visit this week' }, restricted: { include: false, reason: '' } });
      const eventsB = must(await b.audit.all(), 'audit');
      // Every event up to the backup, identical (hashes and MACs), then the import and this unlock.
      expect(eventsB.slice(0, eventsAtBackup.length - 1)).toEqual(eventsAtBackup.slice(0, -1));
      expect(eventsB.find((event) => event.type === 'import')?.detail).toMatch(/^Restored onto a new tablet from a backup made /);
      expect(await b.audit.verify('whole')).toEqual({ ok: true, count: eventsB.length });
      // The in-progress assessment opens for editing on the new tablet.
      const editor = must(await b.attendances.open(source.inProgress.id), 'open restored');
      expect(editor.record()).toEqual(recordsA[1]);
      editor.close();
    } finally {
      target.repos.close();
    }
  }, 120_000);
});

describe('a restore reports its progress to the end', () => {
  test('decrypting, checking, sealing each record, then writing every row inside the transaction, the bar never going back and ending full', async () => {
    const reports: { stage: string; done: number; total: number }[] = [];
    const target = await openTestStorage(uniqueDatabaseName(), testClock('2026-03-12T09:00:00.000Z'));
    try {
      must(await target.repos.backup.restore(file, PASSPHRASE, (report) => reports.push(report)), 'restore');
      const stages = reports.map((report) => report.stage).filter((stage, index, all) => stage !== all[index - 1]);
      expect(stages).toEqual(['decrypting', 'checking', 'sealing', 'writing']);
      expect(reports.filter((report) => report.stage === 'sealing').at(-1)).toEqual({ stage: 'sealing', done: 2, total: 2 });
      const writing = reports.filter((report) => report.stage === 'writing');
      expect(writing[0]?.done).toBe(0);
      for (const [index, report] of writing.entries()) expect(report.done).toBeGreaterThanOrEqual(writing[index - 1]?.done ?? 0);
      const last = writing.at(-1)!;
      expect(last.done).toBe(last.total);
      // Every attendance, letter and audit event of the file is among the rows counted.
      const events = must(await source.storage.repos.audit.all(), 'audit').length;
      expect(last.total).toBeGreaterThanOrEqual(2 + 2 + events - 1);
    } finally {
      target.repos.close();
    }
  }, 120_000);
});

/** A signed copy of the infant fixture on this tablet. */
async function signedRecord(repos: RealRepositories): Promise<AssessmentRecord> {
  const created = must(await repos.attendances.create(), 'create');
  const editor = must(await repos.attendances.open(created.id), 'open');
  must(await editor.update((record) => ({ ...record, answers: infantSuspectRecord().answers, status: 'signed', signature: { signedAt: record.updatedAt, signedBy: record.createdBy } })), 'save');
  const record = editor.record();
  editor.close();
  return record;
}

const gpLettersDueIn = async (name: string) => ((await rawTables(name)).gpLettersDue as { attendanceId: string }[]).map((row) => row.attendanceId).sort();

describe('the GP letters due come with a restore', () => {
  test('onto a new tablet and merged into one in use: a signed record without its GP letter is due, one with it is not; a later backup with the letter takes it off; merging the same file twice adds no letter', async () => {
    const a = await openTestStorage();
    const fresh = await openTestStorage(uniqueDatabaseName(), testClock('2026-03-12T09:00:00.000Z'));
    const c = await openTestStorage();
    try {
      await setUpTablet(a.repos);
      const withLetter = await signedRecord(a.repos);
      const withoutLetter = await signedRecord(a.repos);
      await issue(a.repos, withLetter, 'gp', 'Please review');
      const first = fileOf(must(await a.repos.backup.create(PASSPHRASE), 'backup 1').parts);

      must(await fresh.repos.backup.restore(first, PASSPHRASE), 'restore');
      expect(await gpLettersDueIn(fresh.name)).toEqual([withoutLetter.id]);

      await setUpTablet(c.repos);
      expect(must(await c.repos.backup.restore(first, PASSPHRASE), 'merge 1')).toMatchObject({ lettersAdded: 1 });
      expect(await gpLettersDueIn(c.name)).toEqual([withoutLetter.id]);
      expect(must(await c.repos.backup.restore(first, PASSPHRASE), 'merge again')).toMatchObject({ added: 0, kept: 2, lettersAdded: 0 });

      await issue(a.repos, withoutLetter, 'gp', 'Please review too');
      const second = fileOf(must(await a.repos.backup.create(PASSPHRASE), 'backup 2').parts);
      expect(must(await c.repos.backup.restore(second, PASSPHRASE), 'merge 2')).toMatchObject({ lettersAdded: 1 });
      expect(await gpLettersDueIn(c.name)).toEqual([]);
      expect((await rawTables(c.name)).letters).toHaveLength(2);
    } finally {
      a.repos.close();
      fresh.repos.close();
      c.repos.close();
    }
  }, 120_000);
});

describe('a backup made after a re-key', () => {
  test('restores onto a new tablet, and a member who has not unlocked since the re-key (their wrap emptied) unlocks there with their own PIN', async () => {
    const storage = await openTestStorage();
    const target = await openTestStorage(uniqueDatabaseName(), testClock('2026-03-12T09:00:00.000Z'));
    try {
      await setUpTablet(storage.repos);
      const staying = must(await storage.repos.staff.add(triageNurse()), 'add staff');
      const leaving = must(await storage.repos.staff.add(triageNurse({ name: 'Robin Ellis', secret: '518274' })), 'add staff');
      must(await storage.repos.staff.remove(leaving.id), 'remove');
      await rekeyJobOf(storage.repos.internals);
      expect((await storage.repos.internals.db.meta.get(PENDING_REKEY_KEY))?.value).toBeUndefined();
      const emptied = await storage.repos.internals.db.staff.get(staying.id);
      expect(emptied?.wrapped.ciphertext).toHaveLength(0);

      const afterRekey = fileOf(must(await storage.repos.backup.create(PASSPHRASE), 'backup').parts);
      must(await target.repos.backup.restore(afterRekey, PASSPHRASE), 'restore');
      const b = await target.reload();
      expect((await b.session.unlock(staying.id, TRIAGE_NURSE.pin)).ok).toBe(true);
      await b.session.lock('manual');
      expect((await b.session.unlock(leaving.id, '518274')).ok).toBe(false);
    } finally {
      storage.repos.close();
      target.repos.close();
    }
  }, 120_000);
});

describe('a refused file changes nothing', () => {
  let target: TestStorage;
  beforeAll(async () => {
    target = await openTestStorage();
    await setUpTablet(target.repos);
    const created = must(await target.repos.attendances.create(), 'create');
    const editor = must(await target.repos.attendances.open(created.id), 'open');
    must(await editor.update((record) => withPatient(record)), 'save');
    editor.close();
  }, 60_000);
  afterAll(() => target.repos.close());

  test('an empty file', async () => {
    await expectRefusedUnchanged(target, new Uint8Array(0), PASSPHRASE, 'empty');
  });

  test('a JSON file that is not ours, and any other file', async () => {
    await expectRefusedUnchanged(target, utf8Bytes('{"records":[{"name":"Someone"}]}'), PASSPHRASE, 'json-not-ours');
    await expectRefusedUnchanged(target, utf8Bytes('Name,NHS number\nSomeone,943 476 5919\n'), PASSPHRASE, 'not-ours');
  });

  test('ours with one byte flipped: in the header, in a chunk, in the digest', async () => {
    const headerAt = BACKUP_MAGIC.length + 4 + 30;
    for (const position of [headerAt, Math.floor(file.length / 2), file.length - 40, file.length - 1]) {
      const flipped = file.slice();
      flipped[position] = (flipped[position] ?? 0) ^ 0x01;
      await expectRefusedUnchanged(target, flipped, PASSPHRASE, 'changed');
    }
  });

  test('one byte flipped anywhere in the file is refused before anything is written (every position)', async () => {
    const reasons = new Set<string>();
    for (let position = 0; position < file.length; position += 1) {
      const flipped = file.slice();
      flipped[position] = (flipped[position] ?? 0) ^ 0x80;
      const read = await readBackup(flipped, PASSPHRASE);
      expect(read.ok, `byte ${String(position)}`).toBe(false);
      if (!read.ok) reasons.add(read.error);
    }
    // The magic, a length or the header's figures can make it "not ours" or "incomplete": never accepted, never the passphrase.
    expect([...reasons].every((reason) => ['changed', 'not-ours', 'truncated', 'reordered'].includes(reason))).toBe(true);
  }, 120_000);

  test('a truncated file', async () => {
    for (const length of [file.length - 1, file.length - 32, Math.floor(file.length / 2), 40]) await expectRefusedUnchanged(target, file.slice(0, length), PASSPHRASE, 'truncated');
  });

  test('a file from a newer version of the app', async () => {
    const header = utf8Bytes(JSON.stringify({ app: 'safeguarding-triage', format: 2, somethingNew: true }));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, header.length);
    await expectRefusedUnchanged(target, concatBytes(BACKUP_MAGIC, length, header, new Uint8Array(64)), PASSPHRASE, 'newer-version');
  });

  test('the wrong passphrase', async () => {
    await expectRefusedUnchanged(target, file, 'amber lantern quartz meadow violin harbour', 'wrong-passphrase');
  });

  test('a file from this same tablet, which would duplicate its records and trail', async () => {
    await expectRefusedUnchanged(source.storage, file, PASSPHRASE, 'same-tablet');
  });
});

describe('chunks: reordered, renumbered or dropped', () => {
  let big: Uint8Array;
  let frames: { start: number; end: number }[];
  let bodyStart: number;
  beforeAll(async () => {
    const { repos } = source.storage;
    const unlocked = repos.internals.vault.peek()!;
    const body = await collectEntries(repos.internals, unlocked);
    // A content file of random text (about 2.6 MiB once gzip has done what it can) (which gzip cannot shrink) makes the body three chunks.
    const noise = new Uint8Array(2_600_000);
    for (let offset = 0; offset < noise.length; offset += 65_536) crypto.getRandomValues(noise.subarray(offset, offset + 65_536));
    const device = body.entries.find((entry) => entry.kind === 'device');
    if (device?.kind === 'device') device.value.contentFiles = { padding: toBase64Url(noise) };
    big = fileOf((await makeBackupFile(body, unlocked.deviceId, '2026-03-10T15:00:00.000Z', PASSPHRASE)).parts);
    const view = new DataView(big.buffer, big.byteOffset, big.byteLength);
    bodyStart = BACKUP_MAGIC.length + 4 + view.getUint32(BACKUP_MAGIC.length);
    frames = [];
    for (let offset = bodyStart; offset < big.length - 32; ) {
      const end = offset + 8 + view.getUint32(offset + 4);
      frames.push({ start: offset, end });
      offset = end;
    }
    expect(frames.length).toBe(3);
    expect((await readBackup(big, PASSPHRASE)).ok).toBe(true);
  }, 60_000);

  const rebuilt = async (order: number[], renumber: boolean): Promise<Uint8Array> => {
    const parts = order.map((index) => {
      const frame = big.slice(frames[index]!.start, frames[index]!.end);
      return frame;
    });
    if (renumber) parts.forEach((frame, position) => new DataView(frame.buffer).setUint32(0, position));
    const before = concatBytes(big.subarray(0, bodyStart), ...parts);
    return concatBytes(before, await fileDigest([before]));
  };

  test('chunks swapped (the digest recomputed, as someone altering it would): refused as reordered', async () => {
    const swapped = await rebuilt([1, 0, 2], false);
    expect(await readBackup(swapped, PASSPHRASE)).toEqual({ ok: false, error: 'reordered' });
    await expectRefusedUnchanged(source.storage, swapped, PASSPHRASE, 'reordered');
  });

  test('chunks swapped and renumbered to look in order: each chunk authenticates its place, so refused as changed', async () => {
    expect(await readBackup(await rebuilt([1, 0, 2], true), PASSPHRASE)).toEqual({ ok: false, error: 'changed' });
  });

  test('the final chunk dropped: refused as incomplete', async () => {
    const cut = big.slice(0, frames[2]!.start);
    expect(await readBackup(cut, PASSPHRASE)).toEqual({ ok: false, error: 'truncated' });
    await expectRefusedUnchanged(source.storage, cut, PASSPHRASE, 'truncated');
  });

  test('the last chunk repeated in place of the final one: refused as changed', async () => {
    expect(await readBackup(await rebuilt([0, 1, 1], true), PASSPHRASE)).toEqual({ ok: false, error: 'changed' });
  });
});

describe('who may back up, and with what passphrase', () => {
  test('a triage nurse is refused by storage; a weak passphrase is refused', async () => {
    const storage = await openTestStorage();
    try {
      await setUpTablet(storage.repos);
      const nurse = must(await storage.repos.staff.add(triageNurse()), 'add');
      expect(await storage.repos.backup.create('correct horse')).toEqual({ ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/^Backup passphrase must be/) as string } });
      await storage.repos.session.lock('manual');
      must(await storage.repos.session.unlock(nurse.id, TRIAGE_NURSE.pin), 'unlock');
      expect(await storage.repos.backup.create(PASSPHRASE)).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can back up, restore or hand back the tablet.' } });
      expect(await storage.repos.backup.handBack()).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can back up, restore or hand back the tablet.' } });
    } finally {
      storage.repos.close();
    }
  }, 60_000);

  test('the export is an audit event with counts and no patient details; the reminder knows when', async () => {
    const events = must(await source.storage.repos.audit.all(), 'audit');
    const exported = events.filter((event) => event.type === 'export');
    expect(exported.at(-1)?.detail).toMatch(/^Encrypted backup made: 2 attendances, 2 letters, \d+ audit events$/);
    expect(JSON.stringify(exported)).not.toContain('Amara');
    const status = await new Promise<unknown>((resolve) => {
      const sub = source.storage.repos.backup.status().subscribe((value) => {
        resolve(value);
        queueMicrotask(() => sub.unsubscribe());
      });
    });
    expect(status).toMatchObject({ lastBackupAt: expect.any(String) as string });
  });
});

describe('merging into a tablet in use', () => {
  test('records merge by id: a newer revision here is never overwritten, a newer one in the backup replaces an older one, and the in-progress record here is untouched', async () => {
    const a = await busyTablet();
    const c = await openTestStorage();
    try {
      await setUpTablet(c.repos);
      const ownCreated = must(await c.repos.attendances.create(), 'create');
      const own = must(await c.repos.attendances.open(ownCreated.id), 'open');
      must(await own.update((record) => withPatient(record)), 'save');
      const ownRecord = own.record();
      own.close();

      const first = fileOf(must(await a.storage.repos.backup.create(PASSPHRASE), 'backup 1').parts);
      expect(must(await c.repos.backup.restore(first, PASSPHRASE), 'merge 1')).toMatchObject({ mode: 'merged', added: 2, updated: 0, kept: 0, lettersAdded: 2 });

      // Here, the nurse carries on with the merged copy of A's assessment in progress (a newer revision here)...
      const hereEditor = must(await c.repos.attendances.open(a.inProgress.id), 'open merged');
      must(await hereEditor.update((record) => ({ ...record, resume: { page: 'accounts', field: 'edited-here' } })), 'edit here');
      must(await hereEditor.update((record) => ({ ...record, resume: { page: 'accounts', field: 'edited-here-twice' } })), 'edit here');
      const editedHere = hereEditor.record();
      hereEditor.close();
      // ... while on A, the other record gets an addendum (a newer revision there).
      const there = must(await a.storage.repos.attendances.open(a.signed.id), 'open on A');
      must(await there.addAddendum('Later information', {}), 'addendum');
      const newerThere = there.record();
      there.close();

      const second = fileOf(must(await a.storage.repos.backup.create(PASSPHRASE), 'backup 2').parts);
      const merged = must(await c.repos.backup.restore(second, PASSPHRASE), 'merge 2');
      expect(merged).toMatchObject({ mode: 'merged', added: 0, updated: 1, kept: 1 });
      expect(must(await c.repos.letters.readAttendance(a.inProgress.id), 'read')).toEqual(editedHere);
      expect(must(await c.repos.letters.readAttendance(a.signed.id), 'read')).toEqual(newerThere);
      expect(must(await c.repos.letters.readAttendance(ownRecord.id), 'read')).toEqual(ownRecord);

      // Staff here are left alone; the source's trail is its own chain, checked as such; this trail still verifies.
      expect((await rawTables(c.name)).staff).toHaveLength(1);
      const chains = must(await c.repos.backup.importedChains(), 'chains');
      expect(chains).toEqual([expect.objectContaining({ sourceTabletId: expect.any(String) as string, ok: true })]);
      expect(await c.repos.audit.verify('whole')).toMatchObject({ ok: true });
      expect(must(await c.repos.audit.all(), 'audit').filter((event) => event.type === 'import').map((event) => event.detail)).toEqual([
        expect.stringMatching(/2 attendances added, 0 updated, 0 kept as newer here, 2 letters added/) as string,
        expect.stringMatching(/0 attendances added, 1 updated, 1 kept as newer here/) as string,
      ]);

      // An event of the imported chain changed here is found.
      await tamper(c.name, async (db) => {
        const key = importedChainKey(chains[0]!.sourceTabletId);
        const row = await db.meta.get(key);
        // The events are sealed inside the chain's note (issue 11): one bit of it changed.
        const value = row!.value as { note: { ct: Uint8Array } };
        value.note.ct[0] = (value.note.ct[0] ?? 0) ^ 1;
        await db.meta.put({ key, value });
      });
      expect(must(await c.repos.backup.importedChains(), 'chains')[0]?.ok).toBe(false);
    } finally {
      a.storage.repos.close();
      c.repos.close();
    }
  }, 180_000);
});

describe('handing the tablet back', () => {
  test('deletes the database: a reload finds first-run set-up and nothing of the tablet left', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    must(await storage.repos.attendances.create(), 'create');
    must(await storage.repos.backup.handBack(), 'hand back');
    expect(storage.repos.session.current()).toEqual({ status: 'not-set-up' });
    const reopened = await storage.reload();
    expect(reopened.session.current()).toEqual({ status: 'not-set-up' });
    const tables = await rawTables(storage.name);
    expect(Object.values(tables).every((rows) => rows.length === 0)).toBe(true);
    reopened.close();
  }, 60_000);

  test('the same page, handed back, restores another tablet\'s backup whose trail then verifies (nothing remembered of the deleted one)', async () => {
    const storage = await openTestStorage();
    try {
      await setUpTablet(storage.repos);
      for (let i = 0; i < 8; i += 1) must(await storage.repos.attendances.create(), 'create');
      expect(await storage.repos.audit.verify('whole')).toMatchObject({ ok: true });
      must(await storage.repos.backup.handBack(), 'hand back');
      must(await storage.repos.backup.restore(file, PASSPHRASE), 'restore');
      const names = await new Promise<{ id: string; name: string }[]>((resolve) => {
        const sub = storage.repos.staff.list().subscribe((value) => {
          resolve(value);
          queueMicrotask(() => sub.unsubscribe());
        });
      });
      must(await storage.repos.session.unlock(names.find((member) => member.name === NURSE_IN_CHARGE.name)!.id, NURSE_IN_CHARGE.pin), 'unlock');
      expect(await storage.repos.audit.verify('whole')).toMatchObject({ ok: true });
      expect(await firstValue(storage.repos.session.tamperReports())).toEqual([]);
    } finally {
      storage.repos.close();
    }
  }, 60_000);
});
