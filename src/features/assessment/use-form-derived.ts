/**
 * A value derived from the whole form that re-renders its component only when the
 * derived value changes. Typing a name runs the (cheap, pure) selector but renders
 * nothing unless, say, a prompt appears or goes: this keeps typing at plain-HTML cost.
 */
import { useEffect, useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';

/** `deps`: other inputs of the selector (settings, context); a change re-runs it. */
export function useFormDerived<T>(select: (values: unknown) => T, deps: readonly unknown[] = []): T {
  const { watch, getValues } = useFormContext();
  const selectRef = useRef(select);
  selectRef.current = select;
  const [value, setValue] = useState<T>(() => select(getValues()));
  const lastKey = useRef(JSON.stringify(value));
  useEffect(() => {
    const update = () => {
      const next = selectRef.current(getValues());
      const key = JSON.stringify(next);
      if (key !== lastKey.current) {
        lastKey.current = key;
        setValue(next);
      }
    };
    update();
    const subscription = watch(update);
    return () => {
      subscription.unsubscribe();
    };
  }, [watch, getValues, ...deps]);
  return value;
}
