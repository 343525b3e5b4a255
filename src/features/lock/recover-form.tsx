/**
 * "Recover with the recovery key", from the lock screen (issue 11): a nurse in charge who has
 * forgotten their passphrase types the recovery key the trust keeps and a new passphrase.
 * Storage checks the key, that the account is a nurse in charge's, and the passphrase rules;
 * it records every use and every refusal, replaces the key and signs them in, and the app
 * then shows the new recovery key once. The words come from domain/settings/recovery-key.ts.
 */
import { useState } from 'react';
import { FormProvider, useForm, useFormContext } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { emptyRecoverDraft, recoverDraftSchema, recoverQuestions as q, validateRecover } from '../../domain/settings/recovery-key';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { describedBy, ErrorMessage, FormGroup, Hint } from '../../components/form/form-group';
import { IssuesProvider, useFieldError } from '../../components/form/issues-context';
import { Radios } from '../../components/form/radios';
import { TextInput } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { useRepositories } from '../../storage/repositories/react';
import type { StaffName } from '../../storage/repositories/types';
import { Form } from '../../components/form/form';

/** A password-type field that no browser offers to save (autocomplete one-time-code: see SECURITY.md). */
function PassphraseInput({ name, label, hint }: { name: string; label: string; hint?: string }) {
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
        className={`nhsuk-input nhsuk-input--width-30${error ? ' nhsuk-input--error' : ''}`}
        id={name}
        type="password"
        autoComplete="one-time-code"
        spellCheck={false}
        aria-describedby={describedBy(name, hint, error)}
        {...register(name)}
      />
    </FormGroup>
  );
}

export function RecoverForm({ staff, onBack }: { staff: readonly StaffName[]; onBack: () => void }) {
  const { session } = useRepositories();
  // Passphrase accounts only: a nurse in charge always has one (the lock screen knows kinds, not roles).
  const accounts = staff.filter((member) => member.active && member.secretKind === 'passphrase');
  const single = accounts.length === 1 ? accounts[0] : undefined;
  const form = useForm({ defaultValues: { ...emptyRecoverDraft(), staffId: single?.id ?? '' }, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const onSubmit = async () => {
    const draft = recoverDraftSchema.parse(form.getValues());
    const found = validateRecover(draft);
    setIssues(found);
    if (found.length) return;
    setBusy(true);
    const result = await session.recover(draft.staffId, draft.recoveryKey, draft.secret);
    // Nothing typed stays in the form, whatever the answer (on success this screen goes away).
    form.reset({ ...emptyRecoverDraft(), staffId: draft.staffId });
    setBusy(false);
    if (!result.ok) setIssues([{ field: 'recoveryKey', message: result.error.kind === 'refused' ? result.error.message : result.error.failure.message }]);
  };
  return (
    <Page title={q.title} hasErrors={issues.length > 0} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      <h1>{q.title}</h1>
      <p>{q.intro}</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            {single ? (
              <p>
                Account: <strong>{single.name}</strong>
              </p>
            ) : (
              <Radios name="staffId" legend={q.staffId.label} options={accounts.map((member) => ({ value: member.id, label: member.name }))} />
            )}
            <TextInput name="recoveryKey" label={q.recoveryKey.label} hint={q.recoveryKey.hint} width={30} spellCheck={false} />
            <PassphraseInput name="secret" label={q.passphrase.label} hint={q.passphrase.hint} />
            <PassphraseInput name="secretConfirm" label={q.secretConfirm.label} />
            <Button type="submit" disabled={busy}>
              {busy ? 'Checking…' : q.submit}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
      <Button variant="secondary" onClick={onBack}>
        {q.back}
      </Button>
    </Page>
  );
}
