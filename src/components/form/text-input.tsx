/**
 * Text input and textarea bound to the surrounding react-hook-form by form path.
 * Uncontrolled (register), so typing never re-renders React: the typing budget in
 * PRODUCT.md section 10 is 1.15× a plain HTML field.
 *
 * Every field says autocomplete="off" (and so do the checkboxes, radios, selects and every
 * form): Chromium writes the state of other form fields into its session-restore files
 * (`Default/Sessions/`) in clear, outside the encrypted store, and offers typed values back
 * in other records. Patient text lives only in the sealed record (SECURITY.md).
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { fieldId } from '../../domain/assessment/issues';
import { describedBy, ErrorMessage, FormGroup, Hint, OptionalMarker } from './form-group';
import type { QuestionText } from './form-group';
import { useFieldError } from './issues-context';

type Width = 2 | 3 | 4 | 5 | 10 | 20 | 30;

export interface TextInputProps extends QuestionText {
  name: string;
  label: ReactNode;
  /** Visually a heading-sized label (s, m, l) for single-question pages. */
  labelSize?: 's' | 'm' | 'l';
  width?: Width;
  type?: 'text' | 'tel' | 'email';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  spellCheck?: boolean;
  /** Extra content after the input (for example pseudo-postcode buttons). */
  after?: ReactNode;
}

export function TextInput({ name, label, labelSize, hint, optional, width, type = 'text', inputMode, autoComplete = 'off', spellCheck, after }: TextInputProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(name);
  const classes = ['nhsuk-input', width ? `nhsuk-input--width-${width}` : '', error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <FormGroup error={error}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
        <OptionalMarker optional={optional} />
      </label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <input
        className={classes}
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(name, hint, error)}
        {...register(name)}
      />
      {after}
    </FormGroup>
  );
}

export interface TextareaProps extends QuestionText {
  name: string;
  label: ReactNode;
  labelSize?: 's' | 'm' | 'l';
  rows?: number;
  /** Right-to-left and mixed-script accounts are written as typed: the browser picks the direction per paragraph. */
  spellCheck?: boolean;
}

export function Textarea({ name, label, labelSize, hint, optional, rows = 4, spellCheck = true }: TextareaProps) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <FormGroup error={error}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>
        {label}
        <OptionalMarker optional={optional} />
      </label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`}
        id={id}
        rows={rows}
        dir="auto"
        autoComplete="off"
        spellCheck={spellCheck}
        aria-describedby={describedBy(name, hint, error)}
        {...register(name)}
      />
    </FormGroup>
  );
}
