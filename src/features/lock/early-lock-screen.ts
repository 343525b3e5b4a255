/**
 * The lock screen at a cold start, drawn with the DOM before React and storage have loaded,
 * and handed over to the React lock screen (lock-screen.tsx) once that has its staff list.
 *
 * Why: the budget is an offline cold start to a lock screen that takes a PIN in under 1 s at
 * 4x CPU slowdown, in every run (PRODUCT.md section 10). React, Dexie and the app's modules
 * took 0.5–0.8 s of that on their own. This screen needs the stylesheet, a few kilobytes of
 * script and one read of IndexedDB (storage/lock-screen-facts.ts).
 *
 * It is the same markup as the React lock screen, element for element (a unit test compares
 * the two), so the hand-over is not seen. Nothing is lost in it: the name chosen, what is
 * typed, the field that has focus, and an Unlock or "Recover" pressed before React is ready
 * are read at the hand-over (`release`), and the React lock screen carries them on. Until
 * then the React app renders into its root hidden, and this screen stays on top.
 *
 * No patient data is read or shown: only what the locked app shows, the staff names.
 */
import { NHS_LOGO, SERVICE_NAME } from '../../components/layout/brand';
import { HARDWARE_FACTOR_LOCK_HINT } from '../../domain/settings/hardware-factor-hint';
import { recoverLinkText } from '../../domain/settings/recovery-key-link';
import type { StaffName } from '../../storage/repositories/types';

/** What the nurse did on the early screen, for the React lock screen to carry on. */
export interface EarlyLockState {
  staffId: string;
  secret: string;
  /** The id of the field that had focus ('secret', 'staffId', 'staffId-2'…), if one had. */
  focusedId: string | undefined;
  /** An Unlock or a "Recover with the recovery key" pressed before the hand-over. */
  action: 'none' | 'unlock' | 'recover';
}

export interface EarlyLockScreen {
  /** Removes the early screen, shows the React app's root, and returns what was entered (once; later calls return undefined). */
  release(): EarlyLockState | undefined;
  /** Whether someone began to unlock on it (a field focused, a tap, a key): the app then loads what unlocking needs. */
  used(): boolean;
}

export const LOCK_SCREEN_TITLE = 'Unlock';
export const LOCK_SCREEN_HEADING = 'Unlock Safeguarding Triage';
export const NOT_ON_THE_LIST = 'Not on the list? Ask the nurse in charge to add you in Settings, Staff accounts.';

/**
 * The member an id names among the active staff, or the only one when there is only one (the
 * lock screen then shows no choice). One rule for both lock screens, so the name the early
 * screen follows is the one the React lock screen unlocks.
 */
export function memberNamed<Member extends { id: string }>(active: readonly Member[], id: string): Member | undefined {
  return active.find((member) => member.id === id) ?? (active.length === 1 ? active[0] : undefined);
}

type Child = Node | string | null;

function h(tag: string, attributes: Record<string, string>, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

function logo(): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [name, value] of Object.entries({ class: 'nhsuk-header__logo', xmlns: ns, viewBox: NHS_LOGO.viewBox, height: '40', width: '100', focusable: 'false', role: 'img', 'aria-label': 'NHS' })) svg.setAttribute(name, value);
  const title = document.createElementNS(ns, 'title');
  title.textContent = 'NHS';
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentcolor');
  path.setAttribute('d', NHS_LOGO.path);
  svg.append(title, path);
  return svg;
}

/** The header as the React Header draws it on the lock screen (components/layout/header.tsx): no account items. */
function header(): HTMLElement {
  return h(
    'header',
    { class: 'nhsuk-header', role: 'banner' },
    h(
      'div',
      { class: 'nhsuk-header__container nhsuk-width-container' },
      h('div', { class: 'nhsuk-header__service' }, h('a', { class: 'nhsuk-header__service-logo', href: '/', 'aria-label': `NHS ${SERVICE_NAME} homepage` }, logo(), h('span', { class: 'nhsuk-header__service-name' }, SERVICE_NAME))),
    ),
  );
}

/**
 * Draws the lock screen for `staff` (the facts read at start) in front of `appRoot`, which is
 * hidden until the hand-over. Returns undefined, drawing nothing, when no one could unlock
 * (no active member): the React app then starts as it always did.
 */
