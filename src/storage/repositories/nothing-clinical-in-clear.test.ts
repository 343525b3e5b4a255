/**
 * Attack (issue 11, "nothing clinical in clear"): someone copies the browser's storage after
 * a MASH referral was issued, printed and downloaded, and reads every row of every store
 * without a key. Nothing may say that a child was referred, what kind of letter was issued,
 * the child's age band or exact arrival time, or any of the patient's details.
 *
 * The short words are searched in the clear values only (every key and string of every row,
 * byte arrays left out: ciphertext is random bytes, in which a short word can turn up by
 * chance); the planted patient strings, long enough never to turn up by chance, are searched
 * in everything, byte arrays decoded as UTF-8 and Latin-1 included.
 */
import { describe, expect, test } from 'vitest';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import type { LetterChoices } from '../../domain/letters/facts';
import type { LetterKind } from '../../domain/letters/kinds';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { infantSuspectRecord, letterSettings } from '../../test-support/letter-fixtures';
import { NURSE_IN_CHARGE, openTestStorage, rawTables, serialiseForSearch, setUpTablet } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import type { IssueLetterRequest } from './types';

const WORDS = ['mash', 'referral', 'suspect', 'health-visitor', 'school-nurse', 'ageband'];
const AGE_BANDS = ['unknown', 'under-2', '2-4', '5-10', '11', '12', '13-15', '16-17', 'adult'];
/** What the fixture holds about the infant and the referral: each long enough never to turn up in random bytes. */
const PLANTED = ['Amara', 'Okafor', 'MASH-2026-0412', 'Chris Bell', 'Words only the nurse typed in the referral'];

/**
 * Clear values that name these words about the tablet, not about any patient: the device
 * settings (the MASH telephone number and hours, the same on a tablet that never referred
 * anyone) and the worklist's key (written at the first unlock of every tablet).
 */
const NOT_ABOUT_A_PATIENT = (table: string, value: string) => table === 'device' || (table === 'meta' && value === 'worklist:referrals');

/**
 * Random bytes written as base64 or base64url text (wrapped keys, salts, MACs in the staff
 * and device rows): as random as ciphertext, so a four-letter word turns up in them by chance
 * (CI once found "mash" inside a wrapped key). No clear word of ours is 40 characters with no
 * space and no punctuation but "-" and "_".
 */
const ENCODED_RANDOM_BYTES = /^[A-Za-z0-9+/_-]{40,}={0,2}$/;

/** Every key and string value of every row, byte arrays and encoded random bytes left out. */
function clearValues(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!ENCODED_RANDOM_BYTES.test(value)) out.push(value);
  } else if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return out;
  else if (Array.isArray(value)) for (const item of value) clearValues(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      clearValues(item, out);
    }
  }
  return out;
}

const choices = (text: string): LetterChoices => ({ slots: { 'mash-concerns': text, 'gp-requests': text }, restricted: { include: true, reason: 'Always carried in a referral' } });

const request = (record: AssessmentRecord, kind: LetterKind, text: string): IssueLetterRequest => ({
  attendanceId: record.id,
  kind,
  choices: choices(text),
  compose: (at, version, issuedBy) => {
    const input = { record, settings: letterSettings(), at, choices: choices(text), version, issuedBy };
    return { document: composeLetter(kind, input), restrictedCategories: restrictedContentOf(kind, input) };
  },
});

