/**
 * An attendance another tablet of the department recorded, read-only (issue 14; design
 * docs/design/department-sync.md §5: full records are fetched on demand and cached). Opened
 * from the look-up. Nothing here writes: editing belongs to the tablet that recorded it (the
 * edit lease of design §6 is not built on the tablets yet), so there is no addendum or letter
 * button. The answers are shown as the record page shows them (domain sections' summaries).
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
import { useDeviceSettings, useRepositories } from '../../storage/repositories/react';
import { patientBannerFacts } from '../../domain/assessment/patient-banner';
import { PatientBanner } from '../../components/content/patient-banner';

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; record: AssessmentRecord };

export const departmentRecordWords = {
  title: 'Attendance recorded on another tablet',
  loading: 'Opening the record from the department…',
  readOnly: 'Recorded on another tablet of the department. Read only: changes are made on the tablet that recorded it.',
  notSharing: 'This tablet does not share with a department.',
} as const;

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
