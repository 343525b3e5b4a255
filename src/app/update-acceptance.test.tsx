// @vitest-environment jsdom
/**
 * Updates need a person to accept them (issue 11). With a new build waiting, the lock
 * screen never applies it; mid-assessment the app only says it is ready; on the home screen
 * a member of staff accepts it, and the acceptance, with the new version, is in the audit
 * trail before the update is applied. The service worker is replaced by a stand-in that
 * reports a waiting build.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAssessment } from '../domain/assessment/lifecycle';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../test-support/render-app';
import type { FakeRepositories } from '../storage/fake/fake-repositories';

const NEW_VERSION = '0.1.0 (build feedface)';
const worker = vi.hoisted(() => ({ applied: [] as string[][], auditAtApply: undefined as (() => string[]) | undefined }));

vi.mock('../pwa/service-worker', () => ({
  startServiceWorker: () => undefined,
  useUpdateReady: () => true,
  waitingVersion: () => Promise.resolve('0.1.0 (build feedface)'),
  applyUpdate: () => {
    worker.applied.push(worker.auditAtApply?.() ?? []);
    return Promise.resolve();
  },
}));

function watchAudit(repositories: FakeRepositories) {
  worker.auditAtApply = () => repositories.auditEvents.get().map((event) => `${event.type}: ${event.detail}`);
}

beforeEach(() => {
  worker.applied = [];
  worker.auditAtApply = undefined;
});

describe('a waiting update', () => {
  it('is not applied on the lock screen, however long it shows', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE] });
    watchAudit(repositories);
    renderApp(repositories, '/');
    expect(await screen.findByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeInTheDocument();
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(worker.applied).toEqual([]);
    expect(screen.queryByRole('button', { name: /update/i })).not.toBeInTheDocument();
  });

  it('is only announced in the middle of an assessment', async () => {
    const record = createAssessment('attendance-1', new Date().toISOString(), FAKE_TRIAGE_NURSE);
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id, attendances: [record] });
    renderApp(repositories, `/assessments/${record.id}`);
    expect(await screen.findByText('An update to the app is ready. You can accept it on the home screen when you have finished here.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /update/i })).not.toBeInTheDocument();
    expect(worker.applied).toEqual([]);
  });

  it('is applied when a member of staff accepts it on the home screen, after the audit trail records who and which version', async () => {
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id });
    watchAudit(repositories);
    renderApp(repositories, '/');
    expect(await screen.findByText(`Version ${NEW_VERSION} of the app is ready.`)).toBeInTheDocument();
    expect(worker.applied).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Accept and update now' }));

    expect(worker.applied).toEqual([expect.arrayContaining([`update-accepted: Version ${NEW_VERSION}`])]);
    const accepted = repositories.auditEvents.get().filter((event) => event.type === 'update-accepted');
    expect(accepted).toEqual([expect.objectContaining({ actor: { id: FAKE_TRIAGE_NURSE.id, name: FAKE_TRIAGE_NURSE.name }, detail: `Version ${NEW_VERSION}` })]);
  });
});
