/**
 * Derived values follow the form, and the derived values of one change share one parse of
 * the section (use-form-derived.ts `parsedOnce`).
 */
import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { FormProvider, useForm, useFormContext } from 'react-hook-form';
import { describe, expect, test, vi } from 'vitest';
import * as z from 'zod/mini';
import { parsedOnce, useFormDerived } from './use-form-derived';

const schema = z.object({ givenName: z.catch(z.string(), ''), familyName: z.catch(z.string(), '') });

function Derived({ read }: { read: (values: unknown) => z.output<typeof schema> }) {
  const initials = useFormDerived((values) => `${read(values).givenName.slice(0, 1)}${read(values).familyName.slice(0, 1)}`);
  const length = useFormDerived((values) => read(values).givenName.length + read(values).familyName.length);
  return (
    <p>
      {initials} {length}
    </p>
  );
}

function Form({ read, onForm }: { read: (values: unknown) => z.output<typeof schema>; onForm: (set: (name: 'givenName' | 'familyName', value: string) => void) => void }) {
  const form = useForm({ defaultValues: { givenName: 'Maya', familyName: 'Okafor' } });
  onForm((name, value) => form.setValue(name, value));
  return (
    <FormProvider {...form}>
      <input {...form.register('givenName')} aria-label="Given name" />
      <Derived read={read} />
    </FormProvider>
  );
}

describe('useFormDerived and parsedOnce', () => {
  test('two derived values of one change parse the section once between them, and read the change', () => {
    const parse = vi.spyOn(schema, 'parse');
    const read = parsedOnce(schema);
    let set: (name: 'givenName' | 'familyName', value: string) => void = () => undefined;
    render(<Form read={read} onForm={(given) => (set = given)} />);
    expect(screen.getByText('MO 10')).toBeInTheDocument();

    parse.mockClear();
    act(() => set('givenName', 'Ade'));
    expect(screen.getByText('AO 9')).toBeInTheDocument();
    // One change, two derived values, four reads: one parse.
    expect(parse).toHaveBeenCalledTimes(1);

    parse.mockClear();
    act(() => set('familyName', 'Bello'));
    expect(screen.getByText('AB 8')).toBeInTheDocument();
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });

  test('parsedOnce parses each values object once, and another object anew', () => {
    const parse = vi.spyOn(schema, 'parse');
    const read = parsedOnce(schema);
    const first = { givenName: 'Maya', familyName: 'Okafor' };
    expect(read(first)).toBe(read(first));
    expect(parse).toHaveBeenCalledTimes(1);
    expect(read({ ...first, givenName: 'Ade' }).givenName).toBe('Ade');
    expect(parse).toHaveBeenCalledTimes(2);
    // Not an object: handed to the schema each time, never kept.
    expect(() => read(undefined)).toThrow();
    expect(() => read(undefined)).toThrow();
    expect(parse).toHaveBeenCalledTimes(4);
    parse.mockRestore();
  });

  test('a watcher that sets a value while a change is handed round: the derived values read the newer value', () => {
    const read = parsedOnce(schema);
    let set: (name: 'givenName' | 'familyName', value: string) => void = () => undefined;
    function Echo() {
      const { watch, setValue } = useFormContext<{ givenName: string; familyName: string }>();
      useEffect(() => {
        // Subscribed before the derived values (a child's effect runs first), as the CRAFFT Part B stamp is.
        const subscription = watch((_values, { name }) => {
          if (name === 'givenName') setValue('familyName', 'Stamped');
        });
        return () => subscription.unsubscribe();
      }, [watch, setValue]);
      return null;
    }
    function EchoForm({ onForm }: { onForm: (given: typeof set) => void }) {
      const form = useForm({ defaultValues: { givenName: 'Maya', familyName: 'Okafor' } });
      onForm((name, value) => form.setValue(name, value));
      return (
        <FormProvider {...form}>
          <Echo />
          <Derived read={read} />
        </FormProvider>
      );
    }
    render(<EchoForm onForm={(given) => (set = given)} />);
    act(() => set('givenName', 'Ade'));
    expect(screen.getByText('AS 10')).toBeInTheDocument();
  });
});
