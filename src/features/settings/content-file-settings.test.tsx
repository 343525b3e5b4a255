/**
 * Installing the licensed wording of the substance use screen (docs/content-files.md): the
 * nurse in charge chooses a file, it is read and validated on the tablet, a valid file is
 * installed and audited, an invalid or missing file gets its own message, the page says which
 * wording is in use, the file can be removed, and other staff cannot change it.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { CRAFFT_INSTRUMENT } from '../../domain/screening/crafft';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { SettingsPage } from './settings-page';
import exampleFile from '../../../public/content/crafft-wording.example.json';

const EXAMPLE = JSON.stringify(exampleFile);
const HOLDER = exampleFile.licenceHolder;

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };

function renderSettings(role: 'nurse-in-charge' | 'triage-nurse' = 'nurse-in-charge', contentFiles: Record<string, unknown> = {}) {
  const member = role === 'nurse-in-charge' ? NURSE_IN_CHARGE : TEST_NURSE;
  const repositories = fakeRepositories({ staff: [member], unlockedAs: member.id, contentFiles });
  return renderScreen(<SettingsPage />, { repositories, path: '/settings' });
}

const jsonFile = (text: string, name = 'crafft-wording.json') => new File([text], name, { type: 'application/json' });

describe('licensed wording for the substance use screen', () => {
  test('says our paraphrase is in use when nothing is installed', async () => {
    renderSettings();
    expect(await screen.findByText('In use: our own plain paraphrase. This is not the official CRAFFT wording.')).toBeInTheDocument();
  });

  test('installs a valid file, says whose wording is in use, audits it, and removes it', async () => {
    const { user, repositories } = renderSettings();
    const input = await screen.findByLabelText('Licensed wording file');
    expect(input).toHaveAttribute('type', 'file');
    await user.upload(input, jsonFile(EXAMPLE));
    await user.click(screen.getByRole('button', { name: 'Install wording' }));
    expect(await screen.findByText(`Licensed wording installed: licensed to ${HOLDER}`)).toBeInTheDocument();
    expect(screen.getByText(`In use: the licence holder's wording, licensed to ${HOLDER}.`)).toBeInTheDocument();
    const audit = repositories.auditEvents.get();
    expect(audit.some((event) => event.detail === `Substance use screen wording installed: licensed to ${HOLDER}`)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Remove licensed wording' }));
    expect(await screen.findByText('Licensed wording removed: our paraphrase is in use')).toBeInTheDocument();
    expect(screen.getByText('In use: our own plain paraphrase. This is not the official CRAFFT wording.')).toBeInTheDocument();
    expect(repositories.auditEvents.get().some((event) => event.detail === 'Substance use screen wording removed: our paraphrase in use')).toBe(true);
  });

  test('asks for a file when none is chosen', async () => {
    const { user } = renderSettings();
    await user.click(await screen.findByRole('button', { name: 'Install wording' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Select a wording file to install' })).toHaveAttribute('href', '#crafftWordingFile');
  });

  test('refuses a file that is not JSON, and one of the wrong shape with its problems, installing nothing', async () => {
    const { user } = renderSettings();
    const input = await screen.findByLabelText('Licensed wording file');
    await user.upload(input, jsonFile('this is not json'));
    await user.click(screen.getByRole('button', { name: 'Install wording' }));
    expect(await screen.findByRole('link', { name: 'The selected file must be a JSON content file: it could not be read as JSON' })).toBeInTheDocument();

    const wrong = { ...(JSON.parse(EXAMPLE) as Record<string, unknown>), instrument: 'audit-c' };
    await user.upload(input, jsonFile(JSON.stringify(wrong)));
    await user.click(screen.getByRole('button', { name: 'Install wording' }));
    expect(await screen.findByRole('link', { name: 'The selected file is not a valid wording file for crafft-2.1' })).toBeInTheDocument();
    expect(screen.getByText(/^instrument:/)).toBeInTheDocument();
    expect(screen.getByText('In use: our own plain paraphrase. This is not the official CRAFFT wording.')).toBeInTheDocument();
  });

  test('other staff see which wording is in use but cannot change it', async () => {
    renderSettings('triage-nurse', { [CRAFFT_INSTRUMENT]: JSON.parse(EXAMPLE) as unknown });
    expect(await screen.findByText(`In use: the licence holder's wording, licensed to ${HOLDER}.`)).toBeInTheDocument();
    expect(screen.getByText('Only the nurse in charge can change the wording.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Licensed wording file')).not.toBeInTheDocument();
  });
});
