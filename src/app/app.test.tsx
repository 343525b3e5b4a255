/**
 * What the app renders around the session: after the configured idle minutes it locks,
 * and then nothing about the patient is left anywhere in the document (text, attributes,
 * form values, title); the Lock button does the same at once.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAssessment } from '../domain/assessment/lifecycle';
import { FAKE_NURSE_IN_CHARGE, fakeTablet, renderApp } from '../test-support/render-app';
import { PATIENT, withPatient } from '../test-support/storage-fixtures';

const IDLE_MINUTES = 2;

function patientRecord() {
  return withPatient(createAssessment('attendance-1', new Date().toISOString(), FAKE_NURSE_IN_CHARGE));
}

/** Everything a person or a script could read from the page. */
function everythingInTheDocument(): string {
  const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea, select')].map((field) => field.value);
  return [document.title, document.documentElement.outerHTML, ...values].join('\n');
}

const PATIENT_DETAILS = [PATIENT.givenName, PATIENT.familyName, PATIENT.nhsNumber, PATIENT.nhsDigits, PATIENT.childAccount];

function expectNoPatientData() {
  const text = everythingInTheDocument();
  for (const detail of PATIENT_DETAILS) expect(text.includes(detail), `${detail} still in the document`).toBe(false);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the idle lock', () => {
  it.each([
    ['the patient section, where the details are form values', '/assessments/attendance-1/patient', () => screen.findByDisplayValue(PATIENT.givenName)],
    ['the task list, where the name is text', '/assessments/attendance-1', () => screen.findByText(`${PATIENT.givenName} ${PATIENT.familyName}`)],
  ])('locks after the configured minutes on %s and leaves no patient data in the document', async (_page, path, findPatient) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const repositories = fakeTablet({ settings: { idleLockMinutes: IDLE_MINUTES }, unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [patientRecord()] });
    renderApp(repositories, path);
    await findPatient();
    expect(everythingInTheDocument()).toContain(PATIENT.givenName);

    await act(() => vi.advanceTimersByTimeAsync(IDLE_MINUTES * 60_000 - 5_000));
    expect(screen.queryByRole('heading', { name: 'Unlock Safeguarding Triage' })).not.toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(10_000));

    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/locked itself because it was not used for a while/)).toBeInTheDocument();
    expect(repositories.session.current()).toEqual({ status: 'locked', reason: 'idle' });
    expectNoPatientData();
  });

  it('waits again from the last touch or key press', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const repositories = fakeTablet({ settings: { idleLockMinutes: IDLE_MINUTES }, unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [patientRecord()] });
    renderApp(repositories, '/assessments/attendance-1');
    await screen.findByText(`${PATIENT.givenName} ${PATIENT.familyName}`);

    await act(() => vi.advanceTimersByTimeAsync(IDLE_MINUTES * 60_000 - 10_000));
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    });
    await act(() => vi.advanceTimersByTimeAsync(IDLE_MINUTES * 60_000 - 10_000));
    expect(repositories.session.current().status).toBe('unlocked');

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).toBeInTheDocument();
  });
});

describe('the lock holds on a shared tablet', () => {
  it('a tablet that slept past the idle limit is locked as it wakes, before anything is shown', async () => {
    // Asleep, the tablet runs no timers: only the wall clock moves.
    vi.useFakeTimers({ toFake: ['Date'] });
    const repositories = fakeTablet({ settings: { idleLockMinutes: IDLE_MINUTES }, unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [patientRecord()] });
    renderApp(repositories, '/assessments/attendance-1');
    await screen.findByText(`${PATIENT.givenName} ${PATIENT.familyName}`);

    vi.setSystemTime(Date.now() + (IDLE_MINUTES + 60) * 60_000);
    expect(repositories.session.current().status).toBe('unlocked');
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });

    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).toBeInTheDocument();
    expect(repositories.session.current()).toEqual({ status: 'locked', reason: 'idle' });
    expectNoPatientData();
  });

  it('asks for the PIN again at the session limit even while the app is in use', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const repositories = fakeTablet({ settings: { idleLockMinutes: 5, sessionLimitHours: 1 }, unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [patientRecord()] });
    renderApp(repositories, '/assessments/attendance-1');
    await screen.findByText(`${PATIENT.givenName} ${PATIENT.familyName}`);

    // In use all along: a key press every 4 minutes for 56 minutes.
    for (let minute = 4; minute <= 56; minute += 4) {
      await act(() => vi.advanceTimersByTimeAsync(4 * 60_000));
      act(() => {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
      });
    }
    expect(repositories.session.current().status).toBe('unlocked');

    await act(() => vi.advanceTimersByTimeAsync(4 * 60_000 + 1_000));
    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).toBeInTheDocument();
    expect(repositories.session.current()).toEqual({ status: 'locked', reason: 'session-limit' });
    expect(screen.getByText(/asks for your PIN or passphrase again after the session limit/)).toBeInTheDocument();
    expectNoPatientData();
  });
});

describe('the Lock button', () => {
  it('locks at once and leaves no patient data in the document', async () => {
    const user = userEvent.setup();
    const repositories = fakeTablet({ unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [patientRecord()] });
    renderApp(repositories, '/assessments/attendance-1/patient');
    await screen.findByDisplayValue(PATIENT.familyName);

    await user.click(screen.getByRole('button', { name: 'Lock' }));

    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 })).toBeInTheDocument();
    expectNoPatientData();
  });
});
