/**
 * The record facts the young-person screens read (ScreeningRecordFacts), derived once per
 * record from the patient, people, accounts and information-checks sections.
 *
 * Why a separate module: the screens stay free of the section modules, and this one place
 * says which answer means what (for example, the accounts' consistency answer only counts
 * when the question applies, so a stale answer left from another reason is ignored).
 */
import { consistencyApplies } from '../assessment/accounts';
import type { AccountsDraft } from '../assessment/accounts';
import type { AssessmentContext } from '../assessment/context';
import { reportedFrequentAttendance } from '../assessment/information-checks';
import type { InformationChecksDraft } from '../assessment/information-checks';
import type { PatientDraft } from '../assessment/patient';
import type { PeopleDraft } from '../assessment/people';
import type { ScreeningRecordFacts } from './screening-context';

export interface ScreeningSections {
  patient: Pick<PatientDraft, 'notInEducation'>;
  people: Pick<PeopleDraft, 'accompaniedBy' | 'companionAnswersForPatient'>;
  accounts: Pick<AccountsDraft, 'accountConsistent'>;
  informationChecks: InformationChecksDraft;
}

/**
 * The facts for the screens. `frequentOnDevice` is the information-checks frequent-attendance
 * flag over the attendances found on this device (storage supplies them); the number the
 * nurse entered counts as well.
 */
export function screeningFactsFromSections(sections: ScreeningSections, ctx: AssessmentContext, frequentOnDevice = false): ScreeningRecordFacts {
  const child = ctx.pathway.child;
  return {
    cameAlone: sections.people.accompaniedBy === 'alone',
    adultAnsweredForYoungPerson: sections.people.accompaniedBy === 'accompanied' && sections.people.companionAnswersForPatient === 'yes',
    notInEducation: child && sections.patient.notInEducation,
    accountConsistent: consistencyApplies(ctx) ? sections.accounts.accountConsistent : '',
    cpis: child ? sections.informationChecks.cpis : '',
    frequentAttendance: frequentOnDevice || reportedFrequentAttendance(sections.informationChecks),
  };
}
