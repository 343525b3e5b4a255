/**
 * The letters screens with the in-memory repositories, by role and label: which letters
 * apply; the Issue button described by what is missing and the error summary when pressed;
 * the restricted-content choice and its reason; issuing versions; nurse text shown as text
 * (markup, right-to-left, long words); print and download recorded in the audit trail.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { emptyDischargeDraft } from '../../domain/assessment/discharge';
import { RouterProvider } from '../../components/navigation/router';
import { createFakeRepositories, fakeLetterToken } from '../../storage/fake/fake-repositories';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import { RepositoriesProvider } from '../../storage/repositories/react';
import { infantSuspectRecord, letterSettings, NURSE, noConcernsChildRecord, youngPersonRestrictedRecord } from '../../test-support/letter-fixtures';
import * as lettersModule from '../../domain/letters/letters';
import { LettersRoutes } from './letters-routes';

/** The address token of a letter of this record (the fake's: opaque, computable in a test). */
const token = (record: AssessmentRecord, kind: 'gp' | 'mash-referral'): string => fakeLetterToken(record.id, { kind });

function setUp(record: AssessmentRecord, rest: string[]) {
  const repositories = createFakeRepositories({
    now: () => new Date('2026-03-10T16:30:00.000Z'),
    settings: letterSettings(),
    staff: [{ ...NURSE, secretKind: 'pin', active: true, secret: '1' }],
    unlockedAs: NURSE.id,
    attendances: [record],
  });
  window.history.replaceState(null, '', `/assessments/${record.id}/letters/${rest.join('/')}`);
  const view = render(
    <RepositoriesProvider repositories={repositories}>
      <RouterProvider>
        <LettersRoutes attendanceId={record.id} rest={rest} />
      </RouterProvider>
    </RepositoriesProvider>,
  );
  return { repositories, view, user: userEvent.setup() };
}

async function issuedVia(repositories: FakeRepositories): Promise<string> {
  await waitFor(() => expect(repositories.issuedLetters.get().length).toBeGreaterThan(0));
  return repositories.issuedLetters.get().at(-1)?.id ?? '';
}

describe('the letters page', () => {
  test('lists the letters that apply to an infant with a referral, and why', async () => {
    setUp(infantSuspectRecord(), []);
    const table = await screen.findByRole('table', { name: 'Letters for this attendance' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'GP discharge letter',
      'Notification to the health visitor',
      "Referral to children's social care (MASH)",
    ]);
    expect(within(table).getAllByText('Not issued')).toHaveLength(3);
    // The address names the letter by an opaque token, never its kind (issue 11).
    const link = await screen.findByRole('link', { name: 'Prepare and issue the GP discharge letter' });
    expect(link).toHaveAttribute('href', `/assessments/att-infant/letters/write/${fakeLetterToken('att-infant', { kind: 'gp' })}`);
    for (const each of screen.getAllByRole('link', { name: /^Prepare and issue/ })) expect(each.getAttribute('href')).not.toMatch(/gp|health-visitor|school-nurse|mash|referral/);
    expect(screen.getByText('No letters have been issued for this attendance yet.')).toBeInTheDocument();
  });

  test('says what a letter still needs', async () => {
    const record = noConcernsChildRecord();
    record.answers.discharge = emptyDischargeDraft();
    setUp(record, []);
    expect(await screen.findByText(/^Complete the discharge section: clinical impression/)).toBeInTheDocument();
    expect(screen.getByText('Not ready')).toBeInTheDocument();
  });
});

