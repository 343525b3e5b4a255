/**
 * Section 4.6 "Child sexual exploitation screen" form (11–17): "Not asked" with a reason,
 * the suggestions the record makes (with where each came from, never ticked), the eight
 * significant indicators and the other indicators (Yes / No / Not known / Declined), what was
 * said, the partner's age and any power imbalance, then the outcome as actions with the local
 * numbers from settings.
 *
 * Which reasons are offered, the suggestions, the outcome and its actions all come from the
 * domain (screening/cse.ts, screening/cse-crafft-sections.ts). The screen ends in actions,
 * never in a score (research §3.1).
 */
import { useEffect, useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import type { Answers } from '../../../domain/assessment/record';
import {
  cseAnswerOptions,
  cseDraftSchema,
  cseNotAskedReasonsOffered,
  cseOtherIndicators,
  cseOutcome,
  cseQuestions as q,
  cseSignificantIndicators,
  cseSuggestions,
  cseTriggersMet,
  DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
  powerImbalanceOptions,
} from '../../../domain/screening/cse';
import type { DeviceSettings } from '../../../domain/settings/device-settings';
import type { CseIndicator } from '../../../domain/screening/cse';
import { cseActionViews, cseOutcomeSentence, screeningFactsFromAnswers } from '../../../domain/screening/cse-crafft-sections';
import type { ScreeningRecordFacts } from '../../../domain/screening/screening-context';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkbox } from '../../../components/form/checkboxes';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { useOpenAssessment } from '../assessment-context';
import { parsedOnce, useFormDerived } from '../use-form-derived';
import { usePreviousAttendances } from '../use-previous-attendances';

const cseOf = parsedOnce(cseDraftSchema);

function NotAsked({ ctx, facts }: { ctx: AssessmentContext; facts: ScreeningRecordFacts }) {
  const triggers = cseTriggersMet(ctx, facts);
  return (
    <Checkbox name="notAsked" label={q.notAsked.label}>
      <Radios
        name="notAskedReason"
        legend={q.notAsked.reasonLabel}
        hint={triggers.length > 0 ? `The screen must be asked because ${triggers.map((trigger) => trigger.because).join('; ')}` : undefined}
        options={cseNotAskedReasonsOffered(ctx, facts)}
      />
    </Checkbox>
  );
}

/** Suggestions from the record, with their source. They never answer a question. */
function Suggestions({ ctx, facts }: { ctx: AssessmentContext; facts: ScreeningRecordFacts }) {
  const suggestions = useFormDerived((values) => cseSuggestions(ctx, facts, cseOf(values)), [ctx, facts]);
  if (suggestions.length === 0) return null;
  const label = (id: string | undefined) => [...cseSignificantIndicators, ...cseOtherIndicators].find((indicator: CseIndicator) => indicator.id === id)?.label;
  return (
    <InsetText>
      <p>From the record, ask about these with the young person. Nothing has been answered for them:</p>
      <ul>
        {suggestions.map((suggestion) => {
          const indicator = label(suggestion.indicator);
          return (
            <li key={`${suggestion.source.id}-${suggestion.indicator ?? ''}`}>
              {suggestion.suggestion}
              {indicator ? ` (${indicator})` : ''}. <span className="nhsuk-body-s">From: {suggestion.source.label}</span>
            </li>
          );
        })}
      </ul>
    </InsetText>
  );
}

function Indicators({ group, indicators }: { group: 'significant' | 'other'; indicators: readonly CseIndicator[] }) {
  return (
    <>
      {indicators.map((indicator) => (
        <Radios key={indicator.id} name={`${group}.${indicator.id}`} legend={indicator.label} legendSize="s" options={cseAnswerOptions} inline small />
      ))}
    </>
  );
}

/** The trust's threshold for other indicators (settings), or the default while settings load. */
const thresholdOf = (settings: DeviceSettings | undefined): number => settings?.cseOtherIndicatorThreshold ?? DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD;

/**
 * Records today's threshold with the answers whenever an answer changes, so Check answers,
 * the letters and the oversight summary read the outcome the nurse was shown
 * (screening/cse-threshold.ts).
 */
function StampThreshold({ threshold }: { threshold: number }) {
  const { watch, getValues, setValue } = useFormContext();
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (name === undefined || name === 'otherThreshold') return;
      if (cseOf(getValues()).otherThreshold !== String(threshold)) setValue('otherThreshold', String(threshold), { shouldDirty: true });
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [watch, getValues, setValue, threshold]);
  return null;
}

function Outcome({ ctx }: { ctx: AssessmentContext }) {
  const settings = useDeviceSettings();
  const threshold = thresholdOf(settings);
  const outcome = useFormDerived((values) => cseOutcome(cseOf(values), ctx, threshold), [ctx, threshold]);
  const actions = cseActionViews(outcome, settings?.contacts);
  return (
    <div aria-live="polite" aria-atomic="true">
      {actions.length > 0 ? (
        <WarningCallout title="What to do now" id="cse-actions">
          <ul>
            {actions.map((action) => (
              <li key={action.action}>
                {action.text}
                {action.contacts.length > 0 ? `: ${action.contacts.map((contact) => `${contact.label} ${contact.number}`).join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </WarningCallout>
      ) : outcome.state === 'screened' ? (
        <InsetText>
          <p>Outcome: {cseOutcomeSentence(outcome)}</p>
        </InsetText>
      ) : null}
    </div>
  );
}

function Questions({ ctx }: { ctx: AssessmentContext }) {
  const notAsked = useWatch({ exact: true, name: 'notAsked' }) === true;
  if (notAsked) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">{q.significant.legend}</h2>
      <p className="nhsuk-hint">{q.significant.hint}</p>
      <Indicators group="significant" indicators={cseSignificantIndicators} />
      <h2 className="nhsuk-heading-m">{q.other.legend}</h2>
      <p className="nhsuk-hint">{q.other.hint}</p>
      <Indicators group="other" indicators={cseOtherIndicators} />
      <Textarea name="details" label={q.details.label} labelSize="s" hint={q.details.hint} rows={4} />
      <TextInput name="partnerAge" label={q.partnerAge.label} hint={q.partnerAge.hint} width={2} inputMode="numeric" />
      <Checkbox name="partnerAgeNotKnown" label={q.partnerAge.notKnown} />
      <Radios
        name="powerImbalance"
        legend={q.powerImbalance.label}
        legendSize="s"
        options={powerImbalanceOptions}
        conditional={{ yes: <Textarea name="powerImbalanceDetails" label={q.powerImbalance.detailsLabel} rows={3} /> }}
      />
      <Outcome ctx={ctx} />
    </>
  );
}

export function CseForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const { editor } = useOpenAssessment();
  const previous = usePreviousAttendances(answers.patient, ctx, editor.id);
  const frequentOnDevice = previous.status === 'found' && previous.frequent;
  const facts = useMemo(() => screeningFactsFromAnswers(answers, ctx, frequentOnDevice), [answers, ctx, frequentOnDevice]);
  const threshold = thresholdOf(useDeviceSettings());
  return (
    <>
      <StampThreshold threshold={threshold} />
      <p>{q.intro}</p>
      <NotAsked ctx={ctx} facts={facts} />
      <Suggestions ctx={ctx} facts={facts} />
      <Questions ctx={ctx} />
    </>
  );
}
