/**
 * A radio's answer reaches the form through its native listener, and the pointer's hover
 * events stop before any ancestor (React's root listens there) while the events the idle
 * lock and the section page listen for still pass (native-answer.ts).
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

  it('stops nothing once the answer is gone', () => {
    const { root, input, heard, cleanUp } = setUp();
    cleanUp?.();
    input.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(heard).toEqual(['mouseover sex']);
    root.remove();
  });
});
