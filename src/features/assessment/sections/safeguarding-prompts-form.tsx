/**
 * Section 4.5 "Safeguarding prompts – NICE CG89" form: the under-2 mobility question, the
 * alerting-feature checklist for this child (each with its NICE level, why it matters and the
 * required explanation), disclosure, carer–child interaction, household risks and, under 13,
 * sexual activity or pregnancy; then the highest NICE level recorded, live.
 *
 * The checklist, levels, wording and which items apply come from the domain
 * (rules/nice-alerting-features.ts, assessment/safeguarding-prompts.ts). The app prompts and
 * records; it never scores (PRODUCT.md principle 5): the level shown is NICE's, per item.
 */
import { useFormContext, useWatch } from 'react-hook-form';
import type { AccountsDraft } from '../../../domain/assessment/accounts';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { reportedFrequentAttendance } from '../../../domain/assessment/information-checks';
import { yesNoOptions } from '../../../domain/assessment/options';
import type { Answers } from '../../../domain/assessment/record';
import {
  EXCLUSIVE_HOUSEHOLD_RISKS,
  explanationField,
  householdRiskOptions,
  NO_ALERTING_FEATURES,
  safeguardingDraftSchema,
  safeguardingQuestions as q,
  suggestedAlertingFeatures,
  tickableAlertingFeatures,
  underThirteenQuestionApplies,
} from '../../../domain/assessment/safeguarding-prompts';
import { highestNiceLevel } from '../../../domain/rules/concern-level';
import type { AlertingFeature } from '../../../domain/rules/nice-alerting-features';
import {
  alertingFeatureById,
  alertingFeaturesFor,
  CARER_CHILD_INTERACTION_FEATURE_ID,
  carerChildInteractionOptions,
  independentlyMobileOptions,
  mobilityQuestionApplies,
  needsTrustConfirmation,
  niceLevelMeanings,
  TRUST_CONFIRMATION_NOTICE,
} from '../../../domain/rules/nice-alerting-features';
import { InsetText } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { Fieldset } from '../../../components/form/form-group';
import { useFieldError } from '../../../components/form/issues-context';
import { optionId, Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { NiceLevelTag } from '../nice-level-tag';
import { useOpenAssessment } from '../assessment-context';
import { useFormDerived } from '../use-form-derived';
import { usePreviousAttendances } from '../use-previous-attendances';

const FEATURES = 'alertingFeatures';

/** NHS.UK hints are one sentence with no full stop; the domain writes each "why" as a sentence. */
const asHint = (sentence: string): string => sentence.trim().replace(/\.$/, '');

/** The tickable features for the mobility answer on screen: the non-mobile bruising item appears with "No" or "Not sure". */
function useOfferedFeatures(ctx: AssessmentContext): AlertingFeature[] {
  const mobility: unknown = useWatch({ exact: true, name: 'independentlyMobile' });
  return tickableAlertingFeatures(safeguardingDraftSchema.parse({ independentlyMobile: mobility }), ctx);
}

/** Items whose wording the trust has not yet confirmed, named once above the checklist (research §11 item 2). */
function TrustConfirmationNotice({ ctx }: { ctx: AssessmentContext }) {
  const mobility: unknown = useWatch({ exact: true, name: 'independentlyMobile' });
  const draft = safeguardingDraftSchema.parse({ independentlyMobile: mobility });
  const unconfirmed = alertingFeaturesFor(ctx, mobilityQuestionApplies(ctx) ? draft.independentlyMobile : '').filter(needsTrustConfirmation);
  if (unconfirmed.length === 0) return null;
  return (
    <InsetText>
      <p>
        <strong>{TRUST_CONFIRMATION_NOTICE}</strong> for: {unconfirmed.map((feature) => feature.name).join('; ')}.
      </p>
    </InsetText>
  );
}

/** Features suggested by answers on other pages; the nurse decides whether to tick them. */
function Suggestions({ accounts, frequentAttendance, offered }: { accounts: AccountsDraft; frequentAttendance: boolean; offered: readonly AlertingFeature[] }) {
  const suggested = suggestedAlertingFeatures(accounts, frequentAttendance)
    .filter((id) => offered.some((feature) => feature.id === id))
    .map((id) => alertingFeatureById(id))
    .filter((feature) => feature !== undefined);
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
        </div>
      </div>
      <div className={`nhsuk-checkboxes__conditional${checked ? '' : ' nhsuk-checkboxes__conditional--hidden'}`} id={`conditional-${id}`}>
        {checked ? (
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
        ) : null}
      </div>
    </>
  );
}

