/**
 * "Re-key the department" on the department page (issue 14 §8), through the real App over the
 * fake repositories: only after the confirmation, in plain words, audited; a refusal shown in
 * words. Storage's re-key itself is tested in storage/sync/department-rekey.test.ts.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, renderApp } from '../../test-support/render-app';

const sharing = (extra: Parameters<typeof createFakeRepositories>[0] = {}) =>
  createFakeRepositories({
    settings: { ...defaultDeviceSettings(), siteName: "Queen's Medical Centre ED" },
    staff: [FAKE_NURSE_IN_CHARGE],
    unlockedAs: FAKE_NURSE_IN_CHARGE.id,
    department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z' },
    ...extra,
  });

describe('re-keying the department from the department page', () => {
  it('re-keys only after the confirmation, says what happens next, and is audited', async () => {
    const user = userEvent.setup();
    const repositories = sharing();
    renderApp(repositories, '/settings/department');
    await user.click(await screen.findByRole('button', { name: 'Re-key the department' }));
    expect(repositories.auditEvents.get()).toEqual([]);
    expect(screen.getByRole('heading', { name: /^Important: ?Re-key the department now\?$/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(repositories.auditEvents.get()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Re-key the department' }));
    await user.click(screen.getByRole('button', { name: 'Yes, re-key the department' }));
    expect(await screen.findByText('The department was re-keyed')).toBeInTheDocument();
    expect(screen.getByText(/Each other tablet takes the new key when a member of staff next unlocks it\./)).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).toEqual(['department-rekeyed']);
  });

  it('is not offered to a triage nurse, and storage refuses it to one in words', async () => {
    const repositories = sharing({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id });
    renderApp(repositories, '/settings/department');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Re-key the department' })).not.toBeInTheDocument();
    expect(await repositories.department.rekey()).toEqual({ ok: false, error: expect.objectContaining({ kind: 'forbidden', message: expect.stringContaining('nurse in charge') as string }) as unknown });
    expect(repositories.auditEvents.get()).toEqual([]);
  });

  it('a tablet removed from the department offers no re-key', async () => {
    const repositories = sharing({ department: { departmentId: 'd-1', tabletId: 'fake-tablet', enrolledAt: '2026-03-10T09:00:00.000Z', revokedAt: '2026-03-10T10:00:00.000Z' } });
    renderApp(repositories, '/settings/department');
    expect(await screen.findByText(/This tablet was removed from the department/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Re-key the department' })).not.toBeInTheDocument();
  });
});
