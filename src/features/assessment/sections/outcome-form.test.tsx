/**
 * Component tests for the outcome and actions page (PRODUCT.md 4.9): the highest NICE level
 * recorded, "No concern" refused with its reasons before Continue, Excluded's reveal, the
 * questions Consider and Suspect bring, the referral answers in and out of MASH hours with
 * the emergency duty team number, under-13 mandatory referral, and "What to do next".
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Answers } from '../../../domain/assessment/record';
import { defaultDeviceSettings } from '../../../domain/settings/device-settings';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import type { RecordOptions } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time: the MASH is open. */
const TUESDAY_AFTERNOON = '2026-03-10T14:00:00.000Z';
/** Saturday 14 March 2026, 22:00 London time: the MASH is closed until Monday 09:00. */
const SATURDAY_NIGHT = '2026-03-14T22:00:00.000Z';

const at = (now: string) => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
};
afterEach(() => {
  vi.useRealTimers();
});

const NON_MOBILE_BRUISE: Partial<Answers['safeguarding']> = {
  independentlyMobile: 'no',
  alertingFeatures: ['bruise-not-independently-mobile'],
  alertingFeatureExplanations: { 'bruise-not-independently-mobile': 'Mother says he rolled against the cot bars' },
};

function baby(arrivedAt: string, changes: Partial<RecordOptions> = {}) {
  return assessmentRecord({ id: 'a1', arrivedAt, dateOfBirth: '2025-06-01', answers: { safeguarding: NON_MOBILE_BRUISE }, ...changes });
}

const chooseLevel = async (user: ReturnType<typeof renderAssessment>['user'], level: string) => {
  const group = await screen.findByRole('group', { name: 'Safeguarding concern' });
  await user.click(within(group).getByRole('radio', { name: level }));
};