/**
 * The checklist in two groups, injuries first (the domain marks each feature as an injury or
 * not), then "None of these" as the exclusive answer (GOV.UK "or" checkbox pattern).
 */
function AlertingFeatureChecklist({ offered }: { offered: readonly AlertingFeature[] }) {
  const { getValues, setValue } = useFormContext();
  const watched: unknown = useWatch({ exact: true, name: FEATURES });
  const ticked = Array.isArray(watched) ? (watched as unknown[]) : [];
  const error = useFieldError(FEATURES);
  const onTick = (value: string, checked: boolean) => {
    const current = ((getValues(FEATURES) as unknown[] | undefined) ?? []).filter((item): item is string => typeof item === 'string');
    const next = checked ? [...current.filter((item) => item !== value && (value === NO_ALERTING_FEATURES ? false : item !== NO_ALERTING_FEATURES)), value] : current.filter((item) => item !== value);
    setValue(FEATURES, next, { shouldDirty: true });
  };
  const groups = [
    { title: 'Injuries', features: offered.filter((feature) => feature.injury) },
    { title: 'History, presentation and care', features: offered.filter((feature) => !feature.injury) },
  ].filter((group) => group.features.length > 0);
  let index = 0;
  const noneId = optionId(FEATURES, offered.length);
  return (
    <Fieldset name={FEATURES} legend={q.alertingFeatures.label} legendSize="m" hint={q.alertingFeatures.hint} error={error}>
      <div className="nhsuk-checkboxes">
        {groups.map((group) => (
          <fieldset className="nhsuk-fieldset app-checkbox-group" key={group.title}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{group.title}</legend>
            {group.features.map((feature) => {
              const itemIndex = index++;
              return <FeatureItem key={feature.id} feature={feature} index={itemIndex} checked={ticked.includes(feature.id)} onTick={onTick} />;
            })}
          </fieldset>
        ))}
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

function MobilityQuestion({ ctx }: { ctx: AssessmentContext }) {
  if (!mobilityQuestionApplies(ctx)) return null;
  return <Radios name="independentlyMobile" legend={q.independentlyMobile.label} legendSize="m" hint={q.independentlyMobile.hint} options={independentlyMobileOptions} inline />;
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
  const level = useFormDerived((values) => highestNiceLevel(safeguardingDraftSchema.parse(values), ctx) ?? null, [ctx]);
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

export function SafeguardingPromptsForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const { editor } = useOpenAssessment();
  const previous = usePreviousAttendances(answers.patient, ctx, editor.id);
  // 3 or more in 12 months by the number entered in the information checks, or on this tablet.
  const frequentAttendance = reportedFrequentAttendance(answers.informationChecks) || (previous.status === 'found' && previous.frequent);
  const offered = useOfferedFeatures(ctx);
  return (
    <>
      <MobilityQuestion ctx={ctx} />
      <TrustConfirmationNotice ctx={ctx} />
      <Suggestions accounts={answers.accounts} frequentAttendance={frequentAttendance} offered={offered} />
      <AlertingFeatureChecklist offered={offered} />
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
      {underThirteenQuestionApplies(ctx) ? (
        <Radios
          name="underThirteenSexualActivity"
          legend={q.underThirteenSexualActivity.label}
          legendSize="m"
          hint={q.underThirteenSexualActivity.hint}
          options={yesNoOptions}
          conditional={{ yes: <Textarea name="underThirteenSexualActivityDetails" label={q.underThirteenSexualActivity.detailsLabel} rows={4} /> }}
        />
      ) : null}
      <HighestLevel ctx={ctx} />
    </>
  );
}
