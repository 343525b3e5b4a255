/**
 * The reload notice for a schema upgrade from another tab (issue 13): shown over the lock
 * screen and over an open page, with the page below left as it was.
 */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FAKE_NURSE_IN_CHARGE, fakeTablet, renderApp } from '../test-support/render-app';

const RELOAD = 'A newer version of the app has been opened in another tab. Reload this page to carry on.';

describe('the schema upgrade notice', () => {
  it('says nothing until another tab upgrades the database', async () => {
    renderApp(fakeTablet());
    await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage' });
    expect(screen.queryByText(RELOAD)).toBeNull();
  });

  it('tells the nurse to reload over the lock screen, with a button that reloads', async () => {
    const repositories = fakeTablet();
    renderApp(repositories);
    await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage' });
    act(() => repositories.schemaUpgrade.set('reload'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(RELOAD);
    expect(alert).toHaveTextContent('Your changes up to now are saved on this tablet.');
    expect(screen.getByRole('button', { name: 'Reload this page' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeInTheDocument();
  });

  it('says the changes are being saved while they are, and keeps the open page', async () => {
    const repositories = fakeTablet({ unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    renderApp(repositories);
    await screen.findByRole('heading', { name: 'Safeguarding assessments' });
    act(() => repositories.schemaUpgrade.set('saving'));
    expect(await screen.findByRole('alert')).toHaveTextContent('A newer version of the app has been opened in another tab. Saving your changes…');
    expect(screen.queryByRole('button', { name: 'Reload this page' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Safeguarding assessments' })).toBeInTheDocument();
  });
});
