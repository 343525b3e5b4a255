/**
 * The staff page while re-keying after a removal (issue 11; storage/repositories/rekey.ts):
 * it shows how far the background re-seal has got and never blocks the page; when re-keying
 * was refused it says what waits and why. The re-keying itself is tested in storage.
 */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RekeyStatus } from '../../storage/repositories/types';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';

function tabletShowing(status: RekeyStatus) {
  const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
  repositories.staff.rekeyStatus = () => ({
    subscribe: (onNext) => {
      onNext(status);
      return { unsubscribe: () => undefined };
    },
  });
  return repositories;
}

describe('the staff page while re-keying', () => {
  it('shows how many records have been re-sealed, and the staff list and its actions stay usable', async () => {
    renderApp(tabletShowing({ kind: 'resealing', done: 4210, total: 10000 }), '/settings/staff');
    expect(await screen.findByText('Re-sealing records after a removal: 4,210 of 10,000', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You can go on working');
    expect(await screen.findByRole('button', { name: new RegExp(`Remove\\s*${FAKE_TRIAGE_NURSE.name}`) }, { timeout: 5000 })).toBeEnabled();
    expect(screen.getByRole('link', { name: 'Add a member of staff' })).toBeInTheDocument();
  });

  it('says plainly what waits and why when re-keying was refused', async () => {
    const message = 'Robin Ellis can no longer unlock this tablet, but the tablet was not re-keyed: This tablet shares its records with the department.';
    renderApp(tabletShowing({ kind: 'waiting', message }), '/settings/staff');
    expect(await screen.findByText(message, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText(/Re-sealing records/)).not.toBeInTheDocument();
  });

  it('shows nothing about re-keying when nothing is pending', async () => {
    renderApp(tabletShowing({ kind: 'idle' }), '/settings/staff');
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff accounts' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByTestId('rekey-status')).not.toBeInTheDocument();
  });
});
