/**
 * The form element of every screen: the browser's own validation off (the app validates and
 * shows the GOV.UK error summary, and validation never stops a save: PRODUCT.md principle 4),
 * autofill off (a shared ward tablet must not offer one patient's or nurse's details for the
 * next), and a submit handled by the app without a page load.
 */
import type { FormHTMLAttributes, Ref } from 'react';

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> {
  /** What "submit" does (a promise is not awaited here: the handler reports its own outcome). */
  onSubmit: () => unknown;
  ref?: Ref<HTMLFormElement>;
}

export function Form({ onSubmit, autoComplete = 'off', children, ...rest }: FormProps) {
  return (
    <form
      autoComplete={autoComplete}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      {...rest}
    >
      {children}
    </form>
  );
}
