/**
 * Section "Think Family – children at home" form (PRODUCT.md 4.7; research §2.4): why it is
 * required (the triggers) or that it is offered, the §4.7 questions, each child (an unborn
 * child with the expected date of delivery), who is caring for the children now with the
 * immediate-escalation panel and its recorded action, the pregnancy referrals, and what the
 * children's notifications may say about the patient.
 *
 * Every rule comes from domain/screening/think-family(.ts, -section.ts): this page only shows.
 */
import { useFieldArray } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import type { Answers } from '../../../domain/assessment/record';
import {
  adultDetailsApplies,
  adultDetailsOptions,
  alsoRecordedOptions,
  caresForChildrenOptions,
  caringNowApplies,
  caringNowSafetyOptions,
  childYesNoNotKnown,
  emptyThinkFamilyChild,
  escalationActionOptions,
  escalationContacts,
  escalationReasons,
  hasChildrenOptions,
  pregnancyReferralsApply,
  pregnantOptions,
  referralMadeOptions,
  soleCarerApplies,
  thinkFamilyDraftSchema,
  thinkFamilyQuestions as q,
  yesNoChoice,
} from '../../../domain/screening/think-family';
import type { ThinkFamilyChild, ThinkFamilyDraft } from '../../../domain/screening/think-family';
import { pregnancyRecordedInDomesticAbuse, thinkFamilyTriggersFor } from '../../../domain/screening/think-family-section';
import { localContactLabels } from '../../../domain/settings/device-settings';
import { Button } from '../../../components/content/button';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { DateInput } from '../../../components/form/date-input';
import { ErrorMessage, FormGroup } from '../../../components/form/form-group';
import { useFieldError } from '../../../components/form/issues-context';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { parsedOnce, useFormDerived } from '../use-form-derived';

const newChildId = (): string => crypto.randomUUID();

const draftOf: (values: unknown) => ThinkFamilyDraft = parsedOnce(thinkFamilyDraftSchema);

/** Why the section is required (the triggers that apply, live), or that it is offered. */
function Triggers({ answers, ctx }: { answers: Answers; ctx: AssessmentContext }) {
  const labels = useFormDerived((values) => thinkFamilyTriggersFor({ ...answers, thinkFamily: draftOf(values) }, ctx).map((trigger) => trigger.label), [answers, ctx]);
  return (
    <div aria-live="polite">
      <InsetText>
        {labels.length > 0 ? (
          <p>
            {q.requiredBecause}: {labels.join('; ')}.
          </p>
        ) : (
          <p>{ctx.pathway.adult ? q.offered : q.offeredYoungPerson}.</p>
        )}
        <p>{q.intro}.</p>
      </InsetText>
    </div>
  );
}

function ChildFields({ path, unborn }: { path: string; unborn: boolean }) {
  const c = q.children;
  return (
    <>
      <TextInput name={`${path}.firstName`} label={c.firstName} {...(unborn ? { hint: c.firstNameUnbornHint, optional: true } : {})} />
      <TextInput name={`${path}.lastName`} label={c.lastName} optional />
      {unborn ? (
        <DateInput name={`${path}.expectedDelivery`} legend={c.expectedDelivery} />
      ) : (
        <>
          <DateInput name={`${path}.dateOfBirth`} legend={c.dateOfBirth} hint={c.dateOfBirthHint} />
          <TextInput name={`${path}.ageYears`} label={c.ageYears} width={2} inputMode="numeric" optional />
          <Radios name={`${path}.livesWithPatient`} legend={c.livesWithPatient} options={childYesNoNotKnown} inline small />
          <TextInput name={`${path}.schoolOrNursery`} label={c.schoolOrNursery} optional />
        </>
      )}
      <Radios
        name={`${path}.socialCare`}
        legend={c.socialCare}
        options={childYesNoNotKnown}
        inline
        small
        conditional={{ yes: <TextInput name={`${path}.socialWorker`} label={c.socialWorker} optional /> }}
      />
      <Radios name={`${path}.share`} legend={c.share} hint={c.shareHint} options={yesNoChoice} inline small />
    </>
  );
}

function Children() {
  const { fields, append, remove } = useFieldArray({ name: 'children' });
  const error = useFieldError('children');
  const c = q.children;
  return (
    <FormGroup error={error}>
      <h2 className="nhsuk-heading-m">{c.heading}</h2>
      <p className="nhsuk-hint">{c.hint}</p>
      {error ? <ErrorMessage name="children">{error}</ErrorMessage> : null}
      <div className="app-repeat">
        {fields.map((field, index) => {
          const unborn = (field as unknown as ThinkFamilyChild).unborn;
          return (
            <fieldset className="nhsuk-fieldset app-repeat__item" key={field.id}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{unborn ? c.unbornLegend : `${c.legend} ${index + 1}`}</legend>
              <ChildFields path={`children.${index}`} unborn={unborn} />
              <Button variant="secondary" className="nhsuk-button--small" onClick={() => remove(index)}>
                {c.remove}
                <span className="nhsuk-u-visually-hidden"> {index + 1}</span>
              </Button>
            </fieldset>
          );
        })}
        <Button id="children" variant="secondary" className="nhsuk-button--small" onClick={() => append(emptyThinkFamilyChild(newChildId()))}>
          {c.add}
        </Button>{' '}
        <Button variant="secondary" className="nhsuk-button--small" onClick={() => append({ ...emptyThinkFamilyChild(newChildId()), unborn: true })}>
          {c.addUnborn}
        </Button>
      </div>
    </FormGroup>
  );
}

