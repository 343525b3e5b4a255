/**
 * Component tests for the "What to do next" panel on the task list: shown for an under-18
 * with something recorded, with the local numbers and each step's source; absent when
 * nothing calls for action, and for adults.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { renderAssessment } from '../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time: the MASH is open. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

test('the task list shows what to do next for a child with a suspect-level feature, in MASH hours', async () => {
  const record = assessmentRecord({
    id: 'a1',
    arrivedAt: ARRIVED,
    dateOfBirth: '2025-06-01',
    answers: { safeguarding: { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] } },
  });
  renderAssessment(record, '');
  const panel = await screen.findByRole('region', { name: 'What to do next' });
  const steps = within(panel).getAllByRole('listitem');
  expect(steps[0]).toHaveTextContent("Refer to children's social care (MASH) now. MASH: 0300 500 8090");
  expect(steps[0]).toHaveTextContent('Source: NICE CG89: suspect');
  expect(panel).toHaveTextContent('Discuss with the nurse in charge and the safeguarding team today: 0115 924 9924');
  expect(panel).toHaveTextContent('Tell the paediatric liaison nurse: 0115 924 1111');
});

test('the task list shows no panel for a child with nothing recorded', async () => {
  renderAssessment(assessmentRecord({ id: 'a1', arrivedAt: ARRIVED, dateOfBirth: '2025-06-01' }), '');
  await screen.findByRole('heading', { name: 'Safeguarding assessment', level: 1 });
  expect(screen.queryByRole('region', { name: 'What to do next' })).not.toBeInTheDocument();
});

test('the task list shows no panel for an adult', async () => {
  const record = assessmentRecord({ id: 'a1', arrivedAt: ARRIVED, dateOfBirth: '1990-01-01', answers: { safeguarding: { disclosure: 'yes' } } });
  renderAssessment(record, '');
  await screen.findByRole('heading', { name: 'Safeguarding assessment', level: 1 });
  expect(screen.queryByRole('region', { name: 'What to do next' })).not.toBeInTheDocument();
});
