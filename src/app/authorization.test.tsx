/**
 * Routes the signed-in role may not use (issue 11; domain/settings/permissions.ts). Each
 * test is a triage nurse's steps: typing the address of a nurse-in-charge page. The route
 * shows "You do not have access" and who can do it; the page behind it is never mounted, so
 * no form field renders and no staff details or audit events are read from storage.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../test-support/render-app';

const NURSE_IN_CHARGE_REGISTRATION = '09K1234Z';
const TRIAGE_REGISTRATION = '21C9876D';
const staff = [
  { ...FAKE_NURSE_IN_CHARGE, registrationNumber: NURSE_IN_CHARGE_REGISTRATION },
  { ...FAKE_TRIAGE_NURSE, registrationNumber: TRIAGE_REGISTRATION },
];

function tabletAs(who: string) {
  const repositories = fakeTablet({ staff, unlockedAs: who });
  const staffDetails = vi.spyOn(repositories.staff, 'details');
  const auditEvents = vi.spyOn(repositories.audit, 'recent');
  const auditCheck = vi.spyOn(repositories.audit, 'verify');
  return { repositories, staffDetails, auditEvents, auditCheck };
}

function formFields(): Element[] {
  return [...document.querySelectorAll('main input, main select, main textarea, main form')];
}

describe('a triage nurse who types the address of', () => {
  it.each([
    ['the add-staff form', '/settings/staff/add', 'Only the nurse in charge can add or remove staff.'],
    ['the staff list', '/settings/staff', 'Only the nurse in charge can see staff accounts and registration numbers.'],
    ['the settings form', '/settings', 'Only the nurse in charge can change settings.'],
    ['the audit trail', '/settings/audit-trail', 'Only the nurse in charge can view the audit trail.'],
    ['department sharing', '/settings/department', 'Only the nurse in charge can share this tablet with the department, add tablets or remove them.'],
  ])('%s sees "You do not have access", no form and no registration number', async (_page, path, who) => {
    const { repositories, staffDetails, auditEvents, auditCheck } = tabletAs(FAKE_TRIAGE_NURSE.id);
    renderApp(repositories, path);

    expect(await screen.findByRole('heading', { level: 1, name: 'You do not have access' })).toBeInTheDocument();
    expect(screen.getByText(who)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the home screen' })).toHaveAttribute('href', '/');
    expect(formFields()).toEqual([]);
    expect(screen.queryByText('Nurse in charge')).not.toBeInTheDocument();
    const html = document.documentElement.outerHTML;
    expect(html).not.toContain(NURSE_IN_CHARGE_REGISTRATION);
    expect(html).not.toContain(TRIAGE_REGISTRATION);
    expect(staffDetails).not.toHaveBeenCalled();
    expect(auditEvents).not.toHaveBeenCalled();
    expect(auditCheck).not.toHaveBeenCalled();
    // The page sets its title in an effect, which may run just after the heading appears.
    await waitFor(() => expect(document.title).toBe('You do not have access – Safeguarding Triage'));
  });

  it('the home screen has no Settings link to follow', async () => {
    const { repositories } = tabletAs(FAKE_TRIAGE_NURSE.id);
    renderApp(repositories, '/');
    expect(await screen.findByRole('link', { name: 'Home' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
  });
});

describe('the nurse in charge still gets', () => {
  it('the add-staff form, with the Nurse in charge role', async () => {
    renderApp(tabletAs(FAKE_NURSE_IN_CHARGE.id).repositories, '/settings/staff/add');
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a member of staff' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Nurse in charge' })).toBeInTheDocument();
  });

  it('the staff list with registration numbers', async () => {
    renderApp(tabletAs(FAKE_NURSE_IN_CHARGE.id).repositories, '/settings/staff');
    expect(await screen.findByRole('cell', { name: TRIAGE_REGISTRATION })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: NURSE_IN_CHARGE_REGISTRATION })).toBeInTheDocument();
  });

  it('the settings form', async () => {
    renderApp(tabletAs(FAKE_NURSE_IN_CHARGE.id).repositories, '/settings');
    expect(await screen.findByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings' })).toBeInTheDocument();
  });

  it('the audit trail, checked', async () => {
    const { repositories } = tabletAs(FAKE_NURSE_IN_CHARGE.id);
    await repositories.audit.record('settings-changed', '', 'Device settings changed');
    renderApp(repositories, '/settings/audit-trail');
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit trail' })).toBeInTheDocument();
    expect(await screen.findByText(/The audit trail is complete and unchanged: 1 events checked/)).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Device settings changed' })).toBeInTheDocument();
  });
});
