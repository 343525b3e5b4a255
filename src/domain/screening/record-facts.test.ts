/**
 * Deriving the screens' record facts from the other sections.
 */
import { describe, expect, test } from 'vitest';
import { emptyAccountsDraft } from '../assessment/accounts';
import { emptyInformationChecksDraft } from '../assessment/information-checks';
import { emptyPatientDraft } from '../assessment/patient';
import { emptyPeopleDraft } from '../assessment/people';
import { screeningContext } from '../../test-support/screening-contexts';
import type { ScreeningSections } from './record-facts';
import { screeningFactsFromSections } from './record-facts';
import { noScreeningFacts } from './screening-context';

const sections = (): ScreeningSections => ({
  patient: emptyPatientDraft(),
  people: emptyPeopleDraft(),
  accounts: emptyAccountsDraft(),
  informationChecks: emptyInformationChecksDraft(),
});

describe('screeningFactsFromSections', () => {
  test('nothing recorded: no facts', () => {
    expect(screeningFactsFromSections(sections(), screeningContext(14))).toEqual(noScreeningFacts());
  });

  test('each fact from its answer', () => {
    const s = sections();
    s.people.accompaniedBy = 'alone';
    s.patient.notInEducation = true;
    s.accounts.accountConsistent = 'not-sure';
    s.informationChecks.cpis = 'checked-looked-after';
    s.informationChecks.previousAttendances = '2';
    const ctx = screeningContext(14, 'injury', undefined, { injuryRelated: true });
    expect(screeningFactsFromSections(s, ctx)).toEqual({
      cameAlone: true,
      adultAnsweredForYoungPerson: false,
      notInEducation: true,
      accountConsistent: 'not-sure',
      cpis: 'checked-looked-after',
      frequentAttendance: true,
    });
  });

  test('an adult answering for the young person counts only when someone came', () => {
    const s = sections();
    s.people.companionAnswersForPatient = 'yes';
    expect(screeningFactsFromSections(s, screeningContext(14)).adultAnsweredForYoungPerson).toBe(false);
    s.people.accompaniedBy = 'accompanied';
    expect(screeningFactsFromSections(s, screeningContext(14)).adultAnsweredForYoungPerson).toBe(true);
  });

  test('a stale consistency answer is ignored when the question does not apply', () => {
    const s = sections();
    s.accounts.accountConsistent = 'no';
    expect(screeningFactsFromSections(s, screeningContext(14, 'illness')).accountConsistent).toBe('');
  });

  test('frequent attendance found on the device', () => {
    expect(screeningFactsFromSections(sections(), screeningContext(14), true).frequentAttendance).toBe(true);
  });
});
