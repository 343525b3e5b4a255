/**
 * Section "Fraser guidelines" form (PRODUCT.md 4.6; research §5): the five Fraser criteria,
 * each Met / Not met with a reason; whether the young person was encouraged to involve a
 * parent; the partner's age and any power imbalance (a Yes shows the child sexual exploitation
 * follow-up it opens); the young person's view on telling their GP and their parents.
 *
 * Under 13 there is no Fraser form: the page says Fraser does not apply and a child protection
 * referral is mandatory. Which applies, and the follow-up, come from domain/screening/fraser.ts.
 */
import { useFormContext } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { fieldId } from '../../../domain/assessment/issues';
import { yesNoNotKnownOptions } from '../../../domain/assessment/options';
import type { Answers } from '../../../domain/assessment/record';
import {
  criterionOptions,
  fraserAvailability,
  fraserCriteria,
  fraserDraftSchema,
  fraserFollowUps,
  fraserQuestions as q,
  fraserRecordStarted,
  parentInvolvementOptions,
  sharingViewOptions,
} from '../../../domain/screening/fraser';
import { fraserSafeguardingConcern } from '../../../domain/screening/screening-sections';
import { Button } from '../../../components/content/button';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkbox } from '../../../components/form/checkboxes';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useFormDerived } from '../use-form-derived';

/** Under 13: no Fraser record. Answers typed before the age was known can be removed here. */
function Under13() {
  const { setValue } = useFormContext();
  const started = useFormDerived((values) => fraserRecordStarted(fraserDraftSchema.parse(values)));
  return (
    <>
      <WarningCallout title="Fraser does not apply">
        <p>{q.under13}.</p>
      </WarningCallout>
      {started ? (
        <Button
          variant="secondary"
          id={fieldId(`criteria.${fraserCriteria[0].id}.answer`)}
          onClick={() => {
            for (const criterion of fraserCriteria) setValue(`criteria.${criterion.id}`, { answer: '', reason: '' }, { shouldDirty: true });
          }}
        >
          Remove the Fraser answers
        </Button>
      ) : null}
    </>
  );
}

/** The follow-up a power imbalance opens, as the liaison list will read it. */
function PowerImbalanceFollowUp({ ctx }: { ctx: AssessmentContext }) {
  const followUps = useFormDerived((values) => fraserFollowUps(fraserDraftSchema.parse(values), ctx), [ctx]);
  if (followUps.length === 0) return null;
  return (
    <InsetText>
      {followUps.map((item) => (
        <p key={item.kind}>{item.text}</p>
      ))}
    </InsetText>
  );
}

export function FraserForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  if (fraserAvailability(ctx) === 'under-13-not-available') return <Under13 />;
  const concern = fraserSafeguardingConcern(answers);
  return (
    <>
      <InsetText>
        <p>{q.intro}</p>
      </InsetText>
      {fraserCriteria.map((criterion) => {
        const reason = <Textarea name={`criteria.${criterion.id}.reason`} label={q.criterionReasonLabel} rows={2} />;
        return (
          <Radios
            key={criterion.id}
            name={`criteria.${criterion.id}.answer`}
            legend={criterion.label}
            options={criterionOptions}
            conditional={{ met: reason, 'not-met': reason }}
          />
        );
      })}
      <Radios
        name="parentInvolvement"
        legend={q.parentInvolvement.label}
        legendSize="m"
        options={parentInvolvementOptions}
        conditional={{ 'not-appropriate': <Textarea name="parentInvolvementReason" label={q.parentInvolvement.reasonLabel} rows={2} /> }}
      />
      <TextInput name="partnerAge" label={q.partnerAge.label} labelSize="m" width={3} inputMode="numeric" />
      <Checkbox name="partnerAgeNotKnown" label={q.partnerAge.notKnown} />
      <Radios
        name="powerImbalance"
        legend={q.powerImbalance.label}
        legendSize="m"
        hint={q.powerImbalance.hint}
        options={yesNoNotKnownOptions}
        conditional={{ yes: <Textarea name="powerImbalanceDetails" label={q.powerImbalance.detailsLabel} rows={3} /> }}
      />
      <PowerImbalanceFollowUp ctx={ctx} />
      <Radios
        name="gpSharing"
        legend={q.gpSharing.label}
        legendSize="m"
        options={sharingViewOptions}
        conditional={{
          'not-asked': <Textarea name="gpSharingNotAskedReason" label={q.gpSharing.reasonLabel} rows={2} />,
          // A safeguarding concern (outcome page: Consider or Suspect) means the GP is told; say why.
          declines: concern ? <Textarea name="gpSharingOverrideReason" label={q.gpSharingOverride.label} hint={q.gpSharingOverride.hint} rows={3} /> : undefined,
        }}
      />
      <Radios
        name="parentSharing"
        legend={q.parentSharing.label}
        legendSize="m"
        options={sharingViewOptions}
        conditional={{ 'not-asked': <Textarea name="parentSharingNotAskedReason" label={q.parentSharing.reasonLabel} rows={2} /> }}
      />
    </>
  );
}
