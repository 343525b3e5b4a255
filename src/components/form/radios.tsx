/**
 * Radios with conditional reveals (NHS.UK radios pattern), bound by form path.
 * The first radio carries the question's id so an error-summary link lands on it.
 * Only this component re-renders when the answer changes (useWatch on its own path),
 * which keeps conditional questions cheap on a long page.
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { AnswerOption } from '../../domain/assessment/fields';
import { fieldId } from '../../domain/assessment/issues';
import { Fieldset } from './form-group';
import type { LegendSize, QuestionText } from './form-group';
import { useFieldError } from './issues-context';
import { nativeAnswerRef } from './native-answer';

export interface RadiosProps extends QuestionText {
  name: string;
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  options: readonly AnswerOption[];
  /** Content revealed under an option while it is selected. */
  conditional?: Partial<Record<string, ReactNode>>;
  inline?: boolean;
  small?: boolean;
  /** Index before which an "or" divider is shown (for "Not known"-style answers). */
  dividerBefore?: number;
}

export function optionId(name: string, index: number): string {
  return index === 0 ? fieldId(name) : `${fieldId(name)}-${index + 1}`;
}

/**
 * Only radios with conditional reveals watch their own answer: a plain question re-renders
 * nothing when answered, so a tap costs what it costs on a plain HTML page.
 */
export function Radios(props: RadiosProps) {
  return props.conditional ? <WatchedRadios {...props} /> : <RadiosView {...props} selected={undefined} />;
}

function WatchedRadios(props: RadiosProps) {
  const selected: unknown = useWatch({ exact: true, name: props.name });
  return <RadiosView {...props} selected={selected} />;
}

function RadiosView({ name, legend, legendSize, isPageHeading, hint, optional, options, conditional, inline, small, dividerBefore, selected }: RadiosProps & { selected: unknown }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const classes = ['nhsuk-radios', inline ? 'nhsuk-radios--inline' : '', small ? 'nhsuk-radios--small' : ''].filter(Boolean).join(' ');
  return (
    <Fieldset name={name} legend={legend} legendSize={legendSize} isPageHeading={isPageHeading} hint={hint} error={error} optional={optional}>
      <div className={classes}>
        {options.map((option, index) => {
          const id = optionId(name, index);
          const reveal = conditional?.[option.value];
          const checked = selected === option.value;
          return (
            <Fragment key={option.value}>
              {dividerBefore === index ? <div className="nhsuk-radios__divider">or</div> : null}
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={id}
                  type="radio"
                  autoComplete="off"
                  value={option.value}
                  aria-controls={reveal ? `conditional-${id}` : undefined}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                  name={name}
                  ref={nativeAnswerRef(register(name))}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
              {reveal ? (
                <div className={`nhsuk-radios__conditional${checked ? '' : ' nhsuk-radios__conditional--hidden'}`} id={`conditional-${id}`}>
                  {checked ? reveal : null}
                </div>
              ) : null}
            </Fragment>
          );
        })}
      </div>
    </Fieldset>
  );
}
