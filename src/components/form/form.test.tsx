/** The screens' form element (form.tsx): the app's own validation, no autofill, no page load on submit. */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { Form } from './form';

describe('Form', () => {
  it('hands a submit to the screen without a page load, with browser validation and autofill off, and passes its ref on', async () => {
    const onSubmit = vi.fn();
    const ref = createRef<HTMLFormElement>();
    render(
      <Form onSubmit={onSubmit} ref={ref} aria-label="Look up">
        <input name="nhsNumber" required aria-label="NHS number" />
        <button type="submit">Search</button>
      </Form>,
    );
    const form = screen.getByRole('form', { name: 'Look up' });
    expect(ref.current).toBe(form);
    expect(form).toHaveAttribute('novalidate');
    expect(form).toHaveAttribute('autocomplete', 'off');
    const submitted: Event[] = [];
    form.addEventListener('submit', (event) => submitted.push(event));
    // The empty required field does not stop it: the app's own validation decides.
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    // Read once the event has finished (React handles it at the root, after this listener).
    expect(submitted.map((event) => event.defaultPrevented)).toEqual([true]);
  });
});
