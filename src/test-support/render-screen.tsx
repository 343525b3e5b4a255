/**
 * Renders one screen for a component test the way the app does: inside the repositories and
 * the router, over the in-memory fake repositories (unlocked as a triage nurse, with local
 * numbers set), at a given path. Tests then find things by role and label.
 */
import { render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import type { StaffRef } from '../domain/assessment/staff-ref';
import type { DeviceSettings } from '../domain/settings/device-settings';
import { deviceSettingsSchema } from '../domain/settings/device-settings';
import { RouterProvider, useLocation } from '../components/navigation/router';
import { createFakeRepositories } from '../storage/fake/fake-repositories';
import type { FakeOptions, FakeRepositories } from '../storage/fake/fake-repositories';
import { RepositoriesProvider } from '../storage/repositories/react';
import type { StaffSummary } from '../storage/repositories/types';

export const TEST_NURSE: StaffSummary & { secret: string } = {
  id: 'staff-1',
  name: 'Alex Morgan',
  role: 'triage-nurse',
  staffGroup: 'substantive',
  agencyName: '',
  registrationNumber: '',
  secretKind: 'pin',
  active: true,
  secret: '482916',
};

export const TEST_NURSE_REF: StaffRef = {
  id: TEST_NURSE.id,
  name: TEST_NURSE.name,
  role: TEST_NURSE.role,
  staffGroup: TEST_NURSE.staffGroup,
  agencyName: '',
  registrationNumber: '',
};

/** A site with every number the prompts quote, and the default MASH hours (Monday to Friday 09:00–16:00). */
export const TEST_SETTINGS: DeviceSettings = deviceSettingsSchema.parse({
  siteName: "Queen's Medical Centre ED",
  contacts: {
    safeguardingTeam: '0115 924 9924',
    paediatricLiaison: '0115 924 1111',
    mash: '0300 500 8090',
    emergencyDutyTeam: '0300 456 4546',
  },
});

/** Fake repositories, set up and unlocked as TEST_NURSE unless the options say otherwise. */
export function fakeRepositories(options: FakeOptions = {}): FakeRepositories {
  return createFakeRepositories({ settings: TEST_SETTINGS, staff: [TEST_NURSE], unlockedAs: TEST_NURSE.id, ...options });
}

/** Renders `children(pathname)`, so a test can follow in-app navigation. */
function AtLocation({ children }: { children: (pathname: string) => ReactNode }) {
  return <>{children(useLocation().pathname)}</>;
}

export interface RenderScreenOptions {
  repositories?: FakeRepositories;
  /** The path the app starts at (window.location). */
  path?: string;
}

export interface RenderedScreen extends RenderResult {
  user: ReturnType<typeof userEvent.setup>;
  repositories: FakeRepositories;
}

/** `ui` is an element, or a function of the current path for tests that navigate. */
export function renderScreen(ui: ReactNode | ((pathname: string) => ReactNode), { repositories = fakeRepositories(), path = '/' }: RenderScreenOptions = {}): RenderedScreen {
  window.history.replaceState(null, '', path);
  const user = userEvent.setup();
  const result = render(
    <RepositoriesProvider repositories={repositories}>
      <RouterProvider>{typeof ui === 'function' ? <AtLocation>{ui}</AtLocation> : ui}</RouterProvider>
    </RepositoriesProvider>,
  );
  return { ...result, user, repositories };
}
