/**
 * Renders its children in a second pass, after the rest of the page is on screen: a long form
 * mounted in one go was one long task on a tablet (PRODUCT.md section 10: Lighthouse
 * performance, total blocking time; 280–360 ms at 4x CPU for the patient page, a third of it
 * the style of fields below the fold). React renders the deferred pass in the background
 * (`useDeferredValue` with an initial value), in slices that yield to the browser, so the
 * page's top half is built, styled and painted first and the rest follows a moment later.
 *
 * Use it only below the fold of a phone-sized screen: what it holds appears after the first
 * paint, so it must not push visible content down. Form values are not affected: the form
 * state holds every answer whether its field is mounted yet or not.
 */
import { useDeferredValue } from 'react';
import type { ReactNode } from 'react';

export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const ready = useDeferredValue(true, false);
  return ready ? children : null;
}
