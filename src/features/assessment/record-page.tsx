/**
 * The signed record: locked answers as they now read (the signed original with addenda
 * applied), who signed and when, and every addendum with its reason. The original
 * signed answers stay readable under "Answers as signed" when an addendum changed them.
 */
import { currentAnswers } from '../../domain/assessment/lifecycle';
import { deriveContext } from '../../domain/assessment/derive-context';
import { formatDateTime } from '../../domain/shared/dates';
import { relevantSections, sectionById } from '../../domain/rules/sections';
import type { SectionId } from '../../domain/assessment/record';
import { ButtonLink } from '../../components/content/button';
import { Details, NotificationBanner } from '../../components/content/feedback';
import { SummaryList } from '../../components/content/summary-list';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import type { OpenAssessment } from './assessment-context';
import { useDeviceSettings } from '../../storage/repositories/react';
import { useRecord } from './assessment-context';
import { PatientHeading } from './patient-heading';
import { ConflictAddendaPanel } from './conflict-addenda-panel';

export function RecordPage({ open }: { open: OpenAssessment }) {
  const record = useRecord(open);
  const settings = useDeviceSettings();
  if (record.status !== 'signed' || !record.signature) {
    return (
      <Page title="Assessment not signed" backLink={{ to: paths.assessment(record.id) }}>
        <h1>This assessment has not been signed yet</h1>
        <ButtonLink to={paths.assessment(record.id)}>Go to the assessment</ButtonLink>
      </Page>
    );
  }
  const now = new Date().toISOString();
  const answers = currentAnswers(record);
  const contextSettings = { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] };
  const ctx = deriveContext(answers, now, contextSettings);
  const originalCtx = deriveContext(record.answers, now, contextSettings);
  const signedBy = record.signature.signedBy;
  return (
    <Page title="Signed assessment" backLink={{ to: paths.home(), text: 'Home' }}>
      <NotificationBanner title="Signed" variant="success">
        <p className="nhsuk-notification-banner__heading">
          Signed by {signedBy.name} on {formatDateTime(record.signature.signedAt)}
        </p>
        <p>This record is locked. Changes are added as addenda with a reason.</p>
      </NotificationBanner>
      <PatientHeading patient={answers.patient} />
      <h1>Signed assessment</h1>
      <ButtonLink to={paths.letters(record.id)}>Letters</ButtonLink>{' '}
      {!open.editor.readOnly ? <ButtonLink to={paths.addendum(record.id)} variant="secondary">Add an addendum</ButtonLink> : null}
      <ConflictAddendaPanel record={record} />
      {relevantSections(ctx).map((section) => (
        <section key={section.id} aria-labelledby={`heading-${section.id}`}>
          <h2 className="nhsuk-heading-m" id={`heading-${section.id}`}>
            {section.title}
          </h2>
          <SummaryList rows={section.summarise(answers, ctx)} />
        </section>
      ))}
      {record.addenda.length > 0 ? (
        <section aria-labelledby="heading-addenda">
          <h2 className="nhsuk-heading-m" id="heading-addenda">
            Addenda
          </h2>
          <ol className="nhsuk-list app-addenda">
            {record.addenda.map((addendum) => (
              <li key={addendum.id}>
                <p>
                  <strong>{formatDateTime(addendum.at)}</strong>, {addendum.by.name}: changed{' '}
                  {(Object.keys(addendum.changes) as SectionId[]).map((id) => sectionById(id).title).join(', ')}
                </p>
                <p className="app-preserve-text" dir="auto">
                  Reason: {addendum.reason}
                </p>
              </li>
            ))}
          </ol>
          <Details summary="Answers as signed, before any addendum">
            {relevantSections(originalCtx).map((section) => (
              <div key={section.id}>
                <h3 className="nhsuk-heading-s">{section.title}</h3>
                <SummaryList rows={section.summarise(record.answers, originalCtx)} />
              </div>
            ))}
          </Details>
        </section>
      ) : null}
    </Page>
  );
}
