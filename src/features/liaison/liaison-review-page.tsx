/**
 * The paediatric liaison review list (PRODUCT.md section 6; issue 12; CQC recommendations
 * 1.5 and 3.5): every attendance the safety net must see, filtered by date of arrival and
 * review status, each with age, concern level, CP-IS result, screening flags, open
 * follow-ups and letter status; the reviewer records what was done. Which attendances are on
 * the list, the due time and what is overdue are domain rules (domain/liaison); storage
 * refuses the list and the review to every role but the paediatric liaison nurse and the
 * nurse in charge, and this page then says so in its words.
 */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { concernLevelText, cpisText, followUpTexts, letterLines, screeningFlags } from '../../domain/liaison/liaison-entry-details';
import { defaultArrivalRange, filterByStatus, liaisonEntries, liaisonReasonLabels, liaisonStatusFilterOptions, liaisonStatusLabels, readDateRange } from '../../domain/liaison/liaison-list';
import type { ArrivalRange, LiaisonEntry, LiaisonStatusFilter } from '../../domain/liaison/liaison-list';
import { liaisonReviewActionLabel, liaisonReviewActionOptions, liaisonReviewDraftSchema, liaisonReviewQuestions, validateLiaisonReview } from '../../domain/liaison/liaison-review';
import type { LetterKind } from '../../domain/letters/kinds';
import { datePartsFromIso, formatDate, formatDateTime } from '../../domain/shared/dates';
import type { DateParts } from '../../domain/shared/dates';
import { Button } from '../../components/content/button';
import { NotificationBanner, Tag } from '../../components/content/feedback';
import { SummaryList } from '../../components/content/summary-list';
import type { SummaryListRow } from '../../components/content/summary-list';
import { DateInput } from '../../components/form/date-input';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Radios } from '../../components/form/radios';
import { Select } from '../../components/form/select';
import { Textarea } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useConflictAddenda, useDeviceSettings, useLiaisonList, useRepositories } from '../../storage/repositories/react';
import { leaseWords } from '../../domain/sync/lease';
import { Form } from '../../components/form/form';

const TITLE = 'Paediatric liaison review list';

interface FilterValues {
  from: DateParts;
  to: DateParts;
  status: LiaisonStatusFilter;
}

