/**
 * Select bound by form path, for long canonical lists (relationship to the patient).
 * A native select: the most reliable control for touch, keyboard and screen readers.
 */
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import type { AnswerOption } from '../../domain/assessment/fields';
import { fieldId } from '../../domain/assessment/issues';
import { describedBy, ErrorMessage, FormGroup, Hint, OptionalMarker } from './form-group';
import type { QuestionText } from './form-group';
import { useFieldError } from './issues-context';
import { nativeAnswerRef } from './native-answer';

export interface SelectProps extends QuestionText {
  name: string;
  label: ReactNode;
  options: readonly AnswerOption[];
  /** Text of the empty first choice. */
  placeholder?: string;
}

export function Select({ name, label, hint, optional, options, placeholder = 'Select' }: SelectProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
        <OptionalMarker optional={optional} />
      </label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <select className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`} id={id} autoComplete="off" aria-describedby={describedBy(name, hint, error)} name={name} ref={nativeAnswerRef(register(name))}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
