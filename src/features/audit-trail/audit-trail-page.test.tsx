/**
 * The audit trail page: a break in the trail stays reported until the nurse in charge
 * acknowledges it, the acknowledgement is an audit event of its own with their name, and
 * acknowledged breaks stay listed.
 */
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { nextEvent } from '../../domain/audit/chain';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { AuditTrailPage } from './audit-trail-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-9', name: 'Jo Reid', role: 'nurse-in-charge' as const };

/** A trail whose 4th event was removed, the next event numbered on from it, and the break recorded at the next unlock. */
function trailWithRecordedBreak(): AuditEvent[] {
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

test('a break stays reported until the nurse in charge acknowledges it, then it is listed with who acknowledged it', async () => {
  const { user, repositories } = renderScreen(<AuditTrailPage />, { repositories: repositoriesWithBreak() });
  const warning = (await screen.findByText(/The first problem is at event 4: Events are missing from the end/)).closest('div');
  if (!warning) throw new Error('no warning');
  expect(within(warning).getByText(/stays reported, here and on the home screen, until you acknowledge it/)).toBeInTheDocument();

  await user.click(within(warning).getByRole('button', { name: 'Acknowledge the break at event 4' }));

  expect(await screen.findByRole('heading', { name: 'Acknowledged breaks' })).toBeInTheDocument();
  expect(screen.getByText(/From event 4: Events are missing from the end of the audit trail\. Found on .* Acknowledged by Jo Reid on /)).toBeInTheDocument();
  expect(screen.getByText(/No unacknowledged breaks: \d+ events checked/)).toBeInTheDocument();
  expect(screen.queryByText(/The first problem is at event/)).not.toBeInTheDocument();
  expect(repositories.auditEvents.get().at(-1)).toMatchObject({
    type: 'audit-break-acknowledged',
    entityId: 'event-4',
    actor: { id: NURSE_IN_CHARGE.id, name: 'Jo Reid' },
    detail: 'Acknowledged by the nurse in charge: Events are missing from the end of the audit trail.',
  });
});
