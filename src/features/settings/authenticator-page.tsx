/**
 * "Unlock with this tablet's authenticator as well" (issue 11 Clarification: an optional
 * hardware-bound factor, WebAuthn PRF). For whoever is signed in: add the tablet's platform
 * authenticator to their PIN or passphrase, or remove it. The words come from
 * domain/settings/hardware-factor.ts; storage checks the PIN, asks the authenticator and
 * audits (repositories/hardware-factor.ts). Offered only where the tablet has a platform
 * authenticator with PRF; the link to this page is not shown otherwise.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { emptyHardwareFactorDraft, hardwareFactorDraftSchema, hardwareFactorQuestions as q, validateHardwareFactor } from '../../domain/settings/hardware-factor';
import { Button } from '../../components/content/button';
import { SaveOutcome } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import { useEnrolled, useHardwareFactorAvailable } from './authenticator-link';
import { failureText } from './change-secret-page';
import { SecretInput } from './staff-fields';
import { Form } from '../../components/form/form';

export function AuthenticatorPage() {
  const { staff } = useRepositories();
  const available = useHardwareFactorAvailable();
  const enrolled = useEnrolled();
  const form = useForm({ defaultValues: emptyHardwareFactorDraft(), mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const onSubmit = async () => {
    const draft = hardwareFactorDraftSchema.parse(form.getValues());
    const found = validateHardwareFactor(draft);
    setIssues(found);
    setMessage(undefined);
    if (found.length) return;
    setBusy(true);
    const removing = enrolled === true;
    const result = removing ? await staff.removeHardwareFactor(draft.factorCurrent) : await staff.enrolHardwareFactor(draft.factorCurrent);
    setBusy(false);
    form.reset(emptyHardwareFactorDraft());
    setMessage(result.ok ? { ok: true, text: removing ? q.removed : q.added } : { ok: false, text: failureText(result.error) });
  };
  const loading = available === undefined || enrolled === undefined;
  const offered = enrolled === true || available === true;
  return (
    <Page title={q.title} hasErrors={issues.length > 0} backLink={{ to: paths.changeSecret(), text: 'Change your PIN or passphrase' }} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      <SaveOutcome message={message} />
      <h1>{q.title}</h1>
      <p>{q.intro}</p>
      {loading ? null : !offered ? (
        <p>{q.unavailable}</p>
      ) : (
        <>
          <p>{enrolled ? q.enrolled : q.notEnrolled}</p>
          {enrolled ? <p>{q.removeHint}</p> : <p>{q.caution}</p>}
          <FormProvider {...form}>
            <IssuesProvider issues={issues}>
              <Form onSubmit={onSubmit}>
                <SecretInput name="factorCurrent" label={q.current.label} pin={false} />
                <Button type="submit" disabled={busy} {...(enrolled ? { variant: 'secondary' } : {})}>
                  {busy ? 'Asking the authenticator…' : enrolled ? q.remove : q.add}
                </Button>
              </Form>
            </IssuesProvider>
          </FormProvider>
        </>
      )}
    </Page>
  );
}
