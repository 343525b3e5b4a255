/**
 * Live values reach React as transitions (react.tsx, `inTransition`): a page they change is
 * rendered in slices and the screen stays as it was until the new one is ready, except for
 * what must show at once (the session locking). Told apart here by Suspense: a transition
 * that meets a component still loading keeps what is on screen, an urgent update shows the
 * fallback.
 */
import { act, render, screen } from '@testing-library/react';
import { Suspense, use } from 'react';
import { describe, expect, it } from 'vitest';
import { inTransition } from './react';
import type { LiveValue } from './types';
import { useObservable } from 'dexie-react-hooks';

/** A value the test sets by hand. */
function source<T>(initial: T): LiveValue<T> & { set: (value: T) => void } {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(onNext) {
      listeners.add(onNext);
      onNext(current);
      return { unsubscribe: () => listeners.delete(onNext) };
    },
    set(value) {
      current = value;
      for (const listener of listeners) listener(value);
    },
  };
}

const never = new Promise<string>(() => undefined);

function Page({ name }: { name: string }) {
  // The page for "next" is still loading (a lazy page's code, say).
  const text = name === 'next' ? use(never) : name;
  return <p>{text}</p>;
}

function Shown({ live }: { live: LiveValue<string> }) {
  const name = useObservable(() => live, [live], 'none');
  return (
    <Suspense fallback={<p>Loading</p>}>
      <Page name={name} />
    </Suspense>
  );
}

describe('live values as transitions', () => {
  it('a value that is not urgent keeps the page on screen while what it opens loads', async () => {
    const values = source('first');
    render(<Shown live={inTransition(values)} />);
    expect(screen.getByText('first')).toBeTruthy();
    await act(async () => {
      values.set('next');
      await Promise.resolve();
    });
    expect(screen.getByText('first').style.display).toBe('');
    expect(screen.queryByText('Loading')).toBeNull();
  });

  it('an urgent value is shown at once (the fallback, here), never held back', async () => {
    const values = source('first');
    render(<Shown live={inTransition(values, (value) => value === 'next')} />);
    await act(async () => {
      values.set('next');
      await Promise.resolve();
    });
    // React hides what was shown (kept mounted, display: none) and shows the fallback.
    expect(screen.getByText('first').style.display).toBe('none');
    expect(screen.getByText('Loading')).toBeTruthy();
  });

  it('a value sent while subscribing reaches the first render', () => {
    const values = source('first');
    render(<Shown live={inTransition(values)} />);
    expect(screen.getByText('first')).toBeTruthy();
  });
});
