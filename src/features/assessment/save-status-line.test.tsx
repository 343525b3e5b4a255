/**
 * The save line (save-status-line.tsx): its words and data-save-state follow every save
 * without React rendering it again, and a failure is an alert that keeps the last save's time.
 */
import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { SaveStatusStore } from './save-status';
import { SaveStatusLine } from './save-status-line';

const SAVED = '2026-07-01T12:04:05.000Z'; // 13:04:05 in London (BST)
const LATER = '2026-07-01T12:04:09.000Z';

describe('SaveStatusLine', () => {
  test('follows each save, writing only the line, and shows a failure as an alert with the last save', () => {
    const store = new SaveStatusStore();
    const commits = vi.fn();
    const { container } = render(
      <Profiler id="line" onRender={commits}>
        <SaveStatusLine store={store} />
      </Profiler>,
    );
    const line = () => container.querySelector('.app-save-status');
    expect(line()).toHaveTextContent(/^Changes are saved on this device as you type$/);
    expect(line()).toHaveAttribute('data-save-state', 'idle');
    commits.mockClear();

    act(() => store.set({ kind: 'saving', lastSavedAt: undefined }));
    expect(line()).toHaveAttribute('data-save-state', 'saving');
    expect(line()).toHaveTextContent(/^Changes are saved on this device as you type$/);
    act(() => store.set({ kind: 'saved', savedAt: SAVED }));
    expect(line()).toHaveAttribute('data-save-state', 'saved');
    expect(line()).toHaveTextContent(/^Saved on this device at 13:04:05$/);
    act(() => store.set({ kind: 'saving', lastSavedAt: SAVED }));
    expect(line()).toHaveTextContent(/^Saved on this device at 13:04:05$/);
    act(() => store.set({ kind: 'saved', savedAt: LATER }));
    expect(line()).toHaveTextContent(/^Saved on this device at 13:04:09$/);
    // Four saves' states, and React rendered nothing.
    expect(commits).not.toHaveBeenCalled();
    expect(line()).not.toHaveAttribute('role');

    act(() => store.set({ kind: 'failed', failure: { kind: 'quota', message: "This tablet's storage is full." }, lastSavedAt: LATER, retryingInSeconds: 2 }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveAttribute('data-save-state', 'failed');
    expect(alert).toHaveTextContent("Not saved yet. This tablet's storage is full. Last saved on this device at 13:04:09.");

    act(() => store.set({ kind: 'saving', lastSavedAt: LATER }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(line()).toHaveAttribute('data-save-state', 'saving');
    expect(line()).toHaveTextContent(/^Saved on this device at 13:04:09$/);
  });
});
