/**
 * When the autosave writes (use-autosave.ts, PRODUCT.md section 2.2): 300 ms after typing
 * pauses, never later than 800 ms after the first unsaved change, the latest values, and a
 * change made while a failed save waits to retry is saved within the pause, not the retry;
 * and the wall clock being set back does not hold a save up (it times with performance.now()).
 */
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { RepositoriesProvider } from '../../storage/repositories/react';
import type { SaveReceipt, StorageFailure } from '../../storage/repositories/types';
import { fakeRepositories } from '../../test-support/render-screen';
import { SaveStatusStore } from './save-status';
import { AUTOSAVE_IDLE_MS, AUTOSAVE_MAX_WAIT_MS, useAutosave } from './use-autosave';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-10T14:00:00.000Z'), toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

type Values = { account: string };
type Save = (values: Values) => Promise<Result<SaveReceipt, StorageFailure>>;

function setUp(save: Save) {
  const repositories = fakeRepositories();
  const wrapper = ({ children }: { children: ReactNode }) => <RepositoriesProvider repositories={repositories}>{children}</RepositoriesProvider>;
  const status = new SaveStatusStore();
  const { result } = renderHook(
    () => {
      const form = useForm<Values>({ defaultValues: { account: '' } });
      useAutosave(form, save, status);
      return form;
    },
    { wrapper },
  );
  /** Types `text` into the form, as a change event would. */
  const type = (text: string) => act(() => result.current.setValue('account', text));
  /** Moves the clock on, running the timers due. */
  const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
  return { type, wait, status };
}

const saved = (): Promise<Result<SaveReceipt, StorageFailure>> => Promise.resolve(ok({ savedAt: new Date().toISOString(), rev: 1 }));

describe('useAutosave', () => {
  test(`saves the latest values ${AUTOSAVE_IDLE_MS} ms after typing pauses, and not before`, async () => {
    const save = vi.fn<Save>(saved);
    const { type, wait } = setUp(save);
    type('I');
    await wait(100);
    type('I fell');
    await wait(100);
    type('I fell off');
    await wait(AUTOSAVE_IDLE_MS - 1);
    expect(save).not.toHaveBeenCalled();
    await wait(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith({ account: 'I fell off' });
    await wait(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  test(`while typing goes on, saves ${AUTOSAVE_MAX_WAIT_MS} ms after the first unsaved change, then again`, async () => {
    const save = vi.fn<Save>(saved);
    const { type, wait } = setUp(save);
    const text = 'I fell off the climbing frame at school';
    for (let at = 0; at < 20; at += 1) {
      type(text.slice(0, at + 1));
      await wait(100);
      // The first save is due 800 ms after the first change (made at 0): after the 8th wait.
      expect(save).toHaveBeenCalledTimes(at + 1 < 8 ? 0 : at + 1 < 16 ? 1 : 2);
    }
    expect(save).toHaveBeenNthCalledWith(1, { account: text.slice(0, 8) });
  });

  test('the tablet clock set back an hour while typing does not hold the save up', async () => {
    const save = vi.fn<Save>(saved);
    const { type, wait } = setUp(save);
    type('I fell');
    await wait(100);
    vi.setSystemTime(Date.now() - 3_600_000);
    type('I fell off');
    await wait(AUTOSAVE_IDLE_MS);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith({ account: 'I fell off' });
  });

  test('a change made while a failed save waits to retry is saved after the pause, not at the retry', async () => {
    const save = vi.fn<Save>().mockResolvedValueOnce(err({ kind: 'quota', message: 'Full' })).mockImplementation(saved);
    const { type, wait, status } = setUp(save);
    type('I fell');
    await wait(AUTOSAVE_IDLE_MS);
    expect(save).toHaveBeenCalledTimes(1);
    expect(status.get().kind).toBe('failed');
    // The retry is 2 s away; a change now is saved 300 ms after it.
    type('I fell off');
    await wait(AUTOSAVE_IDLE_MS);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith({ account: 'I fell off' });
    expect(status.get().kind).toBe('saved');
  });
});
