/**
 * Letter identity in storage (issue 10): attendance + kind + child. Each child's notification
 * numbers its own versions and keeps its own unfinished words; the patient's own letters keep
 * the keys and rows they always had, so letters and drafts stored before children had letters
 * still open; a row whose child does not match its sealed letter does not open.
 * Real storage (Dexie on fake-indexeddb, WebCrypto) and the fake, side by side.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { LetterChoices } from '../../domain/letters/facts';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import type { LetterKind } from '../../domain/letters/model';
import { adultWithChildrenRecord, letterSettings, NURSE } from '../../test-support/letter-fixtures';
import { createFakeRepositories } from '../fake/fake-repositories';
import { TriageDatabase } from '../db';
import { createRepositories } from './create-repositories';
import type { RealRepositories } from './create-repositories';
import type { IssueLetterRequest, LiveValue, Repositories } from './types';
import { serialiseForSearch } from '../../test-support/storage-fixtures';

const firstValue = <T>(live: LiveValue<T>, accept: (value: T) => boolean = () => true): Promise<T> =>
  new Promise((resolve, reject) => {
    const subscription = live.subscribe(
      (value) => {
        if (!accept(value)) return;
        queueMicrotask(() => subscription.unsubscribe());
        resolve(value);
      },
      reject,
    );
  });

const none = (): LetterChoices => ({ slots: {}, restricted: { include: false, reason: '' } });

const request = (record: AssessmentRecord, kind: LetterKind, childId?: string): IssueLetterRequest => ({
  attendanceId: record.id,
  kind,
  choices: none(),
  childId,
  compose: (at, version, issuedBy) => {
    const input = { record, settings: letterSettings(), at, choices: none(), version, issuedBy, childId };
    return { document: composeLetter(kind, input), restrictedCategories: restrictedContentOf(kind, input) };
  },
});

/** The adult with two children, both shared: Amy (7, school nurse) and Ben (3, health visitor). */
function bothShared(): AssessmentRecord {
  const record = adultWithChildrenRecord();
  record.answers.thinkFamily.children = record.answers.thinkFamily.children.map((child) => ({ ...child, share: 'yes' as const }));
  return record;
}

const DB_NAME = 'letter-identity-test';
let real: RealRepositories;
let signedRecord: AssessmentRecord;

beforeAll(async () => {
  let tick = 0;
  real = createRepositories({ databaseName: DB_NAME, now: () => new Date(Date.UTC(2026, 2, 10, 16, 0, tick++)) });
  await real.ready;
  const setUp = await real.device.setUp({
    settings: letterSettings(),
    firstStaff: { name: NURSE.name, staffGroup: 'bank', agencyName: '', registrationNumber: '', secretKind: 'passphrase', secret: 'harbour lantern orchard' },
  });
  if (!setUp.ok) throw new Error('set-up failed');
  const created = await real.attendances.create();
  if (!created.ok) throw new Error('create failed');
  const editor = await real.attendances.open(created.value.id);
  if (!editor.ok) throw new Error('open failed');
  const saved = await editor.value.update((record) => ({ ...record, answers: bothShared().answers, status: 'signed', signature: { signedAt: record.updatedAt, signedBy: record.createdBy } }));
  if (!saved.ok) throw new Error('save failed');
  signedRecord = editor.value.record();
  editor.value.close();
}, 60_000);

afterAll(() => {
  real.close();
});

