/**
 * Section 4.2 "Next of kin and who came with the patient" form. Which answers are offered
 * depends on age (an under-18 cannot simply decline next of kin); the escalation prompt comes
 * from domain/rules/people-prompts, and what the record already says is pre-filled
 * (domain peoplePrefills).
 */
import { useEffect, useRef } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import type { Person } from '../../../domain/assessment/people';
import { accompaniedByOptions, emptyHouseholdMember, emptyPerson, nextOfKinAnswers, noParentalResponsibilityReasonApplies, peopleDraftSchema, peoplePrefills, peopleQuestions as q } from '../../../domain/assessment/people';
import { yesNoOptions } from '../../../domain/assessment/options';
import { peoplePrompts } from '../../../domain/rules/people-prompts';
import { Button } from '../../../components/content/button';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { PromptList } from '../prompt-list';
import { parsedOnce, useFormDerived } from '../use-form-derived';

/** The section as its derived values read it: parsed once a change (use-form-derived.ts). */
const peopleOf = parsedOnce(peopleDraftSchema);
import { HouseholdMemberFields, PersonFields } from './person-fields';

const newPersonId = (): string => crypto.randomUUID();

function Companions({ ctx }: { ctx: AssessmentContext }) {
  const { fields, append, remove } = useFieldArray({ name: 'companions' });
  return (
    <div className="app-repeat">
      {fields.map((field, index) => (
        <fieldset className="nhsuk-fieldset app-repeat__item" key={field.id}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {q.companion.legend}
            {fields.length > 1 ? ` ${index + 1}` : ''}
          </legend>
          <PersonFields path={`companions.${index}`} child={ctx.pathway.child} />
          {fields.length > 1 ? (
            <Button variant="secondary" className="nhsuk-button--small" onClick={() => remove(index)}>
              {q.companion.remove}
              <span className="nhsuk-u-visually-hidden"> {index + 1}</span>
            </Button>
          ) : null}
        </fieldset>
      ))}
      <Button variant="secondary" className="nhsuk-button--small" onClick={() => append(emptyPerson(newPersonId()))}>
        {q.companion.add}
      </Button>
    </div>
  );
}

function AccompaniedReveal({ ctx }: { ctx: AssessmentContext }) {
  const { getValues, setValue } = useFormContext();
  // The first person is ready to fill in as soon as "Someone came with the patient" is chosen.
  useEffect(() => {
    const companions = getValues('companions') as Person[] | undefined;
    if (!companions || companions.length === 0) setValue('companions', [emptyPerson(newPersonId())], { shouldDirty: true });
  }, [getValues, setValue]);
  return (
    <>
      <Companions ctx={ctx} />
      {ctx.pathway.youngPerson ? (
        <Radios name="companionAnswersForPatient" legend={q.companionAnswersForPatient.label} hint={q.companionAnswersForPatient.hint} options={yesNoOptions} inline small />
      ) : null}
    </>
  );
}

function WhichCompanion() {
  const options = useFormDerived((values) =>
    peopleOf(values).companions.map((companion, index) => ({ value: companion.id, label: companion.fullName.trim() || `Person with the patient ${index + 1}` })),
  );
  if (options.length <= 1) return null;
  return <Radios name="nextOfKin.sameAsCompanionId" legend={q.nextOfKin.whichCompanion} options={options} small />;
}

function NextOfKin({ ctx }: { ctx: AssessmentContext }) {
  const accompanied = useWatch({ exact: true, name: 'accompaniedBy' }) === 'accompanied';
  return (
    <Radios
      name="nextOfKin.answer"
      legend={q.nextOfKin.label}
      legendSize="m"
      {...(accompanied ? { hint: q.nextOfKin.hint } : {})}
      options={nextOfKinAnswers(ctx, accompanied)}
      conditional={{
        'same-as-companion': <WhichCompanion />,
        named: <PersonFields path="nextOfKin.person" child={ctx.pathway.child} />,
        'not-able': <TextInput name="nextOfKin.notAbleReason" label={q.nextOfKin.notAbleReason} />,
      }}
    />
  );
}

