/**
 * Addenda follow the concern-level rules (PRODUCT.md 4.9, issue 8): an addendum that records
 * something of concern on a signed "No concern" record cannot be saved until the concern level
 * is revisited in the same addendum, and nothing typed is lost on the way; after a disclosure
 * or a non-mobile bruise, only a consultant paediatrician or the safeguarding team can agree an
 * exclusion, by addendum.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { renderAssessment } from '../../test-support/render-assessment';

/** Tuesday 10 March 2026, 16:00 London time. */
const NOW = '2026-03-10T16:00:00.000Z';
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

const nothingOfConcern = { alertingFeatures: ['none'], disclosure: 'no' as const, carerChildInteraction: ['none' as const], householdRisks: ['none-known' as const] };

function signedNoConcern() {
  return assessmentRecord({
    id: 'a1',
    arrivedAt: '2026-03-10T13:00:00.000Z',
    dateOfBirth: '2018-06-01',
    answers: {
      informationChecks: { cpis: 'checked-no-plan', socialCare: 'no', previousAttendances: '0' },
      safeguarding: nothingOfConcern,
      outcome: { concernLevel: 'no-concern', notify: 'no' },
    },
    signedAt: '2026-03-10T14:00:00.000Z',
  });
}

describe('addendum revisit rule', () => {
  test('a CP plan found later on a "No concern" record: the addendum asks to revisit the level, keeps what was typed, and saves both changes together', async () => {
    const { user, repositories } = renderAssessment(signedNoConcern(), 'addendum/information-checks');
    const cpis = await screen.findByRole('group', { name: 'Child Protection Information Sharing (CP-IS) check' });
    await user.click(within(cpis).getByRole('radio', { name: 'Checked – child protection plan' }));
    await user.type(screen.getByRole('textbox', { name: 'Reason for this change' }), 'CP-IS checked after the Spine came back');
    await user.click(screen.getByRole('button', { name: 'Save addendum' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^What this addendum records contradicts the concern level "No concern": CP-IS shows a child protection plan/ })).toBeInTheDocument();
    expect(repositories.records.get().get('a1')?.addenda).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Continue to Outcome and actions' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Outcome and actions' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Information checks' })).toBeInTheDocument();
    expect((await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout')).toHaveTextContent('CP-IS shows a child protection plan');
    expect(screen.getByRole('textbox', { name: 'Reason for this change' })).toHaveValue('CP-IS checked after the Spine came back');

    // Still "No concern": refused here too.
    await user.click(screen.getByRole('button', { name: 'Save addendum' }));
    expect(await screen.findByRole('link', { name: /^No concern cannot be chosen because CP-IS shows a child protection plan/ })).toBeInTheDocument();

    await user.click(within(screen.getByRole('group', { name: 'Safeguarding concern' })).getByRole('radio', { name: 'Consider' }));
    const discussed = screen.getByRole('group', { name: 'Discussed with' });
    await user.type(within(discussed).getByRole('textbox', { name: 'Name' }), 'Kim Lewis');
    await user.type(within(discussed).getByRole('textbox', { name: 'Role' }), 'Safeguarding nurse');
    const date = within(discussed).getByRole('group', { name: 'Date of the discussion' });
    await user.type(within(date).getByRole('textbox', { name: 'Day' }), '10');
    await user.type(within(date).getByRole('textbox', { name: 'Month' }), '3');
    await user.type(within(date).getByRole('textbox', { name: 'Year' }), '2026');
    await user.type(within(discussed).getByRole('textbox', { name: 'Time of the discussion' }), '15:30');
    await user.click(screen.getByRole('button', { name: 'Save addendum' }));

    await vi.waitFor(() => expect(repositories.records.get().get('a1')?.addenda).toHaveLength(1));
    const [addendum] = repositories.records.get().get('a1')?.addenda ?? [];
    expect(Object.keys(addendum?.changes ?? {}).sort()).toEqual(['informationChecks', 'outcome']);
    expect(addendum?.changes.informationChecks?.cpis).toBe('checked-cp-plan');
    expect(addendum?.changes.outcome?.concernLevel).toBe('consider');
    expect(addendum?.reason).toBe('CP-IS checked after the Spine came back');
  });

  test('a change with nothing of concern is saved at once', async () => {
    const { user, repositories } = renderAssessment(signedNoConcern(), 'addendum/information-checks');
    await user.type(await screen.findByRole('textbox', { name: 'School nurse (optional)' }), 'Mansfield school nursing team');
    await user.type(screen.getByRole('textbox', { name: 'Reason for this change' }), 'School nurse found');
    await user.click(screen.getByRole('button', { name: 'Save addendum' }));
    await vi.waitFor(() => expect(repositories.records.get().get('a1')?.addenda).toHaveLength(1));
  });
});

describe('exclusion by addendum after a disclosure', () => {
  test('only a consultant paediatrician or the safeguarding team are offered', async () => {
    const record = assessmentRecord({
      id: 'a1',
      arrivedAt: '2026-03-10T13:00:00.000Z',
      dateOfBirth: '2016-06-01',
      answers: { safeguarding: { ...nothingOfConcern, disclosure: 'yes', disclosureWhatWasSaid: 'x', disclosureBy: 'the child' }, outcome: { concernLevel: 'suspect', notify: 'yes' } },
      signedAt: '2026-03-10T14:00:00.000Z',
    });
    const { user } = renderAssessment(record, 'addendum/outcome');
    const callout = (await screen.findByRole('heading', { name: /No concern cannot be chosen/ })).closest('.nhsuk-warning-callout');
    expect(callout).toHaveTextContent('You can choose Suspect or Excluded');
    expect(callout).toHaveTextContent('Only a consultant paediatrician or the safeguarding team can agree an exclusion, after their own assessment.');
    await user.click(within(screen.getByRole('group', { name: 'Safeguarding concern' })).getByRole('radio', { name: 'Excluded' }));
    const roles = screen.getByRole('group', { name: 'Role of the senior who agreed' });
    expect(within(roles).getAllByRole('radio').map((radio) => radio.closest('.nhsuk-radios__item')?.querySelector('label')?.textContent)).toEqual(['Consultant paediatrician', 'Safeguarding team']);
  });
});
