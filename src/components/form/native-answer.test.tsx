/**
 * A radio's answer reaches the form through its native listener, and the pointer's hover
 * events stop before any ancestor (React's root listens there) while the events the idle
 * lock and the section page listen for still pass (native-answer.ts); so do keys, on <html>.
 */
import { describe, expect, it, vi } from 'vitest';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { nativeAnswerRef } from './native-answer';

function setUp() {
  const root = document.createElement('div');
  root.innerHTML = '<form><div class="nhsuk-radios__item"><input type="radio" id="sex" name="sex" value="male"><label for="sex">Male</label></div><p id="other">Other</p></form>';
  document.body.append(root);
  const input = root.querySelector('input') as HTMLInputElement;
  const onChange = vi.fn(() => Promise.resolve());
  const registration = { name: 'sex', onChange, onBlur: vi.fn(() => Promise.resolve()), ref: vi.fn() } as unknown as UseFormRegisterReturn;
  const cleanUp = nativeAnswerRef(registration)(input);
  const heard: string[] = [];
  for (const type of ['mouseover', 'pointermove', 'pointerdown', 'focusin', 'click']) {
    root.addEventListener(type, (event) => heard.push(`${type} ${(event.target as Element).id || (event.target as Element).tagName.toLowerCase()}`), true);
  }
  return { root, input, onChange, heard, cleanUp };
}

