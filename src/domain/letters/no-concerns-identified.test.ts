/**
 * False reassurance in letters: "No concerns identified" is printed only when the level is
 * "No concern" and nothing the concern-level rules count is recorded (PRODUCT.md 4.9), so a
 * record signed under older rules never reads as reassuring.
 */
import { describe, expect, test } from 'vitest';
import { LETTER_TIME, letterSettings, noConcernsChildRecord } from '../../test-support/letter-fixtures';
import type { Answers } from '../assessment/record';
import { letterFacts, noChoices, noConcernsIdentified } from './facts';

function factsWith(change: (answers: Answers) => void) {
  const record = noConcernsChildRecord();
  change(record.answers);
  return letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() });
}

describe('"No concerns identified" only when nothing of concern is recorded', () => {
  test.each<[string, (answers: Answers) => void, boolean]>([
    ['No concern, nothing recorded', () => undefined, true],
    ['a consider-level alerting feature', (a) => Object.assign(a.safeguarding, { alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'x' } }), false],
    ['a suspect-level alerting feature', (a) => Object.assign(a.safeguarding, { alertingFeatures: ['fracture'], alertingFeatureExplanations: { fracture: 'x' } }), false],
    ['a carer–child interaction concern', (a) => Object.assign(a.safeguarding, { carerChildInteraction: ['emotionally-unavailable'] }), false],
    ['household risk: domestic abuse', (a) => Object.assign(a.safeguarding, { householdRisks: ['domestic-abuse'] }), false],
    ['household risk: parental substance misuse', (a) => Object.assign(a.safeguarding, { householdRisks: ['parental-substance-misuse'] }), false],
    ['household risk: parental mental illness', (a) => Object.assign(a.safeguarding, { householdRisks: ['parental-mental-illness'] }), false],
    ['CP-IS: child protection plan', (a) => Object.assign(a.informationChecks, { cpis: 'checked-cp-plan' }), false],
    ['CP-IS: looked after', (a) => Object.assign(a.informationChecks, { cpis: 'checked-looked-after' }), false],
    ['CP-IS: unborn child protection plan', (a) => Object.assign(a.informationChecks, { cpis: 'checked-unborn-cp-plan' }), false],
    ['an open social-care case', (a) => Object.assign(a.informationChecks, { socialCare: 'yes', socialWorkerTeam: 'CIN team', openCase: 'yes' }), false],
    ['known to social care, case closed', (a) => Object.assign(a.informationChecks, { socialCare: 'yes', socialWorkerTeam: 'CIN team', openCase: 'no' }), true],
    ['a disclosure', (a) => Object.assign(a.safeguarding, { disclosure: 'yes', disclosureWhatWasSaid: 'x', disclosureBy: 'the child' }), false],
    ['level Excluded', (a) => Object.assign(a.outcome, { concernLevel: 'excluded' }), false],
    ['level Consider', (a) => Object.assign(a.outcome, { concernLevel: 'consider' }), false],
  ])('%s → %s', (_name, change, expected) => {
    expect(noConcernsIdentified(factsWith(change))).toBe(expected);
  });
});
