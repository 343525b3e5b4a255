/**
 * The tamper report on screen (issue 11): whatever storage found changed outside the app is
 * shown above every page to whoever is signed in, and nothing of it while locked.
 */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';
import { SETTINGS_TAMPER_REPORT } from '../../storage/repositories/device-settings-integrity';

const RECORD_REPORT = { key: 'record:a1', kind: 'record' as const, message: 'An assessment on this tablet is older than the audit trail shows.' };

describe('the tamper report', () => {
  it('is shown to a triage nurse on the home screen and on a settings address alike, with every report', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id });
    repositories.tamperReports.set([SETTINGS_TAMPER_REPORT, RECORD_REPORT]);
    const view = renderApp(repositories, '/');

    const region = await screen.findByRole('region', { name: 'Changed outside the app' });
    expect(region).toHaveTextContent('Something on this tablet was changed outside the app');
    expect(region).toHaveTextContent(SETTINGS_TAMPER_REPORT.message);
    expect(region).toHaveTextContent(RECORD_REPORT.message);
    view.unmount();

    renderApp(repositories, '/settings');
    expect(await screen.findByRole('region', { name: 'Changed outside the app' })).toHaveTextContent(RECORD_REPORT.message);
  });

  it('appears when storage finds something while the page is open, and is not on the lock screen', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    renderApp(repositories, '/');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Changed outside the app' })).not.toBeInTheDocument();

    act(() => {
      repositories.tamperReports.set([RECORD_REPORT]);
    });
    expect(await screen.findByRole('region', { name: 'Changed outside the app' })).toHaveTextContent(RECORD_REPORT.message);

    await act(() => repositories.session.lock('manual'));
    expect(screen.queryByRole('region', { name: 'Changed outside the app' })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(RECORD_REPORT.message);
  });
});
