/**
 * Navigation runs as a transition (router.tsx): the page on screen stays, usable, until the
 * next one is ready, and the next one opens at its top once it is shown, not before.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { Suspense, use } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Link, RouterProvider, useLocation } from './router';

let release: (text: string) => void = () => undefined;
let slowPage = new Promise<string>((resolve) => {
  release = resolve;
});

function Pages() {
  const { pathname } = useLocation();
  if (pathname === '/slow') return <h1>{use(slowPage)}</h1>;
  return (
    <>
      <h1>Home page</h1>
      <Link to="/slow">Open the slow page</Link>
    </>
  );
}

afterEach(() => {
  window.history.replaceState(null, '', '/');
  slowPage = new Promise<string>((resolve) => {
    release = resolve;
  });
  vi.restoreAllMocks();
});

describe('navigation', () => {
  it('keeps the page on screen while the next one loads, then shows it at its top', async () => {
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
    render(
      <RouterProvider>
        <Suspense fallback={<p>Loading</p>}>
          <Pages />
        </Suspense>
      </RouterProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Open the slow page' }));
      await Promise.resolve();
    });
    expect(window.location.pathname).toBe('/slow');
    expect(screen.getByRole('heading', { name: 'Home page' })).toBeTruthy();
    expect(screen.queryByText('Loading')).toBeNull();
    expect(scrollTo).not.toHaveBeenCalled();

    await act(async () => {
      release('Slow page');
      await slowPage;
    });
    expect(screen.getByRole('heading', { name: 'Slow page' })).toBeTruthy();
    expect(scrollTo).toHaveBeenCalledWith(0, 0);
  });
});
