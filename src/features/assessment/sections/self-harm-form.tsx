/**
 * Section "Self-harm or mental health" form, under 18 (PRODUCT.md 4.6; research §9.2): who is
 * with the young person, whether parents or carers are informed (or why not), for an overdose
 * what, when and whether staggered, access to means and the plan to reduce it, CAMHS or
 * liaison involvement, the safety plan, and the safe-discharge checklist with its answers.
 *
 * No risk score or band anywhere (NICE NG225): the page records facts and a plan. The
 * checklist and its wording come from domain/screening/self-harm.ts; the Discharge section
 * refuses "Home" from the same answers (selfHarmDischargeHomeIssues).
 */
import { parentalResponsibilityOptions } from '../../../domain/assessment/options';
import {
  camhsOptions,
  followUpBookedOptions,
  overdoseOptions,
  parentsInformedOptions,
  parentsNotInformedReasonOptions,
  safeDischargeStatusLabels,
  schoolNurseInformedOptions,
  selfHarmDraftSchema,
  selfHarmQuestions as q,
  selfHarmSafeDischargeChecklist,
  staggeredOptions,
  withYoungPersonOptions,
} from '../../../domain/screening/self-harm';
import { InsetText, Tag } from '../../../components/content/feedback';
import { Checkbox } from '../../../components/form/checkboxes';
import { DateInput, TimeInput } from '../../../components/form/date-input';
import { Fieldset } from '../../../components/form/form-group';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { parsedOnce, useFormDerived } from '../use-form-derived';

/** The section as its derived values read it: parsed once a change (use-form-derived.ts). */
const selfHarmOf = parsedOnce(selfHarmDraftSchema);

/** What is still needed before the young person goes home, live from the answers on screen. */
function SafeDischargeChecklist() {
  const items = useFormDerived((values) => selfHarmSafeDischargeChecklist(selfHarmOf(values)));
  return (
    <ul className="nhsuk-list" aria-label="Safe discharge checklist">
      {items.map((item) => (
        <li key={item.id}>
          <Tag colour={item.done ? 'green' : 'orange'}>{item.done ? safeDischargeStatusLabels.done : safeDischargeStatusLabels.needed}</Tag> {item.text}
        </li>
      ))}
    </ul>
  );
}

export function SelfHarmForm() {
  const sd = q.safeDischarge;
  return (
    <>
      <InsetText>
        <p>{q.intro}</p>
      </InsetText>
      <Radios
        name="withYoungPerson"
        legend={q.withYoungPerson.label}
        legendSize="m"
        options={withYoungPersonOptions}
        conditional={{
          someone: (
            <>
              <TextInput name="withName" label={q.withYoungPerson.nameLabel} />
              <TextInput name="withRelationship" label={q.withYoungPerson.relationshipLabel} width={20} />
              <Radios name="withPR" legend={q.withYoungPerson.prLabel} options={parentalResponsibilityOptions} inline />
            </>
          ),
        }}
      />
      <Radios
        name="parentsInformed"
        legend={q.parentsInformed.label}
        legendSize="m"
        options={parentsInformedOptions}
        inline
        conditional={{
          no: (
            <Radios
              name="parentsNotInformedReason"
              legend={q.parentsInformed.reasonLabel}
              options={parentsNotInformedReasonOptions}
              conditional={{ other: <Textarea name="parentsNotInformedDetails" label={q.parentsInformed.detailsLabel} rows={2} /> }}
            />
          ),
        }}
      />
      <Radios
        name="overdose"
        legend={q.overdose.label}
        legendSize="m"
        options={overdoseOptions}
        inline
        conditional={{
          yes: (
            <>
              <Textarea name="overdoseSubstances" label={q.overdose.substancesLabel} rows={2} />
              <DateInput name="overdoseDate" legend={q.overdose.dateLabel} />
              <TimeInput name="overdoseTime" label={q.overdose.timeLabel} />
              <Checkbox name="overdoseTimeNotKnown" label={q.overdose.timeNotKnown} />
              <Radios name="staggered" legend={q.overdose.staggeredLabel} hint={q.overdose.staggeredHint} options={staggeredOptions} />
            </>
          ),
        }}
      />
      <Textarea name="accessToMeans" label={q.accessToMeans.label} labelSize="m" hint={q.accessToMeans.hint} rows={3} />
      <Textarea name="meansReductionPlan" label={q.accessToMeans.planLabel} rows={3} optional />
      <Radios name="camhs" legend={q.camhs.label} legendSize="m" options={camhsOptions} />
      <Textarea name="safetyPlan" label={q.safetyPlan.label} labelSize="m" rows={3} />
      <TextInput name="safetyPlanHolder" label={q.safetyPlan.holderLabel} />
      <Fieldset name="safeDischarge" legend={sd.legend} legendSize="m">
        <SafeDischargeChecklist />
        <TextInput name="responsibleAdultName" label={sd.responsibleAdultLabel} />
        <TextInput name="responsibleAdultRelationship" label={sd.relationshipLabel} width={20} />
        <Textarea name="noResponsibleAdultReason" label={sd.noAdultReasonLabel} rows={2} optional />
        <TextInput name="noResponsibleAdultAgreedBy" label={sd.agreedByLabel} optional />
        <Radios
          name="followUpBooked"
          legend={sd.followUpLabel}
          options={followUpBookedOptions}
          inline
          conditional={{ yes: <TextInput name="followUpDetails" label={sd.followUpDetailsLabel} /> }}
        />
        <Radios name="schoolNurseInformed" legend={sd.schoolNurseLabel} options={schoolNurseInformedOptions} inline />
      </Fieldset>
    </>
  );
}
