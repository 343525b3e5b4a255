/**
 * The Discharge section's rules: what is required, the destination detail, the child-only
 * answers, and that its problems never stop signing (they stop the GP letter instead).
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { issuesBeforeSigning, relevantSections, sectionById } from '../rules/sections';
import { adviceToPatientApplies, describeDestination, dischargeDraftSchema, emptyDischargeDraft, summariseDischarge, validateDischarge } from './discharge';
import type { DischargeDraft } from './discharge';
import { answersSchema, emptyAnswers } from './record';
import type { Answers } from './record';

const complete = (overrides: Partial<DischargeDraft> = {}): DischargeDraft => ({
  ...emptyDischargeDraft(),
  clinicalImpression: 'Sprain',
  treatmentGiven: 'None',
  destination: 'home',
  followUp: 'None',
  adviceToPatient: 'Rest',
  adviceToCarer: 'Painkillers',
  ...overrides,
});

const fields = (draft: DischargeDraft, age: number) => validateDischarge(draft, contextForAge(age)).map((issue) => issue.field);

describe('validation', () => {
  test('an empty section lists every required answer, in page order', () => {
    expect(fields(emptyDischargeDraft(), 8)).toEqual(['clinicalImpression', 'treatmentGiven', 'destination', 'followUp', 'adviceToPatient', 'adviceToCarer']);
    // Advice to a carer is optional for an adult.
    expect(fields(emptyDischargeDraft(), 40)).toEqual(['clinicalImpression', 'treatmentGiven', 'destination', 'followUp', 'adviceToPatient']);
  });

  test.each<[DischargeDraft['destination'], string, string[]]>([
    ['admitted', '', ['destinationDetail']],
    ['admitted', 'Ward 3', []],
    ['transferred', '', ['destinationDetail']],
    ['other', '', ['destinationDetail']],
    ['police-custody', '', []],
    ['left-before-treatment-complete', '', []],
  ])('destination %s with detail %j', (destination, destinationDetail, expected) => {
    expect(fields(complete({ destination, destinationDetail }), 30)).toEqual(expected);
  });

  test('"Home with parent or carer" is a child’s answer', () => {
    expect(fields(complete({ destination: 'home-with-carer' }), 8)).toEqual([]);
    expect(fields(complete({ destination: 'home-with-carer' }), 30)).toEqual(['destination']);
  });

  describe('no "advice given to the child" for a pre-verbal infant (issue 8)', () => {
    const withAccounts = (childAccountNotGivenReason: Answers['accounts']['childAccountNotGivenReason']): Answers => ({
      ...emptyAnswers(),
      accounts: { ...emptyAnswers().accounts, childAccountNotGiven: true, childAccountNotGivenReason },
      discharge: complete({ adviceToPatient: '' }),
    });

    test('under 2: not asked, not required, not on check answers', () => {
      const answers = withAccounts('');
      expect(adviceToPatientApplies(contextForAge(1))).toBe(false);
      expect(validateDischarge(answers.discharge, contextForAge(1), answers)).toEqual([]);
      expect(summariseDischarge(answers, contextForAge(1)).map((row) => row.field)).not.toContain('adviceToPatient');
      // The advice to the parent or carer stays required.
      expect(validateDischarge(complete({ adviceToPatient: '', adviceToCarer: '' }), contextForAge(1), answers).map((issue) => issue.field)).toEqual(['adviceToCarer']);
    });

    test('aged 2 or over with the account not given because the child is pre-verbal: not asked', () => {
      const answers = withAccounts('pre-verbal');
      expect(validateDischarge(answers.discharge, contextForAge(3), answers)).toEqual([]);
      expect(summariseDischarge(answers, contextForAge(3)).map((row) => row.field)).not.toContain('adviceToPatient');
    });

    test('a verbal child is still asked (a child too unwell to give an account is still advised)', () => {
      const answers = withAccounts('too-unwell');
      expect(validateDischarge(answers.discharge, contextForAge(3), answers).map((issue) => issue.field)).toEqual(['adviceToPatient']);
      expect(summariseDischarge(answers, contextForAge(3)).map((row) => row.field)).toContain('adviceToPatient');
      expect(adviceToPatientApplies(contextForAge(30))).toBe(true);
    });
  });

  test('a senior reviewer is optional, but a role needs a name', () => {
    expect(fields(complete({ seniorReviewerRole: 'Registrar' }), 30)).toEqual(['seniorReviewerName']);
    expect(fields(complete({ seniorReviewerName: 'Dr Shah', seniorReviewerRole: 'Registrar' }), 30)).toEqual([]);
  });

  test('the destination in words', () => {
    expect(describeDestination(complete({ destination: 'admitted', destinationDetail: ' Ward 3 ' }))).toBe('Admitted to hospital: Ward 3');
    expect(describeDestination(emptyDischargeDraft())).toBe('');
  });
});

describe('never blocks signing', () => {
  test('it is on every task list, needed only before the GP letter', () => {
    expect(relevantSections(contextForAge(30)).map((section) => section.id)).toContain('discharge');
    expect(sectionById('discharge').requiredBefore).toBe('gp-letter');
  });

  test('an empty discharge section is not among the problems before signing', () => {
    expect(issuesBeforeSigning(emptyAnswers(), contextForAge(30)).map((entry) => entry.section.id)).not.toContain('discharge');
  });

  test('records saved before the section existed read with it empty', () => {
    expect(answersSchema.parse({ patient: {} }).discharge).toEqual(emptyDischargeDraft());
    expect(dischargeDraftSchema.parse({ destination: 'moon' }).destination).toBe('');
  });
});

describe('"Home" needs the safe-to-go-home answer (PRODUCT.md 4.9 safeToGoHome)', () => {
  const child = contextForAge(8);
  type Outcome = Answers['outcome'];
  const answers = (outcome: Partial<Outcome>, disclosure: 'yes' | 'no' = 'no') => ({
    outcome: { ...emptyAnswers().outcome, ...outcome },
    safeguarding: { ...emptyAnswers().safeguarding, disclosure },
  });
  const NOT_RECORDED = 'Record on Outcome and actions that it is safe for the child to go home, and who agreed, before choosing a home destination';
  const NOT_SAFE = 'The outcome records that it is not safe for the child to go home: select where the child went instead';
  const safe = { safeToGoHome: 'yes', safeToGoHomeAgreedBy: 'Dr Osei, paediatric registrar' } as const;

  test.each<[string, Partial<DischargeDraft>, Partial<Outcome>, 'yes' | 'no', string | undefined]>([
    ['No concern, home with carer: accepted', { destination: 'home-with-carer' }, { concernLevel: 'no-concern' }, 'no', undefined],
    ['Consider, home with carer, not answered: refused', { destination: 'home-with-carer' }, { concernLevel: 'consider' }, 'no', NOT_RECORDED],
    ['Suspect, home, not answered: refused', { destination: 'home' }, { concernLevel: 'suspect' }, 'no', NOT_RECORDED],
    ['Excluded after a disclosure, home, not answered: refused', { destination: 'home' }, { concernLevel: 'excluded' }, 'yes', NOT_RECORDED],
    ['Suspect, home, safe but nobody named as agreeing: refused', { destination: 'home' }, { concernLevel: 'suspect', safeToGoHome: 'yes' }, 'no', NOT_RECORDED],
    ['Suspect, home, not safe: refused', { destination: 'home' }, { concernLevel: 'suspect', safeToGoHome: 'no', safeToGoHomeNotSafePlan: 'Foster placement' }, 'no', NOT_SAFE],
    ['Suspect, home, safe with who agreed: accepted', { destination: 'home' }, { concernLevel: 'suspect', ...safe }, 'no', undefined],
    ['Consider, home with carer, safe with who agreed: accepted', { destination: 'home-with-carer' }, { concernLevel: 'consider', ...safe }, 'no', undefined],
    ['Suspect, admitted, not answered: accepted', { destination: 'admitted', destinationDetail: 'Ward 2' }, { concernLevel: 'suspect' }, 'no', undefined],
    ['Suspect, police custody, not answered: accepted', { destination: 'police-custody' }, { concernLevel: 'suspect' }, 'no', undefined],
  ])('%s', (_name, discharge, outcome, disclosure, expected) => {
    const found = validateDischarge(complete(discharge), child, answers(outcome, disclosure)).find((issue) => issue.field === 'destination');
    expect(found?.message).toBe(expected);
  });

  test('an adult going home is never asked', () => {
    expect(validateDischarge(complete({ destination: 'home' }), contextForAge(30), answers({ concernLevel: 'suspect' }))).toEqual([]);
  });

  test('it blocks the discharge section (and so the GP letter), never signing', () => {
    const all = { ...emptyAnswers(), ...answers({ concernLevel: 'suspect' }), discharge: complete({ destination: 'home' }) };
    expect(sectionById('discharge').validate(all, child).map((issue) => issue.message)).toEqual([NOT_RECORDED]);
    const beforeSigning = issuesBeforeSigning(all, child);
    expect(beforeSigning.map((entry) => entry.section.id)).not.toContain('discharge');
    expect(beforeSigning.flatMap((entry) => entry.issues).map((issue) => issue.field)).not.toContain('safeToGoHome');
  });
});

describe('after self-harm or a mental health crisis, home needs a responsible adult (issue 9, research §9.2)', () => {
  const fourteen = contextForAge(14, { attendanceReason: 'self-harm' });
  const answersWith = (selfHarm: Partial<Answers['selfHarm']>): Answers => {
    const answers = emptyAnswers();
    answers.outcome.concernLevel = 'no-concern';
    Object.assign(answers.selfHarm, selfHarm);
    return answers;
  };
  const homeDraft = () => ({ ...complete({}), destination: 'home' as const });

  test('home with no adult named is refused on the Discharge section, naming the self-harm page', () => {
    expect(validateDischarge(homeDraft(), fourteen, answersWith({}))).toContainEqual({
      field: 'destination',
      message: 'Name the responsible adult who will stay with the young person, or record why none can be named and who agreed, on the self-harm page',
    });
  });

  test('home with an adult named, or with the reason and who agreed, is accepted', () => {
    expect(validateDischarge(homeDraft(), fourteen, answersWith({ responsibleAdultName: 'Ewa Nowak (mother)' })).map((issue) => issue.field)).not.toContain('destination');
    expect(validateDischarge(homeDraft(), fourteen, answersWith({ noResponsibleAdultReason: 'Lives in supported lodgings', noResponsibleAdultAgreedBy: 'Dr Shah, CAMHS liaison' })).map((issue) => issue.field)).not.toContain('destination');
  });

  test('an injury is not held to it, and signing is never blocked by it', () => {
    expect(validateDischarge(homeDraft(), contextForAge(14, { attendanceReason: 'injury' }), answersWith({})).map((issue) => issue.field)).not.toContain('destination');
    expect(sectionById('discharge').requiredBefore).toBe('gp-letter');
  });
});
