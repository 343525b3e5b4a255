/**
 * The page frame: its title, and focus moved to the heading after an in-app navigation, so a
 * screen reader says where the nurse now is; moved once the page is painted (page.tsx), not
 * at all when something in the page already has focus, and not on the page a load opens on.
 * Each test loads the module afresh: which page a load opened on is the module's to remember.
 */
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as PageModule from './page';

let page: typeof PageModule;

beforeEach(async () => {
  vi.resetModules();
  page = await import('./page');
});

afterEach(() => {
  (document.activeElement as HTMLElement | null)?.blur();
});

function pageElement(title: string, children: ReactNode = null, focusHeading = true) {
  const { Page } = page;
  return (
    <Page title={title} focusHeading={focusHeading}>
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

/** Past the moment the heading would have been focused: a frame, then a timer. */
const pastTheFocus = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));

/** The page a load opens on, then `title` in its place, as an in-app navigation does. */
function navigateTo(title: string, children: ReactNode = null, focusHeading = true) {
  const view = render(pageElement('Safeguarding assessments'));
  view.rerender(pageElement(title, children, focusHeading));
  return view;
}

describe('Page', () => {
  it('names the document after the page, and leaves the focus on the document on the page a load opens on', async () => {
    render(pageElement('Unlock Safeguarding Triage'));
    expect(document.title).toBe(`Unlock Safeguarding Triage – ${page.SERVICE_NAME}`);
    await pastTheFocus();
    expect(document.body).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1 })).not.toHaveAttribute('tabindex');
  });

  it('gives the heading the focus once a page reached in the app is drawn', async () => {
    navigateTo('Patient and attendance');
    expect(document.title).toBe(`Patient and attendance – ${page.SERVICE_NAME}`);
    const heading = screen.getByRole('heading', { name: 'Patient and attendance', level: 1 });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(heading).toHaveAttribute('tabindex', '-1');
  });

  it('gives the focus to a page shown again under the title a load opened on, once another was shown between (the tablet locked itself)', async () => {
    const view = navigateTo('Patient and attendance');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
    // React keeps the same h1 element: the focus leaves it, as it leaves a button that unmounts.
    screen.getByRole('heading', { level: 1 }).blur();
    view.rerender(pageElement('Safeguarding assessments'));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toHaveFocus());
  });

  it('leaves the focus where the nurse has put it in the meantime', async () => {
    navigateTo('People with the child', <input aria-label="Name" />);
    const field = screen.getByRole('textbox', { name: 'Name' });
    field.focus();
    await pastTheFocus();
    expect(field).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1 })).not.toHaveAttribute('tabindex');
  });

  it('does not move the focus when the page moves it itself', async () => {
    navigateTo('Check answers', null, false);
    await pastTheFocus();
    expect(document.body).toHaveFocus();
  });
});
