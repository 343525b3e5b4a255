/**
 * Component tests for the substance use screen (PRODUCT.md 4.6; CRAFFT 2.1 structure,
 * research §4.1): Part B appears only once Part A is complete, only CAR when all three are 0,
 * the score is the number of yes answers and 2 or more asks for brief advice and the referral,
 * the score goes out of date when Part A changes, Part A has specific messages, deferring
 * creates a follow-up, and the wording notice says whose wording is shown.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CRAFFT_INSTRUMENT, crafftParaphrase } from '../../../domain/screening/crafft';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { fakeRepositories, renderScreen } from '../../../test-support/render-screen';
import { renderAssessment } from '../../../test-support/render-assessment';
import { AssessmentRoutes } from '../assessment-routes';
import exampleFile from '../../../../public/content/crafft-wording.example.json';

const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';
const DOB_15 = '2010-09-01';

const record = () => assessmentRecord({ id: 'yp', arrivedAt: ARRIVED, dateOfBirth: DOB_15, attendanceReason: 'illness' });
const items = crafftParaphrase.items;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

type User = ReturnType<typeof renderAssessment>['user'];

async function partA(user: User, alcohol: string, cannabis: string, other: string) {
  for (const [label, value] of [
    [items['days-alcohol'], alcohol],
    [items['days-cannabis'], cannabis],
    [items['days-other'], other],
  ] as const) {
    const input = screen.getByLabelText(label);
    await user.clear(input);
    if (value !== '') await user.type(input, value);
  }
}

const answer = async (user: User, label: string, value: 'Yes' | 'No') => {
  await user.click(within(screen.getByRole('group', { name: label })).getByRole('radio', { name: value }));
};

describe('substance use screen', () => {
  test('marks the questions as our paraphrase when no licensed wording is installed', async () => {
    renderAssessment(record(), 'substance-use');
    expect(await screen.findByText(/our own plain paraphrase of the CRAFFT 2\.1 questions, not the official wording/)).toBeInTheDocument();
  });

  test('Part B appears only after Part A; only CAR when all three are 0', async () => {
    const { user } = renderAssessment(record(), 'substance-use');
    await screen.findByLabelText(items['days-alcohol']);
    expect(screen.queryByRole('group', { name: items.car })).not.toBeInTheDocument();
    await partA(user, '0', '0', '');
    expect(screen.queryByRole('group', { name: items.car })).not.toBeInTheDocument();
    await partA(user, '0', '0', '0');
    expect(screen.getByRole('group', { name: items.car })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: items.relax })).not.toBeInTheDocument();
    await partA(user, '3', '0', '0');
    for (const id of ['car', 'relax', 'alone', 'forget', 'friends', 'trouble'] as const) expect(screen.getByRole('group', { name: items[id] })).toBeInTheDocument();
  });

  test('score 3 is positive and asks for brief advice and the referral; partial answers show no score', async () => {
    const { user } = renderAssessment(record(), 'substance-use');
    await screen.findByLabelText(items['days-alcohol']);
    await partA(user, '12', '2', '0');
    await answer(user, items.car, 'Yes');
    await answer(user, items.relax, 'Yes');
    expect(screen.queryByText(/^Score/)).not.toBeInTheDocument();
    expect(screen.getByText('No score yet: answer every question')).toBeInTheDocument();
    await answer(user, items.alone, 'Yes');
    await answer(user, items.forget, 'No');
    await answer(user, items.friends, 'No');
    await answer(user, items.trouble, 'No');
    expect(screen.getByText('Score 3 out of 6 (the number of yes answers). 2 or more: positive')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Brief advice' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: "Referral to the young people's substance misuse service" })).toBeInTheDocument();
  });

  test('the score is out of date when Part A changes after Part B, until Part B is checked again', async () => {
    const { user } = renderAssessment(record(), 'substance-use');
    await screen.findByLabelText(items['days-alcohol']);
    await partA(user, '0', '0', '0');
    await answer(user, items.car, 'No');
    expect(screen.getByText(/Score 0 out of 1/)).toBeInTheDocument();
    await partA(user, '0', '0', '0');
    expect(screen.getByText(/Score 0 out of 1/)).toBeInTheDocument();
    await partA(user, '1', '0', '0');
    await partA(user, '0', '0', '0');
    expect(screen.getByText(/Score 0 out of 1/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText(items['days-other']));
    await user.type(screen.getByLabelText(items['days-other']), '00');
    expect(screen.getByRole('heading', { name: /The score is out of date/ })).toBeInTheDocument();
    expect(screen.queryByText(/Score 0 out of 1/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have checked the Part B answers again' }));
    expect(screen.getByText(/Score 0 out of 1/)).toBeInTheDocument();
  });

  test('Part A numbers have specific messages on Save and continue', async () => {
    const { user } = renderAssessment(record(), 'substance-use');
    await screen.findByLabelText(items['days-alcohol']);
    await partA(user, '400', '2.5', '');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Number of days must be 365 or fewer' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Number of days must be a whole number, like 0 or 12' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter the number of days in the last 12 months the young person used anything else to get high, or 0 if none' })).toBeInTheDocument();
  });

  test('deferring because the young person is intoxicated hides the questions and says a follow-up is created', async () => {
    const { user } = renderAssessment(record(), 'substance-use');
    await user.click(await screen.findByRole('radio', { name: 'Defer – the young person is intoxicated now' }));
    expect(screen.queryByLabelText(items['days-alcohol'])).not.toBeInTheDocument();
    expect(screen.getByText(/This creates a follow-up for the liaison team: The substance use screen was deferred/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
  });

  test('shows the licensed wording and its licence line when a content file is installed', async () => {
    const r = record();
    const repositories = fakeRepositories({ attendances: [r], contentFiles: { [CRAFFT_INSTRUMENT]: exampleFile } });
    renderScreen(() => <AssessmentRoutes id={r.id} rest={['substance-use']} />, { repositories, path: `/assessments/${r.id}/substance-use` });
    expect(await screen.findByLabelText(exampleFile.items['days-alcohol'])).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`Wording used under licence by ${exampleFile.licenceHolder}`))).toBeInTheDocument();
    expect(screen.queryByText(/not the official wording/)).not.toBeInTheDocument();
  });
});