/** A tablet where an infant's suspected-injury assessment is signed and its MASH referral issued, printed and downloaded. */
async function afterMashReferral(): Promise<{ storage: TestStorage; record: AssessmentRecord }> {
  const storage = await openTestStorage();
  const staffId = await setUpTablet(storage.repos);
  const created = await storage.repos.attendances.create();
  if (!created.ok) throw new Error('create failed');
  const opened = await storage.repos.attendances.open(created.value.id);
  if (!opened.ok) throw new Error('open failed');
  const saved = await opened.value.update((record) => ({ ...record, answers: infantSuspectRecord().answers }));
  if (!saved.ok) throw new Error('save failed');
  const signed = await opened.value.sign();
  if (!signed.ok) throw new Error('sign failed');
  opened.value.close();
  const record = signed.value;
  const text = PLANTED[4] ?? '';
  // A draft of the health visitor's notification, then the referral issued, printed and downloaded.
  await storage.repos.letters.saveDraft(record.id, 'health-visitor', choices(text));
  await storage.repos.letters.saveDraft(record.id, 'mash-referral', choices(text));
  const issued = await storage.repos.letters.issue(request(record, 'mash-referral', text));
  if (!issued.ok) throw new Error('issue failed');
  const summary = { ...issued.value, issuedById: issued.value.issuedBy.id };
  await storage.repos.letters.recordPrinted(summary);
  await storage.repos.letters.recordDownloaded(summary);
  // A lock and an unlock: the work after unlock (summaries, re-seal) has run too.
  await storage.repos.session.lock('manual');
  expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
  await storage.repos.backgroundWork();
  return { storage, record };
}

describe('a copy of the storage after a MASH referral was issued, printed and downloaded', () => {
  test('holds none of "mash", "referral", "suspect", the letter kinds or the age bands in any clear value of any store', async () => {
    const { storage } = await afterMashReferral();
    const tables = await rawTables(storage.name);
    expect(Object.keys(tables).length).toBeGreaterThanOrEqual(9);
    const found: string[] = [];
    for (const [table, rows] of Object.entries(tables)) {
      for (const value of clearValues(rows)) {
        if (NOT_ABOUT_A_PATIENT(table, value)) continue;
        const lower = value.toLowerCase();
        for (const word of WORDS) if (lower.includes(word)) found.push(`${table}: "${word}" in ${JSON.stringify(value.slice(0, 80))}`);
        if (AGE_BANDS.includes(value)) found.push(`${table}: the age band ${value}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('holds none of the patient’s details or the nurse’s words anywhere, ciphertext decoded included; the attendance row keeps only the day of arrival', async () => {
    const { storage, record } = await afterMashReferral();
    const tables = await rawTables(storage.name);
    for (const [table, rows] of Object.entries(tables)) {
      const text = serialiseForSearch(rows);
      for (const planted of PLANTED) expect(text.includes(planted), `${planted} in ${table}`).toBe(false);
    }
    // Arrival 13:00 on 10 March 2026: the attendance row says only the day (the exact time is sealed).
    const arrived = '2026-03-10T13:00:00.000Z';
    expect(clearValues(tables['attendances'])).not.toContain(arrived);
    expect(tables['attendances']).toEqual([expect.objectContaining({ id: record.id, arrivedDay: '2026-03-10' })]);
    for (const row of tables['attendances'] ?? []) expect(Object.keys(row as object)).not.toEqual(expect.arrayContaining(['ageBand']));
    // The audit trail keeps the generic event type; the words are sealed, and the nurse in charge still reads them.
    const events = (tables['audit'] ?? []) as { type: string; detail: string }[];
    expect(events.filter((event) => ['letter-issued', 'print', 'download'].includes(event.type)).map((event) => [event.type, event.detail.replace(/\d+/g, 'n')])).toEqual([
      ['letter-issued', '(record revision n; worklist revision n)'],
      ['print', ''],
      ['download', ''],
    ]);
    const readable = (await storage.repos.internals.audit.all()).filter((event) => ['letter-issued', 'print', 'download'].includes(event.type)).map((event) => event.detail);
    expect(readable).toEqual([expect.stringMatching(/^Referral to children's social care \(MASH\), version 1 \(letter .+\) issued \(record revision \d+; worklist revision \d+\)$/), expect.stringMatching(/printed$/), expect.stringMatching(/downloaded as PDF$/)]);
    expect(await storage.repos.audit.verify()).toEqual(expect.objectContaining({ ok: true }));
  });
});
