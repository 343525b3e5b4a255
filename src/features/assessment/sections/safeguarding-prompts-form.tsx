/**
 * Section 4.5 "Safeguarding prompts – NICE CG89" form: the mobility questions (an optional
 * disability question for every child; "independently mobile" for under-2s and any child whose
 * disability affects how they move; a confirmation for a young baby recorded as mobile), the
 * alerting-feature checklist for this child grouped by body system (each with its NICE level,
 * why it matters and the required explanation), any ticked feature that no longer applies
 * (keep it or untick it), disclosure, carer–child interaction, household risks and, under 13,
 * sexual activity or pregnancy; then the highest NICE level recorded, live.
 *
 * The checklist, levels, wording and which items apply come from the domain
 * (rules/nice-alerting-features.ts, assessment/safeguarding-prompts.ts). The app prompts and
 * records; it never scores (PRODUCT.md principle 5): the level shown is NICE's, per item.
 *
 * Each body-system group is an NHS.UK details element holding its own fieldset, closed unless
 * something in it is ticked or prompted, so a well child's page is seven short lines plus
 * "None of these" (issue 8). Details is native HTML: keyboard and screen-reader accessible, and
 * the error summary opens a closed group before focusing a field inside it. Only the checklist
 * watches the ticks; explanations are their own fields, so typing re-renders nothing else.
 */
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { AccountsDraft } from '../../../domain/assessment/accounts';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { fieldId } from '../../../domain/assessment/issues';
import { reportedFrequentAttendance } from '../../../domain/assessment/information-checks';
import { yesNoOptions } from '../../../domain/assessment/options';
import type { Answers } from '../../../domain/assessment/record';
import {
  EXCLUSIVE_HOUSEHOLD_RISKS,
  explanationField,
  householdRiskOptions,
  keepField,
  mobilityAsked,
  mobilityConfirmationAsked,
  NO_ALERTING_FEATURES,
  noLongerApplicableFeatures,
  safeguardingDraftSchema,
  safeguardingQuestions as q,
  suggestedAlertingFeatures,
  tickableAlertingFeatures,
  underThirteenQuestionApplies,
} from '../../../domain/assessment/safeguarding-prompts';
import { highestNiceLevel } from '../../../domain/rules/concern-level';
import type { AlertingFeature } from '../../../domain/rules/nice-alerting-features';
import { fgmEligible, fgmQuestions } from '../../../domain/screening/fgm';
import {
  alertingFeatureById,
  alertingFeatureGroups,
  alertingFeaturesFor,
  CARER_CHILD_INTERACTION_FEATURE_ID,
  carerChildInteractionOptions,
  independentlyMobileOptions,
  mobilityConfirmationOptions,
  mobilityDisabilityQuestionApplies,
  needsTrustConfirmation,
  niceLevelMeanings,
  TRUST_CONFIRMATION_NOTICE,
} from '../../../domain/rules/nice-alerting-features';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { ErrorMessage, Fieldset, FormGroup } from '../../../components/form/form-group';
import { useFieldError } from '../../../components/form/issues-context';
import { optionId, Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { NiceLevelTag } from '../nice-level-tag';
import { useOpenAssessment } from '../assessment-context';
import { parsedOnce, useFormDerived } from '../use-form-derived';

/** The section as its derived values read it: parsed once a change (use-form-derived.ts). */
const safeguardingOf = parsedOnce(safeguardingDraftSchema);
import { usePreviousAttendances } from '../use-previous-attendances';

const FEATURES = 'alertingFeatures';
const KEPT = 'keptAlertingFeatures';
const MOBILITY_FIELDS = ['mobilityDisability', 'independentlyMobile', 'mobilityConfirmed'] as const;

/** NHS.UK hints are one sentence with no full stop; the domain writes each "why" as a sentence. */
const asHint = (sentence: string): string => sentence.trim().replace(/\.$/, '');

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The three mobility answers on screen (radios only: no keystrokes reach this). */
function useMobilityDraft() {
  const [mobilityDisability, independentlyMobile, mobilityConfirmed] = useWatch({ exact: true, name: [...MOBILITY_FIELDS] }) as unknown[];
  return safeguardingDraftSchema.parse({ mobilityDisability, independentlyMobile, mobilityConfirmed });
}

/** The tickable features for the mobility answers on screen: the non-mobile bruising item appears with "No" or "Not sure". */
function useOfferedFeatures(ctx: AssessmentContext): AlertingFeature[] {
  return tickableAlertingFeatures(useMobilityDraft(), ctx);
}

/** Features suggested by answers on other pages; the nurse decides whether to tick them. */
function Suggestions({ suggested }: { suggested: readonly AlertingFeature[] }) {
  if (suggested.length === 0) return null;
  return (
    <InsetText>
      <p>From your answers on other pages, check whether these apply:</p>
      {/* The full label, as on its tick box below, so the nurse can find it. */}
      <ul>
        {suggested.map((feature) => (
          <li key={feature.id}>{feature.label}</li>
        ))}
      </ul>
    </InsetText>
  );
}

function FeatureItem({ feature, index, checked, onTick }: { feature: AlertingFeature; index: number; checked: boolean; onTick: (id: string, ticked: boolean) => void }) {
  const { register } = useFormContext();
  const id = optionId(FEATURES, index);
  const registration = register(FEATURES);
  return (
    <>
      <div className="nhsuk-checkboxes__item">
        <input
          className="nhsuk-checkboxes__input"
          id={id}
          type="checkbox"
          value={feature.id}
          aria-controls={`conditional-${id}`}
          aria-describedby={`${id}-item-hint`}
          {...registration}
          onChange={(event) => {
            onTick(feature.id, event.target.checked);
          }}
        />
        <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
          {feature.label} <NiceLevelTag level={feature.level} />
        </label>
        <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-item-hint`}>
          {asHint(feature.why)}
          {needsTrustConfirmation(feature) ? (
            <>
              {' '}
              <strong className="app-unconfirmed">({TRUST_CONFIRMATION_NOTICE})</strong>
            </>
          ) : null}
        </div>
      </div>
      <div className={`nhsuk-checkboxes__conditional${checked ? '' : ' nhsuk-checkboxes__conditional--hidden'}`} id={`conditional-${id}`}>
        {checked ? <ExplanationField feature={feature} /> : null}
      </div>
    </>
  );
}

function ExplanationField({ feature }: { feature: AlertingFeature }) {
  return (
    <Textarea
      name={explanationField(feature.id)}
      label={
        <>
          {q.alertingFeatures.explanationLabel}
          {/* Several may be open at once: say which feature each box is for. */}
          {' '}
          <span className="nhsuk-u-visually-hidden">({feature.name})</span>
        </>
      }
      rows={3}
    />
  );
}

/**
 * The checklist by body system, most common first, each group a details element with its
 * own fieldset and legend; then "None of these" as the exclusive answer (GOV.UK "or" pattern).
 * A group opens when something in it is ticked or prompted (suggested by another page, or the
 * non-mobile bruising item the mobility answer brought), and then stays open.
 */
function AlertingFeatureChecklist({ offered, prompted }: { offered: readonly AlertingFeature[]; prompted: ReadonlySet<string> }) {
  const { getValues, setValue } = useFormContext();
  const ticked = stringList(useWatch({ exact: true, name: FEATURES }));
  const error = useFieldError(FEATURES);
  // A group the nurse has ticked in stays open: unticking the last item must not fold the list away under them.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const onTick = (value: string, checked: boolean) => {
    const group = offered.find((feature) => feature.id === value)?.group;
    if (group !== undefined && !touched.has(group)) setTouched(new Set([...touched, group]));
    const current = stringList(getValues(FEATURES));
    let next: string[];
    if (!checked) next = current.filter((item) => item !== value);
    // "None of these" clears the features on offer; ticks that no longer apply stay until the nurse decides about them.
    else if (value === NO_ALERTING_FEATURES) next = [...current.filter((item) => item !== NO_ALERTING_FEATURES && !offered.some((feature) => feature.id === item)), value];
    else next = [...current.filter((item) => item !== value && item !== NO_ALERTING_FEATURES), value];
    setValue(FEATURES, next, { shouldDirty: true });
  };
  const groups = alertingFeatureGroups
    .map((group) => ({ ...group, features: offered.filter((feature) => feature.group === group.id) }))
    .filter((group) => group.features.length > 0);
  let index = 0;
  const noneId = optionId(FEATURES, offered.length);
  return (
    <Fieldset name={FEATURES} legend={q.alertingFeatures.label} legendSize="m" hint={q.alertingFeatures.hint} error={error}>
      <div className="nhsuk-checkboxes">
        {groups.map((group) => {
          const selected = group.features.filter((feature) => ticked.includes(feature.id)).length;
          const open = selected > 0 || touched.has(group.id) || group.features.some((feature) => prompted.has(feature.id));
          return (
            <details className="nhsuk-details app-feature-group" key={group.id} open={open}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  {group.title}
                  {selected > 0 ? ` (${q.alertingFeatures.groupSelected(selected)})` : ''}
                </span>
              </summary>
              <div className="nhsuk-details__text">
                <fieldset className="nhsuk-fieldset app-checkbox-group">
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s nhsuk-u-visually-hidden">{group.title}</legend>
                  {group.features.map((feature) => {
                    const itemIndex = index++;
                    return <FeatureItem key={feature.id} feature={feature} index={itemIndex} checked={ticked.includes(feature.id)} onTick={onTick} />;
                  })}
                </fieldset>
              </div>
            </details>
          );
        })}
        <div className="nhsuk-checkboxes__divider">or</div>
        <div className="nhsuk-checkboxes__item">
          <NoneCheckbox id={noneId} onTick={onTick} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={noneId}>
            {q.alertingFeatures.none}
          </label>
        </div>
      </div>
    </Fieldset>
  );
}

function NoneCheckbox({ id, onTick }: { id: string; onTick: (id: string, ticked: boolean) => void }) {
  const { register } = useFormContext();
  return (
    <input
      className="nhsuk-checkboxes__input"
      id={id}
      type="checkbox"
      value={NO_ALERTING_FEATURES}
      {...register(FEATURES)}
      onChange={(event) => {
        onTick(NO_ALERTING_FEATURES, event.target.checked);
      }}
    />
  );
}

/**
 * Ticked features that a later answer (age, mobility) made inapplicable, or that were retired:
 * they still count, and the nurse keeps each one (with its explanation) or unticks it. Nothing
 * vanishes from the concern rules silently (issue 8).
 */
function NoLongerApplies({ ctx }: { ctx: AssessmentContext }) {
  const { getValues, setValue } = useFormContext();
  const mobility = useMobilityDraft();
  const ticked = stringList(useWatch({ exact: true, name: FEATURES }));
  const kept = stringList(useWatch({ exact: true, name: KEPT }));
  const stale = noLongerApplicableFeatures({ ...safeguardingDraftSchema.parse({}), ...mobility, alertingFeatures: ticked, keptAlertingFeatures: kept }, ctx);
  if (stale.length === 0) return null;
  const keep = (id: string) => {
    setValue(KEPT, [...stringList(getValues(KEPT)).filter((item) => item !== id), id], { shouldDirty: true });
  };
  const untick = (id: string) => {
    setValue(FEATURES, stringList(getValues(FEATURES)).filter((item) => item !== id), { shouldDirty: true });
    setValue(KEPT, stringList(getValues(KEPT)).filter((item) => item !== id), { shouldDirty: true });
  };
  return (
    <WarningCallout title={q.noLongerApplies.title}>
      <p>{q.noLongerApplies.intro}.</p>
      {stale.map((feature) => (
        <KeepOrUntick key={feature.id} feature={feature} kept={kept.includes(feature.id)} onKeep={keep} onUntick={untick} />
      ))}
    </WarningCallout>
  );
}

function KeepOrUntick({ feature, kept, onKeep, onUntick }: { feature: AlertingFeature; kept: boolean; onKeep: (id: string) => void; onUntick: (id: string) => void }) {
  const path = keepField(feature.id);
  const error = useFieldError(path);
  const reason = feature.retired ? q.noLongerApplies.reasonRetired : q.noLongerApplies.reasonNotApplicable;
  const hintId = `${fieldId(path)}-hint`;
  return (
    <FormGroup error={error}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${hintId} ${fieldId(path)}-error` : hintId}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          {feature.label} <NiceLevelTag level={feature.level} />
        </legend>
        <div className="nhsuk-hint" id={hintId}>
          {reason}
        </div>
        {error ? <ErrorMessage name={path}>{error}</ErrorMessage> : null}
        <div className="nhsuk-radios nhsuk-radios--small">
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              id={fieldId(path)}
              name={fieldId(path)}
              type="radio"
              checked={kept}
              onChange={() => {
                onKeep(feature.id);
              }}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor={fieldId(path)}>
              {q.noLongerApplies.keep}
            </label>
          </div>
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              id={`${fieldId(path)}-2`}
              name={fieldId(path)}
              type="radio"
              checked={false}
              onChange={() => {
                onUntick(feature.id);
              }}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${fieldId(path)}-2`}>
              {q.noLongerApplies.untick}
            </label>
          </div>
        </div>
        {kept ? <ExplanationField feature={feature} /> : null}
      </fieldset>
    </FormGroup>
  );
}

/** The disability question (every child, optional), then "independently mobile" when asked, then the young-baby confirmation. */
function MobilityQuestions({ ctx }: { ctx: AssessmentContext }) {
  const draft = useMobilityDraft();
  return (
    <>
      {mobilityDisabilityQuestionApplies(ctx) ? (
        <Radios name="mobilityDisability" legend={q.mobilityDisability.label} legendSize="m" hint={q.mobilityDisability.hint} options={yesNoOptions} optional inline />
      ) : null}
      {mobilityAsked(draft, ctx) ? (
        <Radios name="independentlyMobile" legend={q.independentlyMobile.label} legendSize="m" hint={q.independentlyMobile.hint} options={independentlyMobileOptions} inline />
      ) : null}
      {mobilityConfirmationAsked(draft, ctx) ? (
        <Radios name="mobilityConfirmed" legend={q.mobilityConfirmed.label} legendSize="s" hint={q.mobilityConfirmed.hint} options={mobilityConfirmationOptions} />
      ) : null}
    </>
  );
}

function CarerChildInteraction({ ctx }: { ctx: AssessmentContext }) {
  const feature = alertingFeaturesFor(ctx).find((candidate) => candidate.id === CARER_CHILD_INTERACTION_FEATURE_ID);
  const selected: unknown = useWatch({ exact: true, name: 'carerChildInteraction' });
  const concerns = Array.isArray(selected) && selected.some((value) => value !== 'none');
  return (
    <>
      <Checkboxes
        name="carerChildInteraction"
        legend={
          <>
            {q.carerChildInteraction.label}
            {feature ? (
              <>
                {' '}
                <NiceLevelTag level={feature.level} />
              </>
            ) : null}
          </>
        }
        legendSize="m"
        hint={
          feature ? (
            <>
              {asHint(feature.why)}
              <br />
              {q.carerChildInteraction.hint}
            </>
          ) : (
            q.carerChildInteraction.hint
          )
        }
        options={carerChildInteractionOptions.map((option) => ({ ...option, exclusive: option.value === 'none' }))}
      />
      {concerns ? <Textarea name="carerChildInteractionDetails" label={q.carerChildInteraction.detailsLabel} rows={3} /> : null}
    </>
  );
}

function HighestLevel({ ctx }: { ctx: AssessmentContext }) {
  const level = useFormDerived((values) => highestNiceLevel(safeguardingOf(values), ctx) ?? null, [ctx]);
  return (
    <div aria-live="polite" aria-atomic="true" className="app-highest-level">
      <InsetText>
        <p>
          Highest NICE level ticked: {level ? <NiceLevelTag level={level} announced={false} /> : <strong>none</strong>}
        </p>
        {level ? <p>{niceLevelMeanings[level]} The app does not choose the concern level: you do, on the outcome page.</p> : null}
      </InsetText>
    </div>
  );
}

/** Features suggested by answers on other pages that are on offer to this child. */
function suggestedFeatures(accounts: AccountsDraft, frequentAttendance: boolean, offered: readonly AlertingFeature[]): AlertingFeature[] {
  return suggestedAlertingFeatures(accounts, frequentAttendance)
    .filter((id) => offered.some((feature) => feature.id === id))
    .map((id) => alertingFeatureById(id))
    .filter((feature) => feature !== undefined);
}

/** Asked under 13 when relevant (safeguarding-prompts.ts underThirteenQuestionApplies), live as the page is answered. */
function UnderThirteenSexualActivity({ ctx }: { ctx: AssessmentContext }) {
  const [alertingFeatures, disclosure, answer] = useWatch({ exact: true, name: [FEATURES, 'disclosure', 'underThirteenSexualActivity'] }) as unknown[];
  const draft = { alertingFeatures: stringList(alertingFeatures), disclosure: disclosure === 'yes' ? ('yes' as const) : ('' as const), underThirteenSexualActivity: answer === 'yes' ? ('yes' as const) : ('' as const) };
  if (!underThirteenQuestionApplies(ctx, draft)) return null;
  return (
    <Radios
      name="underThirteenSexualActivity"
      legend={q.underThirteenSexualActivity.label}
      legendSize="m"
      hint={q.underThirteenSexualActivity.hint}
      options={yesNoOptions}
      conditional={{ yes: <Textarea name="underThirteenSexualActivityDetails" label={q.underThirteenSexualActivity.detailsLabel} rows={4} /> }}
    />
  );
}

export function SafeguardingPromptsForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const { editor } = useOpenAssessment();
  const previous = usePreviousAttendances(answers.patient, ctx, editor.id);
  // 3 or more in 12 months by the number entered in the information checks, or on this tablet.
  const frequentAttendance = reportedFrequentAttendance(answers.informationChecks) || (previous.status === 'found' && previous.frequent);
  const offered = useOfferedFeatures(ctx);
  const suggested = suggestedFeatures(answers.accounts, frequentAttendance, offered);
  const prompted = new Set([...suggested.map((feature) => feature.id), ...offered.filter((feature) => feature.appliesTo.notIndependentlyMobileOnly === true).map((feature) => feature.id)]);
  return (
    <>
      <MobilityQuestions ctx={ctx} />
      <Suggestions suggested={suggested} />
      <NoLongerApplies ctx={ctx} />
      <AlertingFeatureChecklist offered={offered} prompted={prompted} />
      <Radios
        name="disclosure"
        legend={q.disclosure.label}
        legendSize="m"
        options={yesNoOptions}
        conditional={{
          yes: (
            <>
              <Textarea name="disclosureWhatWasSaid" label={q.disclosure.whatWasSaidLabel} hint={q.disclosure.whatWasSaidHint} rows={5} />
              <TextInput name="disclosureBy" label={q.disclosure.byLabel} hint={q.disclosure.byHint} />
              {fgmEligible(ctx) ? <p className="nhsuk-body">{fgmQuestions.openedByDisclosure}</p> : null}
            </>
          ),
        }}
      />
      <CarerChildInteraction ctx={ctx} />
      <Checkboxes
        name="householdRisks"
        legend={q.householdRisks.label}
        legendSize="m"
        hint={q.householdRisks.hint}
        options={householdRiskOptions.map((option) => ({ ...option, exclusive: EXCLUSIVE_HOUSEHOLD_RISKS.includes(option.value) }))}
      />
      <UnderThirteenSexualActivity ctx={ctx} />
      <HighestLevel ctx={ctx} />
    </>
  );
}
