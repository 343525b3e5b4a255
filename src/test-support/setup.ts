/**
 * Vitest set-up shared by every unit and component test: an in-memory IndexedDB,
 * jest-dom matchers, and for component tests the body class nhsuk-frontend expects and a
 * clean DOM after each test.
 */
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

// Component tests run in jsdom; pure code runs in Node without a document.
if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  document.body.classList.add('nhsuk-frontend-supported');
  // jsdom has no layout: scrolling is a no-op here (it logs "not implemented" otherwise).
  Element.prototype.scrollIntoView = () => undefined;
  window.scrollTo = () => undefined;
  afterEach(() => {
    cleanup();
  });
}
