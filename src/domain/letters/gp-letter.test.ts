/**
 * The GP discharge letter as composed (before restricted content is applied): the exact
 * wording of each heading, row and request for the answers that change it, so a changed
 * word or a dropped "Not recorded" fails here and not only in the golden letters.
 */
import { describe, expect, test } from 'vitest';
import type { AssessmentRecord } from '../assessment/record';
import { adultWithChildrenRecord, infantSuspectRecord, LETTER_TIME, letterSettings, noConcernsChildRecord, youngPersonRestrictedRecord } from '../../test-support/letter-fixtures';
import type { SafeguardingContributor } from './contributions';
import type { LetterInput } from './facts';
import { letterFacts, noChoices } from './facts';
import { composeGpLetter, gpSafeguardingRequests } from './gp-letter';
import type { LetterBlock, LetterDocument, LetterRow } from './model';

const compose = (record: AssessmentRecord, extra: Partial<LetterInput> = {}): LetterDocument =>
  composeGpLetter(letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices(), ...extra }));
const blocksOf = (document: LetterDocument, id: string): LetterBlock[] => document.sections.find((entry) => entry.id === id)?.blocks ?? [];
const rowsOf = (document: LetterDocument, id: string): LetterRow[] => blocksOf(document, id).flatMap((block) => (block.type === 'rows' ? block.rows : []));
const valueOf = (document: LetterDocument, id: string, key: string): string[] | undefined => rowsOf(document, id).find((entry) => entry.key === key)?.value;
const distribution = (document: LetterDocument): string[] => blocksOf(document, 'distribution-list').flatMap((block) => (block.type === 'list' ? block.items : []));

const NO_ACTION = 'No safeguarding action is asked of the GP. This letter is sent for every attendance by a child.';

describe('what the GP is asked about safeguarding', () => {
  test.each(['no-concern', 'excluded', ''] as const)('a child with concern level %j: no action asked, and why the letter is sent', (level) => {
    const record = noConcernsChildRecord();
    record.answers.outcome.concernLevel = level;
    const requests = gpSafeguardingRequests(letterFacts({ record, settings: letterSettings(), at: LETTER_TIME, choices: noChoices() }));
    expect(requests).toEqual([NO_ACTION]);
  });

  test('an adult: the children-at-home request only when a section found children at home', () => {
    const contributor = (childrenAtHome: boolean): SafeguardingContributor => ({
      id: 'think-family',
      contribute: () => ({ blocks: [], gpRequests: [], nurseRequests: [], childrenAtHome }),
    });
    const facts = (childrenAtHome: boolean) => letterFacts({ record: adultWithChildrenRecord(), settings: letterSettings(), at: LETTER_TIME, choices: noChoices(), contributors: [contributor(childrenAtHome)] });
    expect(gpSafeguardingRequests(facts(false))).toEqual([]);
    expect(gpSafeguardingRequests(facts(true))).toEqual([
      'This patient has children at home or cares for children (see above). Please consider their needs at your next contact, and share any concern with the health visitor, school nurse or children’s social care.',
    ]);
  });
});

describe('the Safeguarding section', () => {
  test('"No concerns identified" is said once: the concern level row is not repeated under it', () => {
    const document = compose(noConcernsChildRecord());
    const blocks = blocksOf(document, 'safeguarding');
    expect(blocks[0]).toEqual({ type: 'paragraph', text: 'No concerns identified.' });
    expect(rowsOf(document, 'safeguarding').map((entry) => entry.key)).not.toContain('Safeguarding concern level');
  });

  test('a concern: the level row is there', () => {
    const document = compose(infantSuspectRecord());
    expect(blocksOf(document, 'safeguarding')[0]).not.toEqual({ type: 'paragraph', text: 'No concerns identified.' });
    expect(rowsOf(document, 'safeguarding').some((entry) => entry.value.some((line) => line.startsWith('Suspect')))).toBe(true);
  });
});

describe('the plan and requested actions', () => {
  test('follow-up is trimmed, and "Not recorded" when blank', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge.followUp = '  Fracture clinic in a week  ';
    expect(valueOf(compose(record), 'plan-and-requested-actions', 'Follow-up arranged')).toEqual(['Fracture clinic in a week']);
    record.answers.discharge.followUp = '   ';
    expect(valueOf(compose(record), 'plan-and-requested-actions', 'Follow-up arranged')).toEqual(['Not recorded']);
  });

  test('a child: the school nurse row only when the nurse is notified; the social care row by referral', () => {
    const record = youngPersonRestrictedRecord();
    record.answers.outcome.notify = 'no';
    const quiet = compose(record);
    expect(valueOf(quiet, 'plan-and-requested-actions', 'For the school nurse')).toBeUndefined();
    expect(valueOf(quiet, 'plan-and-requested-actions', "For children's social care")).toBeUndefined();
    expect(blocksOf(quiet, 'plan-and-requested-actions').filter((block) => block.type === 'rows')).toHaveLength(1);

    record.answers.outcome.notify = 'yes';
    record.answers.outcome.referral = 'next-working-day';
    const planned = compose(record);
    expect(valueOf(planned, 'plan-and-requested-actions', 'For the school nurse')).toEqual(['Informed of this attendance by a separate notification.']);
    expect(valueOf(planned, 'plan-and-requested-actions', "For children's social care")).toEqual(['A referral will be made on the next working day: see Safeguarding.']);

    record.answers.outcome.referral = 'made';
    expect(valueOf(compose(record), 'plan-and-requested-actions', "For children's social care")).toEqual(['A referral has been made: see Safeguarding.']);
  });
});

