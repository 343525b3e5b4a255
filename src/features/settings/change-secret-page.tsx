/**
 * "Change your PIN or passphrase", for whoever is signed in (issue 11). The words come from
 * domain/settings/change-secret.ts; storage checks the current secret (throttled like the
 * lock screen, each wrong one audited) and the new one's rules again where it wraps the key.
 */
import { useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { changeSecretDraftSchema, changeSecretQuestions as q, emptyChangeSecretDraft, validateChangeSecret } from '../../domain/settings/change-secret';
import { secretKindOptions } from '../../domain/settings/staff-account';
import { formatClockTime } from '../../domain/shared/dates';
import { Button } from '../../components/content/button';
import { SaveOutcome, WarningCallout } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Radios } from '../../components/form/radios';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useRepositories, useSession } from '../../storage/repositories/react';
import type { StorageFailure, UnlockFailure } from '../../storage/repositories/types';
import { SecretInput } from './staff-fields';
import { AuthenticatorLink } from './authenticator-link';
import { Form } from '../../components/form/form';

function NewSecretFields() {
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

export function failureText(failure: StorageFailure | UnlockFailure): string {
  switch (failure.kind) {
    case 'wrong-secret':
      return failure.attemptsLeftBeforeDelay > 0
        ? `That is not your current PIN or passphrase. ${String(failure.attemptsLeftBeforeDelay)} more ${failure.attemptsLeftBeforeDelay === 1 ? 'try' : 'tries'} before you have to wait.`
        : 'That is not your current PIN or passphrase.';
    case 'throttled':
      return `Too many wrong tries. Try again after ${formatClockTime(failure.retryAfter)}.`;
    case 'storage':
      return failure.failure.message;
    case 'no-key':
    case 'other-device':
    case 'quota':
    case 'connection-lost':
    case 'locked':
    case 'stale':
    case 'not-found':
    case 'damaged':
    case 'forbidden':
    case 'unknown':
      return failure.message;
  }
}

/** `reason`: why it must be changed now (the app shows only this page until it is). */
export function ChangeSecretPage({ reason }: { reason?: string | undefined }) {
  const { staff } = useRepositories();
  const session = useSession();
  // The nurse in charge must choose a passphrase (issue 11); storage refuses a PIN for them too.
  const role = session.status === 'unlocked' ? session.staff.role : '';
  const form = useForm({ defaultValues: emptyChangeSecretDraft(), mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const onSubmit = async () => {
    const draft = changeSecretDraftSchema.parse(form.getValues());
    const found = validateChangeSecret(draft, role);
    setIssues(found);
    setMessage(undefined);
    if (found.length) return;
    setBusy(true);
    const result = await staff.changeSecret(draft.current, { secretKind: draft.secretKind === 'passphrase' ? 'passphrase' : 'pin', secret: draft.secret });
    setBusy(false);
    // Nothing typed stays in the form: the fields are emptied whatever the answer.
    form.reset(emptyChangeSecretDraft());
    setMessage(result.ok ? { ok: true, text: q.changed } : { ok: false, text: failureText(result.error) });
  };
  return (
    <Page title={q.title} hasErrors={issues.length > 0} {...(reason ? {} : { backLink: { to: paths.home(), text: 'Home' } })} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      <SaveOutcome message={message} />
      <h1>{q.title}</h1>
      {reason ? (
        <WarningCallout title="You need to change your PIN or passphrase">
          <p>{reason}</p>
        </WarningCallout>
      ) : null}
      <p>{q.intro}</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            <SecretInput name="current" label={q.current.label} pin={false} />
            <Radios name="secretKind" legend={q.secretKind.label} options={secretKindOptions} />
            <NewSecretFields />
            <Button type="submit" disabled={busy}>
              {busy ? 'Changing…' : q.submit}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
      {reason ? null : <AuthenticatorLink />}
    </Page>
  );
}