/** The immediate-escalation panel (research §2.4 actions), with the local numbers from settings. */
function Escalation() {
  const reasons = useFormDerived((values) => escalationReasons(draftOf(values)));
  const settings = useDeviceSettings();
  const e = q.escalation;
  if (reasons.length === 0) return null;
  return (
    <WarningCallout title={e.heading} id="think-family-escalation">
      {reasons.includes('caring-now-unsafe') ? <p>{e.unsafe}</p> : null}
      {reasons.includes('sole-carer-unable') ? <p>{e.soleCarer}</p> : null}
      <p>{e.instruction}</p>
      <ul>
        <li>{e.nurseInCharge}</li>
        {escalationContacts.map((key) => (
          <li key={key}>
            {localContactLabels[key]}: {settings?.contacts[key].trim() || q.numberNotSet}
          </li>
        ))}
      </ul>
      <Checkboxes name="escalationActions" legend={e.actionsLegend} hint={e.actionsHint} options={escalationActionOptions} />
      <Textarea name="escalationDetails" label={e.detailsLabel} rows={3} />
    </WarningCallout>
  );
}

function CaringNow() {
  const applies = useFormDerived((values) => caringNowApplies(draftOf(values)));
  if (!applies) return null;
  return (
    <>
      <Textarea name="whoIsCaringNow" label={q.whoIsCaringNow.label} labelSize="m" rows={2} />
      <Radios name="caringNowSafety" legend={q.whoIsCaringNow.safetyLegend} options={caringNowSafetyOptions} inline />
      <Escalation />
      <Textarea name="ifAdmitted" label={q.ifAdmitted.label} labelSize="m" rows={2} optional />
    </>
  );
}

function SoleCarer() {
  const applies = useFormDerived((values) => soleCarerApplies(draftOf(values)));
  if (!applies) return null;
  return (
    <Radios
      name="soleCarer"
      legend={q.soleCarer.label}
      legendSize="m"
      options={yesNoChoice}
      inline
      conditional={{ yes: <Radios name="soleCarerUnableNow" legend={q.soleCarerUnableNow.label} options={yesNoChoice} inline small /> }}
    />
  );
}

function Pregnancy({ answers, ctx }: { answers: Answers; ctx: AssessmentContext }) {
  const applies = useFormDerived((values) => {
    const draft = draftOf(values);
    return pregnancyReferralsApply(draft, thinkFamilyTriggersFor({ ...answers, thinkFamily: draft }, ctx));
  }, [answers, ctx]);
  const settings = useDeviceSettings();
  const p = q.pregnancy;
  if (!applies) return null;
  const midwifery = settings?.contacts.midwiferySafeguarding.trim();
  return (
    <>
      <h2 className="nhsuk-heading-m">{p.heading}</h2>
      <InsetText>
        <p>{p.checks}.</p>
        <p>
          {localContactLabels.midwiferySafeguarding}: {midwifery || q.numberNotSet}
        </p>
      </InsetText>
      <Radios name="midwiferyReferral" legend={p.midwifery} options={referralMadeOptions} inline conditional={{ 'not-made': <Textarea name="midwiferyReferralReason" label={p.midwiferyReason} rows={2} /> }} />
      <Radios
        name="unbornSafeguardingReferral"
        legend={p.safeguarding}
        options={referralMadeOptions}
        inline
        conditional={{ 'not-made': <Textarea name="unbornSafeguardingReferralReason" label={p.safeguardingReason} rows={2} /> }}
      />
    </>
  );
}

function AdultDetails() {
  const applies = useFormDerived((values) => adultDetailsApplies(draftOf(values)));
  if (!applies) return null;
  return (
    <Radios
      name="adultDetails"
      legend={q.adultDetails.label}
      legendSize="m"
      hint={q.adultDetails.hint}
      options={adultDetailsOptions}
      conditional={{ safeguarding: <Textarea name="adultDetailsReason" label={q.adultDetails.reasonLabel} rows={2} /> }}
    />
  );
}

export function ThinkFamilyForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  return (
    <>
      <Triggers answers={answers} ctx={ctx} />
      <Checkboxes name="alsoRecorded" legend={q.alsoRecorded.label} hint={q.alsoRecorded.hint} options={alsoRecordedOptions} optional />
      <Radios
        name="hasChildren"
        legend={q.hasChildren.label}
        legendSize="m"
        options={hasChildrenOptions}
        conditional={{ 'not-able-to-ask': <Textarea name="hasChildrenNotAskedReason" label={q.hasChildren.reasonLabel} rows={2} /> }}
      />
      <Radios name="caresForChildren" legend={q.caresForChildren.label} legendSize="m" hint={q.caresForChildren.hint} options={caresForChildrenOptions} inline />
      <SoleCarer />
      <Radios
        name="pregnant"
        legend={q.pregnant.label}
        legendSize="m"
        {...(pregnancyRecordedInDomesticAbuse(answers) ? { hint: q.pregnantFromDomesticAbuse } : {})}
        options={pregnantOptions}
        inline
      />
      <Children />
      <CaringNow />
      <Pregnancy answers={answers} ctx={ctx} />
      <AdultDetails />
    </>
  );
}
