/**
 * Page frame for every screen: document title (prefixed "Error: " while an error summary
 * shows, as GOV.UK asks), the main landmark, and focus moved to the page heading after an
 * in-app navigation so screen-reader users hear where they are.
 *
 * Not on the page a load opens on: there the browser has just announced the new document and
 * reads it from the top, and the first Tab reaches the skip link, as on any GOV.UK or NHS.UK
 * page. Moving the focus there too was one more task after the first paint (47 ms on the
 * set-up page in a Lighthouse trace at 4x CPU slowdown, 30 November 2026), and at a cold start
 * the lock screen's heading was announced twice, once on the screen drawn before React and
 * once on React's.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Link } from '../navigation/router';
import { SERVICE_NAME } from './brand';

export { SERVICE_NAME };

export function useDocumentTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
  }, [title, hasErrors]);
}

export interface PageProps {
  title: string;
  hasErrors?: boolean;
  backLink?: { to: string; text?: string };
  /** Wider pages (tables, letters) use the full width. */
  wide?: boolean;
  /** Set false when the page moves focus itself (to a field or an error summary). */
  focusHeading?: boolean;
  children: ReactNode;
}

/**
 * The title of the page this load opened on, while it is still the page shown; null once
 * another page has been. By title, not by mount: React's StrictMode mounts a page twice in
 * development, and a lock screen shown again later (the tablet locked itself) is a new page.
 */
let openingPage: string | null | undefined;

function isOpeningPage(title: string): boolean {
  if (openingPage === undefined) openingPage = title;
  else if (openingPage !== title) openingPage = null;
  return openingPage === title;
}

export function Page({ title, hasErrors = false, backLink, wide = false, focusHeading = true, children }: PageProps) {
  useDocumentTitle(title, hasErrors);
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (isOpeningPage(title) || !focusHeading) return;
    // Once the new page has been painted. Focusing makes the browser lay the page out there and
    // then, and in the commit that was the page's whole first style and layout on top of
    // React's work: one task of 254 ms at 4x CPU slowdown on the patient page, of which 125 ms
    // style and layout (a Lighthouse trace, 30 November 2026). After the paint the layout is done.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const heading = mainRef.current?.querySelector<HTMLElement>('h1');
        // Not if the nurse has already moved on into the page.
        if (heading && document.activeElement === document.body) {
          heading.setAttribute('tabindex', '-1');
          heading.focus({ preventScroll: true });
        }
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [title, focusHeading]);
  return (
    <div className="nhsuk-width-container">
      {backLink ? (
        <Link to={backLink.to} className="nhsuk-back-link">
          {backLink.text ?? 'Back'}
        </Link>
      ) : null}
      <main className="nhsuk-main-wrapper" id="maincontent" ref={mainRef}>
        <div className="nhsuk-grid-row">
          <div className={wide ? 'nhsuk-grid-column-full' : 'nhsuk-grid-column-two-thirds'}>{children}</div>
        </div>
      </main>
    </div>
  );
}

export function SkipLink() {
  return (
    <a className="nhsuk-skip-link" href="#maincontent">
      Skip to main content
    </a>
  );
}
