/**
 * Home: start a new assessment, the referrals to children's social care still to be made,
 * carry on with one in progress (exactly where it was left), and today's completed ones;
 * for the nurse in charge and the paediatric liaison (safeguarding) role, the signed
 * "No concern" records the concern-level rules would now refuse (issue 8).
 * Slots for app-level notices (update ready, storage health) are passed in by app/ so this
 * feature does not depend on pwa/.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { gpLetterDue } from '../../domain/letters/due';
import { compareIso, formatDateTime, fromLondon, toLondon } from '../../domain/shared/dates';
import { may } from '../../domain/settings/permissions';
import { Button } from '../../components/content/button';
import { Tag, WarningCallout } from '../../components/content/feedback';
import { Page } from '../../components/layout/page';
import { Link, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { HoldLiveValues, LiveHold, useAwaitingGpLetter, useCompletedSince, useInProgressAttendances, useNoConcernToReview, useReferralsToMake, useRepositories, useSession } from '../../storage/repositories/react';
import { NO_CONCERN_REVIEW_ROLES } from '../../storage/repositories/types';

// Loaded only for the roles that see it: the liaison rules stay out of the first screen's JavaScript.
const LiaisonOverdue = lazy(() => import('./liaison-overdue').then((module) => ({ default: module.LiaisonOverdue })));
const RetentionReminder = lazy(() => import('./retention-reminder').then((module) => ({ default: module.RetentionReminder })));

/** The liaison section while its code loads: the heading and line it shows while its list is read, so nothing moves when it arrives. */
function LiaisonOverdueLoading() {
  return (
    <>
      <h2 className="nhsuk-heading-m">Paediatric liaison review</h2>
      <p role="status">Loading…</p>
    </>
  );
}

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
function GpLettersDue({ rows }: { rows: AttendanceSummary[] | undefined }) {
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
                {row.sharedFrom ? (
                  // Recorded on another tablet of the department (issue 14): its letters are issued there; read here.
                  <>
                    <span className="nhsuk-body-s app-shared-from">Recorded on another tablet of the department</span>{' '}
                    <Link to={paths.departmentRecord(row.id)}>
                      View<span className="nhsuk-u-visually-hidden"> the attendance of {row.displayName}</span>
                    </Link>
                  </>
                ) : (
                  <Link to={paths.letters(row.id)}>
                    Letters
                    <span className="nhsuk-u-visually-hidden"> for {row.displayName}</span>
                  </Link>
                )}
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

type PendingRow = AttendanceSummary & { pendingReferral: NonNullable<AttendanceSummary['pendingReferral']> };

const hasPendingReferral = (row: AttendanceSummary): row is PendingRow => row.pendingReferral !== null;

/**
 * Referrals planned out of hours for the next working day and not yet marked made (PRODUCT.md
 * 4.9; CQC finding 3.4). Soonest due first; a plan with no valid due time yet comes
 * first, since it cannot be handed over. Marking one made is a change to the outcome: on the
 * outcome page while in progress, or as an addendum once signed.
 */
function ReferralsToMake({ rows, now }: { rows: PendingRow[] | undefined; now: string }) {
  if (rows === undefined) return <p role="status">Loading…</p>;
  if (rows.length === 0) return <p>There are no referrals waiting to be made from this tablet.</p>;
  const sorted = [...rows].sort((a, b) =>
    compareIso(a.pendingReferral.dueAt, b.pendingReferral.dueAt),
  );
  return (
    <>
      <p>
        Referrals to children's social care (MASH) planned for the next working day. When one has
        been made, record it on the assessment's outcome.
      </p>
      <table className="nhsuk-table app-attendance-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
          Referrals to children's social care to make
        </caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Due</th>
            <th scope="col">Who will make it</th>
            <th scope="col">
              <span className="nhsuk-u-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sorted.map((row) => {
            const { dueAt, by } = row.pendingReferral;
            const overdue = dueAt !== '' && compareIso(dueAt, now) < 0;
            const signed = row.status === 'signed';
            return (
              <tr key={row.id}>
                <td dir="auto">{row.displayName}</td>
                <td>
                  {dueAt === '' ? 'Time not recorded yet' : formatDateTime(dueAt)}
                  {overdue ? (
                    <>
                      {' '}
                      <Tag colour="red">Overdue</Tag>
                    </>
                  ) : null}
                </td>
                <td dir="auto">{by || 'Not recorded yet'}</td>
                <td>
                  {row.sharedFrom ? (
                    // Planned on another tablet of the department (issue 14): marked made there; read here.
                    <>
                      <span className="nhsuk-body-s app-shared-from">Planned on another tablet of the department</span>{' '}
                      <Link to={paths.departmentRecord(row.id)}>
                        View<span className="nhsuk-u-visually-hidden"> the attendance of {row.displayName}</span>
                      </Link>
                    </>
                  ) : (
                    <Link
                      to={
                        signed
                          ? `${paths.addendum(row.id)}/outcome`
                          : paths.section(row.id, 'outcome')
                      }
                      focus="referral"
                    >
                      {signed ? 'Mark as made by addendum' : 'Mark as made'}{' '}
                      <span className="nhsuk-u-visually-hidden">for {row.displayName}</span>
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/**
 * Signed records whose "No concern" (and any "No concerns identified" letter) the rules now
 * refuse: each is reviewed, its level recorded again by addendum and its letters re-issued.
 * The list comes from storage, which gives it only to these roles.
 */
function NoConcernToReview() {
  const items = useNoConcernToReview();
  return (
    <>
      <h2 className="nhsuk-heading-m">"No concern" records to review</h2>
      {items === undefined ? (
        <p role="status">Loading…</p>
      ) : items.length === 0 ? (
        <p>No signed "No concern" record on this tablet holds anything of concern.</p>
      ) : (
        <>
          <p>
            These signed assessments say "No concern", and their letters may say "No concerns identified", but they record something of concern. Review each one,
            record the concern level again by addendum, and re-issue its letters.
          </p>
          <table className="nhsuk-table app-attendance-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Signed "No concern" records to review</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Arrived</th>
                <th scope="col">What is recorded</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {items.map(({ summary, reasons }) => (
                <tr key={summary.id}>
                  <td dir="auto">{summary.displayName}</td>
                  <td>{formatDateTime(summary.arrivedAt)}</td>
                  <td>
                    <ul className="nhsuk-list nhsuk-list--bullet">
                      {reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Link to={paths.record(summary.id)}>
                      Open the record{' '}
                      <span className="nhsuk-u-visually-hidden">for {summary.displayName}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/**
 * For the nurse in charge: a break in the audit trail stays on the home screen until they
 * acknowledge it on the audit trail page (storage records the break in the trail itself).
 * Shown to whoever the permission table lets acknowledge a break; storage refuses the check
 * to anyone else, and a refusal shows nothing here.
 */
function AuditBreakNotice() {
  const { audit } = useRepositories();
  const session = useSession();
  const nurseInCharge = session.status === 'unlocked' && may(session.staff.role, 'acknowledge-audit-break');
  const [open, setOpen] = useState<{ brokenAt: number; reason: string } | undefined>(undefined);
  useEffect(() => {
    if (!nurseInCharge) return;
    let current = true;
    // Only what follows the last check: the audit trail page checks the whole trail.
    void audit.verify('since-checkpoint').then((result) => {
      if (current) setOpen(result.ok || 'refused' in result ? undefined : { brokenAt: result.brokenAt, reason: result.reason });
    });
    return () => {
      current = false;
    };
  }, [audit, nurseInCharge]);
  if (!nurseInCharge || !open) return null;
  return (
    <WarningCallout title="The audit trail has been changed">
      <p>
        From event {open.brokenAt}: {open.reason} This stays here until you acknowledge it. <Link to={paths.auditTrail()}>Review the break on the audit trail page</Link>
      </p>
    </WarningCallout>
  );
}

interface HomePageProps {
  notices?: ReactNode;
  /** Links into oversight for the roles that may use it (composed by app/routes.tsx). */
  oversight?: ReactNode;
}

/**
 * The home screen, its lists held (storage/repositories/react.tsx) from "Start new assessment"
 * until the new assessment opens: the attendance it writes would otherwise have every list read
 * storage again for a screen about to go.
 */
export function HomePage(props: HomePageProps) {
  const [hold] = useState(() => new LiveHold());
  return (
    <HoldLiveValues hold={hold}>
      <Home {...props} hold={hold} />
    </HoldLiveValues>
  );
}

function Home({ notices, oversight, hold }: HomePageProps & { hold: LiveHold }) {
  const session = useSession();
  const reviewer = session.status === 'unlocked' && NO_CONCERN_REVIEW_ROLES.includes(session.staff.role);
  const liaisonReviewer = session.status === 'unlocked' && may(session.staff.role, 'review-liaison-list');
  const purger = session.status === 'unlocked' && may(session.staff.role, 'purge-records');
  const { attendances } = useRepositories();
  const navigate = useNavigate();
  const inProgress = useInProgressAttendances();
  const [since] = useState(startOfToday);
  const completed = useCompletedSince(since);
  const referrals = useReferralsToMake();
  const pending = referrals?.filter(hasPendingReferral);
  const gpLettersDue = useAwaitingGpLetter();
  // The four lists appear together, once all are read: a list arriving after the others would
  // move the ones below it down the screen as the nurse reaches for them (Lighthouse measured
  // the shift on a slow tablet). The role-only sections, read later, and the oversight links come after them.
  const listsRead = pending !== undefined && inProgress !== undefined && completed !== undefined && gpLettersDue !== undefined;
  const [now] = useState(() => new Date().toISOString());
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const start = async () => {
    // The lists stop following storage before the write, and follow it again if it fails.
    hold.hold();
    const result = await attendances.create({ openingPage: (id) => paths.section(id, 'patient') }).catch((error: unknown) => {
      hold.release();
      throw error;
    });
    if (result.ok) navigate(paths.section(result.value.id, 'patient'));
    else {
      hold.release();
      setFailure(result.error.message);
    }
  };

  return (
    <Page title="Home">
      {notices}
      <AuditBreakNotice />
      {purger ? (
        <Suspense fallback={null}>
          <RetentionReminder />
        </Suspense>
      ) : null}
      <h1>Safeguarding assessments</h1>
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <Button onClick={() => void start()}>Start new assessment</Button>
      <p>
        <Link to={paths.lookUp()}>Find a patient's earlier attendances</Link>
      </p>
      {listsRead ? (
        <>
          <h2 className="nhsuk-heading-m">Referrals to make</h2>
          <ReferralsToMake rows={pending} now={now} />
          <h2 className="nhsuk-heading-m">In progress</h2>
          <AttendanceTable caption="Assessments in progress" rows={inProgress} empty="There are no assessments in progress on this tablet." action={(row) => ({ to: paths.resume(row.id), text: 'Continue' })} />
          <h2 className="nhsuk-heading-m">GP letters to issue</h2>
          <GpLettersDue rows={gpLettersDue} />
          <h2 className="nhsuk-heading-m">Completed today</h2>
          <AttendanceTable caption="Assessments completed today" rows={completed} empty="No assessments have been signed today on this tablet." action={(row) => ({ to: paths.record(row.id), text: 'View' })} />
          {liaisonReviewer ? (
            <Suspense fallback={<LiaisonOverdueLoading />}>
              <LiaisonOverdue now={now} />
            </Suspense>
          ) : null}
          {reviewer ? <NoConcernToReview /> : null}
          {oversight}
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
    </Page>
  );
}