describe('preparing and issuing a letter', () => {
  test('the Issue button is described by what is missing, and pressing it shows the error summary', async () => {
    const record = noConcernsChildRecord();
    record.answers.discharge = { ...record.answers.discharge, clinicalImpression: '' };
    const { user, repositories } = setUp(record, ['write', token(record, 'gp')]);
    const issue = await screen.findByRole('button', { name: 'Issue letter' });
    expect(issue).toHaveAccessibleDescription('Complete the discharge section: clinical impression');
    // A signed record's discharge section is changed by addendum.
    expect(screen.getByRole('link', { name: 'Complete the discharge section: clinical impression' })).toHaveAttribute('href', '/assessments/att-no-concerns/addendum/discharge');
    await user.click(issue);
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'You cannot issue this letter yet' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Complete the discharge section: clinical impression' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toMatch(/^Error: Prepare and issue a letter/));
    expect(repositories.issuedLetters.get()).toEqual([]);
  });

  test('restricted information is left out by default; including it needs a reason, which is kept', async () => {
    const { user, repositories } = setUp(youngPersonRestrictedRecord(), ['write', token(youngPersonRestrictedRecord(), 'gp')]);
    const preview = await screen.findByRole('article', { name: 'Emergency care discharge letter' });
    const words = 'My boyfriend is 17';
    expect(preview).not.toHaveTextContent(words);
    // Clinical facts stay in the GP letter.
    expect(preview).toHaveTextContent('Levonorgestrel 1.5 mg by mouth');
    expect(within(preview).getAllByText('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.')).toHaveLength(1);
    const choice = screen.getByRole('group', { name: 'Restricted safeguarding information' });
    expect(within(choice).getByRole('radio', { name: 'Leave it out of this letter' })).toBeChecked();
    await user.click(within(choice).getByRole('radio', { name: 'Include it in this letter' }));
    // Nothing goes in until there is a reason.
    expect(preview).not.toHaveTextContent(words);
    await user.click(screen.getByRole('button', { name: 'Issue letter' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Enter the reason for including restricted safeguarding information' }));
    const reason = screen.getByRole('textbox', { name: 'Why are you including it?' });
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Enter the reason for including restricted safeguarding information'));
    await user.type(reason, 'Leah asked for her GP to know');
    await waitFor(() => expect(preview).toHaveTextContent(words));
    await user.click(screen.getByRole('button', { name: 'Issue letter' }));
    const id = await issuedVia(repositories);
    const letter = repositories.issuedLetters.get().find((entry) => entry.id === id);
    expect(letter?.choices.restricted).toEqual({ include: true, reason: 'Leah asked for her GP to know' });
    expect(letter?.restrictedCategories).toEqual(['words-about-harm', 'domestic-abuse']);
    expect(JSON.stringify(letter?.document)).toContain(words);
    expect(repositories.auditEvents.get().map((event) => event.type)).toContain('letter-issued');
  });

  test('the draft is gone once the letter is issued: the page closing after issue does not save it again (issue 11)', async () => {
    const { repositories, view } = setUp(noConcernsChildRecord(), ['write', token(noConcernsChildRecord(), 'gp')]);
    // Typed and issued at once, inside the autosave's wait, as a quick nurse does; then the page closes.
    fireEvent.input(await screen.findByRole('textbox', { name: /Anything else we ask of the GP/ }), { target: { value: 'Words typed just before issuing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Issue letter' }));
    await issuedVia(repositories);
    view.unmount();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await repositories.letters.loadDraft('att-no-concerns', 'gp')).toBeUndefined();
    expect(repositories.issuedLetters.get()[0]?.choices.slots).toMatchObject({ 'gp-requests': 'Words typed just before issuing' });
  });

  test('the nurse’s own words go into the letter; issuing again makes version 2', async () => {
    const first = setUp(noConcernsChildRecord(), ['write', token(noConcernsChildRecord(), 'gp')]);
    await first.user.type(await screen.findByRole('textbox', { name: /Anything else we ask of the GP/ }), 'Please review the wrist in a week');
    expect(screen.getByRole('article')).toHaveTextContent('Please review the wrist in a week');
    await first.user.click(screen.getByRole('button', { name: 'Issue letter' }));
    await issuedVia(first.repositories);
    const second = await first.repositories.letters.issue({
      attendanceId: 'att-no-concerns',
      kind: 'gp',
      choices: { slots: {}, restricted: { include: false, reason: '' } },
      compose: () => ({ document: first.repositories.issuedLetters.get()[0]!.document, restrictedCategories: [] }),
    });
    expect(second.ok && second.value.version).toBe(2);
  });

  test('the MASH referral needs the nurse’s own words and always carries restricted information', async () => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome.referral = 'next-working-day';
    const { user } = setUp(record, ['write', token(record, 'mash-referral')]);
    expect(await screen.findByText(/This referral includes restricted safeguarding information/)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Restricted safeguarding information' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Issue letter' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Complete “Do the parents or carers know about this referral, and do they agree?”',
      'Complete “What we are worried about, in your words”',
      'Complete “What is working well”',
      'Complete “What needs to happen”',
    ]);
    expect(screen.getByRole('article')).toHaveTextContent('emergency contraception');
  });

  test('text from the nurse is shown as text: markup, right-to-left and long words', async () => {
    const record = noConcernsChildRecord();
    const hostile = '<script>window.hacked = true</script><img src=x onerror=alert(1)> مرحبا ' + 'x'.repeat(200);
    record.answers.accounts.childAccount = hostile;
    const { view } = setUp(record, ['write', token(record, 'gp')]);
    const preview = await screen.findByRole('article');
    expect(preview).toHaveTextContent(hostile.replace(/\s+/g, ' '));
    expect(view.container.querySelector('article script, article img')).toBeNull();
    const quote = within(preview).getAllByText((content) => content.includes('window.hacked'))[0];
    expect(quote?.closest('[dir="auto"]')).not.toBeNull();
  });
});