export function showEarlyLockScreen(appRoot: HTMLElement, staff: readonly StaffName[]): EarlyLockScreen | undefined {
  const active = staff.filter((member) => member.active);
  if (active.length === 0) return undefined;
  // What was typed is read from the field at the hand-over; the rest is kept here as it happens.
  const state: Omit<EarlyLockState, 'secret'> = { staffId: '', focusedId: undefined, action: 'none' };

  const secretLabel = h('label', { class: 'nhsuk-label nhsuk-label--m', for: 'secret' }, 'PIN');
  const hint = h('div', { class: 'nhsuk-hint', id: 'secret-hint' }, HARDWARE_FACTOR_LOCK_HINT);
  const secretInput = h('input', { class: 'nhsuk-input nhsuk-input--width-20', id: 'secret', name: 'secret', type: 'password', inputmode: 'numeric', autocomplete: 'one-time-code', spellcheck: 'false', value: '' }) as HTMLInputElement;
  const secretGroup = h('div', { class: 'nhsuk-form-group' }, secretLabel, secretInput);
  const unlockButton = h('button', { type: 'submit', class: 'nhsuk-button', 'data-module': 'nhsuk-button' }, 'Unlock') as HTMLButtonElement;

  // The fields that follow whoever is chosen, as the React lock screen's render does.
  const follow = () => {
    const member = memberNamed(active, state.staffId);
    const pin = member?.secretKind !== 'passphrase';
    secretLabel.textContent = pin ? 'PIN' : 'Passphrase';
    secretInput.setAttribute('inputmode', pin ? 'numeric' : 'text');
    if (member?.hardwareFactor) {
      if (!hint.isConnected) secretLabel.after(hint);
      secretInput.setAttribute('aria-describedby', 'secret-hint');
    } else {
      hint.remove();
      secretInput.removeAttribute('aria-describedby');
    }
  };

  const who =
    active.length > 1
      ? h(
          'div',
          { class: 'nhsuk-form-group' },
          h(
            'fieldset',
            { class: 'nhsuk-fieldset' },
            h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--m' }, 'Who are you?'),
            h(
              'div',
              { class: 'nhsuk-radios' },
              ...active.map((member, index) => {
                const id = index === 0 ? 'staffId' : `staffId-${index + 1}`;
                const radio = h('input', { class: 'nhsuk-radios__input', id, name: 'staffId', type: 'radio', value: member.id }) as HTMLInputElement;
                radio.addEventListener('change', () => {
                  state.staffId = member.id;
                  follow();
                });
                return h('div', { class: 'nhsuk-radios__item' }, radio, h('label', { class: 'nhsuk-label nhsuk-radios__label', for: id }, member.name));
              }),
            ),
          ),
        )
      : h('p', {}, 'Signed in as ', h('strong', {}, active[0]?.name ?? ''));

  const form = h('form', { autocomplete: 'off', novalidate: '' }, who, secretGroup, unlockButton);
  const recoverButton = h('button', { type: 'button', class: 'nhsuk-button nhsuk-button--secondary', 'data-module': 'nhsuk-button' }, recoverLinkText.link) as HTMLButtonElement;
  const screen = h(
    'div',
    { 'data-early-lock-screen': '' },
    h('a', { class: 'nhsuk-skip-link', href: '#maincontent' }, 'Skip to main content'),
    header(),
    h(
      'div',
      { class: 'nhsuk-width-container' },
      h(
        'main',
        { class: 'nhsuk-main-wrapper', id: 'maincontent' },
        h('div', { class: 'nhsuk-grid-row' }, h('div', { class: 'nhsuk-grid-column-two-thirds' }, h('h1', {}, LOCK_SCREEN_HEADING), form, h('p', { class: 'nhsuk-body-s' }, NOT_ON_THE_LIST), h('p', { class: 'nhsuk-body-s' }, recoverLinkText.linkIntro), recoverButton)),
      ),
    ),
  );
  follow();

  // Pressed before the app is ready: the React lock screen does it at the hand-over.
  const queue = (action: EarlyLockState['action']) => {
    state.action = action;
    unlockButton.disabled = true;
    recoverButton.disabled = true;
    if (action === 'unlock') unlockButton.textContent = 'Unlocking…';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    queue('unlock');
  });
  recoverButton.addEventListener('click', () => queue('recover'));
  let used = false;
  screen.addEventListener('pointerdown', () => {
    used = true;
  });
  screen.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement | null;
    state.focusedId = target?.id || undefined;
    used = true;
  });
  screen.addEventListener('focusout', () => {
    state.focusedId = undefined;
  });

  document.title = `${LOCK_SCREEN_TITLE} – ${SERVICE_NAME}`;
  appRoot.hidden = true;
  appRoot.before(screen);
  // The focus stays on the document, as on the React lock screen: the page a load opens on is
  // read from the top (components/layout/page.tsx).

  let released = false;
  return {
    used: () => used,
    release() {
      if (released) return undefined;
      released = true;
      // Focus leaves with the screen: the React lock screen puts it back on the same field.
      const taken = { ...state, secret: secretInput.value };
      secretInput.value = '';
      screen.remove();
      appRoot.hidden = false;
      return taken;
    },
  };
}
