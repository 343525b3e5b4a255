/**
 * Attack: the nurse locks the tablet in one tab, and the patient stays readable in another.
 * Every tab of the app locks together; unlocking one tab unlocks no other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories } from './create-repositories';
import { rekeyJobOf } from './rekey';
import type { RealRepositories } from './create-repositories';
import { NURSE_IN_CHARGE, openTestStorage, setUpTablet, testClock } from '../../test-support/storage-fixtures';

const opened: RealRepositories[] = [];
afterEach(() => {
  for (const repos of opened.splice(0)) repos.close();
});

async function twoTabs() {
  const clock = testClock();
  const first = await openTestStorage(undefined, clock);
  first.repos.close();
  const tab = () => {
    const repos = createRepositories({ databaseName: first.name, now: clock.now, crossTabLock: true });
    opened.push(repos);
    return repos;
  };
  const a = tab();
  await a.ready;
  await setUpTablet(a);
  const b = tab();
  await b.ready;
  const staffId = (a.session.current() as { staff: { id: string } }).staff.id;
  const unlocked = await b.session.unlock(staffId, NURSE_IN_CHARGE.pin);
  expect(unlocked.ok).toBe(true);
  return { a, b, staffId };
}

/** Waits for a BroadcastChannel message to be delivered and handled. */
const settle = async (repos: RealRepositories) => {
  for (let i = 0; i < 50 && repos.session.current().status === 'unlocked'; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  // Let the lock's audit event finish writing before the test closes the database.
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('every tab locks together', () => {
  it('locking one tab locks the other, which says why', async () => {
    const { a, b } = await twoTabs();
    expect(a.session.current().status).toBe('unlocked');
    expect(b.session.current().status).toBe('unlocked');

    await a.session.lock('manual');
    await settle(b);

    expect(a.session.current()).toEqual({ status: 'locked', reason: 'manual' });
    expect(b.session.current()).toEqual({ status: 'locked', reason: 'other-tab' });
    // The other tab's keys are gone, not just hidden.
    expect(b.internals.vault.peek()).toBeUndefined();
  });

  it('an idle or session-limit lock in one tab locks the others too', async () => {
    const { a, b } = await twoTabs();
    await b.session.lock('session-limit');
    await settle(a);
    expect(a.session.current()).toEqual({ status: 'locked', reason: 'other-tab' });
    expect(b.session.current()).toEqual({ status: 'locked', reason: 'session-limit' });
  });

  it('unlocking one tab unlocks no other', async () => {
    const { a, b, staffId } = await twoTabs();
    await a.session.lock('manual');
    await settle(b);
    expect((await a.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.session.current().status).toBe('unlocked');
    expect(b.session.current()).toEqual({ status: 'locked', reason: 'other-tab' });
  });

  it('a tab on another database (another app instance) is not locked', async () => {
    const { a } = await twoTabs();
    const elsewhere = await openTestStorage();
    await setUpTablet(elsewhere.repos);
    opened.push(elsewhere.repos);
    await a.session.lock('manual');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(elsewhere.repos.session.current().status).toBe('unlocked');
  });
});

describe('re-keying locks the other tabs', () => {
  it('removing a member in one tab locks the other, so it writes nothing under the old key; its next unlock gets the new keys and the trail holds', async () => {
    const { a, b, staffId } = await twoTabs();
    const leaving = await a.staff.add({ name: 'Robin Ellis', role: 'triage-nurse', staffGroup: 'bank', agencyName: '', registrationNumber: '', secretKind: 'pin', secret: '518274' });
    if (!leaving.ok) throw new Error('add failed');
    expect((await a.staff.remove(leaving.value.id)).ok).toBe(true);
    await settle(b);
    expect(b.session.current()).toEqual({ status: 'locked', reason: 'other-tab' });
    await rekeyJobOf(a.internals);
    expect((await b.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(b.internals.vault.peek()?.epoch).toBe(2);
    expect(await b.internals.audit.verify()).toEqual({ ok: true, count: expect.any(Number) as number });
  });
});
