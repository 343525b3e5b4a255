/**
 * First-run set-up through the real App over fake repositories: submitted empty, the
 * error summary takes focus and the title says "Error: "; each field is described by its
 * hint and its error, in that order (GOV.UK / NHS.UK error pattern).
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import { renderApp } from '../../test-support/render-app';

async function setUpPage() {
  renderApp(createFakeRepositories(), '/');
  await screen.findByRole('heading', { name: 'Set up this tablet', level: 1 });
  await userEvent.setup().click(screen.getByRole('button', { name: 'Start set-up' }));
  await screen.findByRole('button', { name: 'Set up tablet' });
}

describe('setting up the tablet', () => {
  it('focuses the error summary and prefixes the title with "Error: " when submitted empty', async () => {
    const user = userEvent.setup();
    await setUpPage();
    expect(document.title).toBe('Set up this tablet – Safeguarding Triage');

    await user.click(screen.getByRole('button', { name: 'Set up tablet' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    expect(summary.closest('.nhsuk-error-summary')).toHaveFocus();
    expect(document.title).toBe('Error: Set up this tablet – Safeguarding Triage');
    const links = within(summary).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(expect.arrayContaining(['Enter their full name', 'Select their staff group', 'Passphrase must be at least 12 characters']) as unknown);

    // Each link takes you to its question.
    await user.click(within(summary).getByRole('link', { name: 'Enter their full name' }));
    expect(screen.getByLabelText('Full name')).toHaveFocus();
  });

  it('describes a field by its hint, then by its error once there is one', async () => {
    const user = userEvent.setup();
    await setUpPage();
    const siteName = screen.getByLabelText('Name of the site');
    const hint = "For example, Queen's Medical Centre Emergency Department";
    expect(siteName).toHaveAttribute('aria-describedby', 'siteName-hint');
    expect(siteName).toHaveAccessibleDescription(hint);

    await user.click(screen.getByRole('button', { name: 'Set up tablet' }));
    await screen.findByRole('alert');

    const error = document.getElementById('siteName-error');
    expect(error).toHaveTextContent(/^Error: Enter the name of the site$/);
    expect(siteName).toHaveAttribute('aria-describedby', 'siteName-hint siteName-error');
    expect(siteName).toHaveAccessibleDescription(`${hint} Error: Enter the name of the site`);
    expect(siteName).toHaveClass('nhsuk-input--error');
  });

  it('asks the nurse in charge for a passphrase, offers no PIN, and ties the rule and its error to the field', async () => {
    const user = userEvent.setup();
    await setUpPage();
    expect(screen.queryByRole('radio', { name: 'PIN' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('PIN', { selector: 'input[type="password"]' })).not.toBeInTheDocument();
    const passphrase = screen.getByLabelText('Passphrase', { selector: 'input[type="password"]' });
    await user.type(passphrase, 'too short');

    await user.click(screen.getByRole('button', { name: 'Set up tablet' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Passphrase must be at least 12 characters');
    expect(passphrase).toHaveAttribute('aria-describedby', 'secret-hint secret-error');
    expect(passphrase).toHaveAccessibleDescription(
      'The nurse in charge unlocks with a passphrase, not a PIN. At least 12 characters, for example 3 or 4 unrelated words Error: Passphrase must be at least 12 characters',
    );
  });
});

describe('after set-up', () => {
  it('shows the recovery key once, and nothing else until the nurse in charge has kept it', async () => {
    const user = userEvent.setup();
    const repositories = createFakeRepositories();
    renderApp(repositories, '/');
    await screen.findByRole('heading', { name: 'Set up this tablet', level: 1 });
    await user.click(screen.getByRole('button', { name: 'Start set-up' }));
    await user.type(await screen.findByLabelText('Name of the site'), "Queen's Medical Centre ED");
    await user.click(screen.getByRole('radio', { name: 'Emergency department (ED)' }));
    await user.type(screen.getByLabelText('Full name'), 'Alex Morgan');
    await user.click(screen.getByRole('radio', { name: 'Substantive' }));
    await user.type(screen.getByLabelText('Passphrase', { selector: 'input[type="password"]' }), 'harbour lantern orchard');
    await user.type(screen.getByLabelText('Enter it again'), 'harbour lantern orchard');
    await user.click(screen.getByRole('button', { name: 'Set up tablet' }));

    expect(await screen.findByRole('heading', { name: 'Your recovery key', level: 1 }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId('recovery-key').textContent).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(screen.getByRole('button', { name: 'Print the recovery key' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Safeguarding assessments' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'I have kept the recovery key' }));
    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
    expect(screen.queryByTestId('recovery-key')).not.toBeInTheDocument();
  });
});
