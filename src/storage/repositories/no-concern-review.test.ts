/**
 * The false-reassurance sweep in storage: signed "No concern" attendances whose record holds
 * something of concern are listed for the nurse in charge, read from the sealed records;
 * a triage nurse gets nothing; a locked tablet lists nothing.
 */
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { createPatientAttendance, firstValue, openTestStorage, PATIENT, setUpTablet, TRIAGE_NURSE, triageNurse } from '../../test-support/storage-fixtures';

const noConcernWith = (changes: Partial<AssessmentRecord['answers']['safeguarding']>) => (record: AssessmentRecord): AssessmentRecord => ({
  ...record,
  answers: {
    ...record.answers,
    safeguarding: { ...record.answers.safeguarding, ...changes },
    outcome: { ...record.answers.outcome, concernLevel: 'no-concern' },
  },
});

async function signedNoConcern(storage: Awaited<ReturnType<typeof openTestStorage>>, changes: Partial<AssessmentRecord['answers']['safeguarding']>) {
  const editor = await createPatientAttendance(storage.repos);
  await editor.update(noConcernWith(changes));
  const signed = await editor.sign();
  if (!signed.ok) throw new Error(`sign failed: ${signed.error.kind}`);
  editor.close();
  return editor.id;
}

describe('signed "No concern" records to review', () => {
  test('lists the signed "No concern" record that holds a household risk, not the one that holds nothing', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const risky = await signedNoConcern(storage, { householdRisks: ['parental-substance-misuse'] });
    await signedNoConcern(storage, { householdRisks: ['none-known'] });
    const items = await firstValue(storage.repos.attendances.noConcernToReview());
    expect(items.map((item) => [item.summary.id, item.summary.displayName, item.reasons])).toEqual([
      [risky, `${PATIENT.givenName} ${PATIENT.familyName}`, ['a risk in the household is recorded (parental substance misuse)']],
    ]);
  });

  test('a record revisited by addendum leaves the list', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const id = await signedNoConcern(storage, { disclosure: 'yes' });
    expect((await firstValue(storage.repos.attendances.noConcernToReview())).map((item) => item.summary.id)).toEqual([id]);
    const opened = await storage.repos.attendances.open(id);
    if (!opened.ok) throw new Error('open failed');
    const outcome = { ...opened.value.record().answers.outcome, concernLevel: 'suspect' as const };
    expect((await opened.value.addAddendum('Reviewed by the safeguarding team', { outcome })).ok).toBe(true);
    opened.value.close();
    expect(await firstValue(storage.repos.attendances.noConcernToReview())).toEqual([]);
  });

  test('a triage nurse gets nothing, and so does a locked tablet', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    await signedNoConcern(storage, { householdRisks: ['domestic-abuse'] });
    const added = await storage.repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await storage.repos.session.lock('manual');
    expect(await firstValue(storage.repos.attendances.noConcernToReview())).toEqual([]);
    expect((await storage.repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await firstValue(storage.repos.attendances.noConcernToReview())).toEqual([]);
  });
});
