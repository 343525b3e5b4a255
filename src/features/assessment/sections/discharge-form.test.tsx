/**
 * The Discharge section by role and label: canonical questions, the destination's
 * conditional detail, errors on "Save and continue", and that an empty Discharge section
 * does not stop an adult's assessment being signed (it is needed for the GP letter only).
 */
import { emptyThinkFamilyDraft } from '../../../domain/screening/think-family';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { emptyDischargeDraft } from '../../../domain/assessment/discharge';
import type { AssessmentRecord } from '../../../domain/assessment/record';
import { RouterProvider } from '../../../components/navigation/router';
import { createFakeRepositories } from '../../../storage/fake/fake-repositories';
import { RepositoriesProvider } from '../../../storage/repositories/react';
import { adultWithChildrenRecord, letterSettings, noConcernsChildRecord, NURSE } from '../../../test-support/letter-fixtures';
import { AssessmentRoutes } from '../assessment-routes';

function inProgressAdult(): AssessmentRecord {
  const record = adultWithChildrenRecord();
  // After self-harm the domestic abuse enquiry, AUDIT-C's alcohol question and Think Family apply
  // too: answered here (Think Family with no children), so only Discharge is left.
  const domesticAbuse = { ...record.answers.domesticAbuse, enquiry: 'denied' as const, interpreterUsed: 'not-needed' as const };
  const auditC = { ...record.answers.auditC, alcoholInvolved: 'no' as const };
  const thinkFamily = { ...emptyThinkFamilyDraft(), hasChildren: 'no' as const, caresForChildren: 'no' as const, pregnant: 'no' as const };
  return {
    ...record,
    status: 'in-progress',
    signature: undefined,
    confirmedSections: ['patient', 'people', 'accounts', 'domesticAbuse', 'auditC', 'thinkFamily'],
    answers: { ...record.answers, discharge: emptyDischargeDraft(), domesticAbuse, auditC, thinkFamily },
  };
}

function show(record: AssessmentRecord, rest: string[]) {
  const repositories = createFakeRepositories({ settings: letterSettings(), staff: [{ ...NURSE, secretKind: 'pin', active: true, secret: '1' }], unlockedAs: NURSE.id, attendances: [record] });
  window.history.replaceState(null, '', `/assessments/${record.id}/${rest.join('/')}`);
  render(
    <RepositoriesProvider repositories={repositories}>
      <RouterProvider>
        <AssessmentRoutes id={record.id} rest={rest} />
      </RouterProvider>
    </RepositoriesProvider>,
  );
  return userEvent.setup();
}

describe('the Discharge section', () => {
  test('asks the canonical questions and reveals the destination detail', async () => {
    const user = show(inProgressAdult(), ['discharge']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Discharge' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Clinical impression or diagnosis' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Treatment given' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Follow-up arranged' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Information and advice given to the patient' })).toBeInTheDocument();
    const destination = screen.getByRole('group', { name: 'Discharge destination' });
    // "Home with parent or carer" is for children only.
    expect(within(destination).queryByRole('radio', { name: 'Home with parent or carer' })).not.toBeInTheDocument();
    await user.click(within(destination).getByRole('radio', { name: 'Admitted to hospital' }));
    expect(screen.getByRole('textbox', { name: 'Which ward or specialty?' })).toBeInTheDocument();
  });

  test('shows what is missing on Save and continue', async () => {
    const user = show(inProgressAdult(), ['discharge']);
    await user.click(await screen.findByRole('button', { name: 'Save and continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter the clinical impression or diagnosis' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Select the discharge destination' })).toBeInTheDocument();
  });

  test('"Home" for a child with a Consider outcome and no safe-to-go-home answer: warned at once, refused on save; signing is not blocked', async () => {
    const record = noConcernsChildRecord();
    record.answers.safeguarding.householdRisks = ['domestic-abuse'];
    record.answers.outcome = { ...record.answers.outcome, concernLevel: 'consider' };
    const child: AssessmentRecord = { ...record, status: 'in-progress', signature: undefined, answers: { ...record.answers, discharge: emptyDischargeDraft() } };
    const user = show(child, ['discharge']);
    const destination = await screen.findByRole('group', { name: 'Discharge destination' });
    expect(screen.queryByRole('heading', { name: /Is it safe for the child to go home\?/ })).not.toBeInTheDocument();
    await user.click(within(destination).getByRole('radio', { name: 'Home with parent or carer' }));
    const message = 'Record on Outcome and actions that it is safe for the child to go home, and who agreed, before choosing a home destination';
    expect((await screen.findByRole('heading', { name: /Is it safe for the child to go home\?/ })).closest('.nhsuk-warning-callout')).toHaveTextContent(message);
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(within(await screen.findByRole('alert')).getByRole('link', { name: message })).toBeInTheDocument();
    await user.click(within(destination).getByRole('radio', { name: 'Admitted to hospital' }));
    expect(screen.queryByRole('heading', { name: /Is it safe for the child to go home\?/ })).not.toBeInTheDocument();
  });

  test('does not stop signing: the task list offers Check answers and sign with Discharge not started', async () => {
    show(inProgressAdult(), []);
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    expect(screen.getByText('Needed for the GP letter. You can sign without it and add it later')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Check answers and sign/ })).toBeInTheDocument();
  });

  test('the address and GP practice do not stop signing either, but the task list and check answers name them as needed for the GP letter', async () => {
    const base = inProgressAdult();
    const record = { ...base, answers: { ...base.answers, patient: { ...base.answers.patient, address: '', postcode: '', gpPractice: '', gpNotRegistered: false } } };
    show(record, []);
    expect(await screen.findByRole('heading', { level: 1, name: 'Safeguarding assessment' })).toBeInTheDocument();
    const needed = 'Needed for the GP letter and the MASH referral: postcode, address and GP practice. You can sign without them and add them later';
    expect(screen.getByText(needed)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Check answers and sign/ })).toBeInTheDocument();
  });
});
