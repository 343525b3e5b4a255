/**
 * Checkboxes bound by form path: a group whose value is an array of option values, and a
 * single checkbox for a yes/no flag ("Name not known") that may reveal a follow-up
 * question. Conditional content is mounted only while checked.
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { AnswerOption } from '../../domain/assessment/fields';
import { fieldId } from '../../domain/assessment/issues';
import { describedBy, ErrorMessage, Fieldset, FormGroup } from './form-group';
import type { LegendSize, QuestionText } from './form-group';
import { useFieldError } from './issues-context';
import { optionId } from './radios';
import { nativeAnswerRef } from './native-answer';

export interface CheckboxesProps extends QuestionText {
  name: string;
  legend: ReactNode;
  legendSize?: LegendSize;
  options: readonly (AnswerOption & { exclusive?: boolean })[];
  conditional?: Partial<Record<string, ReactNode>>;
  small?: boolean;
}

/** Only a group with conditional reveals watches its answer (see Radios). */
export function Checkboxes(props: CheckboxesProps) {
  return props.conditional ? <WatchedCheckboxes {...props} /> : <CheckboxesView {...props} watched={undefined} />;
}

function WatchedCheckboxes(props: CheckboxesProps) {
  const watched: unknown = useWatch({ exact: true, name: props.name });
  return <CheckboxesView {...props} watched={watched} />;
}

function CheckboxesView({ name, legend, legendSize, hint, optional, options, conditional, small, watched }: CheckboxesProps & { watched: unknown }) {
  const { register, setValue, getValues } = useFormContext();
  const selected = Array.isArray(watched) ? (watched as unknown[]) : [];
  const error = useFieldError(name);
  const registration = register(name);
  return (
    <Fieldset name={name} legend={legend} legendSize={legendSize} hint={hint} error={error} optional={optional}>
      <div className={`nhsuk-checkboxes${small ? ' nhsuk-checkboxes--small' : ''}`}>
        {options.map((option, index) => {
          const id = optionId(name, index);
          const reveal = conditional?.[option.value];
          const checked = selected.includes(option.value);
          return (
            <Fragment key={option.value}>
              {/* One "or" before the first of several exclusive answers ("None known", "Not known"), not one before each. */}
              {option.exclusive && index > 0 && options[index - 1]?.exclusive !== true ? <div className="nhsuk-checkboxes__divider">or</div> : null}
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={id}
                  type="checkbox"
                  autoComplete="off"
                  value={option.value}
                  aria-controls={reveal ? `conditional-${id}` : undefined}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                  name={name}
                  ref={nativeAnswerRef<HTMLInputElement>(registration, (event, answer) => {
                    // "None" style answers exclude the others, as the NHS.UK exclusive checkbox does.
                    if (answer.checked) {
                      const current = (getValues(name) as unknown[] | undefined) ?? [];
                      const others = options.filter((other) => other.value !== option.value);
                      const keep = option.exclusive ? [] : current.filter((value) => !others.some((other) => other.exclusive && other.value === value));
                      setValue(name, [...keep.filter((value) => value !== option.value), option.value], { shouldDirty: true });
                      return;
                    }
                    void registration.onChange(event);
                  })}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-item-hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
              {reveal ? (
                <div className={`nhsuk-checkboxes__conditional${checked ? '' : ' nhsuk-checkboxes__conditional--hidden'}`} id={`conditional-${id}`}>
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

export interface CheckboxProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Revealed while checked. */
  children?: ReactNode;
}

/** A single yes/no checkbox (boolean value) with an optional reveal; only one with a reveal watches its answer. */
export function Checkbox(props: CheckboxProps) {
  return props.children ? <WatchedCheckbox {...props} /> : <CheckboxView {...props} checked={false} />;
}

function WatchedCheckbox(props: CheckboxProps) {
  const checked = useWatch({ exact: true, name: props.name }) === true;
  return <CheckboxView {...props} checked={checked} />;
}

function CheckboxView({ name, label, hint, children, checked }: CheckboxProps & { checked: boolean }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <FormGroup error={error}>
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            type="checkbox"
            autoComplete="off"
            aria-controls={children ? `conditional-${id}` : undefined}
            aria-describedby={describedBy(name, hint, error)}
            name={name}
            ref={nativeAnswerRef(register(name))}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-hint`}>
              {hint}
            </div>
          ) : null}
        </div>
        {children ? (
          <div className={`nhsuk-checkboxes__conditional${checked ? '' : ' nhsuk-checkboxes__conditional--hidden'}`} id={`conditional-${id}`}>
            {checked ? children : null}
          </div>
        ) : null}
      </div>
    </FormGroup>
  );
}
