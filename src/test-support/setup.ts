/**
 * Vitest set-up shared by every unit and component test: an in-memory IndexedDB,
 * jest-dom matchers, PBKDF2 derivations remembered within a worker, and for component tests the body class nhsuk-frontend expects and a
 * clean DOM after each test.
 */
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { memoisePbkdf2 } from './pbkdf2-memo';

// Every test unlocks at the real 600,000 iterations; the same PIN and salt are stretched once per worker (pbkdf2-memo.ts says why).
memoisePbkdf2(globalThis.crypto.subtle);

/**
 * fake-indexeddb copies values with Node's structuredClone, so under jsdom byte arrays come
 * back from Node's realm, not the test window's. Dexie's update() and modify() then take
 * them for plain objects and write them back as {"0": …, "1": …}, which corrupts wrapped
 * keys and sealed payloads. A browser's IndexedDB returns arrays from the page's own realm,
 * so this re-homes them the same way (a no-op in the Node environment).
 */
// Installed once per worker: test files share a worker's globals (vite.config.ts, `isolate`), and
// wrapping the wrapper at each file would re-home every value once per file before it.
const REHOMED = Symbol.for('safeguarding-triage.test.structuredClone');
const nodeStructuredClone = globalThis.structuredClone;

function intoThisRealm(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const foreignBytes = Object.prototype.toString.call(value) === '[object Uint8Array]' && !(value instanceof Uint8Array);
    return foreignBytes ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = intoThisRealm(record[key], seen);
  return value;
}

if (!(REHOMED in nodeStructuredClone)) {
  const rehoming = <T>(value: T, options?: StructuredSerializeOptions): T => intoThisRealm(nodeStructuredClone(value, options), new WeakSet()) as T;
  globalThis.structuredClone = Object.assign(rehoming, { [REHOMED]: true });
}

// Component tests run in jsdom; pure code runs in Node without a document.
if (typeof document !== 'undefined') {
  const { cleanup, configure } = await import('@testing-library/react');
  // The unlocked app and each page load on demand (PRODUCT.md section 10), one import after
  // another on the way to a page; on a loaded machine that can take longer than the default
  // second the find* queries wait.
  configure({ asyncUtilTimeout: 5000 });
  document.body.classList.add('nhsuk-frontend-supported');
  // jsdom has no layout: scrolling is a no-op here (it logs "not implemented" otherwise).
  Element.prototype.scrollIntoView = () => undefined;
  window.scrollTo = () => undefined;
  afterEach(() => {
    cleanup();
  });
}
