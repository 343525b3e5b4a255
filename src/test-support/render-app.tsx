/**
 * Component-test helpers: render the real App (session gate, header, idle lock, routes)
 * over given repositories at a given path, and fake repositories for a set-up tablet.
 */
import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import { App } from '../app/app';
import type { AssessmentRecord } from '../domain/assessment/record';
import { defaultDeviceSettings } from '../domain/settings/device-settings';
import type { DeviceSettings } from '../domain/settings/device-settings';
import { createFakeRepositories } from '../storage/fake/fake-repositories';
import type { FakeRepositories } from '../storage/fake/fake-repositories';
import type { Repositories, StaffSummary } from '../storage/repositories/types';

/** Renders the app as the browser would after navigating to `path`. */
export function renderApp(repositories: Repositories, path = '/'): RenderResult {
  window.history.replaceState(null, '', path);
  return render(<App repositories={repositories} />);
}

type FakeStaff = StaffSummary & { secret: string };

export const FAKE_NURSE_IN_CHARGE: FakeStaff = {
  id: 'staff-nic',
  name: 'Alex Morgan',
  role: 'nurse-in-charge',
  staffGroup: 'substantive',
  agencyName: '',
  registrationNumber: '',
  // The nurse in charge unlocks with a passphrase (issue 11).
  secretKind: 'passphrase',
  active: true,
  secret: 'harbour lantern orchard',
};

export const FAKE_TRIAGE_NURSE: FakeStaff = {
  ...FAKE_NURSE_IN_CHARGE,
  id: 'staff-triage',
  name: 'Sam Patel',
  role: 'triage-nurse',
  staffGroup: 'bank',
  secretKind: 'pin',
  secret: '735104',
};

export interface FakeTabletOptions {
  settings?: Partial<DeviceSettings>;
  staff?: FakeStaff[];
  unlockedAs?: string;
  attendances?: AssessmentRecord[];
}

/** Fake repositories for a tablet that has been set up. */
export function fakeTablet(options: FakeTabletOptions = {}): FakeRepositories {
  return createFakeRepositories({
    settings: { ...defaultDeviceSettings(), siteName: "Queen's Medical Centre ED", ...options.settings },
    staff: options.staff ?? [FAKE_NURSE_IN_CHARGE],
    ...(options.unlockedAs ? { unlockedAs: options.unlockedAs } : {}),
    attendances: options.attendances ?? [],
  });
}
