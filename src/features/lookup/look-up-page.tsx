/**
 * Patient look-up (PRODUCT.md section 6; issue 12): find a patient's attendances on this tablet
 * by NHS number, or last name and date of birth, newest first, with the flags; confirm or
 * reject each possible match; start a new assessment with the patient details pre-filled.
 * Form reading, matching and flags are the domain's (domain/assessment/patient-look-up.ts).
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { Issue } from '../../domain/assessment/issues';
import { applyMatchDecisions, lookUpFlags, lookUpQuestions as q, nearMissReasonText, readLookUpForm } from '../../domain/assessment/patient-look-up';
import type { LookUpResult, MatchDecision } from '../../domain/assessment/patient-look-up';
import { concernLevelLabels } from '../../domain/rules/concern-level';
import type { ConcernLevel } from '../../domain/rules/concern-level';
import { emptyDateParts, formatDate, formatDateTime } from '../../domain/shared/dates';
import { Button, ButtonGroup } from '../../components/content/button';
import { Tag } from '../../components/content/feedback';
import { EarlierAttendanceFlags } from '../../components/content/earlier-attendance-flags';
import { DateInput } from '../../components/form/date-input';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { TextInput } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { Link, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import { runLookUp } from './run-look-up';
import { Form } from '../../components/form/form';

const concernText = (level: string | null): string => (level && Object.hasOwn(concernLevelLabels, level) ? concernLevelLabels[level as ConcernLevel] : 'Not recorded');

function AttendanceRows({ rows, caption }: { rows: readonly AttendanceSummary[]; caption: string }) {
  return (
    <table className="nhsuk-table app-attendance-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Arrived</th>
          <th scope="col">Patient</th>
          <th scope="col">Reason</th>
          <th scope="col">Concern level</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) =>
          row.retainedStub ? (
            // What stays of an attendance removed after the retention period (domain/retention/retention.ts): counted, not openable.
            <tr key={row.id}>
              <td>{formatDate(row.retainedStub.arrivedOn)}</td>
              <td>{row.displayName}</td>
              <td>{row.leftBeforeAssessment ? 'Left before assessment' : 'Not kept'}</td>
              <td>{concernText(row.concernLevel)}</td>
              <td>
                <Tag colour="grey">Removed</Tag>
              </td>
              <td>Only these details are kept</td>
            </tr>
          ) : (
            <tr key={row.id}>
              <td>{formatDateTime(row.arrivedAt)}</td>
              <td dir="auto">
                {row.displayName}
                {row.dateOfBirth ? <span className="nhsuk-body-s"> (born {formatDate(row.dateOfBirth)})</span> : null}
                {row.sharedFrom ? <span className="nhsuk-body-s app-shared-from"> Recorded on another tablet of the department</span> : null}
              </td>
              <td>{row.leftBeforeAssessment ? 'Left before assessment' : row.reason || 'Not entered'}</td>
              <td>{concernText(row.concernLevel)}</td>
              <td>
                <Tag colour={row.status === 'signed' ? 'grey' : 'blue'}>{row.status === 'signed' ? 'Signed' : 'In progress'}</Tag>
              </td>
              <td>
                <Link to={row.sharedFrom ? paths.departmentRecord(row.id) : row.status === 'signed' ? paths.record(row.id) : paths.resume(row.id)}>
                  View<span className="nhsuk-u-visually-hidden"> the attendance of {formatDateTime(row.arrivedAt)}</span>
                </Link>
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function Results({ result, now }: { result: LookUpResult; now: string }) {
  const { attendances } = useRepositories();
  const navigate = useNavigate();
  const [decisions, setDecisions] = useState<Record<string, MatchDecision>>({});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const { attendances: found, undecided, rejected } = applyMatchDecisions(result, decisions);
  const flags = lookUpFlags(found, now);
  // Details are taken from the newest attendance still on the tablet (a removed record's stub has none).
  // Another tablet's attendance is read from the department, not opened here: the details come from this tablet's own.
  const newest = found.find((summary) => summary.retainedStub === undefined && summary.sharedFrom === undefined);
  const shared = found.filter((summary) => summary.sharedFrom !== undefined).length;

  const start = async () => {
    if (!newest) return;
    setBusy(true);
    const created = await attendances.create({ prefillFrom: newest.id, openingPage: (id) => paths.section(id, 'patient') });
    setBusy(false);
    if (created.ok) navigate(paths.section(created.value.id, 'patient'));
    else setFailure(created.error.message);
  };

  return (
    <section aria-labelledby="look-up-results">
      <h2 className="nhsuk-heading-m" id="look-up-results">
        {found.length === 0 ? 'No attendances found' : `${String(found.length)} ${found.length === 1 ? 'attendance' : 'attendances'} ${shared > 0 ? `in the department (${String(shared)} recorded on other tablets)` : 'on this tablet'}`}
      </h2>
      {found.length === 0 && undecided.length === 0 ? (
        <p>No attendances for this patient are on this tablet. Check the NHS number, or the spelling of the last name and the date of birth, or start a new assessment from the home screen.</p>
      ) : null}
      <EarlierAttendanceFlags flags={flags} id="look-up-flags" />
      {found.length > 0 ? <AttendanceRows rows={found} caption="Attendances of this patient, newest first" /> : null}
      {undecided.length > 0 ? (
        <section aria-labelledby="possible-matches">
          <h3 className="nhsuk-heading-s" id="possible-matches">
            Possible matches: check with the patient
          </h3>
          <p>These attendances share some details with this patient but not all. Check with the patient or carer, then say whether each is the same patient. They are not counted until you confirm them.</p>
          <ul className="nhsuk-list">
            {undecided.map((item) => (
              <li key={item.summary.id} className="app-possible-match">
                <p className="nhsuk-u-margin-bottom-2">
                  <strong dir="auto">{item.summary.displayName}</strong>, born {item.summary.dateOfBirth ? formatDate(item.summary.dateOfBirth) : 'not known'}, NHS number {item.summary.nhsNumber || 'not known'}, arrived{' '}
                  {item.summary.retainedStub ? formatDate(item.summary.retainedStub.arrivedOn) : formatDateTime(item.summary.arrivedAt)}
                </p>
                <p className="nhsuk-u-margin-bottom-2">{item.reasons.map((reason) => nearMissReasonText[reason]).join('; ')}</p>
                <ButtonGroup>
                  <Button variant="secondary" onClick={() => setDecisions((current) => ({ ...current, [item.summary.id]: 'confirmed' }))}>
                    Same patient<span className="nhsuk-u-visually-hidden">: attendance of {formatDateTime(item.summary.arrivedAt)}</span>
                  </Button>
                  <Button variant="secondary" onClick={() => setDecisions((current) => ({ ...current, [item.summary.id]: 'rejected' }))}>
                    Not this patient<span className="nhsuk-u-visually-hidden">: attendance of {formatDateTime(item.summary.arrivedAt)}</span>
                  </Button>
                </ButtonGroup>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rejected > 0 ? <p>{`You said ${String(rejected)} possible ${rejected === 1 ? 'match is' : 'matches are'} not this patient: ${rejected === 1 ? 'it is' : 'they are'} not shown or counted.`}</p> : null}
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      {newest ? (
        <>
          <p>A new assessment starts with the patient details of the newest attendance. Check each one with the patient or carer.</p>
          <Button onClick={() => void start()} disabled={busy}>
            {busy ? 'Starting…' : 'Start a new assessment for this patient'}
          </Button>
        </>
      ) : null}
    </section>
  );
}

export function LookUpPage() {
  const { attendances } = useRepositories();
  const form = useForm({ defaultValues: { nhsNumber: '', familyName: '', dateOfBirth: emptyDateParts() }, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [state, setState] = useState<{ status: 'idle' } | { status: 'searching' } | { status: 'failed'; message: string } | { status: 'found'; result: LookUpResult; now: string; key: number }>({ status: 'idle' });

  const onSubmit = async () => {
    const now = new Date().toISOString();
    const read = readLookUpForm(form.getValues(), now);
    if (!read.ok) {
      setIssues(read.issues);
      setState({ status: 'idle' });
      return;
    }
    setIssues([]);
    setState({ status: 'searching' });
    const result = await runLookUp(attendances, read.query);
    setState(result.ok ? { status: 'found', result: result.value, now, key: Date.now() } : { status: 'failed', message: result.error.message });
  };

  return (
    <Page title={q.title} hasErrors={issues.length > 0} backLink={{ to: paths.home(), text: 'Home' }} focusHeading={issues.length === 0} wide>
      <ErrorSummary issues={issues} />
      <h1>{q.title}</h1>
      <p>Find this patient's earlier attendances on this tablet. Enter the NHS number, or the last name and date of birth.</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            <TextInput name="nhsNumber" label={q.nhsNumber.label} hint={q.nhsNumber.hint} width={10} inputMode="numeric" optional />
            <p className="nhsuk-body">or</p>
            <TextInput name="familyName" label={q.familyName.label} width={20} optional />
            <DateInput name="dateOfBirth" legend={q.dateOfBirth.label} hint={q.dateOfBirth.hint} optional />
            <Button type="submit" disabled={state.status === 'searching'}>
              {state.status === 'searching' ? 'Searching…' : 'Search'}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
      <div aria-live="polite">
        {state.status === 'searching' ? <p role="status">Searching this tablet…</p> : null}
        {state.status === 'failed' ? <p role="alert">The look-up failed: {state.message}</p> : null}
      </div>
      {state.status === 'found' ? <Results key={state.key} result={state.result} now={state.now} /> : null}
    </Page>
  );
}
