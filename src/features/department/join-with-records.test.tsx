/**
 * A tablet already in use joins a department from its department sharing page (issue 14 §3;
 * join-with-records.tsx) through the real App over the fake repositories: the confirmation
 * says plainly what happens before anything is sent; a mistyped code is an error on the field;
 * after the join the page shows the re-sealing's progress, this tablet's own accounts and the
 * names held by two accounts. axe (WCAG 2.2 AA rules that jsdom can check) runs on each state.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import type { FakeDepartment } from '../../storage/sync/department-fake';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, renderApp } from '../../test-support/render-app';
import { JOIN_WITH_RECORDS_WORDS } from './join-with-records';

const nurseInCharge = () => createFakeRepositories({ settings: { ...defaultDeviceSettings(), siteName: "Queen's Medical Centre ED" }, staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });

/** axe over the rendered page (colour contrast needs a layout jsdom does not have: the browser journeys check it). */
async function accessibilityViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' ')}`);
}

describe('joining a department with this tablet’s records', () => {
  it('asks for the code, then says plainly what happens; nothing is sent until the nurse in charge confirms; the join is audited', async () => {
    const user = userEvent.setup();
    const repositories = nurseInCharge();
    const department = repositories.department as FakeDepartment;
    department.otherTabletCodes.add('7KQ2-M9XD-4TNC-HW3B');
    renderApp(repositories, '/settings/department');
    expect(await screen.findByRole('heading', { name: JOIN_WITH_RECORDS_WORDS.heading })).toBeInTheDocument();
    expect(await accessibilityViolations()).toEqual([]);

    await user.type(screen.getByLabelText('Enrolment code'), '7kq2 m9xd 4tnc hw3b');
    await user.click(screen.getByRole('button', { name: 'Join the department' }));
    expect(screen.getByText(JOIN_WITH_RECORDS_WORDS.records)).toBeInTheDocument();
    expect(screen.getByText(JOIN_WITH_RECORDS_WORDS.staff)).toBeInTheDocument();
    expect(screen.getByText(JOIN_WITH_RECORDS_WORDS.settings)).toBeInTheDocument();
    expect(await accessibilityViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(repositories.auditEvents.get()).toEqual([]);
    expect(department.otherTabletCodes.size).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Join the department' }));
    await user.click(screen.getByRole('button', { name: JOIN_WITH_RECORDS_WORDS.confirm }));
    expect(await screen.findByRole('heading', { name: 'Records this tablet held when it joined' })).toBeInTheDocument();
    expect(screen.getByText(/are being sealed again under the department's key and are shared when that has finished/)).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).toEqual(['department-joined']);
  });

  it('a mistyped code is an error on the field, with the error summary', async () => {
    const user = userEvent.setup();
    renderApp(nurseInCharge(), '/settings/department');
    await user.type(await screen.findByLabelText('Enrolment code'), '7KQ2');
    await user.click(screen.getByRole('button', { name: 'Join the department' }));
    await user.click(screen.getByRole('button', { name: JOIN_WITH_RECORDS_WORDS.confirm }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'The enrolment code has 16 letters and numbers, in four groups of four' })).toBeInTheDocument();
    expect(await accessibilityViolations()).toEqual([]);
  });

  it("after the join: this tablet's own accounts, and each name held by two accounts, kept apart and shown", async () => {
    const repositories = createFakeRepositories({
      settings: defaultDeviceSettings(),
      staff: [FAKE_NURSE_IN_CHARGE],
      unlockedAs: FAKE_NURSE_IN_CHARGE.id,
      department: { departmentId: 'fake-department', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' },
    });
    const department = repositories.department as FakeDepartment;
    department.joined = {
      departmentId: 'fake-department',
      joinedAt: '2026-03-10T09:00:00.000Z',
      sealing: false,
      counts: { attendances: 12, letters: 9, stubs: 1, auditEvents: 240, ownAccounts: 2, departmentAccounts: 5, sameNames: 1 },
      ownAccounts: [
        { id: 'b-1', name: 'Alex Morgan', active: true },
        { id: 'b-2', name: 'Sam Patel', active: true },
      ],
      sameNames: ['Alex Morgan'],
    };
    renderApp(repositories, '/settings/department');
    expect(await screen.findByText(/holding 12 attendances, 9 letter versions, 1 retained stub and an audit trail of 240 events\. All of them are sealed/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Staff accounts from this tablet' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Two accounts with the same name/ })).toBeInTheDocument();
    expect(screen.getByText(/nothing was merged/)).toBeInTheDocument();
    expect(await accessibilityViolations()).toEqual([]);
  });
});
