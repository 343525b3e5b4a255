// @vitest-environment jsdom
/**
 * The lock screen drawn before React at a cold start: the React lock screen's markup element
 * for element (so the hand-over is not seen, and the two cannot drift apart unnoticed), and a
 * hand-over that loses nothing: the name chosen, what was typed, the focused field, and an
 * Unlock or "Recover" pressed before React was ready.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import type { FakeRepositories } from '../../storage/fake/fake-repositories';
import type { StaffName } from '../../storage/repositories/types';
import { memberNamed, showEarlyLockScreen } from './early-lock-screen';
import type { EarlyLockScreen } from './early-lock-screen';

const REMOVED = { ...FAKE_TRIAGE_NURSE, id: 'staff-removed', name: 'Ada Brown', active: false };

const names = (staff: readonly (typeof FAKE_NURSE_IN_CHARGE)[]): StaffName[] => staff.map(({ id, name, secretKind, active }) => ({ id, name, secretKind, active }));

/** A page as index.html has it: the app's root, which the early screen goes in front of. */
function appRoot(): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  return root;
}

/**
 * An element's children as markup with each element's attributes in name order: the order
 * attributes were set in differs between React and the DOM calls, and changes nothing drawn.
 */
function canonical(parent: Element): string {
  return [...parent.childNodes]
    .map((node) => {
      if (!(node instanceof Element)) return node.textContent ?? '';
      const attributes = [...node.attributes].map((attribute) => `${attribute.name}="${attribute.value}"`).sort();
      return `<${node.localName}${attributes.map((attribute) => ` ${attribute}`).join('')}>${canonical(node)}</${node.localName}>`;
    })
    .join('');
}

/** The early screen in front of `root`. */
function earlyScreen(root: HTMLElement): Element {
  const screenElement = root.previousElementSibling;
  if (!screenElement?.hasAttribute('data-early-lock-screen')) throw new Error('no early lock screen in front of the root');
  return screenElement;
}