function OtherParentalResponsibility() {
  const { fields, append, remove } = useFieldArray({ name: 'otherParentalResponsibility' });
  return (
    <div className="app-repeat">
      <h2 className="nhsuk-heading-s">
        {q.otherParentalResponsibility.label}
        <span className="app-optional"> (optional)</span>
      </h2>
      <p className="nhsuk-hint">{q.otherParentalResponsibility.hint}</p>
      {fields.map((field, index) => (
        <fieldset className="nhsuk-fieldset app-repeat__item" key={field.id}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {q.otherParentalResponsibility.legend} {index + 1}
          </legend>
          <PersonFields path={`otherParentalResponsibility.${index}`} child phoneOptional askParentalResponsibility={false} />
          <Button variant="secondary" className="nhsuk-button--small" onClick={() => remove(index)}>
            {q.otherParentalResponsibility.remove}
            <span className="nhsuk-u-visually-hidden"> {index + 1}</span>
          </Button>
        </fieldset>
      ))}
      <Button
        variant="secondary"
        className="nhsuk-button--small"
        onClick={() => append({ ...emptyPerson(newPersonId()), hasParentalResponsibility: 'yes' })}
      >
        {q.otherParentalResponsibility.add}
      </Button>
    </div>
  );
}

function Household() {
  const { fields, append, remove } = useFieldArray({ name: 'household' });
  return (
    <div className="app-repeat">
      <h2 className="nhsuk-heading-s">
        {q.household.label}
        <span className="app-optional"> (optional)</span>
      </h2>
      <p className="nhsuk-hint">{q.household.hint}</p>
      {fields.map((field, index) => (
        <fieldset className="nhsuk-fieldset app-repeat__item" key={field.id}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {q.household.legend} {index + 1}
          </legend>
          <HouseholdMemberFields path={`household.${index}`} />
          <Button variant="secondary" className="nhsuk-button--small" onClick={() => remove(index)}>
            {q.household.remove}
            <span className="nhsuk-u-visually-hidden"> {index + 1}</span>
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" className="nhsuk-button--small" onClick={() => append(emptyHouseholdMember(newPersonId()))}>
        {q.household.add}
      </Button>
    </div>
  );
}

/**
 * Fills in what the record already says (domain peoplePrefills), only where the answer is
 * empty. A pre-filled answer whose reason goes (the relationship changed from Mother) and that
 * the nurse has not changed is emptied again, so it is asked rather than left standing.
 */
function Prefills({ ctx }: { ctx: AssessmentContext }) {
  const { getValues, setValue } = useFormContext();
  const prefills = useFormDerived((values) => peoplePrefills(peopleOf(values), ctx), [ctx]);
  const applied = useRef(new Map<string, string>());
  useEffect(() => {
    const wanted = new Map(prefills.map((prefill) => [prefill.field, prefill.value]));
    for (const [field, value] of applied.current) {
      if (wanted.get(field) === value) continue;
      applied.current.delete(field);
      if (getValues(field) === value) setValue(field, '', { shouldDirty: true });
    }
    for (const prefill of prefills) {
      if (getValues(prefill.field) !== '') continue;
      setValue(prefill.field, prefill.value, { shouldDirty: true });
      applied.current.set(prefill.field, prefill.value);
    }
  }, [getValues, setValue, prefills]);
  return null;
}

function LivePrompts({ ctx }: { ctx: AssessmentContext }) {
  const settings = useDeviceSettings();
  const prompts = useFormDerived((values) => peoplePrompts(peopleOf(values), ctx, settings?.contacts), [ctx, settings]);
  const gap = useFormDerived((values) => noParentalResponsibilityReasonApplies(peopleOf(values), ctx), [ctx]);
  return (
    <>
      <PromptList prompts={prompts} />
      {gap ? <Textarea name="noParentalResponsibilityReason" label={q.noParentalResponsibilityReason.label} rows={3} /> : null}
    </>
  );
}

export function PeopleForm({ ctx }: { ctx: AssessmentContext }) {
  return (
    <>
      <Radios
        name="accompaniedBy"
        legend={q.accompaniedBy.label}
        legendSize="m"
        options={accompaniedByOptions}
        conditional={{ accompanied: <AccompaniedReveal ctx={ctx} /> }}
      />
      <NextOfKin ctx={ctx} />
      {ctx.pathway.child ? (
        <>
          <OtherParentalResponsibility />
          <Textarea name="livesWith" label={q.livesWith.label} rows={3} />
          <Household />
        </>
      ) : null}
      {ctx.pathway.youngPerson ? (
        <Radios
          name="seenAlone"
          legend={q.seenAlone.label}
          hint={q.seenAlone.hint}
          options={yesNoOptions}
          conditional={{ no: <TextInput name="seenAloneReason" label={q.seenAlone.reasonLabel} /> }}
        />
      ) : null}
      <LivePrompts ctx={ctx} />
      <Prefills ctx={ctx} />
    </>
  );
}
