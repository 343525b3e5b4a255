/**
 * Component tests for the safeguarding prompts page (PRODUCT.md 4.5 and section 3): the
 * mobility questions first (under 2, or a disability that affects movement, and the young-baby
 * confirmation) and the non-mobile bruising item they bring, the checklist grouped by body
 * system and short for a well child, NICE level tags and why as hints, the unconfirmed-wording
 * notice per item, ticks that no longer apply (keep or untick), the required explanation per tick,
 * exclusive answers, the under-13 question, the highest NICE level live, and the outcome
 * page refusing "No concern" once a suspect-level feature is saved.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { niceAlertingFeatures, TRUST_CONFIRMATION_NOTICE } from '../../../domain/rules/nice-alerting-features';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import type { RecordOptions } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';

const child = (dateOfBirth: string, changes: Partial<RecordOptions> = {}) => assessmentRecord({ id: 'a1', arrivedAt: ARRIVED, dateOfBirth, ...changes });
const NINE_MONTHS = '2025-06-01';
const TEN_YEARS = '2015-09-01';
const FOURTEEN_YEARS = '2011-09-01';
const THREE_MONTHS = '2025-12-01';
const SIX_YEARS = '2019-09-01';
const EIGHT_YEARS = '2017-09-01';

const NON_MOBILE_BRUISE = /^Any bruise in a child who is not independently mobile/;
const mobilityGroup = () => screen.findByRole('group', { name: 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('safeguarding prompts for a baby under 2', () => {
  test('asks about mobility first; "No" or "Not sure" brings the non-mobile bruising item, "Yes" takes it away', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    const mobility = await mobilityGroup();
    const checklist = screen.getByRole('group', { name: 'Alerting features (NICE CG89)' });
    expect(mobility.compareDocumentPosition(checklist) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: NON_MOBILE_BRUISE })).not.toBeInTheDocument();
    await user.click(within(mobility).getByRole('radio', { name: 'No' }));
    expect(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toBeInTheDocument();
    await user.click(within(mobility).getByRole('radio', { name: 'Yes' }));
    expect(screen.queryByRole('checkbox', { name: NON_MOBILE_BRUISE })).not.toBeInTheDocument();
    await user.click(within(mobility).getByRole('radio', { name: 'Not sure' }));
    expect(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toBeInTheDocument();
  });

  test('each item shows its NICE level as a tag and why it matters as its hint', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    const bruise = screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE });
    expect(bruise).toHaveAccessibleName('Any bruise in a child who is not independently mobile NICE level: Suspect');
    expect(bruise).toHaveAccessibleDescription('Babies who cannot move about on their own rarely bruise by accident, so any bruise needs an explanation from a senior and the safeguarding team');
    expect(screen.getByRole('checkbox', { name: /^Delay in seeking help/ })).toHaveAccessibleName('Delay in seeking help for the injury or illness NICE level: Consider');
  });

  test('groups the checklist by body system, each group with its own legend', async () => {
    renderAssessment(child(FOURTEEN_YEARS), 'safeguarding-prompts');
    const skin = await screen.findByRole('group', { name: 'Bruises, bites, cuts and scars' });
    const bones = screen.getByRole('group', { name: 'Fractures, head, eye, mouth, spine and internal injuries' });
    expect(within(skin).getByRole('checkbox', { name: /^Cuts \(lacerations\)/ })).toBeInTheDocument();
    expect(within(bones).getByRole('checkbox', { name: /^One or more fractures/ })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'How the child came to be here' })).getByRole('checkbox', { name: /^Reported symptoms or signs/ })).toBeInTheDocument();
  });

  test("ticking a suspect feature reveals the explanation question and makes the highest level 'Suspect'", async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    expect(screen.getByText(/Highest NICE level ticked:/).textContent).toBe('Highest NICE level ticked: none');
    await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
    expect(screen.getByRole('textbox', { name: 'What explanation was given, and by whom? (bruise in a child who is not independently mobile)' })).toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/).textContent).toBe('Highest NICE level ticked: Suspect');
    await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
    expect(screen.queryByRole('textbox', { name: /What explanation was given/ })).not.toBeInTheDocument();
  });

  test('a consider-level tick alone makes the highest level Consider', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(await screen.findByRole('checkbox', { name: /^Delay in seeking help/ }));
    expect(screen.getByText(/Highest NICE level ticked:/).textContent).toBe('Highest NICE level ticked: Consider');
  });

  test('items whose wording the trust must confirm say so in their hint; verified items do not', async () => {
    renderAssessment(child(FOURTEEN_YEARS), 'safeguarding-prompts');
    const cold = await screen.findByRole('checkbox', { name: /^Cold injury/ });
    expect(cold).toHaveAccessibleDescription(`A child with cold injury may have been left without warmth, clothing or supervision (${TRUST_CONFIRMATION_NOTICE})`);
    expect(screen.getByRole('checkbox', { name: /^Bruise shaped like a hand/ })).toHaveAccessibleDescription('A bruise that shows the shape of what caused it points to an inflicted injury');
    const unconfirmed = niceAlertingFeatures.filter((feature) => feature.source.evidence !== 'V' && feature.recordedAs === 'tick' && feature.retired === undefined);
    expect(screen.getAllByText(`(${TRUST_CONFIRMATION_NOTICE})`).length).toBeLessThanOrEqual(unconfirmed.length);
  });

  test("'None of these' stands alone: ticking it clears the features, ticking a feature clears it", async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    const delay = await screen.findByRole('checkbox', { name: /^Delay in seeking help/ });
    const none = screen.getByRole('checkbox', { name: 'None of these' });
    await user.click(delay);
    await user.click(none);
    expect(delay).not.toBeChecked();
    expect(none).toBeChecked();
    await user.click(delay);
    expect(none).not.toBeChecked();
    expect(delay).toBeChecked();
  });

  test("household risks: 'None known' and 'Not known' each stand alone", async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    const risks = await screen.findByRole('group', { name: 'Known risks in the household' });
    await user.click(within(risks).getByRole('checkbox', { name: 'Domestic abuse' }));
    await user.click(within(risks).getByRole('checkbox', { name: 'None known' }));
    expect(within(risks).getByRole('checkbox', { name: 'Domestic abuse' })).not.toBeChecked();
    await user.click(within(risks).getByRole('checkbox', { name: 'Not known' }));
    expect(within(risks).getByRole('checkbox', { name: 'None known' })).not.toBeChecked();
    expect(within(risks).getByRole('checkbox', { name: 'Not known' })).toBeChecked();
    expect(within(risks).getAllByText('or')).toHaveLength(1);
  });

  test('disclosure: "Yes" asks what was said, in their words, and who said it', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    const disclosure = await screen.findByRole('group', { name: 'Has the child, or anyone else, said that someone has hurt, abused or neglected them?' });
    await user.click(within(disclosure).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('textbox', { name: 'What was said, in their words' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Who said it?' })).toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Suspect');
  });

  test('an interaction concern asks for a description and counts at Consider', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    const interaction = await screen.findByRole('group', { name: /^Concerns about how the carer and child interact/ });
    expect(interaction).toHaveAccessibleName('Concerns about how the carer and child interact NICE level: Consider');
    expect(screen.queryByRole('textbox', { name: 'Describe what you saw (optional)' })).not.toBeInTheDocument();
    await user.click(within(interaction).getByRole('checkbox', { name: /^Hostility towards the child/ }));
    expect(screen.getByRole('textbox', { name: 'Describe what you saw (optional)' })).toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Consider');
  });

  test('asks an explanation for each tick on "Save and continue", linking to its box', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    const link = within(summary).getByRole('link', { name: 'Enter what explanation was given for the bruise in a child who is not independently mobile, and by whom' });
    await user.click(link);
    const box = screen.getByRole('textbox', { name: /What explanation was given/ });
    expect(box).toHaveFocus();
    expect(box).toHaveAccessibleDescription(/Enter what explanation was given/);
  });
});

describe('questions by age', () => {
  test('a 14-year-old has no mobility question, no non-mobile item and no under-13 question', async () => {
    renderAssessment(child(FOURTEEN_YEARS), 'safeguarding-prompts');
    await screen.findByRole('group', { name: 'Alerting features (NICE CG89)' });
    expect(screen.queryByRole('group', { name: /independently mobile/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: NON_MOBILE_BRUISE })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Is there any sexual activity or pregnancy involving this child?' })).not.toBeInTheDocument();
  });

  test('a 10-year-old is asked about sexual activity or pregnancy; "Yes" is suspect-level', async () => {
    const { user } = renderAssessment(child(TEN_YEARS), 'safeguarding-prompts');
    const question = await screen.findByRole('group', { name: 'Is there any sexual activity or pregnancy involving this child?' });
    await user.click(within(question).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('textbox', { name: 'What is known about the sexual activity or pregnancy?' })).toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Suspect');
  });
});

describe('a well child\'s page stays short', () => {
  test('an 8-year-old sees closed groups, each a one-line summary, then "None of these"', async () => {
    const { container } = renderAssessment(child(EIGHT_YEARS), 'safeguarding-prompts');
    await screen.findByRole('group', { name: 'Alerting features (NICE CG89)' });
    const groups = [...container.querySelectorAll('details.app-feature-group')];
    expect(groups.map((group) => group.querySelector('summary')?.textContent)).toEqual([
      'Bruises, bites, cuts and scars',
      'How the child came to be here',
      'Burns, scalds and cold injury',
      'Fractures, head, eye, mouth, spine and internal injuries',
      'Neglect: medical help, supervision and care',
      'Behaviour and emotional wellbeing',
      'Sexual abuse: anogenital signs, infections and pregnancy',
    ]);
    expect(groups.filter((group) => (group as HTMLDetailsElement).open)).toEqual([]);
    expect(screen.getByRole('checkbox', { name: 'None of these' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /apparent life-threatening event/ })).not.toBeInTheDocument();
  });

  test('a group with a tick opens and says how many are selected', async () => {
    const { user, container } = renderAssessment(child(EIGHT_YEARS, { answers: { safeguarding: { alertingFeatures: ['fracture'] } } }), 'safeguarding-prompts');
    await screen.findByRole('group', { name: 'Alerting features (NICE CG89)' });
    const open = [...container.querySelectorAll('details.app-feature-group')].filter((group) => (group as HTMLDetailsElement).open);
    expect(open.map((group) => group.querySelector('summary')?.textContent)).toEqual(['Fractures, head, eye, mouth, spine and internal injuries (1 selected)']);
    await user.click(screen.getByRole('checkbox', { name: /^One or more fractures/ }));
    expect(container.querySelector('details[open] summary')?.textContent).toBe('Fractures, head, eye, mouth, spine and internal injuries');
  });
});

describe('mobility at any age', () => {
  test('a disabled 6-year-old: "Yes" asks whether the child is independently mobile, and "No" brings the suspect-level non-mobile bruise item', async () => {
    const { user } = renderAssessment(child(SIX_YEARS), 'safeguarding-prompts');
    const disability = await screen.findByRole('group', { name: 'Does the child have a disability or condition that affects how they move? (optional)' });
    expect(screen.queryByRole('group', { name: /^Is the child independently mobile/ })).not.toBeInTheDocument();
    await user.click(within(disability).getByRole('radio', { name: 'Yes' }));
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    expect(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toHaveAccessibleName('Any bruise in a child who is not independently mobile NICE level: Suspect');
  });

  test('a 3-month-old recorded as mobile gets a plausibility question, and keeps the non-mobile bruise item until it is confirmed', async () => {
    const { user } = renderAssessment(child(THREE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'Yes' }));
    const confirm = screen.getByRole('group', { name: 'You said this baby is independently mobile. Is that right?' });
    expect(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toBeInTheDocument();
    await user.click(within(confirm).getByRole('radio', { name: 'Yes, the baby crawls, cruises or bottom-shuffles' }));
    expect(screen.queryByRole('checkbox', { name: NON_MOBILE_BRUISE })).not.toBeInTheDocument();
  });

  test('a 9-month-old recorded as mobile is not asked again', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'Yes' }));
    expect(screen.queryByRole('group', { name: /Is that right\?/ })).not.toBeInTheDocument();
  });
});

describe('a tick that no longer applies', () => {
  test('the page says so and asks; it keeps counting until the nurse unticks it', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'Yes' }));
    const warning = screen.getByRole('heading', { name: /Alerting features that no longer apply/ }).closest('.nhsuk-warning-callout') as HTMLElement;
    const question = within(warning).getByRole('group', { name: /^Any bruise in a child who is not independently mobile/ });
    expect(question).toHaveAccessibleDescription("It no longer applies at this child's age or mobility");
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Suspect');
    await user.click(within(question).getByRole('radio', { name: 'Untick it' }));
    expect(screen.queryByRole('heading', { name: /Alerting features that no longer apply/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/).textContent).toBe('Highest NICE level ticked: none');
  });

  test('kept, it asks for its explanation there and still counts', async () => {
    const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
    await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('radio', { name: 'Keep it: it still counts' }));
    expect(screen.getByRole('radio', { name: 'Keep it: it still counts' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'What explanation was given, and by whom? (bruise in a child who is not independently mobile)' })).toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Suspect');
  });

  test('the retired neglect bundle in an older draft is shown, counts at Consider, and says it has been split', async () => {
    renderAssessment(child(FOURTEEN_YEARS, { answers: { safeguarding: { alertingFeatures: ['neglect'] } } }), 'safeguarding-prompts');
    const question = await screen.findByRole('group', { name: /^Signs of neglect/ });
    expect(question).toHaveAccessibleDescription('This item has been split into separate items, each with its own NICE level');
    expect(screen.queryByRole('checkbox', { name: /^Signs of neglect/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Highest NICE level ticked:/)).toHaveTextContent('Consider');
  });

  test('saving without deciding links to the question', async () => {
    const { user } = renderAssessment(child(FOURTEEN_YEARS, { answers: { safeguarding: { alertingFeatures: ['neglect'] } } }), 'safeguarding-prompts');
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: 'Select whether to keep or untick the signs of neglect: it no longer applies' }));
    expect(screen.getByRole('radio', { name: 'Keep it: it still counts' })).toHaveFocus();
  });
});

describe('suggestions from other pages', () => {
  test('a delay recorded in the accounts suggests the delay item; the nurse still decides', async () => {
    renderAssessment(child(FOURTEEN_YEARS, { answers: { accounts: { delay: 'yes' } } }), 'safeguarding-prompts');
    const suggestions = (await screen.findByText('From your answers on other pages, check whether these apply:')).parentElement as HTMLElement;
    expect(within(suggestions).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Delay in seeking help for the injury or illness']);
    expect(screen.getByRole('checkbox', { name: /^Delay in seeking help/ })).not.toBeChecked();
  });
});

test("ticking a suspect feature and saving makes the outcome page refuse 'No concern', with the reason, before Continue", async () => {
  const { user } = renderAssessment(child(NINE_MONTHS), 'safeguarding-prompts');
  await user.click(within(await mobilityGroup()).getByRole('radio', { name: 'No' }));
  await user.click(screen.getByRole('checkbox', { name: NON_MOBILE_BRUISE }));
  await user.type(screen.getByRole('textbox', { name: /What explanation was given/ }), 'Mother says he rolled against the cot bars');
  await user.click(screen.getByRole('button', { name: 'Save and return later' }));
  await user.click(await screen.findByRole('link', { name: 'Outcome and actions' }));

  const refusal = await screen.findByRole('heading', { name: /No concern cannot be chosen/ });
  const callout = refusal.closest('.nhsuk-warning-callout') as HTMLElement;
  expect(callout).toHaveTextContent('a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile)');
  expect(callout).toHaveTextContent('You can choose Suspect.');
  expect(screen.getByText(/Highest NICE level recorded:/)).toHaveTextContent('Suspect');

  await user.click(screen.getByRole('radio', { name: 'No concern' }));
  await user.click(screen.getByRole('button', { name: 'Save and continue' }));
  const summary = await screen.findByRole('alert');
  await waitFor(() => {
    expect(within(summary).getByRole('link', { name: /^No concern cannot be chosen because a suspect-level alerting feature is recorded/ })).toBeInTheDocument();
  });
});
