/**
 * Backup benchmark page (issue 13), run in Chromium by backup-bench.mjs: seeds N encrypted
 * attendances through the real sealing code (every second one with an issued GP letter, its
 * document composed as the app does, and four audit events each: create, change, sign,
 * letter issued, MAC'd), then times making the encrypted backup file and restoring it onto
 * a new tablet, and reports the file's size. Returns figures; prints nothing itself.
 */
import { createAssessment, withSectionAnswers } from '../../src/domain/assessment/lifecycle';
import type { AssessmentRecord } from '../../src/domain/assessment/record';
import { nextEvent } from '../../src/domain/audit/chain';
import type { AuditEvent } from '../../src/domain/audit/events';
import { composeLetter, restrictedContentOf } from '../../src/domain/letters/letters';
import { defaultDeviceSettings } from '../../src/domain/settings/device-settings';
import { toLondon } from '../../src/domain/shared/dates';
import { macAuditAnchor, macAuditHash } from '../../src/storage/crypto/audit-mac';
import { seal } from '../../src/storage/crypto/codec';
import { IndexCache } from '../../src/storage/repositories/attendance-crypto';
import { buildRow } from '../../src/storage/repositories/attendance-writes';
import { AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY } from '../../src/storage/repositories/audit-log';
import { createRepositories } from '../../src/storage/repositories/create-repositories';
import { letterAad } from '../../src/storage/repositories/letter-rows';
import { completeAdultAnswers, completeChildAnswers, dateParts } from '../../src/test-support/fixtures';

// The first member is the nurse in charge, who unlocks with a passphrase, never a PIN (session-repository.ts).
const STAFF_PASSPHRASE = 'harbour lantern orchard meadow';
const PASSPHRASE = 'amber lantern quartz meadow violin harbor cedar';

export interface BackupFigures {
  count: number;
  letters: number;
  auditEvents: number;
  seedSeconds: number;
  fileMegabytes: number;
  exportSeconds: number;
  importSeconds: number;
  /** The restore's parts, from its progress reports: the file's frames and the passphrase's key, decrypting (and inflating), checking every entry and the audit chain, sealing every row for this tablet, and writing them in the one transaction (the import event included). */
  importStages: Record<'opening' | 'decrypting' | 'checking' | 'sealing' | 'writing', number>;
  restoredAttendances: number;
}

function syntheticRecord(index: number, arrivedAt: string, staff: AssessmentRecord['createdBy']): AssessmentRecord {
  const answers = index % 3 !== 0 ? completeChildAnswers({ ageYears: index % 18 }) : completeAdultAnswers({ ageYears: 18 + (index % 60) });
  const wall = toLondon(arrivedAt);
  const patient = { ...answers.patient, givenName: 'Maya', familyName: `Okafor${String(index)}`, arrivalDate: dateParts(wall.date), arrivalTime: wall.time };
  const base = createAssessment(`bench-${String(index)}`, arrivedAt, staff);
  const record = withSectionAnswers({ ...base, answers: { ...answers, patient } }, 'patient', patient, arrivedAt, staff);
  return index < 12 ? record : { ...record, status: 'signed', signature: { signedAt: arrivedAt, signedBy: staff } };
}

