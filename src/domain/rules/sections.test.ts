/**
 * Tests for the task list with the child safeguarding sections, and for reading records saved
 * before they existed.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { screeningContext } from '../../test-support/screening-contexts';
import { emptyInformationChecksDraft } from '../assessment/information-checks';
import { emptyOutcomeDraft } from '../assessment/outcome';
import { answersSchema, emptyAnswers } from '../assessment/record';
import { emptySafeguardingDraft } from '../assessment/safeguarding-prompts';
import { blocksSigning, issuesBeforeGpLetter, issuesBeforeSigning, neededForGpLetterText, relevantSections, sectionById, sectionBySlug, sectionDefinitions, sectionsBeforeSigning, sectionStatusLabels } from './sections';
import type { SectionId } from '../assessment/record';

/** The first question each section asks of an empty record for an 8-year-old (page order). */
const FIRST_FIELDS: [SectionId, string | undefined][] = [
  ['patient', 'arrivalDate.day'],
  ['people', 'accompaniedBy'],
  ['accounts', 'childAccount'],
  ['informationChecks', 'cpis'],
  ['safeguarding', 'alertingFeatures'],
  ['outcome', 'concernLevel'],
  ['discharge', 'clinicalImpression'],
];

describe('the child safeguarding sections in the task list', () => {
  test('order, titles and slugs', () => {
    expect(sectionDefinitions.map((section) => [section.id, section.title, section.slug])).toEqual([
      ['patient', 'Patient and attendance', 'patient'],
      ['people', 'Next of kin and who came with the patient', 'next-of-kin'],
      ['accounts', 'Accounts', 'accounts'],
      ['informationChecks', 'Information checks', 'information-checks'],
      ['safeguarding', 'Safeguarding prompts', 'safeguarding-prompts'],
      ['cse', 'Child sexual exploitation screen', 'cse-screen'],
      ['substanceUse', 'Substance use', 'substance-use'],
      ['fraser', 'Fraser guidelines', 'fraser'],
      ['fgm', 'Female genital mutilation (FGM)', 'fgm'],
      ['selfHarm', 'Self-harm or mental health', 'self-harm'],
      ['domesticAbuse', 'Domestic abuse', 'domestic-abuse'],
      ['auditC', 'Alcohol use (AUDIT-C)', 'alcohol-audit-c'],
      ['thinkFamily', 'Think Family – children at home', 'think-family'],
      ['outcome', 'Outcome and actions', 'outcome'],
      ['discharge', 'Discharge', 'discharge'],
      ['leftBeforeAssessment', 'Left before assessment', 'left-before-assessment'],
    ]);
  });

  test.each<[number | undefined, string[]]>([
    [0, ['patient', 'people', 'accounts', 'informationChecks', 'safeguarding', 'outcome', 'discharge']],
    [17, ['patient', 'people', 'accounts', 'informationChecks', 'safeguarding', 'cse', 'substanceUse', 'thinkFamily', 'outcome', 'discharge']],
    [18, ['patient', 'people', 'accounts', 'thinkFamily', 'discharge']],
    [undefined, ['patient', 'people', 'accounts', 'discharge']],
  ])('age %s shows %j', (age, expected) => {
    expect(relevantSections(contextForAge(age)).map((section) => section.id)).toEqual(expected);
  });

  test('slugs find their sections', () => {
    expect(sectionBySlug('safeguarding-prompts')?.id).toBe('safeguarding');
    expect(sectionById('outcome').slug).toBe('outcome');
  });

  test('an unknown slug finds nothing; an unknown id is a programming error', () => {
    expect(sectionBySlug('safeguarding')).toBeUndefined();
    expect(() => sectionById('police' as SectionId)).toThrow('Unknown section police');
  });

  test('every section but Discharge must be complete before signing; Discharge only before the GP letter', () => {
    expect(sectionDefinitions.filter((section) => !blocksSigning(section)).map((section) => [section.id, section.requiredBefore])).toEqual([['discharge', 'gp-letter']]);
    expect(sectionsBeforeSigning(contextForAge(8)).map((section) => section.id)).toEqual(['patient', 'people', 'accounts', 'informationChecks', 'safeguarding', 'outcome']);
    expect(sectionsBeforeSigning(contextForAge(30)).map((section) => section.id)).toEqual(['patient', 'people', 'accounts', 'thinkFamily']);
  });

  test('each section checks and summarises its own answers', () => {
    const ctx = contextForAge(8);
    const answers = emptyAnswers();
    // The first problem of each, by its field id: each definition calls its own section's rules.
    // The screening sections do not apply to a well 8-year-old (their own tests cover them).
    const relevant = sectionDefinitions.filter((section) => section.isRelevant(ctx));
    expect(relevant.map((section) => [section.id, section.validate(answers, ctx)[0]?.field])).toEqual(FIRST_FIELDS);
    for (const section of relevant) expect(section.summarise(answers, ctx).length, section.id).toBeGreaterThan(0);
  });

  test('status labels', () => {
    expect(sectionStatusLabels).toEqual({ 'not-started': 'Not started', 'in-progress': 'In progress', completed: 'Completed' });
  });

  test('before signing, an empty child record lists problems in the three new sections', () => {
    const sections = issuesBeforeSigning(emptyAnswers(), contextForAge(8)).map((entry) => entry.section.id);
    expect(sections).toEqual(['patient', 'people', 'accounts', 'informationChecks', 'safeguarding', 'outcome']);
    const outcome = issuesBeforeSigning(emptyAnswers(), contextForAge(8)).find((entry) => entry.section.id === 'outcome');
    expect(outcome?.issues.map((issue) => issue.field)).toEqual(['concernLevel', 'notify']);
  });

  test('the address, postcode, GP practice and school do not stop signing, and are listed as needed for the GP letter', () => {
    const answers = emptyAnswers();
    const patient = issuesBeforeSigning(answers, contextForAge(8)).find((entry) => entry.section.id === 'patient');
    for (const field of ['postcode', 'address', 'gpPractice', 'school']) expect(patient?.issues.map((issue) => issue.field)).not.toContain(field);
    const letter = issuesBeforeGpLetter(answers, contextForAge(8));
    expect(letter.map((entry) => entry.section.id)).toEqual(['patient']);
    expect(letter[0]?.issues.map((issue) => issue.field)).toEqual(['postcode', 'address', 'gpPractice', 'school']);
    expect(neededForGpLetterText(letter[0]?.issues ?? [])).toBe(
      'Needed for the GP letter and the MASH referral: postcode, address, GP practice and school, college or nursery. You can sign without them and add them later',
    );
    expect(neededForGpLetterText([])).toBeUndefined();
  });

  test('one answer still needed is named alone and called "it"; two are joined with "and"', () => {
    const letter = issuesBeforeGpLetter(emptyAnswers(), contextForAge(8))[0]?.issues ?? [];
    const postcode = letter.filter((issue) => issue.field === 'postcode');
    expect(neededForGpLetterText(postcode)).toBe('Needed for the GP letter and the MASH referral: postcode. You can sign without it and add it later');
    const two = letter.filter((issue) => issue.field === 'postcode' || issue.field === 'gpPractice');
    expect(neededForGpLetterText(two)).toBe('Needed for the GP letter and the MASH referral: postcode and GP practice. You can sign without them and add them later');
  });

  test('the Fraser section is on the list for a 14-year-old at a sexual health visit, and not for one injured', () => {
    expect(relevantSections(screeningContext(14, 'sexual-health')).map((section) => section.id)).toContain('fraser');
    expect(relevantSections(screeningContext(14, 'injury')).map((section) => section.id)).not.toContain('fraser');
  });

  test('the outcome check before signing refuses "No concern" after a disclosure', () => {
    const answers = emptyAnswers();
    answers.safeguarding.disclosure = 'yes';
    answers.outcome.concernLevel = 'no-concern';
    const outcome = issuesBeforeSigning(answers, contextForAge(8)).find((entry) => entry.section.id === 'outcome');
    expect(outcome?.issues[0]?.field).toBe('concernLevel');
    expect(outcome?.issues[0]?.message).toMatch(/^No concern cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child/);
  });
});

describe('records saved before these sections existed', () => {
  test('parse with the new sections empty', () => {
    const old = { patient: {}, people: {}, accounts: {} };
    const answers = answersSchema.parse(old);
    expect(answers.informationChecks).toEqual(emptyInformationChecksDraft());
    expect(answers.safeguarding).toEqual(emptySafeguardingDraft());
    expect(answers.outcome).toEqual(emptyOutcomeDraft());
  });

  test('a damaged section parses as empty without losing the others', () => {
    const answers = answersSchema.parse({ accounts: { childAccount: 'I fell' }, safeguarding: 'garbage', outcome: [1, 2] });
    expect(answers.accounts.childAccount).toBe('I fell');
    expect(answers.safeguarding).toEqual(emptySafeguardingDraft());
    expect(answers.outcome).toEqual(emptyOutcomeDraft());
  });
});
