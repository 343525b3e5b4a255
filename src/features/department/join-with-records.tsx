/**
 * A tablet already in use joins a department (issue 14; docs/design/department-sync.md §3,
 * "Where the built joining with records differs"), on the department sharing page of a
 * set-up tablet that does not share yet, for the nurse in charge: the code shown on a tablet
 * that already shares, then a confirmation that says plainly what happens to this tablet's
 * records, staff accounts, settings and recovery key. Storage does the rest
 * (storage/sync/department-join-records.ts). After the join, the page says how far the
 * re-sealing has got (nothing of this tablet is shared before it finishes), lists this
 * tablet's own accounts, and names any held by two accounts (never merged).
 */
import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { formatDateTime } from '../../domain/shared/dates';
import { Button, ButtonGroup } from '../../components/content/button';
import { FailureAlert, InsetText, WarningCallout } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { TextInput } from '../../components/form/text-input';
import { useRekeyStatus, useRepositories } from '../../storage/repositories/react';
import type { JoinedWithRecords } from '../../storage/repositories/types';
import { Form } from '../../components/form/form';

const CODE_FIELD = 'departmentCode';

/** The confirmation's words: what joining does to this tablet (shown before anything is sent). */
export const JOIN_WITH_RECORDS_WORDS = {
  heading: 'Join a department that already shares',
  confirmTitle: "Join the department with this tablet's records?",
  records: "This tablet's records will be shared with the department. They are sealed again under the department's key in the background, then every tablet of the department finds them in the look-up and the lists.",
  staff: "This tablet's staff accounts move to the department's. Each person unlocks with their own PIN or passphrase, as now. The department's staff accounts are added here. Two accounts with the same name stay two separate accounts and are listed for you afterwards.",
  settings: "This tablet's settings and recovery key are replaced by the department's. Only the department's recovery key opens this tablet from now on.",
  final: 'This cannot be undone from this tablet. It is recorded in the audit trail with your name.',
  confirm: "Yes, share this tablet's records with the department",
} as const;

const plural = (count: number, word: string) => `${String(count)} ${word}${count === 1 ? '' : 's'}`;

export function JoinWithRecords() {
  const { department } = useRepositories();
  const form = useForm({ defaultValues: { [CODE_FIELD]: '' }, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const join = async () => {
    setBusy(true);
    setFailure(undefined);
    const result = await department.joinWithRecords(form.getValues(CODE_FIELD));
    setBusy(false);
    setConfirming(false);
    if (result.ok) return;
    if (result.error.kind === 'code') {
      setIssues([{ field: CODE_FIELD, message: result.error.message }]);
      return;
    }
    setIssues([]);
    setFailure(result.error.message);
  };

  return (
    <>
      <h2 className="nhsuk-heading-m">{JOIN_WITH_RECORDS_WORDS.heading}</h2>
      <ErrorSummary issues={issues} />
      <FailureAlert message={failure} />
      <p>If another tablet of your department already shares its records, join that department instead of making a new one. Its nurse in charge shows you a code (Settings, Department sharing, Add a tablet).</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form
            onSubmit={() => {
              setIssues([]);
              setConfirming(true);
            }}
          >
            <TextInput name={CODE_FIELD} label="Enrolment code" labelSize="s" hint="16 letters and numbers, for example 7KQ2-M9XD-4TNC-HW3B" width={20} inputMode="text" autoComplete="off" spellCheck={false} />
            {confirming ? null : (
              <Button type="submit" variant="secondary" disabled={busy}>
                Join the department
              </Button>
            )}
          </Form>
        </IssuesProvider>
      </FormProvider>
      {confirming ? (
        <WarningCallout title={JOIN_WITH_RECORDS_WORDS.confirmTitle}>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>{JOIN_WITH_RECORDS_WORDS.records}</li>
            <li>{JOIN_WITH_RECORDS_WORDS.staff}</li>
            <li>{JOIN_WITH_RECORDS_WORDS.settings}</li>
          </ul>
          <p>{JOIN_WITH_RECORDS_WORDS.final}</p>
          <ButtonGroup>
            <Button onClick={() => void join()} disabled={busy}>
              {busy ? 'Joining…' : JOIN_WITH_RECORDS_WORDS.confirm}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </ButtonGroup>
        </WarningCallout>
      ) : null}
    </>
  );
}

/** After a join with records: the re-sealing's progress, this tablet's own accounts, and names held twice. */
export function JoinedWithRecordsNotice() {
  const { department } = useRepositories();
  const rekey = useRekeyStatus();
  const [joined, setJoined] = useState<JoinedWithRecords | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void department.joinedWithRecords().then((result) => {
      if (live && result.ok) setJoined(result.value);
    });
    return () => {
      live = false;
    };
  }, [department, rekey]);
  if (!joined) return null;
  const { counts } = joined;
  const brought = `${plural(counts.attendances, 'attendance')}, ${plural(counts.letters, 'letter version')}, ${plural(counts.stubs, 'retained stub')} and an audit trail of ${plural(counts.auditEvents, 'event')}`;
  return (
    <>
      <h2 className="nhsuk-heading-m">Records this tablet held when it joined</h2>
      {joined.sealing ? (
        <InsetText>
          <p>
            This tablet joined the department on {formatDateTime(joined.joinedAt)} holding {brought}. They are being sealed again under the department&apos;s key and are shared when that has finished. Keep the tablet unlocked.
          </p>
          {rekey?.kind === 'resealing' ? <p role="status">{`${String(rekey.done)} of ${plural(rekey.total, 'attendance')} sealed again`}</p> : null}
        </InsetText>
      ) : (
        <p>
          This tablet joined the department on {formatDateTime(joined.joinedAt)} holding {brought}. All of them are sealed under the department&apos;s key and shared.
        </p>
      )}
      {joined.ownAccounts.length ? (
        <>
          <h3 className="nhsuk-heading-s">Staff accounts from this tablet</h3>
          <p>These accounts were on this tablet before it joined. They are now accounts of the department, and each person unlocks with their own PIN or passphrase. Remove any that should not have access in Settings, Staff.</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {joined.ownAccounts.map((account) => (
              <li key={account.id}>{account.active ? account.name : `${account.name} (removed)`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {joined.sameNames.length ? (
        <WarningCallout title="Two accounts with the same name">
          <p>Each of these names is held by an account from this tablet and an account from the department. They are separate accounts with separate PINs: nothing was merged. Ask the person which one they use, and remove the other in Settings, Staff.</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {joined.sameNames.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
    </>
  );
}
