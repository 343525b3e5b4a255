/**
 * Right patient, always in view (wrong-patient control): every page of an assessment and its
 * letters shows whose record is open in a labelled region, not a second h1; and the accounts
 * page shows the computed delay as a hint without writing the nurse's answer.
 */
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { RouterProvider } from '../../components/navigation/router';
import { createFakeRepositories, fakeLetterToken } from '../../storage/fake/fake-repositories';
import { RepositoriesProvider } from '../../storage/repositories/react';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { letterSettings, NURSE, noConcernsChildRecord } from '../../test-support/letter-fixtures';
import { renderAssessment } from '../../test-support/render-assessment';
import { LettersRoutes } from '../letters/letters-routes';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';

const child = (changes: Partial<Parameters<typeof assessmentRecord>[0]> = {}): AssessmentRecord =>
  assessmentRecord({ id: 'a1', arrivedAt: ARRIVED, dateOfBirth: '2017-09-01', givenName: 'Amara', familyName: 'Okafor', nhsNumber: '943 476 5919', ...changes });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

async function expectBanner(): Promise<HTMLElement> {
  const banner = await screen.findByRole('region', { name: 'Patient' });
  expect(within(banner).getByText('Amara Okafor')).toBeInTheDocument();
  expect(banner).toHaveTextContent('Born 1 September 2017 (8 years). NHS number 943 476 5919. Child pathway (under 18). Arrived 10 March 2026 at 13:00.');
  // The banner is not a heading: the page keeps one h1.
  expect(within(banner).queryByRole('heading')).not.toBeInTheDocument();
  expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  return banner;
}

describe('the patient banner', () => {
  test.each(['', 'patient', 'next-of-kin', 'accounts', 'information-checks', 'safeguarding-prompts', 'outcome', 'discharge', 'check-answers'])(
    'is on the assessment page "%s" with name, age, NHS number and pathway',
    async (page) => {
      renderAssessment(child(), page);
      await expectBanner();
    },
  );

  test('is on the signed record', async () => {
    renderAssessment(child({ signedAt: NOW }), '');
    await expectBanner();
  });

  test('on the page that starts an addendum', async () => {
    renderAssessment(child({ signedAt: NOW }), 'addendum');
    await expectBanner();
  });

  test('on an addendum section page', async () => {
    renderAssessment(child({ signedAt: NOW }), 'addendum/accounts');
    await expectBanner();
  });

  test('is on the letters page and on a letter being prepared', async () => {
    const record = noConcernsChildRecord();
    const repositories = createFakeRepositories({
      now: () => new Date('2026-03-10T16:30:00.000Z'),
      settings: letterSettings(),
      staff: [{ ...NURSE, secretKind: 'pin', active: true, secret: '1' }],
      unlockedAs: NURSE.id,
      attendances: [record],
    });
    for (const rest of [[], ['write', fakeLetterToken(record.id, { kind: 'gp' })]]) {
      window.history.replaceState(null, '', `/assessments/${record.id}/letters/${rest.join('/')}`);
      const view = render(
        <RepositoriesProvider repositories={repositories}>
          <RouterProvider>
            <LettersRoutes attendanceId={record.id} rest={rest} />
          </RouterProvider>
        </RepositoriesProvider>,
      );
      const banner = await screen.findByRole('region', { name: 'Patient' });
      const patient = record.answers.patient;
      expect(within(banner).getByText(`${patient.givenName} ${patient.familyName}`)).toBeInTheDocument();
      expect(banner).toHaveTextContent(/Child pathway \(under 18\)/);
      expect(banner).toHaveTextContent(/NHS number/);
      view.unmount();
    }
  });

  test('says what is not entered yet on a new record', async () => {
    renderAssessment(child({ givenName: '', familyName: '', nhsNumber: '', answers: { patient: { dateOfBirth: { day: '', month: '', year: '' } } } }), 'next-of-kin');
    const banner = await screen.findByRole('region', { name: 'Patient' });
    expect(banner).toHaveTextContent('Name not entered yet');
    expect(banner).toHaveTextContent('Age not entered yet. NHS number not entered yet. Pathway decided when the age is entered.');
  });
});

describe('the delay question on the accounts page (a hint, never the answer)', () => {
  const injured = (injuryDate: { day: string; month: string; year: string }, injuryTime: string) => child({ answers: { patient: { injuryDate, injuryTime } } });

  test('more than 24 hours: the hint says so, and neither answer is selected', async () => {
    renderAssessment(injured({ day: '8', month: '3', year: '2026' }, '09:00'), 'accounts');
    const delay = await screen.findByRole('group', { name: 'Was there a delay in seeking help?' });
    expect(delay).toHaveAccessibleDescription(
      'The patient arrived 52 hours after the injury: more than 24 hours. A delay in seeking help can be an alerting feature (NICE CG89)',
    );
    expect(within(delay).getByRole('radio', { name: 'Yes' })).not.toBeChecked();
    expect(within(delay).getByRole('radio', { name: 'No' })).not.toBeChecked();
  });

  test('under 24 hours: the hint gives the time, nothing is selected, and the nurse’s answer is kept', async () => {
    const { user } = renderAssessment(injured({ day: '10', month: '3', year: '2026' }, '10:00'), 'accounts');
    const delay = await screen.findByRole('group', { name: /^Was there a delay in seeking help\?/ });
    expect(delay).toHaveAccessibleDescription('The patient arrived 3 hours after the injury');
    expect(delay).toHaveAccessibleName('Was there a delay in seeking help? (optional)');
    expect(within(delay).getByRole('radio', { name: 'No' })).not.toBeChecked();
    await user.click(within(delay).getByRole('radio', { name: 'Yes' }));
    expect(within(delay).getByRole('radio', { name: 'Yes' })).toBeChecked();
  });
});

