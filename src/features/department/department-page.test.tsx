/**
 * Department sharing screens (issue 14) through the real App over the fake repositories:
 * switching on asks for a confirmation first; the code is shown in four groups with its
 * countdown; removing a tablet asks first; a new tablet joins from the set-up start page,
 * and a used code is refused with the server's words; hand-back revokes this tablet first.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import { FAKE_EXPIRED_MESSAGE } from '../../storage/sync/department-fake';
import type { FakeDepartment } from '../../storage/sync/department-fake';
import { FAKE_NURSE_IN_CHARGE, renderApp } from '../../test-support/render-app';

const nurseInCharge = (extra: Parameters<typeof createFakeRepositories>[0] = {}) =>
  createFakeRepositories({ settings: { ...defaultDeviceSettings(), siteName: "Queen's Medical Centre ED" }, staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id, ...extra });

afterEach(() => {
  vi.useRealTimers();
});

describe('the department sharing page', () => {
  it('says what sharing means, and switches it on only after the confirmation; the act is audited', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge();
    renderApp(repositories, '/settings/department');
    expect(await screen.findByRole('heading', { name: 'Department sharing', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: "Share this tablet's records with the department" })).toBeInTheDocument();
    expect(screen.getByText(/the server stores them but cannot read them/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Share with the department' }));
    expect(repositories.auditEvents.get()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: "Yes, share this tablet's records" })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Share with the department' }));
    await user.click(screen.getByRole('button', { name: "Yes, share this tablet's records" }));
    expect(await screen.findByRole('heading', { name: 'Tablets in the department' })).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).toEqual(['department-sharing-on']);
  });

  it('shows a new code large, in four groups, with the countdown; the audit event never holds the code', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge({ department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' } });
    renderApp(repositories, '/settings/department');
    await user.click(await screen.findByRole('button', { name: 'Add a tablet' }));
    const code = await screen.findByText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code).toHaveClass('app-enrolment-code');
    expect(screen.getByText(/^This code works for (10|9) more minutes$/)).toBeInTheDocument();
    const events = repositories.auditEvents.get();
    expect(events.map((event) => event.type)).toEqual(['enrolment-code-made']);
    expect(events[0]?.detail).not.toContain(code.textContent);
  });

  it('when the code runs out it says so and offers a new one', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const repositories = nurseInCharge({ department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' } });
    renderApp(repositories, '/settings/department');
    await user.click(await screen.findByRole('button', { name: 'Add a tablet' }));
    await screen.findByText(/^This code works for/);
    act(() => {
      vi.advanceTimersByTime(10 * 60_000 + 2_000);
    });
    expect(screen.getByText(/^This code has expired\./)).toBeInTheDocument();
    expect(document.querySelector('[data-enrolment-code]')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add a tablet' })).toBeInTheDocument();
  });

  it('lists the tablets and removes one only after the confirmation', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge({ department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' } });
    const department = repositories.department as FakeDepartment;
    department.tablets.push({ tabletId: 'tablet-7c2e9a', enrolledAt: '2026-03-10T10:00:00.000Z', revokedAt: null, thisTablet: false });
    renderApp(repositories, '/settings/department');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('cell', { name: 'This tablet' })).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /This tablet/ })).not.toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: /^Remove ?Tablet ending 7C2E9A$/ }));
    expect(department.tablets[1]?.revokedAt).toBeNull();
    expect(screen.getByRole('heading', { name: /^Important: ?Remove Tablet ending 7C2E9A from the department\?$/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, remove this tablet' }));
    expect(await screen.findByText('Tablet ending 7C2E9A was removed from the department')).toBeInTheDocument();
    expect(department.tablets[1]?.revokedAt).toEqual(expect.any(String));
    expect(repositories.auditEvents.get().map((event) => [event.type, event.entityId])).toEqual([['tablet-revoked', 'tablet-7c2e9a']]);
  });

  it('an unreachable server is said in words, and nothing changes', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge({ departmentUnreachable: true });
    renderApp(repositories, '/settings/department');
    await user.click(await screen.findByRole('button', { name: 'Share with the department' }));
    await user.click(screen.getByRole('button', { name: "Yes, share this tablet's records" }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The department server cannot be reached.');
    expect(repositories.auditEvents.get()).toEqual([]);
  });
});

describe('joining a department from the set-up start page', () => {
  async function joinPage() {
    const repositories = createFakeRepositories();
    renderApp(repositories, '/');
    await screen.findByRole('heading', { name: 'Set up this tablet', level: 1 });
    await userEvent.setup().click(screen.getByRole('link', { name: 'Join a department' }));
    await screen.findByRole('heading', { name: 'Join a department', level: 1 });
    return repositories;
  }

  it('the code field is not autocompleted, spell-checked or a number pad', async () => {
    await joinPage();
    const field = screen.getByRole('textbox', { name: 'Enrolment code' });
    expect(field).toHaveAttribute('autocomplete', 'off');
    expect(field).toHaveAttribute('inputmode', 'text');
    expect(field).toHaveAttribute('spellcheck', 'false');
    expect(field).toHaveAccessibleDescription('16 letters and numbers, for example 7KQ2-M9XD-4TNC-HW3B');
  });

  it('a mistyped code is an error on the field, with the error summary', async () => {
    const user = userEvent.setup();
    await joinPage();
    await user.type(screen.getByRole('textbox', { name: 'Enrolment code' }), '7KQ2 M9XD');
    await user.click(screen.getByRole('button', { name: 'Join the department' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'The enrolment code has 16 letters and numbers, in four groups of four' })).toBeInTheDocument();
    expect(document.title).toBe('Error: Join a department – Safeguarding Triage');
  });

  it('a code the server does not know is refused with the server’s words; the tablet stays on the set-up screen', async () => {
    const user = userEvent.setup();
    const repositories = await joinPage();
    await user.type(screen.getByRole('textbox', { name: 'Enrolment code' }), '7KQ2-M9XD-4TNC-HW3B');
    await user.click(screen.getByRole('button', { name: 'Join the department' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(FAKE_EXPIRED_MESSAGE);
    expect(repositories.session.current().status).toBe('not-set-up');
  });
});

describe('handing back a tablet that shares', () => {
  it('revokes this tablet first; when the server cannot be told it says so, and a second press carries on', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge({ department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' }, departmentUnreachable: true });
    const leave = vi.spyOn(repositories.department, 'leave');
    const handBack = vi.spyOn(repositories.backup, 'handBack');
    renderApp(repositories, '/settings/hand-back');
    expect(await screen.findByText(/This tablet shares with the department: it is removed from the department first/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'I understand that everything on this tablet will be deleted' }));
    await user.click(screen.getByRole('button', { name: 'Delete everything and hand the tablet back' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This tablet was not removed from the department: remove it from the tablets page on another tablet');
    expect(leave).toHaveBeenCalledTimes(1);
    expect(handBack).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete everything anyway' }));
    expect(await screen.findByRole('heading', { name: 'Set up this tablet', level: 1 })).toBeInTheDocument();
    expect(leave).toHaveBeenCalledTimes(1);
    expect(handBack).toHaveBeenCalledTimes(1);
  });
});
