/**
 * How a radio answer reaches the form state without React's event system (PRODUCT.md
 * section 10: a radio answer costs at most 1.25× the same radio on a plain HTML page).
 *
 * Profiling a filled-in section page at 4x CPU slowdown (tests/bench/app.bench.ts) showed
 * where a tap's main-thread time beyond the plain page went: not into rendering (only the
 * radios that reveal something re-render, and the section does not) but into React's
 * synthetic event system. Every pointer, mouse, focus and click event a tap raises bubbles
 * to React's root listener, which walks the whole component path from the radio to the
 * root for each of them, and for a radio a change event also makes React query the whole
 * document for the other radios of the group to "restore" them, although ours are
 * uncontrolled. Together that was most of the gap.
 *
 * So a radio carries its react-hook-form registration as a native change listener
 * (registered once per input element), and the events a tap raises stop at the radio in
 * the bubble phase: nothing above a radio listens for them (the section page's
 * "last field" tracking listens in the capture phase, and so does the idle lock), so the
 * answer, the reveals and the autosave behave as before, at plain-HTML cost. The
 * registration's blur handler is left out: it only records "touched" fields, for validation
 * on blur and formState.touchedFields, and every form here validates on submit and reads
 * neither; calling it on every tap from one radio to the next cost more than the change.
 */
import type { UseFormRegisterReturn } from 'react-hook-form';

/** Events a tap or a click on a radio raises that no ancestor handles. */
const STOPPED_AT_THE_ANSWER = [
  'click',
  'input',
  'change',
  'focusin',
  'focusout',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mousemove',
  'pointerdown',
  'pointerup',
  'pointerover',
  'pointerout',
  'pointermove',
  'pointercancel',
  'touchstart',
  'touchend',
  'touchmove',
  'touchcancel',
] as const;

const stop = (event: Event) => event.stopPropagation();

/**
 * A ref callback for an uncontrolled input: registers it with react-hook-form and wires the
 * registration's change handler natively. Returns React 19's ref clean-up.
 */
export function nativeAnswerRef(registration: UseFormRegisterReturn): (element: HTMLInputElement | null) => (() => void) | undefined {
  return (element) => {
    registration.ref(element);
    if (!element) return undefined;
    const onChange = (event: Event) => void registration.onChange(event);
    element.addEventListener('change', onChange);
    for (const name of STOPPED_AT_THE_ANSWER) element.addEventListener(name, stop);
    return () => {
      element.removeEventListener('change', onChange);
      for (const name of STOPPED_AT_THE_ANSWER) element.removeEventListener(name, stop);
      registration.ref(null);
    };
  };
}
