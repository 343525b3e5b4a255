/**
 * The home screen's notice for the nurse in charge: a break in the audit trail stays there
 * until they acknowledge it on the audit trail page; nobody else sees it.
 */
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { nextEvent } from '../../domain/audit/chain';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { HomePage } from './home-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-9', name: 'Jo Reid', role: 'nurse-in-charge' as const };

/** A trail whose 4th event was removed, the next event numbered on from it, and the break recorded at the next unlock. */
export function trailWithRecordedBreak(): AuditEvent[] {
  const events: AuditEvent[] = [];
  const add = (type: AuditEventType, entityId: string, detail: string, seq = 1) => {
    const event = nextEvent(events.at(-1), { at: `2026-03-10T14:0${String(events.length)}:00.000Z`, actor: { id: NURSE_IN_CHARGE.id, name: NURSE_IN_CHARGE.name }, type, entityId, detail }, seq);
    events.push({ ...event, mac: '' });
  };
  add('device-set-up', '', 'Site set up: ED');
  add('staff-added', NURSE_IN_CHARGE.id, 'Nurse in charge (first account)');
  add('lock', '', 'Locked');
  add('audit-break-detected', 'event-4', 'Events are missing from the end of the audit trail.', 5);
  add('unlock', NURSE_IN_CHARGE.id, 'Unlocked');
  return events;
}

function repositoriesWithBreak(as: { id: string } = NURSE_IN_CHARGE) {
  const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE, TEST_NURSE], unlockedAs: as.id });
  repositories.auditEvents.set(trailWithRecordedBreak());
  return repositories;
}

test('the home screen tells the nurse in charge about an unacknowledged break and links to the audit trail', async () => {
  renderScreen(<HomePage />, { repositories: repositoriesWithBreak() });
  const notice = (await screen.findByText(/From event 4: Events are missing from the end of the audit trail\. This stays here until you acknowledge it/)).closest('div');
  if (!notice) throw new Error('no notice');
  expect(within(notice).getByRole('heading', { name: /The audit trail has been changed/ })).toBeInTheDocument();
  expect(within(notice).getByRole('link', { name: 'Review the break on the audit trail page' })).toHaveAttribute('href', '/settings/audit-trail');
});

test('the home screen shows no notice once the break is acknowledged, nor to a triage nurse', async () => {
  const acknowledged = repositoriesWithBreak();
  expect((await acknowledged.audit.acknowledgeBreak(4)).ok).toBe(true);
  const first = renderScreen(<HomePage />, { repositories: acknowledged });
  await screen.findByRole('heading', { name: 'Safeguarding assessments' });
  await acknowledged.audit.verify();
  expect(screen.queryByText(/The audit trail has been changed/)).not.toBeInTheDocument();
  first.unmount();

  const triage = repositoriesWithBreak(TEST_NURSE);
  expect(await triage.audit.acknowledgeBreak(4)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  renderScreen(<HomePage />, { repositories: triage });
  await screen.findByRole('heading', { name: 'Safeguarding assessments' });
  await triage.audit.verify();
  expect(screen.queryByText(/The audit trail has been changed/)).not.toBeInTheDocument();
});
