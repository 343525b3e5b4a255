/**
 * Check answers, then Sign and complete (PRODUCT.md section 4). Every relevant section as
 * a summary list with Change links; signing checks every section first and lists what is
 * still needed, each linking to the question. A signed record is locked.
 */
import { useState } from 'react';
import { deriveContext } from '../../domain/assessment/derive-context';
import type { Issue } from '../../domain/assessment/issues';
import { issuesBeforeGpLetter, issuesBeforeSigning, neededForGpLetterText, relevantSections } from '../../domain/rules/sections';
import type { SectionIssues } from '../../domain/rules/sections';
import { Button } from '../../components/content/button';
import { InsetText } from '../../components/content/feedback';
import { SummaryList } from '../../components/content/summary-list';
import { ErrorSummary } from '../../components/form/error-summary';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useNavigate } from '../../components/navigation/router';
import type { OpenAssessment } from './assessment-context';
import { useRecord } from './assessment-context';
import { PatientHeading } from './patient-heading';
import { useDeviceSettings } from '../../storage/repositories/react';

/** Answers the section can be signed without but the GP letter and the MASH referral need. */
function NeededForGpLetter({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <InsetText>
      <p>{text}.</p>
    </InsetText>
  );
}

export function CheckAnswersPage({ open }: { open: OpenAssessment }) {
  const record = useRecord(open);
  const navigate = useNavigate();
  const [blocking, setBlocking] = useState<SectionIssues[]>([]);
  const [signingFailed, setSigningFailed] = useState<string | undefined>(undefined);
  const settings = useDeviceSettings();
  const contextSettings = { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] };
  const ctx = deriveContext(record.answers, new Date().toISOString(), contextSettings);
  const sections = relevantSections(ctx);
  const letterGaps = issuesBeforeGpLetter(record.answers, ctx);
  const readOnly = open.editor.readOnly || record.status !== 'in-progress';

  const summaryIssues: Issue[] = blocking.flatMap(({ section, issues }) => issues.map((issue) => ({ field: `${section.slug}/${issue.field}`, message: `${section.title}: ${issue.message}` })));

  const onSign = async () => {
    await open.editor.flush();
    const current = open.editor.record();
    const found = issuesBeforeSigning(current.answers, deriveContext(current.answers, new Date().toISOString(), contextSettings));
    setBlocking(found);
    if (found.length > 0) return;
    const result = await open.editor.sign();
    if (result.ok) navigate(paths.record(record.id));
    else setSigningFailed(result.error.message);
  };

  return (
    <Page title="Check answers" hasErrors={summaryIssues.length > 0} backLink={{ to: paths.assessment(record.id), text: 'Back to the assessment' }} focusHeading={summaryIssues.length === 0}>
      <ErrorSummary
        issues={summaryIssues}
        title="You cannot sign yet"
        description="These answers are needed first. Everything else is saved."
        linkTo={(issue) => {
          const [slug = '', field = ''] = issue.field.split('/');
          return { to: paths.section(record.id, slug), focus: field };
        }}
      />
      {signingFailed ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {signingFailed}
        </div>
      ) : null}
      <PatientHeading patient={record.answers.patient} />
      <h1>Check answers</h1>
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`heading-${section.id}`}>
          <h2 className="nhsuk-heading-m" id={`heading-${section.id}`}>
            {section.title}
          </h2>
          <NeededForGpLetter text={neededForGpLetterText(letterGaps.find((entry) => entry.section.id === section.id)?.issues ?? [])} />
          <SummaryList
            rows={section.summarise(record.answers, ctx).map((row) => ({
              key: row.key,
              value: row.value,
              ...(readOnly ? {} : { change: { to: paths.section(record.id, section.slug), focus: row.field } }),
            }))}
          />
        </section>
      ))}
      {readOnly ? null : (
        <>
          <h2 className="nhsuk-heading-m">Sign and complete</h2>
          <p>By signing you confirm that this record is accurate to the best of your knowledge. It will be locked: any later change is added as an addendum with a reason, and this version stays readable.</p>
          <Button onClick={() => void onSign()}>Sign and complete</Button>
        </>
      )}
    </Page>
  );
}
