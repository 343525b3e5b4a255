/**
 * FormGroup: the one place that wires a question's label or legend, hint, error message
 * and aria-describedby (NHS.UK form group pattern). Every input goes through it, so an
 * error shown in the summary is always the same text, announced with the field, and the
 * summary link always lands on an element with the expected id.
 */
import type { ReactNode } from 'react';
import { fieldId } from '../../domain/assessment/issues';

export interface QuestionText {
  hint?: ReactNode | undefined;
  error?: string | undefined;
  /** Mark optional questions as the NHS service manual asks: no asterisks on required ones. */
  optional?: boolean | undefined;
}

export const hintId = (name: string): string => `${fieldId(name)}-hint`;
export const errorId = (name: string): string => `${fieldId(name)}-error`;

/** The ids an input is described by, hint first then error (GOV.UK order). */
export function describedBy(name: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [extra, hint ? hintId(name) : undefined, error ? errorId(name) : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Hint({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="nhsuk-hint" id={hintId(name)}>
      {children}
    </div>
  );
}

export function ErrorMessage({ name, children }: { name: string; children: ReactNode }) {
  return (
    <span className="nhsuk-error-message" id={errorId(name)}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {children}
    </span>
  );
}

export function OptionalMarker({ optional }: { optional?: boolean | undefined }) {
  // The space sits outside the span: some accessible-name computations trim inside an element.
  return optional ? (
    <>
      {' '}
      <span className="app-optional">(optional)</span>
    </>
  ) : null;
}

export function FormGroup({ error, children, className }: { error?: string | undefined; children: ReactNode; className?: string }) {
  return <div className={['nhsuk-form-group', error ? 'nhsuk-form-group--error' : '', className ?? ''].filter(Boolean).join(' ')}>{children}</div>;
}

export type LegendSize = 's' | 'm' | 'l';

/** A fieldset whose legend is the question; `isPageHeading` makes the legend the page's h1. */
export function Fieldset({
  name,
  legend,
  legendSize = 's',
  isPageHeading = false,
  hint,
  error,
  optional,
  children,
  role,
}: QuestionText & { name: string; legend: ReactNode; legendSize?: LegendSize | undefined; isPageHeading?: boolean | undefined; children: ReactNode; role?: "group" | undefined }) {
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(name, hint, error)} role={role}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>
          {isPageHeading ? (
            <h1 className="nhsuk-fieldset__heading">{legend}</h1>
          ) : (
            <>
              {legend}
              <OptionalMarker optional={optional} />
            </>
          )}
        </legend>
        {hint ? <Hint name={name}>{hint}</Hint> : null}
        {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
        {children}
      </fieldset>
    </FormGroup>
  );
}