describe.each<[string, () => Repositories, () => AssessmentRecord]>([
  ['real', () => real, () => signedRecord],
  [
    'fake',
    (() => {
      let fake: Repositories | undefined;
      return () => {
        fake ??= createFakeRepositories({ unlockedAs: 'staff-1', settings: letterSettings(), staff: [{ ...NURSE, secretKind: 'pin', active: true, secret: '1' }], attendances: [bothShared()] });
        return fake;
      };
    })(),
    bothShared,
  ],
])('%s storage: letter identity is attendance + kind + child', (_name, repositories, record) => {
  test("each child's notification numbers its own versions, apart from the patient's own letters", async () => {
    const { letters } = repositories();
    const gp = await letters.issue(request(record(), 'gp'));
    const amy1 = await letters.issue(request(record(), 'school-nurse', 'child-amy'));
    const amy2 = await letters.issue(request(record(), 'school-nurse', 'child-amy'));
    const ben1 = await letters.issue(request(record(), 'health-visitor', 'child-ben'));
    expect([gp, amy1, amy2, ben1].map((result) => (result.ok ? [result.value.kind, result.value.childId, result.value.version] : result.error.kind))).toEqual([
      ['gp', undefined, 1],
      ['school-nurse', 'child-amy', 1],
      ['school-nurse', 'child-amy', 2],
      ['health-visitor', 'child-ben', 1],
    ]);
    const versions = await firstValue(letters.versions(record().id), (list) => list.length === 4);
    expect(versions.map((version) => `${version.kind}/${version.childId ?? '-'}/${String(version.version)}`).sort()).toEqual(['gp/-/1', 'health-visitor/child-ben/1', 'school-nurse/child-amy/1', 'school-nurse/child-amy/2']);
    const opened = await letters.open(amy2.ok ? amy2.value.id : '');
    expect(opened.ok && [opened.value.childId, opened.value.document.patientLine]).toEqual(['child-amy', 'Amy Green, born 4 May 2018 (7 years)']);
  });

  test("a child's unfinished words are kept under that child's letter only", async () => {
    const { letters } = repositories();
    const words = { slots: { 'child-requests': 'Please visit' }, restricted: { include: false, reason: '' } };
    expect((await letters.saveDraft(record().id, 'school-nurse', words, 'child-amy')).ok).toBe(true);
    expect(await letters.loadDraft(record().id, 'school-nurse', 'child-amy')).toEqual(words);
    expect(await letters.loadDraft(record().id, 'school-nurse', 'child-ben')).toBeUndefined();
    expect(await letters.loadDraft(record().id, 'school-nurse')).toBeUndefined();
    expect((await letters.issue(request(record(), 'school-nurse', 'child-amy'))).ok).toBe(true);
    expect(await letters.loadDraft(record().id, 'school-nurse', 'child-amy')).toBeUndefined();
  });
});

describe('rows and drafts stored before children had letters (real storage)', () => {
  test("since version 5 a letter row names neither its kind nor its child in clear, and drafts are keyed by a keyed hash (issue 11)", async () => {
    const db = new TriageDatabase(DB_NAME);
    const rows = await db.letters.where('attendanceId').equals(signedRecord.id).toArray();
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['about', 'attendanceId', 'id', 'identity', 'issuedAt', 'issuedById', 'payload', 'version']);
    expect(serialiseForSearch(rows)).not.toMatch(/child-ben|child-amy|health-visitor|school-nurse/);
    expect((await real.letters.saveDraft(signedRecord.id, 'gp', { slots: { 'gp-requests': 'Old words' }, restricted: { include: false, reason: '' } })).ok).toBe(true);
    expect((await real.letters.saveDraft(signedRecord.id, 'school-nurse', none(), 'child-amy')).ok).toBe(true);
    const drafts = (await db.meta.toArray()).filter((row) => row.key.startsWith('letter-draft:')).map((row) => row.key);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    for (const key of drafts) expect(key).toMatch(/^letter-draft:[A-Za-z0-9_-]{22}$/);
    expect(await real.letters.loadDraft(signedRecord.id, 'school-nurse', 'child-amy')).toEqual(none());
    db.close();
  });

  test('a row whose child was changed does not open: the sealed letter names its child', async () => {
    const db = new TriageDatabase(DB_NAME);
    const versions = await firstValue(real.letters.versions(signedRecord.id), (list) => list.length >= 2);
    const benLetterId = versions.find((version) => version.childId === 'child-ben')?.id;
    const rows = await db.letters.where('attendanceId').equals(signedRecord.id).toArray();
    const ben = rows.find((row) => row.id === benLetterId);
    const amy = rows.find((row) => row.id !== benLetterId && row.about);
    if (!ben || !amy?.about) throw new Error('no letter for Ben or Amy');
    // The kind and child are sealed with the row's own id: another row's copied in does not open, nor does a clear child added.
    await db.letters.update(ben.id, { about: amy.about });
    expect((await real.letters.open(ben.id)).ok).toBe(false);
    const { about: _about, ...withoutAbout } = ben;
    await db.letters.put({ ...withoutAbout, kind: 'health-visitor', childId: 'child-amy' });
    const opened = await real.letters.open(ben.id);
    expect(opened.ok ? 'opened' : opened.error.kind).toBe('damaged');
    db.close();
  });
});
