/**
 * An attendance another tablet of the department recorded, read-only (issue 14; design
 * docs/design/department-sync.md §5: full records are fetched on demand and cached). Opened
 * from the look-up. Nothing here writes: editing belongs to the tablet that recorded it, so
 * there is no addendum or letter button. An assessment in progress can be continued on this
 * tablet ("Continue this assessment on this tablet") when no other tablet holds its edit lease
 * (storage/sync/lease-continue.ts): it becomes this tablet's and opens in the assessment
 * screens. Conflicting edits to reconcile are listed (storage/sync/conflict.ts). The answers
 * are shown as the record page shows them (domain sections' summaries).
 */
import { useEffect, useState } from 'react';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { currentAnswers } from '../../domain/assessment/lifecycle';
import { deriveContext } from '../../domain/assessment/derive-context';
import { formatDateTime } from '../../domain/shared/dates';
import { relevantSections } from '../../domain/rules/sections';
import { InsetText } from '../../components/content/feedback';
import { SummaryList } from '../../components/content/summary-list';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useConflictAddenda, useDeviceSettings, useRepositories } from '../../storage/repositories/react';
import { useNavigate } from '../../components/navigation/router';
import { Button } from '../../components/content/button';
import { ConflictAddenda } from '../../components/content/conflict-addenda';
import { leaseWords } from '../../domain/sync/lease';
import type { EditLeaseState } from '../../domain/sync/lease';
import { conflictAddendumLines } from '../../domain/sync/conflict-addendum';
import { patientBannerFacts } from '../../domain/assessment/patient-banner';
import { PatientBanner } from '../../components/content/patient-banner';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; record: AssessmentRecord };

export const departmentRecordWords = {
  title: 'Attendance recorded on another tablet',
  loading: 'Opening the record from the department…',
  readOnly: 'Recorded on another tablet of the department. Read only: changes are made on the tablet that recorded it.',
  notSharing: 'This tablet does not share with a department.',
} as const;

/** "Continue this assessment on this tablet", when no other tablet is editing it. */
function ContinueHere({ id }: { id: string }) {
  const { sync } = useRepositories();
  const settings = useDeviceSettings();
  const navigate = useNavigate();
  const [lease, setLease] = useState<EditLeaseState | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void sync?.leaseOf?.(id).then((state) => {
      if (current) setLease(state);
    });
    return () => {
      current = false;
    };
  }, [sync, id]);
  if (!sync?.continueHere || !lease || lease.status === 'not-shared' || lease.status === 'checking') return null;
  if (lease.status === 'elsewhere') return <p>{leaseWords.continueHeldElsewhere(lease.holder)}</p>;
  const go = async () => {
    if (!sync.continueHere || !settings) return;
    setBusy(true);
    setFailure(undefined);
    const result = await sync.continueHere(id, settings.idleLockMinutes);
    setBusy(false);
    if (result.ok) navigate(paths.assessment(result.value));
    else if (result.error.lease?.status === 'elsewhere') setLease(result.error.lease);
    else setFailure(result.error.message);
  };
  return (
    <>
      {failure ? <p className="nhsuk-error-message">{failure}</p> : null}
      <p className="nhsuk-hint">{leaseWords.continueHint}</p>
      <Button onClick={() => void go()} disabled={busy}>
        {leaseWords.continueHere}
      </Button>
    </>
  );
}

/** Conflicting edits to reconcile on this record: read here (reconciled on the tablet holding the record). */
function ConflictsHere({ record }: { record: AssessmentRecord }) {
  const views = useConflictAddenda(record.id);
  const settings = useDeviceSettings();
  if (!views || views.length === 0) return null;
  return <ConflictAddenda items={conflictAddendumLines(views, record, new Date().toISOString(), { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] })} />;
}

export function DepartmentRecordPage({ id }: { id: string }) {
  const { sync } = useRepositories();
  const settings = useDeviceSettings();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    if (!sync) return;
    void sync.departmentRecord(id).then((result) => {
      if (current) setLoaded(result.ok ? { status: 'loaded', record: result.value } : { status: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [sync, id]);
  const back = { to: paths.lookUp(), text: 'Find a patient' };
  const shown: Loaded = sync ? loaded : { status: 'failed', message: departmentRecordWords.notSharing };
  if (shown.status !== 'loaded') {
    return (
      <Page title={departmentRecordWords.title} backLink={back}>
        <h1>{departmentRecordWords.title}</h1>
        <p>{shown.status === 'loading' ? departmentRecordWords.loading : shown.message}</p>
      </Page>
    );
  }
  const { record } = shown;
  const answers = currentAnswers(record);
  const ctx = deriveContext(answers, new Date().toISOString(), { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] });
  return (
    <Page title={departmentRecordWords.title} backLink={back}>
      <PatientBanner facts={patientBannerFacts(answers.patient, new Date().toISOString())} />
      <h1>{departmentRecordWords.title}</h1>
      <InsetText>
        <p>{departmentRecordWords.readOnly}</p>
        <p>
          {record.status === 'signed' && record.signature ? `Signed by ${record.signature.signedBy.name} on ${formatDateTime(record.signature.signedAt)}.` : `In progress, started by ${record.createdBy.name} on ${formatDateTime(record.createdAt)}.`}
        </p>
      </InsetText>
      {record.status === 'in-progress' ? <ContinueHere id={record.id} /> : null}
      <ConflictsHere record={record} />
      {relevantSections(ctx).map((section) => (
        <section key={section.id} aria-labelledby={`heading-${section.id}`}>
          <h2 className="nhsuk-heading-m" id={`heading-${section.id}`}>
            {section.title}
          </h2>
          <SummaryList rows={section.summarise(answers, ctx)} />
        </section>
      ))}
    </Page>
  );
}
