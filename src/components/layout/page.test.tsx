/**
 * The page frame: its title, and focus moved to the heading after an in-app navigation, so a
 * screen reader says where the nurse now is; moved once the page is painted (page.tsx), and
 * not at all when something in the page already has focus.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RouterProvider } from '../navigation/router';
import { Page, SERVICE_NAME } from './page';

function renderPage(title: string, children: React.ReactNode = null, focusHeading = true) {
  return render(
    <RouterProvider>
      <Page title={title} focusHeading={focusHeading}>
        <h1>{title}</h1>
        {children}
      </Page>
    </RouterProvider>,
  );
}

afterEach(() => {
  (document.activeElement as HTMLElement | null)?.blur();
});

describe('Page', () => {
  it('names the document after the page, and gives the heading the focus once the page is drawn', async () => {
    renderPage('Patient and attendance');
    expect(document.title).toBe(`Patient and attendance – ${SERVICE_NAME}`);
    const heading = screen.getByRole('heading', { name: 'Patient and attendance', level: 1 });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading).toHaveAttribute('tabindex', '-1');
  });

  it('leaves the focus where the nurse has put it in the meantime', async () => {
    renderPage('People with the child', <input aria-label="Name" />);
    const field = screen.getByRole('textbox', { name: 'Name' });
    field.focus();
    // Two frames: past the moment the heading would have been focused.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    expect(field).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1 })).not.toHaveAttribute('tabindex');
  });

  it('does not move the focus when the page moves it itself', async () => {
    renderPage('Check answers', null, false);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    expect(document.body).toHaveFocus();
  });
});
