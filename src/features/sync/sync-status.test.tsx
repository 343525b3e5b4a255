/**
 * The header's department sharing line (issue 14): only on an enrolled tablet, the domain's
 * words, never a spinner; nothing at all on a tablet that does not share.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_NURSE_IN_CHARGE, fakeTablet, renderApp } from '../../test-support/render-app';
import type { SyncStatusFacts } from '../../domain/sync/status';
import { err } from '../../domain/shared/result';

const sharing = (facts: SyncStatusFacts | undefined) => ({
  state: () => ({
    subscribe: (onNext: (value: SyncStatusFacts | undefined) => void) => {
      onNext(facts);
      return { unsubscribe: () => undefined };
    },
  }),
  departmentRecord: () => Promise.resolve(err({ kind: 'not-enrolled', message: 'This tablet does not share with a department.' })),
});

describe('the department sharing status in the header', () => {
  it('says when the tablet last shared, in the header, with what was not accepted', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    const lastSharedAt = new Date(Date.now() - 60_000).toISOString();
    renderApp({ ...repositories, sync: sharing({ enrolledAt: '2026-01-01T00:00:00.000Z', lastSharedAt, conflicts: 1, tampered: 0 }) }, '/');
    const line = await screen.findByTestId('sync-status');
    expect(line.closest('header')).not.toBeNull();
    expect(line).toHaveTextContent(/^Shared with the department at \d\d:\d\d/);
    expect(line).toHaveTextContent('1 change was not accepted by the department and is kept on this tablet');
    expect(line.querySelector('[role="progressbar"], .nhsuk-loader')).toBeNull();
  });

  it('says sharing stopped on a tablet removed from the department', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    renderApp({ ...repositories, sync: sharing({ enrolledAt: '2026-01-01T00:00:00.000Z', lastSharedAt: undefined, revokedAt: '2026-01-02T00:00:00.000Z', conflicts: 0, tampered: 0 }) }, '/');
    expect(await screen.findByTestId('sync-status')).toHaveTextContent('Sharing stopped: this tablet was removed from the department');
  });

  it('shows nothing on a tablet that does not share', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    renderApp({ ...repositories, sync: sharing(undefined) }, '/');
    await screen.findByRole('banner');
    expect(screen.queryByTestId('sync-status')).toBeNull();
    expect(screen.queryByText(/shared|sharing/i)).toBeNull();
  });
});
