/**
 * The patient banner for a record the page already holds (task list, check answers, the
 * signed record): computed once per record, so typing elsewhere does not redo it.
 */
import { useMemo } from 'react';
import { patientBannerFacts } from '../../domain/assessment/patient-banner';
import type { PatientDraft } from '../../domain/assessment/patient';
import { PatientBanner } from '../../components/content/patient-banner';

export function PatientHeading({ patient }: { patient: PatientDraft }) {
  const facts = useMemo(() => patientBannerFacts(patient, new Date().toISOString()), [patient]);
  return <PatientBanner facts={facts} />;
}
