/**
 * The questions for a staff account, shared by first-run set-up and "Add staff".
 */
import { staffGroupOptions, staffRoleOptions } from '../../domain/assessment/staff-ref';
import { secretKindOptions, staffAccountQuestions as q } from '../../domain/settings/staff-account';
import { Radios } from '../../components/form/radios';
import { TextInput } from '../../components/form/text-input';
import { describedBy, ErrorMessage, FormGroup, Hint } from '../../components/form/form-group';
import { useFieldError } from '../../components/form/issues-context';
import { useFormContext, useWatch } from 'react-hook-form';

function SecretFields() {
  const kind: unknown = useWatch({ exact: true, name: 'secretKind' });
  if (kind !== 'pin' && kind !== 'passphrase') return null;
  const pin = kind === 'pin';
  return (
    <>
      <SecretInput name="secret" label={pin ? q.pin.label : q.passphrase.label} hint={pin ? q.pin.hint : q.passphrase.hint} pin={pin} />
      <SecretInput name="secretConfirm" label={q.secretConfirm.label} pin={pin} />
    </>
  );
}

/**
 * A password-type input: never shown, never autofilled into another record, never spell-checked.
 * autocomplete="one-time-code", not new-password: Chromium ignores "off" on password fields and
 * offers to save them, writing the name typed beside them into its password store (Login Data)
 * even when the offer is dismissed; it makes no offer for a one-time code (SECURITY.md).
 */
export function SecretInput({ name, label, hint, pin }: { name: string; label: string; hint?: string; pin: boolean }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <FormGroup error={error}>
      <label className="nhsuk-label" htmlFor={name}>
        {label}
      </label>
      {hint ? <Hint name={name}>{hint}</Hint> : null}
      {error ? <ErrorMessage name={name}>{error}</ErrorMessage> : null}
      <input
        className={`nhsuk-input ${pin ? 'nhsuk-input--width-10' : 'nhsuk-input--width-30'}${error ? ' nhsuk-input--error' : ''}`}
        id={name}
        type="password"
        inputMode={pin ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        spellCheck={false}
        aria-describedby={describedBy(name, hint, error)}
        {...register(name)}
      />
    </FormGroup>
  );
}

/** The nurse in charge's secret at set-up: a passphrase, with no choice of PIN offered (issue 11). */
function PassphraseFields() {
  return (
    <>
      <SecretInput name="secret" label={q.passphrase.label} hint={q.nurseInChargePassphrase.hint} pin={false} />
      <SecretInput name="secretConfirm" label={q.secretConfirm.label} pin={false} />
    </>
  );
}

/** `passphraseOnly`: the account is the nurse in charge's (set-up), so no PIN is offered; the form's secretKind is 'passphrase'. */
export function StaffFields({ askRole, passphraseOnly = false }: { askRole: boolean; passphraseOnly?: boolean }) {
  return (
    <>
      <TextInput name="name" label={q.name.label} spellCheck={false} />
      {askRole ? <Radios name="role" legend={q.role.label} options={staffRoleOptions} /> : null}
      <Radios name="staffGroup" legend={q.staffGroup.label} options={staffGroupOptions} conditional={{ agency: <TextInput name="agencyName" label={q.agencyName.label} /> }} />
      <TextInput name="registrationNumber" label={q.registrationNumber.label} hint={q.registrationNumber.hint} optional width={20} spellCheck={false} />
      {passphraseOnly ? (
        <PassphraseFields />
      ) : (
        <>
          <Radios name="secretKind" legend={q.secretKind.label} options={secretKindOptions} />
          <SecretFields />
        </>
      )}
    </>
  );
}
