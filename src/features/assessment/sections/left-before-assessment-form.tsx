/**
 * "Left before assessment" form (issue 12): whether the patient left before assessment or
 * treatment, when, what is known and who was told; for an under-18, the prompt to call the
 * parent or carer and the safeguarding team with the numbers from settings. Questions, wording
 * and rules come from domain/assessment/left-before-assessment.
 */
import type { AssessmentContext } from '../../../domain/assessment/context';
import { callParentAndSafeguardingTeam, informedOptions, leftBeforeAssessmentQuestions as q, leftOptions } from '../../../domain/assessment/left-before-assessment';
import type { Answers } from '../../../domain/assessment/record';
import { localContactLabels } from '../../../domain/settings/device-settings';
import { WarningCallout } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { DateInput, TimeInput } from '../../../components/form/date-input';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { useFormDerived } from '../use-form-derived';

/** The people the nurse can ring: next of kin and whoever came with the child, as recorded. */
function recordedContacts(answers: Answers): string[] {
  const people = [...answers.people.companions, answers.people.nextOfKin.person, ...answers.people.otherParentalResponsibility];
  const seen = new Set<string>();
  return people
    .filter((person) => person.fullName.trim() !== '' && person.phone.trim() !== '')
    .map((person) => `${person.fullName.trim()}: ${person.phone.trim()}`)
    .filter((text) => !seen.has(text) && Boolean(seen.add(text)));
}

function CallPrompt({ answers }: { answers: Answers }) {
  const settings = useDeviceSettings();
  const safeguarding = settings?.contacts.safeguardingTeam.trim() ?? '';
  const contacts = recordedContacts(answers);
  return (
    <WarningCallout title="Call the parent or carer and the safeguarding team" id="left-call-prompt">
      <p>A child who leaves before being seen may be at risk. Phone the parent or carer now to tell them and to find out where the child is, and tell the safeguarding team.</p>
      <ul>
        <li>{contacts.length > 0 ? `Parent, carer or next of kin recorded: ${contacts.join('; ')}` : 'No parent or carer phone number is recorded: ask the person who came with the child, or the GP practice'}</li>
        <li>
          {localContactLabels.safeguardingTeam}: {safeguarding === '' ? 'no number in settings: ask the nurse in charge' : safeguarding}
        </li>
      </ul>
      <p>If you cannot reach anyone and you are worried, follow the missing child procedure and call the police.</p>
    </WarningCallout>
  );
}

export function LeftBeforeAssessmentForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const left = useFormDerived((values) => (values as { left?: unknown }).left === 'yes');
  return (
    <>
      <Radios name="left" legend={q.left.label} legendSize="m" hint={q.left.hint} options={leftOptions} />
      <div aria-live="polite">{left && callParentAndSafeguardingTeam(ctx) ? <CallPrompt answers={answers} /> : null}</div>
      {left ? (
        <>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{q.leftAt.label}</legend>
            <DateInput name="leftDate" legend={q.leftAt.dateLabel} />
            <TimeInput name="leftTime" label={q.leftAt.timeLabel} />
          </fieldset>
          <Textarea name="whatIsKnown" label={q.whatIsKnown.label} labelSize="m" hint={q.whatIsKnown.hint} />
          <Checkboxes
            name="informed"
            legend={q.informed.label}
            legendSize="m"
            hint={q.informed.hint}
            options={informedOptions}
            conditional={{ nobody: <TextInput name="nobodyReason" label={q.nobodyReason.label} /> }}
          />
          <Textarea name="informedDetails" label={q.informedDetails.label} hint={q.informedDetails.hint} optional />
        </>
      ) : null}
    </>
  );
}
