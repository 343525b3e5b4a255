/**
 * When the app fails: a screen that throws while rendering, and a start stage that cannot load.
 * The nurse gets a page that says what was kept and what to do, the app locks, and the lock
 * screen drawn before React never stays on top saying "Unlocking…".
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { FAKE_NURSE_IN_CHARGE, fakeTablet } from '../test-support/render-app';
import { showEarlyLockScreen } from '../features/lock/early-lock-screen';
import { AppErrorBoundary } from './app-error-boundary';
import { renderApp } from './render-app';
import { APP_FAILURE_TITLE, describeFailure, showStartFailure } from './start-failure';

function Thrower({ error }: { error: Error }): never {
  throw error;
}

function appRoot(): HTMLElement {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.append(root);
  return root;
}

const staffNames = [{ id: FAKE_NURSE_IN_CHARGE.id, name: FAKE_NURSE_IN_CHARGE.name, secretKind: FAKE_NURSE_IN_CHARGE.secretKind, active: true }];

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // React reports every error a boundary catches on the console; the tests assert on the page instead.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  consoleError.mockRestore();
  document.body.replaceChildren();
});

describe('AppErrorBoundary', () => {
  it('shows the page that failed in its place, says what was kept and what to do, and reports the failure once', async () => {
    const onFailure = vi.fn();
    const reload = vi.fn();
    render(
      <AppErrorBoundary onFailure={onFailure} reload={reload}>
        <Thrower error={new TypeError("Cannot read properties of undefined (reading 'answers')")} />
      </AppErrorBoundary>,
    );
    const heading = screen.getByRole('heading', { level: 1, name: APP_FAILURE_TITLE });
    expect(heading).toHaveFocus();
    expect(document.title).toBe(`${APP_FAILURE_TITLE} – Safeguarding Triage`);
    expect(screen.getByText(/the app has locked/)).toBeInTheDocument();
    expect(screen.getByText('What was entered before this page appeared is saved on this tablet.')).toBeInTheDocument();
    expect(screen.getByText(/paper safeguarding form/)).toBeInTheDocument();
    expect(screen.getByText("TypeError: Cannot read properties of undefined (reading 'answers')")).toBeInTheDocument();
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]?.[0]).toBeInstanceOf(TypeError);
    await userEvent.click(screen.getByRole('button', { name: 'Reload the app' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('renders the app untouched while nothing fails', () => {
    const onFailure = vi.fn();
    render(
      <AppErrorBoundary onFailure={onFailure}>
        <p>The home screen</p>
      </AppErrorBoundary>,
    );
    expect(screen.getByText('The home screen')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: APP_FAILURE_TITLE })).not.toBeInTheDocument();
    expect(onFailure).not.toHaveBeenCalled();
  });
});

describe('renderApp when a screen fails', () => {
  it('takes the early lock screen away, shows the failure page and locks the app, with an audit event', async () => {
    const repositories = fakeTablet({ unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    repositories.session.state = () => {
      throw new Error('The session could not be read');
    };
    const root = appRoot();
    const early = showEarlyLockScreen(root, staffNames);
    expect(early).toBeDefined();
    expect(root.hidden).toBe(true);
    await act(async () => {
      renderApp(root, repositories, early);
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(root.hidden).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Unlock Safeguarding Triage' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: APP_FAILURE_TITLE })).toBeInTheDocument();
    expect(repositories.session.current()).toEqual({ status: 'locked', reason: 'app-error' });
    expect(repositories.auditEvents.get().at(-1)).toMatchObject({ type: 'lock', detail: 'app-error' });
  });
});

describe('showStartFailure', () => {
  it('replaces the early lock screen, dropping what was typed in it, with the page, focused on its heading', async () => {
    const root = appRoot();
    const early = showEarlyLockScreen(root, staffNames);
    const secret = document.getElementById('secret');
    if (!(secret instanceof HTMLInputElement)) throw new Error('The early lock screen has no PIN field');
    secret.value = '2580';
    const reload = vi.fn();
    showStartFailure(root, early, new Error('Failed to fetch dynamically imported module: /assets/start-2.js'), reload);
    expect(root.hidden).toBe(false);
    expect(document.getElementById('secret')).toBeNull();
    expect(document.body.textContent).not.toContain('2580');
    const heading = screen.getByRole('heading', { level: 1, name: APP_FAILURE_TITLE });
    expect(heading).toHaveFocus();
    expect(screen.getByText('The app could not start on this tablet. Reload it to try again.')).toBeInTheDocument();
    expect(screen.getByText('Error: Failed to fetch dynamically imported module: /assets/start-2.js')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload the app' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('draws the page where there was no early lock screen (a new tablet)', () => {
    const root = appRoot();
    showStartFailure(root, undefined, 'not an Error', vi.fn());
    expect(screen.getByRole('heading', { level: 1, name: APP_FAILURE_TITLE })).toBeInTheDocument();
    expect(screen.getByText('Error: not an Error')).toBeInTheDocument();
  });
});

describe('describeFailure', () => {
  it('keeps the name and message only, the message cut at 300 characters, and the time', () => {
    const long = new RangeError('x'.repeat(400));
    const detail = describeFailure(long, new Date('2026-11-30T03:04:05Z'));
    expect(detail).toEqual({ name: 'RangeError', message: `${'x'.repeat(300)}…`, at: '2026-11-30T03:04:05.000Z' });
    expect(describeFailure(undefined, new Date(0)).message).toBe('No message');
  });
});
