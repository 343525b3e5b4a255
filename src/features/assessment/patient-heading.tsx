/**
 * Who this assessment is about, shown above the task list and check answers: name, age at
 * arrival, arrival time and pathway. Text only.
 */
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { formatDateTime } from '../../domain/shared/dates';

export function PatientHeading({ record }: { record: AssessmentRecord }) {
  const summary = summariseAttendance(record, new Date().toISOString());
  const child = summary.ageYears !== null && summary.ageYears < 18;
  return (
    <div className="app-patient-banner">
      <p className="app-patient-banner__name" dir="auto">
        {summary.displayName}
      </p>
      <p className="app-patient-banner__details">
        {summary.ageText ? `${summary.ageText}. ` : 'Age not entered yet. '}
        Arrived {formatDateTime(summary.arrivedAt)}.
        {summary.ageYears !== null ? (child ? ' Child pathway.' : ' Adult pathway.') : ''}
      </p>
    </div>
  );
}