const referralOptions = () =>
  within(screen.getByRole('group', { name: /^Referral to children's social care \(MASH\)/ }))
    .getAllByRole('radio')
    .filter((radio) => radio.getAttribute('name') === 'referral')
    .map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent);

describe('the concern level', () => {
  test('shows the highest NICE level recorded and what was recorded', async () => {
    at(TUESDAY_AFTERNOON);
    renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
    expect(await screen.findByText(/Highest NICE level recorded:/)).toHaveTextContent('Highest NICE level recorded: Suspect');
    expect(screen.getByText(/^bruise in a child who is not independently mobile/)).toBeInTheDocument();
  });

  test('with nothing recorded, "No concern" is not refused', async () => {
    at(TUESDAY_AFTERNOON);
    renderAssessment(baby('2026-03-10T13:00:00.000Z', { answers: { safeguarding: { alertingFeatures: ['none'] } } }), 'outcome');
    expect(await screen.findByText(/Highest NICE level recorded:/)).toHaveTextContent('Highest NICE level recorded: none');
    expect(screen.queryByRole('heading', { name: /cannot be chosen/ })).not.toBeInTheDocument();
  });

  test('Excluded asks for the suitable explanation and the senior who agreed, by role, with the time', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z', { dateOfBirth: '2019-06-01', answers: { safeguarding: { alertingFeatures: ['fracture'], alertingFeatureExplanations: { fracture: 'Fell off the slide' } } } }), 'outcome');
    await chooseLevel(user, 'Excluded');
    expect(screen.getByRole('textbox', { name: 'What suitable explanation was found?' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name of the senior who agreed' })).toBeInTheDocument();
    const roles = screen.getByRole('group', { name: 'Role of the senior who agreed' });
    expect(within(roles).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual([
      'Consultant paediatrician',
      'Consultant in another specialty, for example emergency medicine',
      'Paediatric registrar',
      'Safeguarding team',
    ]);
    expect(screen.getByRole('group', { name: 'Date they agreed' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Time they agreed' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Discussed with' })).not.toBeInTheDocument();
  });

  test('unsafe exclusion: after a bruise in a non-mobile baby, Excluded is not available at triage', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
    const callout = (await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('You can choose Suspect.');
    expect(callout).toHaveTextContent('Excluded is not available at triage. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment.');
    await chooseLevel(user, 'Excluded');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('link', { name: /^Excluded cannot be chosen at triage because a suspect-level alerting feature is recorded \(bruise in a child who is not independently mobile\)/ })).toBeInTheDocument();
  });

  test('false reassurance: a household risk refuses "No concern" and leaves Consider, Suspect or Excluded', async () => {
    at(TUESDAY_AFTERNOON);
    const record = baby('2026-03-10T13:00:00.000Z', { dateOfBirth: '2019-06-01', answers: { safeguarding: { alertingFeatures: ['none'], householdRisks: ['parental-substance-misuse'] } } });
    const { user } = renderAssessment(record, 'outcome');
    const callout = (await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('a risk in the household is recorded (parental substance misuse)');
    expect(callout).toHaveTextContent('You can choose Consider or Suspect or Excluded (with the suitable explanation and the senior who agreed).');
    await chooseLevel(user, 'No concern');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByRole('link', { name: /^No concern cannot be chosen because a risk in the household is recorded/ })).toBeInTheDocument();
  });

  test('false reassurance: a child protection plan from CP-IS and an open case refuse "No concern"', async () => {
    at(TUESDAY_AFTERNOON);
    const record = baby('2026-03-10T13:00:00.000Z', {
      dateOfBirth: '2019-06-01',
      answers: { safeguarding: { alertingFeatures: ['none'] }, informationChecks: { cpis: 'checked-cp-plan', socialCare: 'yes', socialWorkerTeam: 'CIN team', openCase: 'yes' } },
    });
    renderAssessment(record, 'outcome');
    const callout = (await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('CP-IS shows a child protection plan');
    expect(callout).toHaveTextContent("the child has an open case with children's social care");
  });

  test('under 13 with sexual activity recorded: only Suspect can be chosen, and "Not made" is not offered', async () => {
    at(TUESDAY_AFTERNOON);
    const record = assessmentRecord({
      id: 'a1',
      arrivedAt: '2026-03-10T13:00:00.000Z',
      dateOfBirth: '2014-01-01',
      answers: { safeguarding: { alertingFeatures: ['none'], underThirteenSexualActivity: 'yes', underThirteenSexualActivityDetails: 'Pregnancy test positive' } },
    });
    const { user } = renderAssessment(record, 'outcome');
    const callout = (await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('sexual activity or pregnancy is recorded in a child under 13');
    expect(callout).toHaveTextContent('You can choose Suspect.');
    await chooseLevel(user, 'Suspect');
    expect(referralOptions()).toEqual(['Made']);
  });
});

describe('Consider and Suspect', () => {
  test('ask who it was discussed with, immediate danger, the referral and the police', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
    await chooseLevel(user, 'Suspect');
    const discussed = screen.getByRole('group', { name: 'Discussed with' });
    expect(within(discussed).getByRole('textbox', { name: 'Name' })).toBeInTheDocument();
    expect(within(discussed).getByRole('textbox', { name: 'Role' })).toBeInTheDocument();
    expect(within(discussed).getByRole('group', { name: 'Date of the discussion' })).toBeInTheDocument();
    expect(within(discussed).getByRole('textbox', { name: 'Time of the discussion' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Is the child in immediate danger?' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: "Referral to children's social care (MASH)" })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Police informed' })).toBeInTheDocument();
    await user.click(within(screen.getByRole('group', { name: 'Police informed' })).getByRole('radio', { name: 'No' }));
    expect(screen.getByRole('textbox', { name: 'Why were the police not informed?' })).toBeInTheDocument();
    await chooseLevel(user, 'Consider');
    expect(screen.getByRole('group', { name: 'Police informed (optional)' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: "Referral to children's social care (MASH) (optional)" })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Is the child in immediate danger? (optional)' })).toBeInTheDocument();
  });

  test('immediate danger makes the police question required', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
    await chooseLevel(user, 'Suspect');
    await user.click(within(screen.getByRole('group', { name: 'Is the child in immediate danger?' })).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('group', { name: 'Police informed' })).toHaveAccessibleDescription('If the child is in immediate danger, call the police on 999');
  });

  test('in MASH hours: the MASH number, and the referral is made or not made now', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
    await chooseLevel(user, 'Suspect');
    expect(referralOptions()).toEqual(['Made', 'Not made']);
    expect(screen.getByRole('group', { name: "Referral to children's social care (MASH)" })).toHaveAccessibleDescription('MASH: 0300 500 8090');
    expect(screen.queryByRole('heading', { name: /The MASH is closed/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Made' }));
    expect(screen.getByRole('group', { name: 'Date the referral was made' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Who took the referral?' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Reference (if given)' })).toBeInTheDocument();
  });

  test('out of hours shows the EDT number and asks who will make the referral next working day, and when', async () => {
    at(SATURDAY_NIGHT);
    const { user } = renderAssessment(baby('2026-03-14T21:00:00.000Z'), 'outcome');
    await chooseLevel(user, 'Suspect');
    const closed = screen.getByRole('heading', { name: /The MASH is closed/ }).closest('.nhsuk-warning-callout');
    expect(closed).toHaveTextContent('It opens again on Monday 16 March 2026 at 09:00.');
    expect(closed).toHaveTextContent('If the child needs protection before it opens, call the emergency duty team now: 0300 456 4546.');
    expect(referralOptions()).toEqual(['Made', 'To be made next working day', 'Not made']);
    await user.click(screen.getByRole('radio', { name: 'To be made next working day' }));
    expect(screen.getByRole('textbox', { name: 'Who will make the referral?' })).toHaveAccessibleDescription('Name and role');
    expect(screen.getByRole('group', { name: 'Date the referral will be made' })).toHaveAccessibleDescription('The MASH opens again on Monday 16 March 2026 at 09:00');
    expect(screen.getByRole('textbox', { name: 'Time the referral will be made' })).toBeInTheDocument();
    // Asked only when the child needs protection now (alert fatigue).
    expect(screen.queryByRole('group', { name: 'Was the emergency duty team called?' })).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('group', { name: 'Is the child in immediate danger?' })).getByRole('radio', { name: 'No' }));
    expect(screen.queryByRole('group', { name: 'Was the emergency duty team called?' })).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('group', { name: 'Is the child in immediate danger?' })).getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('group', { name: 'Was the emergency duty team called?' })).toHaveAccessibleDescription('Emergency duty team: 0300 456 4546');
  });

  test('a discussion recorded in hours keeps the in-hours answers when the record is finished at night', async () => {
    at(SATURDAY_NIGHT);
    const record = baby('2026-03-13T10:00:00.000Z', {
      answers: { safeguarding: NON_MOBILE_BRUISE, outcome: { concernLevel: 'suspect', discussedWithName: 'Dr Shah', discussedWithRole: 'Paediatric registrar', discussedWithDate: { day: '13', month: '3', year: '2026' }, discussedWithTime: '11:00' } },
    });
    renderAssessment(record, 'outcome');
    await screen.findByRole('group', { name: 'Safeguarding concern' });
    expect(referralOptions()).toEqual(['Made', 'Not made']);
  });

  test('without local numbers, says to ask the nurse in charge', async () => {
    at(SATURDAY_NIGHT);
    const { user } = renderAssessment(baby('2026-03-14T21:00:00.000Z'), 'outcome', { settings: defaultDeviceSettings() });
    await chooseLevel(user, 'Suspect');
    expect(screen.getByRole('heading', { name: /The MASH is closed/ }).closest('.nhsuk-warning-callout')).toHaveTextContent('If the child needs protection before it opens, call the emergency duty team now: ask the nurse in charge for the number.');
  });
});

describe('safe to go home (PRODUCT.md 4.9 safeToGoHome)', () => {
  const question = 'Is it safe for the child to go home? Does the child feel safe to go home? (optional)';
  test('asked for Consider and Suspect, with who agreed; not for No concern', async () => {
    at(TUESDAY_AFTERNOON);
    const { user } = renderAssessment(baby('2026-03-10T13:00:00.000Z', { answers: { safeguarding: { alertingFeatures: ['none'] } } }), 'outcome');
    await chooseLevel(user, 'No concern');
    expect(screen.queryByRole('group', { name: question })).not.toBeInTheDocument();
    await chooseLevel(user, 'Consider');
    const group = screen.getByRole('group', { name: question });
    await user.click(within(group).getByRole('radio', { name: 'Yes, it is safe and the child feels safe to go home' }));
    expect(screen.getByRole('textbox', { name: 'Who agreed?' })).toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'No' }));
    expect(screen.getByRole('textbox', { name: 'Where will the child go instead, and who agreed?' })).toBeInTheDocument();
  });

  test('asked after a disclosure, whatever the level', async () => {
    at(TUESDAY_AFTERNOON);
    renderAssessment(baby('2026-03-10T13:00:00.000Z', { dateOfBirth: '2016-06-01', answers: { safeguarding: { alertingFeatures: ['none'], disclosure: 'yes' } } }), 'outcome');
    expect(await screen.findByRole('group', { name: question })).toBeInTheDocument();
  });
});

describe('What to do next', () => {
  test('lists the actions for Suspect out of hours, with local numbers and each source, and updates as answers are given', async () => {
    at(SATURDAY_NIGHT);
    const { user } = renderAssessment(baby('2026-03-14T21:00:00.000Z'), 'outcome');
    const panel = await screen.findByRole('region', { name: 'What to do next' });
    expect(panel).toHaveTextContent('The MASH is closed until Monday 16 March 2026 at 09:00. Decide whether the child needs protection before it opens. If they do, call the emergency duty team now: 0300 456 4546');
    expect(panel).toHaveTextContent('Arrange urgent paediatric assessment of the injuries');
    expect(within(panel).getAllByText(/^Source: /).length).toBe(within(panel).getAllByRole('listitem').length);
    expect(within(panel).queryByText('Recorded')).not.toBeInTheDocument();

    await chooseLevel(user, 'Suspect');
    await user.click(screen.getByRole('radio', { name: 'To be made next working day' }));
    await user.click(within(screen.getByRole('group', { name: 'Is the child in immediate danger?' })).getByRole('radio', { name: 'Yes' }));
    await user.click(within(screen.getByRole('group', { name: 'Was the emergency duty team called?' })).getByRole('radio', { name: 'Yes' }));
    const step = within(panel).getByText(/call the emergency duty team now/).closest('li') as HTMLElement;
    expect(await within(step).findByText('Recorded')).toBeInTheDocument();
  });

  test('is not shown when nothing with a NICE level is recorded and no level is chosen', async () => {
    at(TUESDAY_AFTERNOON);
    renderAssessment(baby('2026-03-10T13:00:00.000Z', { answers: { safeguarding: { alertingFeatures: ['none'] } } }), 'outcome');
    await screen.findByRole('group', { name: 'Safeguarding concern' });
    expect(screen.queryByRole('region', { name: 'What to do next' })).not.toBeInTheDocument();
  });
});

test('names the health visitor to inform for a child under 5', async () => {
  at(TUESDAY_AFTERNOON);
  renderAssessment(baby('2026-03-10T13:00:00.000Z'), 'outcome');
  expect(await screen.findByRole('group', { name: 'Inform the health visitor' })).toBeInTheDocument();
});
