/**
 * Section 4.1 "Patient and attendance" form. Questions and wording come from
 * domain/assessment/patient; which questions show comes from the live context
 * (date of birth or estimated age → pathway; reason → injury time).
 */
import { useFormContext } from 'react-hook-form';
import { describeAge, formatDateTime, hoursBetween } from '../../../domain/shared/dates';
import { NO_FIXED_ABODE_POSTCODE, NOT_KNOWN_POSTCODE } from '../../../domain/shared/postcode';
import { attendanceReasonDetailRequired, attendanceReasonOptions, nhsNumberNotKnownReasonOptions, patientQuestions as q, schoolQuestionApplies, sexOptions } from '../../../domain/assessment/patient';
import { yesNoOptions } from '../../../domain/assessment/options';
import { Checkbox } from '../../../components/form/checkboxes';
import { DateInput, TimeInput } from '../../../components/form/date-input';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { InsetText } from '../../../components/content/feedback';
import { AfterFirstPaint } from '../../../components/layout/after-first-paint';
import { useLivePatientContext } from './use-live-context';
import { useOpenAssessment } from '../assessment-context';

function PathwayNote() {
  const note = useLivePatientContext((ctx) =>
    ctx.pathway.ageYears === undefined
      ? undefined
      : { age: ctx.dateOfBirth ? describeAge(ctx.dateOfBirth, ctx.arrivedAt ?? ctx.now) : `about ${ctx.pathway.ageYears} years`, child: ctx.pathway.child },
  );
  if (!note) return <InsetText>Enter a date of birth or an estimated age: the questions that follow depend on the patient's age.</InsetText>;
  return (
    <InsetText>
      <p>
        Age at arrival: <strong>{note.age}</strong>.{' '}
        {note.child ? 'This patient is on the child pathway: under 18, whatever the clinical area.' : 'This patient is on the adult pathway.'}
      </p>
    </InsetText>
  );
}

function PostcodeButtons() {
  const { setValue } = useFormContext();
  const fill = (value: string) => {
    setValue('postcode', value, { shouldDirty: true });
    document.getElementById('postcode')?.focus();
  };
  return (
    <div className="app-inline-buttons">
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => fill(NO_FIXED_ABODE_POSTCODE)}>
        {q.postcode.noFixedAbode}
      </button>
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => fill(NOT_KNOWN_POSTCODE)}>
        {q.postcode.notKnown}
      </button>
    </div>
  );
}

function ChildQuestions() {
  const pathway = useLivePatientContext((ctx) => ({ school: schoolQuestionApplies(ctx), youngPerson: ctx.pathway.youngPerson }));
  if (!pathway.school) return null;
  return (
    <>
      <TextInput name="school" label={q.school.label} />
      <Checkbox name="notInEducation" label={q.notInEducation.label} hint={pathway.youngPerson ? q.notInEducation.hint : undefined} />
    </>
  );
}

/** The description is required only for "Other" (patient.ts attendanceReasonDetailRequired). */
function AttendanceReasonDetail() {
  const required = useLivePatientContext((ctx) => attendanceReasonDetailRequired({ attendanceReason: ctx.attendanceReason ?? '' }));
  return <Textarea name="attendanceReasonDetail" label={required ? q.attendanceReason.detailLabel : q.attendanceReason.detailOptionalLabel} rows={3} />;
}

function InjuryQuestions() {
  const ctx = useLivePatientContext((live) => ({ injuryRelated: live.injuryRelated, injuryAt: live.injuryAt, arrivedAt: live.arrivedAt }));
  if (!ctx.injuryRelated) return null;
  const delayHours = ctx.injuryAt && ctx.arrivedAt ? hoursBetween(ctx.injuryAt, ctx.arrivedAt) : undefined;
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{q.injuryAt.label}</legend>
      <DateInput name="injuryDate" legend={q.injuryAt.dateLabel} />
      <TimeInput name="injuryTime" label={q.injuryAt.timeLabel} />
      <Checkbox name="injuryTimeNotKnown" label={q.injuryAt.notKnown} />
      {delayHours !== undefined && delayHours >= 0 && ctx.injuryAt ? (
        <InsetText>
          Injury at {formatDateTime(ctx.injuryAt)}: the patient arrived {delayHours < 1 ? 'within an hour' : `${Math.floor(delayHours)} hours later`}
          {delayHours > 24 ? '. A delay of more than 24 hours in seeking help is an alerting feature (NICE CG89).' : '.'}
        </InsetText>
      ) : null}
    </fieldset>
  );
}

