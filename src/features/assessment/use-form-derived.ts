/**
 * A value derived from the whole form that re-renders its component only when the
 * derived value changes. Typing a name runs the (cheap, pure) selector but renders
 * nothing unless, say, a prompt appears or goes: this keeps typing at plain-HTML cost.
 *
 * One change, one read: the derived values of a form share one watcher, which reads the
 * form once a change and hands that one copy to every selector, and selectors read the
 * section through `parsedOnce(schema)`, so the people page's four derived values parse it
 * once a change, not four times. A profile of ten answers on the people page at 4x
 * (tests/bench/app.bench.ts, 30 November 2026) put the four parses at about half of the
 * derived values' time.
 *
 * The copy is getValues(), the form as it is when the change is handed round, not the copy
 * react-hook-form hands its watchers: a watcher that sets a value while a change is handed
 * round (the CRAFFT Part B stamp) starts a newer change, and the older copy would then reach
 * the watchers after it.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import type { Control, UseFormGetValues, UseFormWatch } from 'react-hook-form';
import type * as z from 'zod/mini';

type Reader = (values: unknown) => void;

/** The one watcher of a form's derived values: reads the form once a change and hands it to each. */
interface Hub {
  readers: Set<Reader>;
  unsubscribe: () => void;
}

const hubs = new WeakMap<Control, Hub>();

function join(control: Control, watch: UseFormWatch<Record<string, unknown>>, getValues: UseFormGetValues<Record<string, unknown>>, reader: Reader): () => void {
  let hub = hubs.get(control);
  if (!hub) {
    const readers = new Set<Reader>();
    const subscription = watch(() => {
      const values = getValues();
      for (const read of [...readers]) read(values);
    });
    hub = { readers, unsubscribe: () => subscription.unsubscribe() };
    hubs.set(control, hub);
  }
  const joined = hub;
  joined.readers.add(reader);
  return () => {
    joined.readers.delete(reader);
    if (joined.readers.size === 0) {
      joined.unsubscribe();
      hubs.delete(control);
    }
  };
}

/** `deps`: other inputs of the selector (settings, context); a change re-runs it. */
export function useFormDerived<T>(select: (values: unknown) => T, deps: readonly unknown[] = []): T {
  const { control, watch, getValues } = useFormContext();
  const selectRef = useRef(select);
  useLayoutEffect(() => {
    selectRef.current = select;
  });
  const [value, setValue] = useState<T>(() => select(getValues()));
  const lastKey = useRef(JSON.stringify(value));
  useEffect(() => {
    const update = (values: unknown) => {
      const next = selectRef.current(values);
      const key = JSON.stringify(next);
      if (key !== lastKey.current) {
        lastKey.current = key;
        setValue(next);
      }
    };
    update(getValues());
    return join(control, watch, getValues, update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [control, watch, getValues, ...deps]);
  return value;
}

/**
 * `schema.parse`, kept for each values object it is given: the selectors of one change are
 * handed one copy of the form, and share its parse. Only for a copy nothing writes to while it
 * is read (what useFormDerived hands its selectors; a fresh getValues()); the parse is the
 * schema's own output, shared, so read-only.
 */
export function parsedOnce<S extends z.ZodMiniType>(schema: S): (values: unknown) => z.output<S> {
  const parsed = new WeakMap<object, z.output<S>>();
  return (values) => {
    if (typeof values !== 'object' || values === null) return schema.parse(values);
    const known = parsed.get(values);
    if (known !== undefined) return known;
    const result = schema.parse(values);
    parsed.set(values, result);
    return result;
  };
}