function renderOver(root: HTMLElement, repositories: FakeRepositories, early: EarlyLockScreen | undefined) {
  window.history.replaceState(null, '', '/');
  return render(<App repositories={repositories} earlyLockScreen={early} />, { container: root });
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('the lock screen drawn before React', () => {
  it.each([
    ['one member of staff', [FAKE_NURSE_IN_CHARGE]],
    ['several, with one removed', [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, REMOVED]],
  ])('is the React lock screen’s markup, element for element (%s)', async (_case, staff) => {
    const { container } = renderApp(fakeTablet({ staff }), '/');
    await screen.findByRole('button', { name: 'Unlock' });
    // Settled: past the moment the page frame would move the focus, which it does not on the page a load opens on.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    expect(document.body).toHaveFocus();
    const reactMarkup = canonical(container);
    document.body.replaceChildren();

    const root = appRoot();
    expect(showEarlyLockScreen(root, names(staff))).toBeDefined();
    expect(canonical(earlyScreen(root))).toBe(reactMarkup);
    expect(reactMarkup).toContain('Unlock Safeguarding Triage');
  });

  it('follows the member chosen as the React screen does: passphrase or PIN, and the authenticator line', async () => {
    const user = userEvent.setup();
    const root = appRoot();
    showEarlyLockScreen(root, [...names([FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE]), { id: 'staff-key', name: 'Kim Lee', secretKind: 'pin', active: true, hardwareFactor: true }]);
    expect(screen.getByLabelText('PIN')).toHaveAttribute('inputmode', 'numeric');

    await user.click(screen.getByLabelText(FAKE_NURSE_IN_CHARGE.name));
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('inputmode', 'text');
    await user.click(screen.getByLabelText('Kim Lee'));
    expect(screen.getByLabelText('PIN')).toHaveAccessibleDescription("After you select Unlock, this tablet's authenticator asks for your fingerprint, face or screen lock as well.");
    await user.click(screen.getByLabelText(FAKE_TRIAGE_NURSE.name));
    expect(screen.getByLabelText('PIN')).not.toHaveAccessibleDescription();
  });

  it('names the member an id names, or the only one when there is only one, for both lock screens', () => {
    const two = [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE];
    expect(memberNamed(two, FAKE_TRIAGE_NURSE.id)).toBe(FAKE_TRIAGE_NURSE);
    expect(memberNamed(two, '')).toBeUndefined();
    expect(memberNamed(two, 'staff-unknown')).toBeUndefined();
    expect(memberNamed([FAKE_TRIAGE_NURSE], '')).toBe(FAKE_TRIAGE_NURSE);
    expect(memberNamed<StaffName>([], FAKE_TRIAGE_NURSE.id)).toBeUndefined();
  });

  it('hides the app’s root behind it, leaves the focus on the document as the React lock screen does, and gives the page its title', () => {
    const root = appRoot();
    showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE]));
    expect(root.hidden).toBe(true);
    expect(document.body).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).not.toHaveAttribute('tabindex');
    expect(document.title).toBe('Unlock – Safeguarding Triage');
  });

  it('draws nothing when no one on the list can unlock', () => {
    const root = appRoot();
    expect(showEarlyLockScreen(root, names([REMOVED]))).toBeUndefined();
    expect(root.hidden).toBe(false);
    expect(document.body.children).toHaveLength(1);
  });

  it('hands the React lock screen the name chosen, what was typed and the field with focus', async () => {
    const user = userEvent.setup();
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE]));
    await user.click(screen.getByLabelText(FAKE_TRIAGE_NURSE.name));
    await user.type(screen.getByLabelText('PIN'), '7351');
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE] });

    renderOver(root, repositories, early);
    await vi.waitFor(() => expect(root.hidden).toBe(false));

    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(document.querySelector('[data-early-lock-screen]')).toBeNull();
    expect(within(root).getByLabelText(FAKE_TRIAGE_NURSE.name)).toBeChecked();
    const pin = within(root).getByLabelText('PIN');
    expect(pin).toHaveValue('7351');
    expect(pin).toHaveFocus();

    // The React screen goes on from there.
    await user.type(pin, '04');
    await user.click(within(root).getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
  });

  it('unlocks at the hand-over when Unlock was pressed before React was ready', async () => {
    const user = userEvent.setup();
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE]));
    await user.type(screen.getByLabelText('Passphrase'), FAKE_NURSE_IN_CHARGE.secret);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(screen.getByRole('button', { name: 'Unlocking…' })).toBeDisabled();
    const repositories = fakeTablet();
    const unlock = vi.spyOn(repositories.session, 'unlock');

    renderOver(root, repositories, early);

    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
    expect(unlock).toHaveBeenCalledExactlyOnceWith(FAKE_NURSE_IN_CHARGE.id, FAKE_NURSE_IN_CHARGE.secret);
  });

  it('asks for a name at the hand-over when Unlock was pressed with none chosen', async () => {
    const user = userEvent.setup();
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE]));
    await user.type(screen.getByLabelText('PIN'), '735104');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE] });
    const unlock = vi.spyOn(repositories.session, 'unlock');

    renderOver(root, repositories, early);

    expect(await screen.findByRole('alert')).toHaveTextContent('Select your name');
    expect(unlock).not.toHaveBeenCalled();
  });

  it('opens the recovery form at the hand-over when "Recover with the recovery key" was pressed', async () => {
    const user = userEvent.setup();
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE]));
    await user.click(screen.getByRole('button', { name: 'Recover with the recovery key' }));

    renderOver(root, fakeTablet(), early);

    expect(await screen.findByLabelText('Recovery key')).toBeInTheDocument();
    expect(document.querySelector('[data-early-lock-screen]')).toBeNull();
  });

  it('gives way at once when storage finds the tablet is not set up after all', async () => {
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE]));

    renderOver(root, createFakeRepositories(), early);

    expect(await screen.findByRole('heading', { name: 'Set up this tablet', level: 1 })).toBeInTheDocument();
    expect(document.querySelector('[data-early-lock-screen]')).toBeNull();
    expect(root.hidden).toBe(false);
  });

  it('hands over once: a later lock is the React lock screen alone', async () => {
    const root = appRoot();
    const early = showEarlyLockScreen(root, names([FAKE_NURSE_IN_CHARGE]));
    await act(async () => {
      renderOver(root, fakeTablet(), early);
      await Promise.resolve();
    });
    await vi.waitFor(() => expect(root.hidden).toBe(false));
    expect(early?.release()).toBeUndefined();
  });
});
