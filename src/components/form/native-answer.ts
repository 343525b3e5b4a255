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
 *
 * Stopping at the radio still left React's capture-phase listeners on the root, which run
 * before the event reaches the radio. A profile of ten answers at 4x (tests/bench/profile.ts,
 * 29 November 2026) put half of the page's script time there, almost all of it in the
 * pointer's hover events (pointerover/out/move, mouseover/out/move: React walks the fibre
 * path from the radio to the root for each, twice for over/out to synthesise enter/leave).
 * Nothing in the app listens for hover (no onMouse…/onPointer… handlers; :hover is CSS), so
 * those events are stopped on the window, in the capture phase, when they come to an answer
 * (its input or label): before React's root sees them. The events a tap or a key raises
 * otherwise (pointerdown, click, focus, input, change) still pass through the capture phase
 * as before: the idle lock and the section page's "last field" listen there.
 *
 * The bubble-phase stop is one passive listener per event on the answer's form, not on each
 * answer (30 November 2026). A profile of Lighthouse's flow from unlocking to the patient
 * page (tests/bench/lighthouse.bench.ts) put most of the page's three longest commits in
 * addEventListener: eighteen listeners on each of some sixty answers, four of them touch
 * listeners that were not passive (each tells the compositor a region may block scrolling),
 * added again on every re-render, since a ref callback that changes is detached and attached
 * again. On the form they are added once, whatever the answers do. The event now bubbles
 * through the answer's fieldset and groups before it stops; nothing there listens.
 *
 * Keys, input and change went the same way on 30 November 2026. A profile of ten arrow keys
 * on a select at 4x (tests/bench/app.bench.ts) put about 16 ms, a sixth of the page's script,
 * in React's root listener handling keydown and keyup (finding the fibre, walking its path,
 * capture and bubble), and once they stopped, about 0.7 ms an answer in its capture-phase
 * handling of input and change. Nothing in the app handles a key, an input or a change on an
 * answer through React (no onKey… or onChange handlers on answers or above them; the idle lock
 * listens for keydown and input on the document, in the capture phase), so these events stop
 * on the root element (<html>), in the capture phase, when they come to an answer: after the
 * document's listeners, before React's. The answer's own change handler (its react-hook-form
 * registration) is called there, with the answer, instead of on the answer. A key's default
 * action (an arrow moving a select to its next option, Space ticking a box) and a tap's
 * (checking a radio) do not depend on the event reaching the input.
 */
import type { UseFormRegisterReturn } from 'react-hook-form';

/** Events a tap or a click on an answer raises that no ancestor handles (input and change stop before it, on <html>). */
const STOPPED_AT_THE_ANSWER = [
  'click',
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

/** Where the bubble-phase stop is installed: answers' forms (an answer outside a form: the answer itself). */
const bubbleStopInstalled = new WeakSet<Element>();

/** The pointer's hover events: no handler in the app, and React's root handles each at length. */
const HOVER = ['pointerover', 'pointerout', 'pointermove', 'mouseover', 'mouseout', 'mousemove'] as const;

/** Inputs wired by nativeAnswerRef (their labels are found through `label.control`). */
const answers = new WeakSet<Element>();
/** Stopped on <html> in the capture phase: no handler in the app but the answer's own change handler, called there; the idle lock hears keydown and input on the document first. */
const AT_THE_ROOT = ['keydown', 'keyup', 'keypress', 'input', 'change'] as const;
/** Each wired answer's change handler. */
const changeHandlers = new WeakMap<Element, (event: Event) => void>();
let hoverStopInstalled = false;
let rootStopInstalled = false;

function isAnswer(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (answers.has(target)) return true;
  return target instanceof HTMLLabelElement && target.control !== null && answers.has(target.control);
}

const stopAtAnswer = (event: Event) => {
  if (isAnswer(event.target)) event.stopPropagation();
};

/** An event raised at an answer itself (not its label: a tap on a label bubbles on, as it did when the answer held the listeners). */
const stopFromTheAnswer = (event: Event) => {
  if (event.target instanceof Element && answers.has(event.target)) event.stopPropagation();
};

/** Once per form: the events a tap raises at an answer stop there, in the bubble phase, before React's root listener. */
function installBubbleStop(container: Element): void {
  if (bubbleStopInstalled.has(container)) return;
  bubbleStopInstalled.add(container);
  for (const name of STOPPED_AT_THE_ANSWER) container.addEventListener(name, stopFromTheAnswer, { passive: true });
}

/** Once per window: the hover events an answer receives stop before React's root listener. */
function installHoverStop(view: Window | null): void {
  if (hoverStopInstalled || !view) return;
  hoverStopInstalled = true;
  for (const name of HOVER) view.addEventListener(name, stopAtAnswer, { capture: true, passive: true });
}

/** A key, an input or a change at an answer: stopped, and a change handed to the answer's handler. */
const atTheRoot = (event: Event) => {
  const target = event.target;
  if (!(target instanceof Element) || !answers.has(target)) return;
  event.stopPropagation();
  if (event.type === 'change') changeHandlers.get(target)?.(event);
};

/** Once per document: keys, inputs and changes at an answer stop on <html>, after the document's capture listeners (the idle lock's). */
function installRootStop(document: Document): void {
  if (rootStopInstalled) return;
  rootStopInstalled = true;
  for (const name of AT_THE_ROOT) document.documentElement.addEventListener(name, atTheRoot, { capture: true, passive: true });
}

/**
 * A ref callback for an uncontrolled input or select: registers it with react-hook-form and
 * hands its changes to the registration's change handler (or `onChangeInstead`, for a
 * checkbox group's exclusive answers, which calls the registration itself), from <html> in
 * the capture phase (above). Returns React 19's ref clean-up.
 *
 * Checkboxes and selects take the same path as radios since 30 November 2026: the bench's
 * first measure of them (tests/bench/app.bench.ts, a loaded host) put a tap on a checkbox at
 * 1.54× and an arrow key on a select at 1.83× the plain page, through React's event system.
 */
export function nativeAnswerRef<E extends HTMLInputElement | HTMLSelectElement>(registration: UseFormRegisterReturn, onChangeInstead?: (event: Event, answer: E) => void): (element: E | null) => (() => void) | undefined {
  return (element) => {
    registration.ref(element);
    if (!element) return undefined;
    changeHandlers.set(element, (event) => {
      if (onChangeInstead) onChangeInstead(event, element);
      else void registration.onChange(event);
    });
    answers.add(element);
    installBubbleStop(element.form ?? element);
    installHoverStop(element.ownerDocument.defaultView);
    installRootStop(element.ownerDocument);
    return () => {
      answers.delete(element);
      changeHandlers.delete(element);
      registration.ref(null);
    };
  };
}