async function run(count: number): Promise<BackupFigures> {
  const status = document.getElementById('status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const source = createRepositories({ databaseName: `backup-bench-${String(Date.now())}` });
  await source.ready;
  const settings = { ...defaultDeviceSettings(), siteName: 'Bench ED' };
  const setUp = await source.device.setUp({ settings, firstStaff: { name: 'Bench Nurse', staffGroup: 'substantive', agencyName: '', registrationNumber: '', secretKind: 'passphrase', secret: STAFF_PASSPHRASE } });
  if (!setUp.ok) throw new Error(setUp.error.message);
  const staff = setUp.value;
  const { db, vault } = source.internals;
  const unlocked = vault.peek();
  if (!unlocked) throw new Error('not unlocked');

  const seedStart = performance.now();
  const indexes = new IndexCache();
  const now = Date.now();
  let last: AuditEvent | undefined = (await db.audit.orderBy('seq').last()) ?? undefined;
  let letters = 0;
  let events = 0;
  const BATCH = 250;
  for (let start = 0; start < count; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => {
      const index = start + offset;
      return syntheticRecord(index, new Date(now - index * 9 * 60_000).toISOString(), staff);
    });
    const rows = await Promise.all(records.map((record) => buildRow(unlocked, record, 3, record.createdAt, indexes)));
    const letterRows = await Promise.all(
      records
        .filter((record, offset) => record.status === 'signed' && (start + offset) % 2 === 0)
        .map(async (record) => {
          const choices = { slots: {}, restricted: { include: false, reason: '' } };
          const input = { record, settings, at: record.createdAt, choices, version: 1, issuedBy: staff };
          const id = `letter-${record.id}`;
          const letter = { id, attendanceId: record.id, kind: 'gp' as const, version: 1, issuedAt: record.createdAt, issuedBy: staff, document: composeLetter('gp', input), choices, restrictedCategories: restrictedContentOf('gp', input) };
          return { id, attendanceId: record.id, kind: 'gp', version: 1, issuedAt: record.createdAt, issuedById: staff.id, payload: await seal(unlocked.keys.dataKey, letter, letterAad(unlocked.deviceId, record.id, id)) };
        }),
    );
    const auditRows: AuditEvent[] = [];
    for (const record of records) {
      for (const [type, detail] of [
        ['create', 'Assessment started'],
        ['change', 'Patient and attendance saved'],
        ['sign', 'Assessment signed and locked (record revision 3)'],
        ['letter-issued', 'GP letter, version 1 issued (record revision 3)'],
      ] as const) {
        const event = nextEvent(last, { at: record.createdAt, actor: { id: staff.id, name: staff.name }, type, entityId: record.id, detail });
        const stored = { ...event, mac: await macAuditHash(unlocked.keys.auditKey, event.hash) };
        auditRows.push(stored);
        last = stored;
      }
    }
    await db.attendances.bulkPut(rows);
    await db.letters.bulkPut(letterRows);
    await db.audit.bulkAdd(auditRows);
    letters += letterRows.length;
    events += auditRows.length;
    if (start % 2000 === 0) say(`Seeded ${String(start)} of ${String(count)}`);
  }
  if (last) {
    await db.meta.bulkPut([
      { key: AUDIT_HEAD_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(unlocked.keys.auditKey, 'head', last.seq, last.hash) } },
      { key: AUDIT_HIGH_WATER_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(unlocked.keys.auditKey, 'high-water', last.seq, last.hash) } },
    ]);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  say('Making the backup');
  const exportStart = performance.now();
  const made = await source.backup.create(PASSPHRASE);
  const exportSeconds = (performance.now() - exportStart) / 1000;
  if (!made.ok) throw new Error(made.error.message);
  const file = new Uint8Array(await new Blob(made.value.parts.map((part) => new Uint8Array(part))).arrayBuffer());
  source.close();

  say('Restoring onto a new tablet');
  const target = createRepositories({ databaseName: `backup-bench-target-${String(Date.now())}` });
  await target.ready;
  const importStart = performance.now();
  const firstSeen = new Map<string, number>();
  const restored = await target.backup.restore(file, PASSPHRASE, ({ stage }) => {
    if (!firstSeen.has(stage)) firstSeen.set(stage, performance.now());
  });
  const importEnd = performance.now();
  const importSeconds = (importEnd - importStart) / 1000;
  const at = (stage: string) => firstSeen.get(stage) ?? importEnd;
  // Each stage runs from its first report to the next stage's; writing runs to the end (the import event included).
  const importStages = {
    opening: (at('decrypting') - importStart) / 1000,
    decrypting: (at('checking') - at('decrypting')) / 1000,
    checking: (at('sealing') - at('checking')) / 1000,
    sealing: (at('writing') - at('sealing')) / 1000,
    writing: (importEnd - at('writing')) / 1000,
  };
  if (!restored.ok) throw new Error(restored.error.message);
  target.close();
  say('Done');
  return { count, letters, auditEvents: events, seedSeconds, fileMegabytes: file.length / 1_048_576, exportSeconds, importSeconds, importStages, restoredAttendances: restored.value.added };
}

(window as unknown as { runBackupBench: (count: number) => Promise<BackupFigures> }).runBackupBench = run;
const status = document.getElementById('status');
if (status) status.textContent = 'Ready';