describe('an issued letter', () => {
  let print: ReturnType<typeof vi.fn>;
  let createObjectURL: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    print = vi.fn();
    vi.stubGlobal('print', print);
    window.print = print as unknown as typeof window.print;
    createObjectURL = vi.fn(() => 'blob:letter');
    URL.createObjectURL = createObjectURL as unknown as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function issueGp() {
    const record = noConcernsChildRecord();
    const first = setUp(record, []);
    const result = await first.repositories.letters.issue({
      attendanceId: record.id,
      kind: 'gp',
      choices: { slots: {}, restricted: { include: false, reason: '' } },
      compose: (at, version, issuedBy) => {
        const { composeLetter } = lettersModule;
        return { document: composeLetter('gp', { record, settings: letterSettings(), at, version, issuedBy, choices: { slots: {}, restricted: { include: false, reason: '' } } }), restrictedCategories: [] };
      },
    });
    if (!result.ok) throw new Error('issue failed');
    first.view.unmount();
    return { repositories: first.repositories, id: result.value.id, record };
  }

  test('shows the issued version, prints after recording it, and downloads a PDF', async () => {
    const { repositories, id, record } = await issueGp();
    window.history.replaceState(null, '', `/assessments/${record.id}/letters/issued/${id}`);
    const user = userEvent.setup();
    render(
      <RepositoriesProvider repositories={repositories}>
        <RouterProvider>
          <LettersRoutes attendanceId={record.id} rest={['issued', id]} />
        </RouterProvider>
      </RepositoriesProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Emergency care discharge letter' })).toBeInTheDocument();
    expect(screen.getByText('Version 1, issued 10 March 2026 at 16:30')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Print' }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(repositories.auditEvents.get().map((event) => event.type)).toContain('print');
    const download = screen.getByRole('button', { name: 'Download as PDF' });
    await act(async () => {
      await user.click(download);
    });
    expect(await screen.findByText('The PDF has been downloaded.')).toBeInTheDocument();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(repositories.auditEvents.get().map((event) => event.type)).toContain('download');
  });
});

describe('unfinished words', () => {
  test('are saved as the nurse types and come back when the letter is opened again', async () => {
    const first = setUp(noConcernsChildRecord(), ['write', token(noConcernsChildRecord(), 'gp')]);
    await first.user.type(await screen.findByRole('textbox', { name: /Anything else we ask of the GP/ }), 'Half a thought');
    await waitFor(async () => expect((await first.repositories.letters.loadDraft('att-no-concerns', 'gp'))?.slots['gp-requests']).toBe('Half a thought'));
    first.view.unmount();
    render(
      <RepositoriesProvider repositories={first.repositories}>
        <RouterProvider>
          <LettersRoutes attendanceId="att-no-concerns" rest={['write', fakeLetterToken('att-no-concerns', { kind: 'gp' })]} />
        </RouterProvider>
      </RepositoriesProvider>,
    );
    expect(await screen.findByRole('textbox', { name: /Anything else we ask of the GP/ })).toHaveValue('Half a thought');
    await first.user.click(screen.getByRole('button', { name: 'Issue letter' }));
    await issuedVia(first.repositories);
    expect(await first.repositories.letters.loadDraft('att-no-concerns', 'gp')).toBeUndefined();
  });
});
