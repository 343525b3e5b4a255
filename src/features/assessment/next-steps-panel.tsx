/**
 * The "What to do next" panel: the domain's next steps (rules/next-steps.ts) in plain words
 * with the local numbers from settings, each with its source in small print, so an agency
 * or bank nurse who does not know local pathways knows whom to call (PRODUCT.md section 1).
 * Owns only the presentation; which steps, their wording and numbers are the domain's.
 */
import type { Answers } from '../../domain/assessment/record';
import type { AssessmentContext } from '../../domain/assessment/context';
import type { NextStep } from '../../domain/rules/next-steps';
import { nextSteps } from '../../domain/rules/next-steps';
import { Tag } from '../../components/content/feedback';
import { useDeviceSettings } from '../../storage/repositories/react';

export function NextStepsPanel({ steps }: { steps: readonly NextStep[] }) {
  if (steps.length === 0) return null;
  return (
    <section className="nhsuk-card nhsuk-card--feature app-next-steps" aria-labelledby="next-steps-heading">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id="next-steps-heading">
          What to do next
        </h2>
        <ol className="nhsuk-list nhsuk-list--number app-next-steps__list">
          {steps.map((step) => (
            <li key={step.id} className="app-next-steps__step">
              <p className="app-next-steps__text">
                {step.text}
                {step.done ? (
                  <>
                    {' '}
                    <Tag colour="green">Recorded</Tag>
                  </>
                ) : null}
              </p>
              <p className="nhsuk-body-s app-next-steps__source">Source: {step.source}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/**
 * The panel for saved answers (task list page). Nothing shows until the device settings are
 * read: a step must never quote "ask the nurse in charge" for a number that is set.
 */
export function SavedNextSteps({ answers, ctx }: { answers: Answers; ctx: AssessmentContext }) {
  const settings = useDeviceSettings();
  if (!settings) return null;
  return <NextStepsPanel steps={nextSteps(answers, ctx, settings, new Date().toISOString())} />;
}