/** Says where pre-filled details came from until the nurse has saved the section (patient look-up, issue 12). */
function PrefilledNotice() {
  const { editor } = useOpenAssessment();
  const record = editor.record();
  if (!record.prefilledFrom || record.confirmedSections.includes('patient')) return null;
  return (
    <InsetText>
      <p>
        These patient details were pre-filled from the attendance of {record.prefilledFrom.arrivedAt ? formatDateTime(record.prefilledFrom.arrivedAt) : 'an earlier date'} on this tablet. Check each one with the patient or carer and change
        anything that is no longer right before you save.
      </p>
    </InsetText>
  );
}

export function PatientForm() {
  return (
    <>
      <PrefilledNotice />
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{q.arrivedAt.label}</legend>
        <DateInput name="arrivalDate" legend={q.arrivedAt.dateLabel} />
        <TimeInput name="arrivalTime" label={q.arrivedAt.timeLabel} hint={q.arrivedAt.timeHint} />
      </fieldset>

      <h2 className="nhsuk-heading-m">Patient</h2>
      <TextInput name="givenName" label={q.givenName.label} autoComplete="off" spellCheck={false} />
      <TextInput name="familyName" label={q.familyName.label} autoComplete="off" spellCheck={false} />
      <Checkbox name="nameNotKnown" label={q.nameNotKnown.label}>
        <TextInput name="nameNotKnownReason" label={q.nameNotKnown.reasonLabel} />
      </Checkbox>

      <DateInput name="dateOfBirth" legend={q.dateOfBirth.label} hint={q.dateOfBirth.hint} />
      <Checkbox name="dateOfBirthNotKnown" label={q.dateOfBirthNotKnown.label}>
        <TextInput name="estimatedAgeYears" label={q.estimatedAgeYears.label} width={3} inputMode="numeric" />
      </Checkbox>
      <PathwayNote />

      {/* Below the fold on a phone: built after the top of the page is painted (PRODUCT.md section 10). */}
      <AfterFirstPaint>
        <Radios name="sex" legend={q.sex.label} options={sexOptions} inline />

        <TextInput name="nhsNumber" label={q.nhsNumber.label} hint={q.nhsNumber.hint} width={10} inputMode="numeric" spellCheck={false} />
        <Checkbox name="nhsNumberNotKnown" label={q.nhsNumberNotKnown.label} hint="Child Protection Information Sharing (CP-IS) cannot be checked without it">
          <Radios
            name="nhsNumberNotKnownReason"
            legend={q.nhsNumberNotKnown.reasonLabel}
            options={nhsNumberNotKnownReasonOptions}
            conditional={{ other: <TextInput name="nhsNumberNotKnownOther" label={q.nhsNumberNotKnown.otherLabel} /> }}
          />
        </Checkbox>

        <Textarea name="address" label={q.address.label} rows={3} spellCheck={false} />
        <TextInput name="postcode" label={q.postcode.label} width={10} spellCheck={false} after={<PostcodeButtons />} />

        <TextInput name="gpPractice" label={q.gpPractice.label} hint={q.gpPractice.hint} />
        <Checkbox name="gpNotRegistered" label={q.gpNotRegistered.label} />

        <ChildQuestions />

        <Radios
          name="interpreterNeeded"
          legend={q.interpreterNeeded.label}
          hint={q.interpreterNeeded.hint}
          options={yesNoOptions}
          conditional={{ yes: <TextInput name="interpreterLanguage" label={q.interpreterNeeded.languageLabel} /> }}
        />

        <Radios name="attendanceReason" legend={q.attendanceReason.label} options={attendanceReasonOptions} />
        <AttendanceReasonDetail />

        <InjuryQuestions />
      </AfterFirstPaint>
    </>
  );
}
