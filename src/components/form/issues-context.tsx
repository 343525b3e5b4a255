/**
 * Issues context: the validation issues of the current page, so each field finds its own
 * inline error by form path. The value changes only when the nurse presses a button that
 * validates (never while typing), so fields re-render only then.
 */
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Issue } from '../../domain/assessment/issues';

const IssuesContext = createContext<ReadonlyMap<string, string>>(new Map());

export function IssuesProvider({ issues, children }: { issues: readonly Issue[]; children: ReactNode }) {
  const map = useMemo(() => new Map(issues.map((issue) => [issue.field, issue.message])), [issues]);
  return <IssuesContext.Provider value={map}>{children}</IssuesContext.Provider>;
}

/** The inline error for a form path, if any. */
export function useFieldError(name: string): string | undefined {
  return useContext(IssuesContext).get(name);
}

/** The first inline error among several paths (a date's day, month and year). */
export function useFirstFieldError(names: readonly string[]): { name: string; message: string } | undefined {
  const map = useContext(IssuesContext);
  for (const name of names) {
    const message = map.get(name);
    if (message) return { name, message };
  }
  return undefined;
}
