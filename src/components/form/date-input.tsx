/**
 * Date input: day, month and year boxes in a fieldset (NHS.UK date input pattern).
 * The value is {day, month, year} strings at `name`; the day box has the question's id
 * path `name.day` so an error-summary link lands on it. A problem with one part highlights
 * that part; a problem with the date as a whole highlights all three (GOV.UK guidance).
 */
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { fieldId } from '../../domain/assessment/issues';
import { describedBy, ErrorMessage, FormGroup, Hint, OptionalMarker } from './form-group';
import type { LegendSize, QuestionText } from './form-group';
import { useFirstFieldError } from './issues-context';

export interface DateInputProps extends QuestionText {
  name: string;
  legend: ReactNode;
  legendSize?: LegendSize;
}

const PARTS = [
  { part: 'day', label: 'Day', width: 2 },
  { part: 'month', label: 'Month', width: 2 },
  { part: 'year', label: 'Year', width: 4 },
] as const;

export function DateInput({ name, legend, legendSize = 's', hint, optional }: DateInputProps) {
  const { register } = useFormContext();
  const found = useFirstFieldError(PARTS.map(({ part }) => `${name}.${part}`));
  const error = found?.message;
  const partOnly = found && /must include a (day|month|year)|Year must include/.test(found.message) ? found.name : undefined;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>
          {legend}
          <OptionalMarker optional={optional} />
        </legend>
        {hint ? <Hint name={name}>{hint}</Hint> : null}
        {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
        <div className="nhsuk-date-input" id={fieldId(name)}>
          {PARTS.map(({ part, label, width }) => {
            const path = `${name}.${part}`;
            const highlighted = error !== undefined && (partOnly === undefined || partOnly === path);
            return (
              <div className="nhsuk-date-input__item" key={part}>
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={fieldId(path)}>
                    {label}
                  </label>
                  <input
                    className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${highlighted ? ' nhsuk-input--error' : ''}`}
                    id={fieldId(path)}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    {...register(path)}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** A time of day as one short text box ("14:30"), with the 24-hour hint. */
export function TimeInput({ name, label, hint = 'Use the 24-hour clock, for example 14:30' }: { name: string; label: ReactNode; hint?: ReactNode }) {
  const { register } = useFormContext();
  const found = useFirstFieldError([name]);
  const error = found?.message;
  const id = fieldId(name);
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <input
        className={`nhsuk-input nhsuk-input--width-5${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-describedby={describedBy(name, hint, error)}
        {...register(name)}
      />
    </FormGroup>
  );
}
