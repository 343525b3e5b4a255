/**
 * Home: start a new assessment, carry on with one in progress (exactly where it was left),
 * and today's completed ones. Slots for app-level notices (update ready, storage health)
 * are passed in by app/ so this feature does not depend on pwa/.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { formatDateTime, fromLondon, toLondon } from '../../domain/shared/dates';
import { gpLetterDue } from '../../domain/letters/due';
import { Button } from '../../components/content/button';
import { Page } from '../../components/layout/page';
import { Link, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useAwaitingGpLetter, useCompletedSince, useInProgressAttendances, useRepositories } from '../../storage/repositories/react';

function AttendanceTable({ caption, rows, empty, action }: { caption: string; rows: AttendanceSummary[] | undefined; empty: string; action: (row: AttendanceSummary) => { to: string; text: string } }) {
  if (rows === undefined) return <p role="status">Loading…</p>;
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <table className="nhsuk-table app-attendance-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Patient</th>
          <th scope="col">Age</th>
          <th scope="col">Arrived</th>
          <th scope="col">Reason</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {rows.map((row) => {
          const link = action(row);
          return (
            <tr key={row.id}>
              <td dir="auto">{row.displayName}</td>
              <td>{row.ageText || 'Not entered'}</td>
              <td>{formatDateTime(row.arrivedAt)}</td>
              <td>{row.reason || 'Not entered'}</td>
              <td>
                <Link to={link.to}>
                  {link.text}
                  <span className="nhsuk-u-visually-hidden"> for {row.displayName}</span>
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Signed attendances whose GP letter is not issued, oldest first, with the hours since
 * arrival: the GP must have it within 24 hours (NHS Standard Contract, research §7.1).
 */
function GpLettersDue() {
  const rows = useAwaitingGpLetter();
  const [now] = useState(() => new Date().toISOString());
  if (rows === undefined) return <p role="status">Loading…</p>;
  if (rows.length === 0) return <p>Every signed assessment on this tablet has its GP letter.</p>;
  const oldestFirst = [...rows].sort((a, b) => (a.arrivedAt < b.arrivedAt ? -1 : 1));
  return (
    <table className="nhsuk-table app-attendance-table">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Signed assessments whose GP letter is not issued</caption>
      <thead className="nhsuk-table__head">
        <tr>
          <th scope="col">Patient</th>
          <th scope="col">Arrived</th>
          <th scope="col">Since arrival</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {oldestFirst.map((row) => {
          const due = gpLetterDue(row.arrivedAt, now);
          return (
            <tr key={row.id}>
              <td dir="auto">{row.displayName}</td>
              <td>{formatDateTime(row.arrivedAt)}</td>
              <td>{due.overdue ? <strong className="nhsuk-tag nhsuk-tag--red">{due.text}</strong> : due.text}</td>
              <td>
                <Link to={paths.letters(row.id)}>
                  Letters
                  <span className="nhsuk-u-visually-hidden"> for {row.displayName}</span>
                </Link>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Start of today in London, as an instant. */
const startOfToday = (): string => fromLondon(toLondon(new Date()).date, '00:00');

export function HomePage({ notices }: { notices?: ReactNode }) {
  const { attendances } = useRepositories();
  const navigate = useNavigate();
  const inProgress = useInProgressAttendances();
  const [since] = useState(startOfToday);
  const completed = useCompletedSince(since);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const start = async () => {
    const result = await attendances.create();
    if (result.ok) navigate(paths.section(result.value.id, 'patient'));
    else setFailure(result.error.message);
  };

  return (
    <Page title="Home">
      {notices}
      <h1>Safeguarding assessments</h1>
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <Button onClick={() => void start()}>Start new assessment</Button>
      <h2 className="nhsuk-heading-m">In progress</h2>
      <AttendanceTable caption="Assessments in progress" rows={inProgress} empty="There are no assessments in progress on this tablet." action={(row) => ({ to: paths.resume(row.id), text: 'Continue' })} />
      <h2 className="nhsuk-heading-m">GP letters to issue</h2>
      <GpLettersDue />
      <h2 className="nhsuk-heading-m">Completed today</h2>
      <AttendanceTable caption="Assessments completed today" rows={completed} empty="No assessments have been signed today on this tablet." action={(row) => ({ to: paths.record(row.id), text: 'View' })} />
    </Page>
  );
}
