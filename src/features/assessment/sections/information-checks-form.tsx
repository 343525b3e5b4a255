/**
 * Section 4.4 "Information checks" form: the CP-IS check as a recorded attestation, whether
 * the child is known to children's social care (and whether a case is open now), attendances in the last 12 months with the
 * matching attendances already on this tablet, and the health visitor or school nurse.
 * Questions, wording and rules come from domain/assessment/information-checks.
 */
import { useEffect } from 'react';
import { useFormContext } from 'react-hook-form';
import type { AttendanceSummary } from '../../../domain/assessment/attendance-summary';
import type { AssessmentContext } from '../../../domain/assessment/context';
import {
  checksForUnbornChild,
  cpisOptions,
  hvOrSchoolNurseApplies,
  hvOrSchoolNurseLabel,
  unbornChildChecksHint,
  informationChecksDraftSchema,
  informationChecksQuestions as q,
  isCpisPositive,
  openCaseOptions,
  reportedFrequentAttendance,
  socialCareOptions,
  suggestedCpisAnswer,
} from '../../../domain/assessment/information-checks';
import type { PatientDraft } from '../../../domain/assessment/patient';
import { nearMissReasonText } from '../../../domain/assessment/patient-look-up';
import { Link } from '../../../components/navigation/router';
import { paths } from '../../../components/navigation/paths';
import { formatDateTime } from '../../../domain/shared/dates';
import { InsetText, Tag, WarningCallout } from '../../../components/content/feedback';
import { EarlierAttendanceFlags } from '../../../components/content/earlier-attendance-flags';
import { Checkbox } from '../../../components/form/checkboxes';
import { Radios } from '../../../components/form/radios';
import { TextInput } from '../../../components/form/text-input';
import { useOpenAssessment } from '../assessment-context';
import { useFormDerived } from '../use-form-derived';
import { usePreviousAttendances } from '../use-previous-attendances';

function CpisQuestion({ patient }: { patient: PatientDraft }) {
  const { getValues, setValue } = useFormContext();
  const suggestion = suggestedCpisAnswer(patient);
  // CP-IS is looked up by NHS number (research §2.2): with none recorded, the answer is
  // pre-filled like the accounts page's delay, and the nurse confirms or changes it.
  useEffect(() => {
    if (suggestion && getValues('cpis') === '') setValue('cpis', suggestion, { shouldDirty: true });
  }, [getValues, setValue, suggestion]);
  const positive = useFormDerived((values) => isCpisPositive(informationChecksDraftSchema.parse(values)));
  return (
    <>
      <Radios
        name="cpis"
        legend={q.cpis.label}
        legendSize="m"
        hint={suggestion ? 'Pre-filled: the patient section has no NHS number. If you trace one on the Spine, add it to the patient section and check CP-IS' : q.cpis.hint}
        options={cpisOptions}
        conditional={{ 'not-checked-other': <TextInput name="cpisOtherReason" label={q.cpis.otherReasonLabel} /> }}
      />
      <div aria-live="polite">
        {positive ? (
          <InsetText>
            <p>A child protection plan or looked-after status is copied into the safeguarding section of the GP letter.</p>
          </InsetText>
        ) : null}
      </div>
    </>
  );
}

const statusText = (summary: AttendanceSummary): string => (summary.status === 'signed' ? 'Signed' : 'In progress');

function AttendancesOnThisTablet({ patient, ctx }: { patient: PatientDraft; ctx: AssessmentContext }) {
  const { editor } = useOpenAssessment();
  const found = usePreviousAttendances(patient, ctx, editor.id);
  const reported = useFormDerived((values) => reportedFrequentAttendance(informationChecksDraftSchema.parse(values)));
  const flagged = reported || (found.status === 'found' && found.frequent);
  // The 3-in-12-months flag has its own callout below (it also counts the number entered).
  const otherFlags = found.status === 'found' ? found.flags.filter((flag) => flag.kind !== 'frequent') : [];
  return (
    <section aria-labelledby="attendances-on-this-tablet">
      <h2 className="nhsuk-heading-s" id="attendances-on-this-tablet">
        Other attendances on this tablet
      </h2>
      {found.status === 'no-identifiers' ? (
        <p>Add the NHS number, or the last name and date of birth, in the patient section to find this patient's other attendances on this tablet.</p>
      ) : found.status === 'loading' ? (
        <p role="status">Looking for other attendances on this tablet…</p>
      ) : found.status === 'failed' ? (
        <p role="alert">Other attendances could not be looked up: {found.message}</p>
      ) : found.attendances.length === 0 ? (
        <p>No other attendances for this patient are on this tablet (matched by NHS number, or last name and date of birth).</p>
      ) : (
        <table className="nhsuk-table app-attendance-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Matched by NHS number, or last name and date of birth</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Arrived</th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {found.attendances.map((attendance) => (
              <tr key={attendance.id}>
                <td>{formatDateTime(attendance.arrivedAt)}</td>
                <td>{attendance.reason || 'Not entered'}</td>
                <td>
                  <Tag colour={attendance.status === 'signed' ? 'grey' : 'blue'}>{statusText(attendance)}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {found.status === 'found' && found.possible.length > 0 ? (
        <InsetText>
          <p>
            Possible matches, not counted: {found.possible.map((item) => `${item.summary.displayName}, arrived ${formatDateTime(item.summary.arrivedAt)} (${item.reasons.map((reason) => nearMissReasonText[reason]).join('; ')})`).join('. ')}. Check them with the patient on the{' '}
            <Link to={paths.lookUp()}>Find a patient</Link> page.
          </p>
        </InsetText>
      ) : null}
      <EarlierAttendanceFlags flags={otherFlags} id="earlier-attendance-flags" />
      <div aria-live="polite">
        {flagged ? (
          <WarningCallout title="3 or more attendances in 12 months" id="frequent-attendance">
            <p>Including this one, this child has attended urgent care 3 or more times in the last 12 months. A pattern of attendances is a NICE alerting feature: consider it on the safeguarding prompts page.</p>
          </WarningCallout>
        ) : null}
      </div>
    </section>
  );
}

export function InformationChecksForm({ ctx, patient }: { ctx: AssessmentContext; patient: PatientDraft }) {
  return (
    <>
      {checksForUnbornChild(ctx) ? (
        <InsetText>
          <p>{unbornChildChecksHint}.</p>
        </InsetText>
      ) : null}
      <CpisQuestion patient={patient} />
      <Radios
        name="socialCare"
        legend={q.socialCare.label}
        legendSize="m"
        options={socialCareOptions}
        conditional={{
          yes: (
            <>
              <TextInput name="socialWorkerName" label={q.socialCare.nameLabel} />
              <TextInput name="socialWorkerTeam" label={q.socialCare.teamLabel} />
              <TextInput name="socialWorkerPhone" label={q.socialCare.phoneLabel} type="tel" width={20} optional />
              <Radios name="openCase" legend={q.openCase.label} hint={q.openCase.hint} options={openCaseOptions} inline small />
            </>
          ),
        }}
      />
      <TextInput name="previousAttendances" label={q.previousAttendances.label} labelSize="m" hint={q.previousAttendances.hint} width={2} inputMode="numeric" />
      <Checkbox name="previousAttendancesNotKnown" label={q.previousAttendances.notKnown} />
      <AttendancesOnThisTablet patient={patient} ctx={ctx} />
      {hvOrSchoolNurseApplies(ctx) ? <TextInput name="hvOrSchoolNurse" label={hvOrSchoolNurseLabel(ctx)} labelSize="m" hint={q.hvOrSchoolNurse.hint} optional /> : null}
    </>
  );
}