describe('the information and advice given', () => {
  test('advice is trimmed, and "Not recorded" when blank', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge.adviceToPatient = '  Rest the wrist  ';
    record.answers.discharge.adviceToCarer = '  Painkillers as needed  ';
    expect(rowsOf(compose(record), 'information-and-advice')).toEqual([
      { key: 'To the child', value: ['Rest the wrist'] },
      { key: 'To the parent or carer', value: ['Painkillers as needed'] },
    ]);
    record.answers.discharge.adviceToPatient = ' ';
    record.answers.discharge.adviceToCarer = '';
    expect(rowsOf(compose(record), 'information-and-advice')).toEqual([
      { key: 'To the child', value: ['Not recorded'] },
      { key: 'To the parent or carer', value: ['Not recorded'] },
    ]);
  });

  test('an adult: the parent or carer row only when advice to a carer was recorded', () => {
    const record = adultWithChildrenRecord();
    record.answers.discharge.adviceToCarer = '  ';
    expect(rowsOf(compose(record), 'information-and-advice').map((entry) => entry.key)).toEqual(['To the patient']);
  });
});

describe('the clinical narrative, diagnoses and discharge details', () => {
  test('treatment, impression and destination are trimmed', () => {
    const record = noConcernsChildRecord();
    record.answers.discharge.treatmentGiven = '  Ibuprofen  ';
    record.answers.discharge.clinicalImpression = '  Sprained wrist  ';
    const document = compose(record);
    expect(rowsOf(document, 'clinical-narrative').at(-1)).toEqual({ key: 'Treatment given', value: ['Ibuprofen'] });
    expect(blocksOf(document, 'diagnoses')).toEqual([{ type: 'paragraph', text: 'Sprained wrist' }]);
    expect(rowsOf(document, 'discharge-details')).toEqual([{ key: 'Discharge destination', value: ['Home with parent or carer'] }]);
  });

  test('blank treatment, impression and destination read "Not recorded"', () => {
    const record = noConcernsChildRecord();
    Object.assign(record.answers.discharge, { treatmentGiven: ' ', clinicalImpression: '', destination: '' });
    const document = compose(record);
    expect(rowsOf(document, 'clinical-narrative').at(-1)).toEqual({ key: 'Treatment given', value: ['Not recorded'] });
    expect(blocksOf(document, 'diagnoses')).toEqual([{ type: 'paragraph', text: 'Not recorded' }]);
    expect(rowsOf(document, 'discharge-details')).toEqual([{ key: 'Discharge destination', value: ['Not recorded'] }]);
  });
});

describe('the distribution list', () => {
  test('the heading, the GP by the first line of the practice, the nurse and MASH', () => {
    const document = compose(infantSuspectRecord());
    expect(document.sections.at(-1)?.heading).toBe('Distribution list');
    expect(distribution(document)).toEqual([
      'GP: Sherwood Health Centre',
      'Health visitor: Jo Hughes, Bestwood health visiting team (separate notification)',
      "Children's social care (MASH): separate referral",
    ]);
  });

  test('the nurse is trimmed or named by area; a referral for the next working day is listed', () => {
    const record = youngPersonRestrictedRecord();
    record.answers.informationChecks.hvOrSchoolNurse = '  Sam Reed  ';
    record.answers.outcome.referral = 'next-working-day';
    expect(distribution(compose(record))).toEqual(['GP: Hockley Medical Practice', 'School nurse: Sam Reed (separate notification)', "Children's social care (MASH): separate referral"]);
    record.answers.informationChecks.hvOrSchoolNurse = ' ';
    record.answers.outcome.referral = 'not-made';
    expect(distribution(compose(record))).toEqual(['GP: Hockley Medical Practice', 'School nurse: team for the child’s area (separate notification)']);
  });

  test("an adult: the GP and each child's notification from Think Family, whatever the outcome answers hold", () => {
    const record = adultWithChildrenRecord();
    Object.assign(record.answers.outcome, { notify: 'yes', referral: 'made' });
    expect(distribution(compose(record))).toEqual(['GP: Radford Health Centre', 'School nurse: Radford Primary School (separate notification about Amy Green)']);
    record.answers.thinkFamily.children = [];
    expect(distribution(compose(record))).toEqual(['GP: Radford Health Centre']);
  });
});

describe('the sender', () => {
  test('the site name is trimmed, and "Site name not set" when blank', () => {
    const settings = letterSettings();
    settings.siteName = '  Kings Mill ED  ';
    expect(compose(noConcernsChildRecord(), { settings }).from.site).toBe('Kings Mill ED');
    settings.siteName = '  ';
    expect(compose(noConcernsChildRecord(), { settings }).from.site).toBe('Site name not set');
  });
});
