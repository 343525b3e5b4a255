/**
 * Joining a department (issue 14; docs/design/department-sync.md §3), from the first-run
 * set-up screen of a new tablet: the enrolment code the nurse in charge shows on a tablet that
 * already shares, typed here. Storage does the rest (storage/sync/department-join.ts): all or
 * nothing, then the lock screen, where staff unlock with their own PIN or passphrase. Every
 * failure is said in words: a mistyped code on the field, and the server's own words for an
 * expired or used code, an unreachable server, or an address that is not a department server.
 */
import { FailureAlert } from '../../components/content/feedback';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { TextInput } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import { Form } from '../../components/form/form';

const CODE_FIELD = 'enrolmentCode';

export function JoinDepartmentPage() {
  const { department } = useRepositories();
  const navigate = useNavigate();
  const form = useForm({ defaultValues: { [CODE_FIELD]: '' }, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onSubmit = async () => {
    setBusy(true);
    setFailure(undefined);
    const typed = form.getValues(CODE_FIELD);
    const result = await department.join(typed);
    setBusy(false);
    if (result.ok) {
      // The lock screen takes over; after unlock the app starts at home, not on this set-up path.
      navigate(paths.home());
      return;
    }
    if (result.error.kind === 'code') {
      setIssues([{ field: CODE_FIELD, message: result.error.message }]);
      return;
    }
    setIssues([]);
    setFailure(result.error.message);
  };

  return (
    <Page title="Join a department" hasErrors={issues.length > 0} backLink={{ to: paths.home(), text: 'Set up this tablet' }} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      <FailureAlert message={failure} />
      <h1>Join a department</h1>
      <p>Use this on a new tablet to share records with the other tablets of your department. The nurse in charge shows a code on a tablet that already shares (Settings, Department sharing, Add a tablet).</p>
      <p>The code works once, for 10 minutes. When this tablet has joined, staff unlock it with their own PIN or passphrase.</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            <TextInput name={CODE_FIELD} label="Enrolment code" labelSize="s" hint="16 letters and numbers, for example 7KQ2-M9XD-4TNC-HW3B" width={20} inputMode="text" autoComplete="off" spellCheck={false} />
            <Button type="submit" disabled={busy}>
              {busy ? 'Joining…' : 'Join the department'}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
    </Page>
  );
}
