/**
 * The household question on the next-of-kin page (PRODUCT.md 4.2 `household`): asked for a
 * child only, optional and repeatable, each person's name, date of birth or age and
 * relationship kept in the section draft as they are typed (autosave), and removable.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { peopleQuestions } from '../../../domain/assessment/people';
import { assessmentRecord } from '../../../test-support/assessment-fixtures';
import { renderAssessment } from '../../../test-support/render-assessment';

/** Tuesday 10 March 2026, 14:00 London time. */
const NOW = '2026-03-10T14:00:00.000Z';
const ARRIVED = '2026-03-10T13:00:00.000Z';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(NOW) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("who else lives in the child's household", () => {
  test('a child: add people with name, age and relationship; kept in the draft; removable', async () => {
    const record = assessmentRecord({ id: 'child', arrivedAt: ARRIVED, dateOfBirth: '2019-05-01' });
    const { user, repositories } = renderAssessment(record, 'next-of-kin');
    expect(await screen.findByRole('heading', { name: (name) => name.startsWith(peopleQuestions.household.label) && name.endsWith('(optional)') })).toBeInTheDocument();
    expect(screen.getByText(peopleQuestions.household.hint)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: peopleQuestions.household.add }));
    const first = screen.getByRole('group', { name: `${peopleQuestions.household.legend} 1` });
    await user.type(within(first).getByRole('textbox', { name: peopleQuestions.household.fullName }), 'Kofi Okafor');
    await user.type(within(first).getByRole('textbox', { name: `${peopleQuestions.household.dateOfBirthOrAge} (optional)` }), '4 years');
    const relationship = within(first).getByRole('textbox', { name: `${peopleQuestions.household.relationship} (optional)` });
    expect(relationship).toHaveAccessibleDescription(peopleQuestions.household.relationshipHint);
    await user.type(relationship, 'Brother');
    await waitFor(() =>
      expect(repositories.records.get().get('child')?.answers.people.household).toEqual([{ id: expect.any(String) as string, fullName: 'Kofi Okafor', dateOfBirthOrAge: '4 years', relationship: 'Brother' }]),
    );
    await user.click(within(first).getByRole('button', { name: (name) => name.startsWith(peopleQuestions.household.remove) }));
    expect(screen.queryByRole('group', { name: `${peopleQuestions.household.legend} 1` })).not.toBeInTheDocument();
    await waitFor(() => expect(repositories.records.get().get('child')?.answers.people.household).toEqual([]));
  });

  test('an adult is not asked', async () => {
    const record = assessmentRecord({ id: 'adult', arrivedAt: ARRIVED, dateOfBirth: '1990-05-01' });
    renderAssessment(record, 'next-of-kin');
    expect(await screen.findByRole('group', { name: peopleQuestions.accompaniedBy.label })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: (name) => name.startsWith(peopleQuestions.household.label) })).not.toBeInTheDocument();
  });
});

describe('the follow-ups of one person’s answers', () => {
  test('"Other (describe)" reveals its description and goes when the answer moves on; Mother gives the basis its hint', async () => {
    const record = assessmentRecord({ id: 'child', arrivedAt: ARRIVED, dateOfBirth: '2019-05-01' });
    const { user } = renderAssessment(record, 'next-of-kin');
    await user.click(await screen.findByRole('radio', { name: 'Someone came with the patient' }));
    const relationship = screen.getAllByRole('combobox', { name: peopleQuestions.companion.relationship })[0];
    if (!relationship) throw new Error('no relationship question');
    await user.selectOptions(relationship, 'Other (describe)');
    expect(screen.getByRole('textbox', { name: peopleQuestions.companion.relationshipOther })).toBeInTheDocument();
    await user.selectOptions(relationship, 'Brother');
    expect(screen.queryByRole('textbox', { name: peopleQuestions.companion.relationshipOther })).not.toBeInTheDocument();

    const responsibility = screen.getAllByRole('group', { name: peopleQuestions.hasParentalResponsibility.label })[0];
    if (!responsibility) throw new Error('no parental responsibility question');
    await user.click(within(responsibility).getByRole('radio', { name: 'Yes' }));
    const basis = await screen.findByRole('combobox', { name: peopleQuestions.parentalResponsibilityBasis.label });
    expect(basis).not.toHaveAccessibleDescription(peopleQuestions.parentalResponsibilityBasis.motherHint);
    await user.selectOptions(relationship, 'Mother');
    expect(basis).toHaveAccessibleDescription(peopleQuestions.parentalResponsibilityBasis.motherHint);
    await user.selectOptions(basis, 'Other (describe)');
    expect(screen.getByRole('textbox', { name: peopleQuestions.parentalResponsibilityBasis.otherLabel })).toBeInTheDocument();
    // Moving on through options that reveal nothing keeps it gone.
    await user.selectOptions(basis, 'Court order');
    await user.selectOptions(basis, 'Adoptive parent');
    expect(screen.queryByRole('textbox', { name: peopleQuestions.parentalResponsibilityBasis.otherLabel })).not.toBeInTheDocument();
  });
});