function FilterForm({ initial, onApply }: { initial: FilterValues; onApply: (values: FilterValues) => void }) {
  const form = useForm<FilterValues>({ defaultValues: initial, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  return (
    <FormProvider {...form}>
      <Form
        onSubmit={() => {
          onApply(form.getValues());
        }}
      >
        <h2 className="nhsuk-heading-m">Filter the list</h2>
        <DateInput name="from" legend="Arrived from" hint="For example, 23 11 2026" />
        <DateInput name="to" legend="Arrived to" hint="Up to one year after the first date" />
        <Select name="status" label="Review status" options={liaisonStatusFilterOptions} placeholder="All" />
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
      </Form>
    </FormProvider>
  );
}

const statusColour = { 'to-review': 'blue', overdue: 'red', reviewed: 'green' } as const;

function entryRows(entry: LiaisonEntry, issued: ReadonlySet<LetterKind>): SummaryListRow[] {
  const { summary } = entry;
  const flags = screeningFlags(summary);
  const followUps = followUpTexts(summary);
  const letters = letterLines(summary, issued);
  const rows: SummaryListRow[] = [
    { key: 'Age', value: [summary.ageText || 'Not recorded'] },
    { key: 'Arrived', value: [formatDateTime(summary.arrivedAt)] },
    { key: 'On the list because', value: entry.reasons.map((reason) => liaisonReasonLabels[reason]) },
    { key: 'Concern level', value: [concernLevelText(summary)] },
    { key: 'CP-IS', value: [cpisText(summary)] },
    { key: 'Screening flags', value: flags.length ? flags : ['None'] },
    { key: 'Open follow-ups', value: followUps.length ? followUps : ['None'] },
    {
      key: 'Letters',
      value: letters.length ? letters : ['None needed'],
    },
    { key: 'Assessment', value: [summary.status === 'signed' ? `Signed ${summary.signedAt ? formatDateTime(summary.signedAt) : ''}`.trim() : 'Not signed'] },
  ];
  if (entry.review) {
    rows.push({
      key: 'Review',
      value: [
        `${liaisonReviewActionLabel(entry.review.action)}: ${entry.review.reviewedBy.name}, ${formatDateTime(entry.review.reviewedAt)}${entry.reviewedLate ? ' (after it was due)' : ''}`,
        ...(entry.review.note ? [entry.review.note] : []),
      ],
    });
  } else {
    rows.push({ key: 'Review due', value: [`By the end of ${formatDate(entry.dueDate)}`] });
  }
  return rows;
}

function ReviewForm({ entry, onIssues, onDone, onCancel }: { entry: LiaisonEntry; onIssues: (issues: Issue[]) => void; onDone: (message: string) => void; onCancel: () => void }) {
  const { liaison } = useRepositories();
  const form = useForm({ defaultValues: liaisonReviewDraftSchema.parse({}), mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const submit = async () => {
    const draft = liaisonReviewDraftSchema.parse(form.getValues());
    const found = validateLiaisonReview(draft);
    onIssues(found);
    if (found.length > 0 || draft.action === '') return;
    const result = await liaison.recordReview(entry.summary.id, { action: draft.action, note: draft.note });
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    onDone(`Review recorded for ${entry.summary.displayName}`);
  };
  return (
    <FormProvider {...form}>
      <Form onSubmit={submit}>
        {failure ? (
          <div className="app-save-status app-save-status--failed" role="alert">
            {failure}
          </div>
        ) : null}
        <Radios name="action" legend={liaisonReviewQuestions.action.legend} options={liaisonReviewActionOptions} />
        <Textarea name="note" label={liaisonReviewQuestions.note.label} hint={liaisonReviewQuestions.note.hint} rows={3} />
        <Button type="submit">Record review</Button>{' '}
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </Form>
    </FormProvider>
  );
}

function EntryCard({ entry, issued, reviewing, onReview, children }: { entry: LiaisonEntry; issued: ReadonlySet<LetterKind>; reviewing: boolean; onReview: () => void; children: ReactNode }) {
  return (
    <li className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <span dir="auto">{entry.summary.displayName}</span> <Tag colour={statusColour[entry.status]}>{liaisonStatusLabels[entry.status]}</Tag>
        </h3>
        {entry.summary.sharedFrom ? (
          <p className="nhsuk-body-s app-shared-from">
            <strong>Recorded on another tablet.</strong> Its record opens read-only here. Reviews recorded on any tablet of the department are shown; its letters are as that tablet last shared them.
          </p>
        ) : null}
        <SummaryList rows={entryRows(entry, issued)} />
        <p>
          <Link to={entry.summary.sharedFrom ? paths.departmentRecord(entry.summary.id) : paths.record(entry.summary.id)}>
            View the record<span className="nhsuk-u-visually-hidden"> of {entry.summary.displayName}</span>
          </Link>
        </p>
        {reviewing ? (
          children
        ) : (
          <Button variant="secondary" onClick={onReview}>
            {entry.review ? 'Record another review' : 'Record review'}
            <span className="nhsuk-u-visually-hidden"> for {entry.summary.displayName}</span>
          </Button>
        )}
      </div>
    </li>
  );
}

/** Issue 14: conflicting edits to reconcile, across the department's records this tablet holds (storage/sync/conflict.ts). */
function ConflictsToReconcile() {
  const views = useConflictAddenda();
  const open = (views ?? []).filter((view) => view.reconciled === undefined);
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-to-reconcile">
      <h2 className="nhsuk-heading-m" id="conflicts-to-reconcile">
        {leaseWords.conflictHeading}
      </h2>
      <ul className="nhsuk-list">
        {open.map((view) => (
          <li key={view.rowId}>
            <strong>{leaseWords.liaisonItem}</strong>. {leaseWords.conflictBy(view.editedBy.name, formatDateTime(view.editedAt), view.madeHere ? 'this' : 'another')}.{' '}
            <Link to={view.recordHere ? paths.assessment(view.attendanceId) : paths.departmentRecord(view.attendanceId)}>
              {`Open the record of ${`${view.record.answers.patient.givenName} ${view.record.answers.patient.familyName}`.trim() || 'this patient'}`}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LiaisonReviewPage() {
  const settings = useDeviceSettings();
  const [now] = useState(() => new Date().toISOString());
  const [range, setRange] = useState<ArrivalRange>(() => defaultArrivalRange(now));
  const [status, setStatus] = useState<LiaisonStatusFilter>('all');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [reviewing, setReviewing] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const data = useLiaisonList(range);
  const bankHolidays = settings?.bankHolidays;

  const entries = useMemo(() => {
    if (!data?.ok || bankHolidays === undefined) return undefined;
    const reviews = new Map(data.value.reviews.map((record) => [record.attendanceId, record]));
    return liaisonEntries(data.value.summaries, reviews, { now, bankHolidays });
  }, [data, bankHolidays, now]);
  const issuedById = useMemo(() => {
    const map = new Map<string, Set<LetterKind>>();
    if (data?.ok) for (const letter of data.value.issuedLetters) map.set(letter.attendanceId, (map.get(letter.attendanceId) ?? new Set()).add(letter.kind));
    return map;
  }, [data]);

  if (data !== undefined && !data.ok) {
    return (
      <Page title={TITLE} backLink={{ to: paths.home(), text: 'Home' }}>
        <h1>{TITLE}</h1>
        <p>{data.error.message}</p>
      </Page>
    );
  }

  const shown = entries ? filterByStatus(entries, status) : undefined;
  const overdue = entries?.filter((entry) => entry.status === 'overdue').length ?? 0;
  const initial: FilterValues = { from: datePartsFromIso(range.from), to: datePartsFromIso(range.to), status };
  const statusLabel = liaisonStatusFilterOptions.find((option) => option.value === status)?.label ?? 'All';

  return (
    <Page title={TITLE} hasErrors={issues.length > 0} backLink={{ to: paths.home(), text: 'Home' }} wide focusHeading={issues.length === 0}>
      <IssuesProvider issues={issues}>
        <ErrorSummary issues={issues} />
        {message ? (
          <NotificationBanner title="Success" variant="success">
            <p className="nhsuk-notification-banner__heading">{message}</p>
          </NotificationBanner>
        ) : null}
        <h1>{TITLE}</h1>
        <p>
          Every attendance under 18 (or with no age recorded), every adult whose Think Family found children, every open follow-up or referral
          still to make, every patient who left before assessment, and every assessment left unsigned for more than 12 hours. A review is
          overdue if it is not recorded by the end of the next working day after arrival.
        </p>
        <ConflictsToReconcile />
        <FilterForm
          key={`${range.from}|${range.to}|${status}`}
          initial={initial}
          onApply={(values) => {
            const read = readDateRange(values.from, values.to);
            setMessage(undefined);
            if (!read.ok) {
              setIssues(read.issues);
              return;
            }
            setIssues([]);
            setRange(read.value);
            setStatus(values.status);
          }}
        />
        <h2 className="nhsuk-heading-m" aria-live="polite">
          {shown === undefined
            ? 'Loading…'
            : `${String(shown.length)} ${shown.length === 1 ? 'attendance' : 'attendances'} (${statusLabel.toLowerCase()}), arrived ${formatDate(range.from)} to ${formatDate(range.to)}`}
        </h2>
        {entries !== undefined ? <p>{`${String(overdue)} overdue in these dates.`}</p> : null}
        {shown !== undefined && shown.length === 0 ? <p>No attendances match. Choose other dates or another review status.</p> : null}
        {shown !== undefined && shown.length > 0 ? (
          <ul className="nhsuk-list app-liaison-list">
            {shown.map((entry) => (
              <EntryCard
                key={entry.summary.id}
                entry={entry}
                issued={issuedById.get(entry.summary.id) ?? new Set()}
                reviewing={reviewing === entry.summary.id}
                onReview={() => {
                  setIssues([]);
                  setMessage(undefined);
                  setReviewing(entry.summary.id);
                }}
              >
                <ReviewForm
                  entry={entry}
                  onIssues={setIssues}
                  onCancel={() => {
                    setIssues([]);
                    setReviewing(undefined);
                  }}
                  onDone={(text) => {
                    setReviewing(undefined);
                    setMessage(text);
                  }}
                />
              </EntryCard>
            ))}
          </ul>
        ) : null}
      </IssuesProvider>
    </Page>
  );
}