describe('nativeAnswerRef', () => {
  it('hands a change to the registration and stops hover events at an answer, its label included, before any ancestor', () => {
    const { root, input, onChange, heard, cleanUp } = setUp();
    input.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    input.dispatchEvent(new Event('pointermove', { bubbles: true }));
    root.querySelector('label')?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    root.querySelector('#other')?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(heard).toEqual(['mouseover other']);

    input.click();
    expect(onChange).toHaveBeenCalledTimes(1);
    cleanUp?.();
    root.remove();
  });

  it('lets a tap and a focus through the capture phase (the idle lock and "last field" listen there)', () => {
    const { root, input, heard, cleanUp } = setUp();
    input.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    input.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(heard).toEqual(['pointerdown sex', 'focusin sex']);
    cleanUp?.();
    root.remove();
  });

  it("stops a key at an answer on <html>, after the document's capture listeners (the idle lock's) and before anything below; so an input", () => {
    const { root, input, cleanUp } = setUp();
    const heard: string[] = [];
    const onDocument = (event: Event) => heard.push(`document ${event.type} ${(event.target as Element).id || (event.target as Element).tagName.toLowerCase()}`);
    const onBody = (event: Event) => heard.push(`body ${event.type} ${(event.target as Element).id || (event.target as Element).tagName.toLowerCase()}`);
    for (const type of ['keydown', 'keyup', 'input']) {
      document.addEventListener(type, onDocument, true);
      document.body.addEventListener(type, onBody, true);
    }
    input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowDown' }));
    input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'ArrowDown' }));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector('#other')?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
    expect(heard).toEqual(['document keydown sex', 'document keyup sex', 'document input sex', 'document keydown other', 'body keydown other']);
    for (const type of ['keydown', 'keyup', 'input']) {
      document.removeEventListener(type, onDocument, true);
      document.body.removeEventListener(type, onBody, true);
    }
    cleanUp?.();
    root.remove();
  });

  it("stops a tap's events from the answer in the bubble phase, before the form's ancestors, with one listener per event on the form however often answers are wired", () => {
    const root = document.createElement('div');
    root.innerHTML = '<form><input type="radio" id="yes" name="q" value="yes"><label for="yes">Yes</label><input type="radio" id="no" name="q" value="no"><p id="other">Other</p></form>';
    document.body.append(root);
    const form = root.querySelector('form') as HTMLFormElement;
    const added = vi.spyOn(form, 'addEventListener');
    const registration = { name: 'q', onChange: vi.fn(() => Promise.resolve()), onBlur: vi.fn(() => Promise.resolve()), ref: vi.fn() } as unknown as UseFormRegisterReturn;
    const [yes, no] = [...root.querySelectorAll('input')] as HTMLInputElement[];
    // Wired, unwired and wired again, as a re-render does with a new ref callback.
    nativeAnswerRef(registration)(yes as HTMLInputElement)?.();
    const cleanUps = [nativeAnswerRef(registration)(yes as HTMLInputElement), nativeAnswerRef(registration)(no as HTMLInputElement)];
    const perEvent = new Map<string, number>();
    for (const [type] of added.mock.calls) perEvent.set(type, (perEvent.get(type) ?? 0) + 1);
    expect(perEvent.get('click')).toBe(1);
    expect(perEvent.get('touchstart')).toBe(1);
    expect(added.mock.calls.every(([, , options]) => typeof options === 'object' && options.passive === true)).toBe(true);

    const bubbled: string[] = [];
    for (const type of ['click', 'pointerdown', 'focusin', 'touchstart']) root.addEventListener(type, (event) => bubbled.push(`${type} ${(event.target as Element).id || (event.target as Element).tagName.toLowerCase()}`));
    for (const target of [yes, no, root.querySelector('label'), root.querySelector('#other')]) {
      target?.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      target?.dispatchEvent(new Event('touchstart', { bubbles: true }));
    }
    no?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    root.querySelector<HTMLElement>('#other')?.click();
    // The label's own events go on, as they did when the answer held the listeners; its click's activation of the answer stops.
    expect(bubbled).toEqual(['pointerdown label', 'touchstart label', 'pointerdown other', 'touchstart other', 'click other']);
    for (const cleanUp of cleanUps) cleanUp?.();
    yes?.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(bubbled.at(-1)).toBe('pointerdown yes');
    root.remove();
  });

  it('stops nothing once the answer is gone', () => {
    const { root, input, heard, cleanUp } = setUp();
    cleanUp?.();
    input.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(heard).toEqual(['mouseover sex']);
    root.remove();
  });

  it("wires a select the same way, and hands a checkbox group's change to its own handler instead of the registration", () => {
    const root = document.createElement('div');
    root.innerHTML = '<form><select id="basis" name="basis"><option value="a">A</option><option value="b">B</option></select><input type="checkbox" id="risk" name="risks" value="none"></form>';
    document.body.append(root);
    const bubbled: string[] = [];
    const captured: string[] = [];
    for (const type of ['input', 'change']) {
      root.addEventListener(type, (event) => bubbled.push((event.target as Element).id));
      root.addEventListener(type, (event) => captured.push((event.target as Element).id), true);
    }
    const select = root.querySelector('select') as HTMLSelectElement;
    const checkbox = root.querySelector('input') as HTMLInputElement;
    const registration = (name: string) => ({ name, onChange: vi.fn(() => Promise.resolve()), onBlur: vi.fn(() => Promise.resolve()), ref: vi.fn() }) as unknown as UseFormRegisterReturn & { onChange: ReturnType<typeof vi.fn> };
    const basis = registration('basis');
    const risks = registration('risks');
    const instead = vi.fn((_event: Event, answer: HTMLInputElement) => answer.checked);
    const cleanUps = [nativeAnswerRef(basis)(select), nativeAnswerRef<HTMLInputElement>(risks, instead)(checkbox)];

    select.value = 'b';
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect(basis.onChange).toHaveBeenCalledTimes(1);
    checkbox.click();
    expect(instead).toHaveBeenCalledTimes(1);
    expect(instead.mock.results[0]?.value).toBe(true);
    expect(risks.onChange).not.toHaveBeenCalled();
    // Nothing below <html> hears their change, in either phase (React's root would walk the tree for it).
    expect(bubbled).toEqual([]);
    expect(captured).toEqual([]);
    for (const cleanUp of cleanUps) cleanUp?.();
    root.remove();
  });
});
