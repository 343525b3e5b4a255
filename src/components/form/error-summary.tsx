/**
 * Error summary ("There is a problem"): shown at the top of main when the nurse presses a
 * button that validates, focused so screen readers announce it, with one link per problem
 * that moves focus to the field and scrolls its question into view (GOV.UK/NHS pattern).
 */
import { useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { fieldId } from '../../domain/assessment/issues';
import { Link } from '../navigation/router';

/** Moves focus to the input for a form path, keeping its label or legend in view. */
export function focusField(path: string): void {
  const target = document.getElementById(fieldId(path));
  if (!target) return;
  const input = target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea');
  const focusable = input ?? target;
  // A question inside a closed details element (a collapsed checklist group) cannot take focus: open it first.
  const details = focusable.closest('details');
  if (details && !details.open) details.open = true;
  const legend = focusable.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(focusable.id)}"]`);
  (legend ?? label ?? focusable).scrollIntoView({ block: 'start' });
  focusable.focus({ preventScroll: true });
}

export interface ErrorSummaryProps {
  issues: readonly Issue[];
  title?: string;
  description?: string;
  /** For problems on other pages: where each link goes (in-app navigation, then focus). */
  linkTo?: (issue: Issue) => { to: string; focus: string };
}

export function ErrorSummary({ issues, title = 'There is a problem', description, linkTo }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (issues.length > 0) ref.current?.focus();
  }, [issues]);
  if (issues.length === 0) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    event.preventDefault();
    focusField(path);
  };
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      {/* role=alert on an inner element avoids a race between focus and announcement (nhsuk-react-components). */}
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id="error-summary-title">
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {issues.map((issue) => {
              const target = linkTo?.(issue);
              return (
                <li key={issue.field}>
                  {target ? (
                    <Link to={target.to} focus={target.focus}>
                      {issue.message}
                    </Link>
                  ) : (
                    <a href={`#${fieldId(issue.field)}`} onClick={(event) => onClick(event, issue.field)}>
                      {issue.message}
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}
