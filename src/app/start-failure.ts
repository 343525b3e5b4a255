/**
 * What the nurse sees when the app fails: its words, and the page drawn without React when
 * the app cannot start at all (main.tsx: a file of the app that cannot be loaded, say after an
 * update while offline). The page a screen's failure shows inside React (app-error-boundary.tsx)
 * says the same.
 *
 * Why: without it, a failure left a blank page, or the lock screen drawn before React saying
 * "Unlocking…" for ever, at 3 a.m., with a patient waiting. The nurse needs to know that what
 * was entered is kept (answers are written as they are typed: use-autosave.ts), what to do now
 * (reload), and what to do if that does not help (the department's paper form, and the nurse
 * in charge). The technical detail goes last, for the IT service desk; it is the error's name
 * and message only, never a stack, and nothing is sent anywhere.
 *
 * DOM only, no React, and imported with the entry rather than on demand: it is part of the
 * first stage of a cold start, and when one file of the app cannot be loaded, another may not
 * be either (about 0.6 kB gzip on first load).
 */
import { SERVICE_NAME } from '../components/layout/brand';
import type { EarlyLockScreen } from '../features/lock/early-lock-screen';

export const APP_FAILURE_TITLE = 'Sorry, there is a problem with the app';
export const APP_FAILURE_SAVED = 'What was entered before this page appeared is saved on this tablet.';
export const APP_FAILURE_ACTION = 'Reload the app';
export const APP_FAILURE_FALLBACK = "If this page comes back after reloading, use the department's paper safeguarding form for now and tell the nurse in charge.";
export const APP_FAILURE_DETAILS = 'Details for the IT service desk';

/** What the page says about the error: its name and message, shortened, and when. */
export interface FailureDetail {
  name: string;
  message: string;
  at: string;
}

const MESSAGE_LIMIT = 300;

export function describeFailure(error: unknown, now: Date = new Date()): FailureDetail {
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'No message';
  const message = text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT)}…` : text;
  return { name, message, at: now.toISOString() };
}

function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * Draws the failure page into `root` in place of anything there, after taking the early lock
 * screen away (what was typed in it, a PIN perhaps, is dropped, not kept), and puts the focus
 * on its heading so a screen reader says it.
 */
export function showStartFailure(root: HTMLElement, early: EarlyLockScreen | undefined, error: unknown, reload: () => void = () => window.location.reload()): void {
  early?.release();
  const detail = describeFailure(error);
  const heading = h('h1', { tabindex: '-1' }, APP_FAILURE_TITLE);
  const button = h('button', { class: 'nhsuk-button', type: 'button' }, APP_FAILURE_ACTION);
  button.addEventListener('click', () => reload());
  const details = h(
    'details',
    { class: 'nhsuk-details' },
    h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, APP_FAILURE_DETAILS)),
    h('div', { class: 'nhsuk-details__text' }, h('p', {}, `${detail.name}: ${detail.message}`), h('p', {}, `At ${detail.at}`)),
  );
  const page = h(
    'div',
    { class: 'nhsuk-width-container' },
    h(
      'main',
      { class: 'nhsuk-main-wrapper', id: 'maincontent' },
      h(
        'div',
        { class: 'nhsuk-grid-row' },
        h('div', { class: 'nhsuk-grid-column-two-thirds' }, heading, h('p', {}, 'The app could not start on this tablet. Reload it to try again.'), h('p', {}, APP_FAILURE_SAVED), button, h('p', {}, APP_FAILURE_FALLBACK), details),
      ),
    ),
  );
  root.hidden = false;
  root.replaceChildren(page);
  document.title = `${APP_FAILURE_TITLE} – ${SERVICE_NAME}`;
  heading.focus();
}
