/**
 * Starting an addendum: which section needs to change. The change itself is made on the
 * section's own page (same questions, same checks) with a reason.
 */
import { useState } from 'react';
import { currentAnswers } from '../../domain/assessment/lifecycle';
import { deriveContext } from '../../domain/assessment/derive-context';
import { relevantSections } from '../../domain/rules/sections';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useNavigate } from '../../components/navigation/router';
import type { OpenAssessment } from './assessment-context';
import { useRecord } from './assessment-context';
import { PatientHeading } from './patient-heading';
import { Form } from '../../components/form/form';

export function AddendumStartPage({ open }: { open: OpenAssessment }) {
  const record = useRecord(open);
  const navigate = useNavigate();
  const [choice, setChoice] = useState(record.addendumDraft?.section ?? '');
  const [error, setError] = useState(false);
  const sections = relevantSections(deriveContext(currentAnswers(record), new Date().toISOString()));
  const issues = error ? [{ field: 'addendumSection', message: 'Select the section that needs to change' }] : [];
  return (
    <Page title="Add an addendum" hasErrors={error} backLink={{ to: paths.record(record.id), text: 'Back to the signed record' }} focusHeading={!error}>
      <ErrorSummary issues={issues} />
      <PatientHeading patient={currentAnswers(record).patient} />
      <Form
        onSubmit={() => {
          const section = sections.find((candidate) => candidate.id === choice);
          if (!section) {
            setError(true);
            return;
          }
          navigate(`${paths.addendum(record.id)}/${section.slug}`);
        }}
      >
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={error ? 'addendumSection-error' : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
              <h1 className="nhsuk-fieldset__heading">Which section needs to change?</h1>
            </legend>
            {error ? (
              <span className="nhsuk-error-message" id="addendumSection-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> Select the section that needs to change
              </span>
            ) : null}
            <div className="nhsuk-radios">
              {sections.map((section, index) => (
                <div className="nhsuk-radios__item" key={section.id}>
                  <input
                    className="nhsuk-radios__input"
                    id={index === 0 ? 'addendumSection' : `addendumSection-${index + 1}`}
                    name="addendumSection"
                    type="radio"
                    value={section.id}
                    checked={choice === section.id}
                    onChange={() => setChoice(section.id)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={index === 0 ? 'addendumSection' : `addendumSection-${index + 1}`}>
                    {section.title}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button type="submit">Continue</Button>
      </Form>
    </Page>
  );
}
