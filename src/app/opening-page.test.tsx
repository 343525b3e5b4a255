/**
 * A new assessment opens on its patient page with nothing to write: "Start new assessment"
 * stores that page as where to resume, so the page's arrival step (which records where the
 * nurse is, for reopening) finds it already there. The first write is then the nurse's first
 * answer: one sealed revision, and one department push, fewer for every attendance.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createAssessment } from '../domain/assessment/lifecycle';
import type { FakeRepositories } from '../storage/fake/fake-repositories';
import { FAKE_NURSE_IN_CHARGE, fakeTablet, renderApp } from '../test-support/render-app';

/** Counts the writes every editor opened makes. */
function countWrites(repositories: FakeRepositories): { writes: number } {
  const count = { writes: 0 };
  const open = repositories.attendances.open.bind(repositories.attendances);
  vi.spyOn(repositories.attendances, 'open').mockImplementation(async (id) => {
    const opened = await open(id);
    if (!opened.ok) return opened;
    const editor = opened.value;
    const update = editor.update.bind(editor);
    vi.spyOn(editor, 'update').mockImplementation((change) => {
      count.writes += 1;
      return update(change);
    });
    return opened;
  });
  return count;
}

describe('the page a new assessment opens on', () => {
  it('is stored with it as where to resume, so opening it writes nothing', async () => {
    const repositories = fakeTablet({ unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    const count = countWrites(repositories);
    renderApp(repositories, '/');
    await userEvent.click(await screen.findByRole('button', { name: 'Start new assessment' }));
    await screen.findByRole('heading', { name: 'Patient and attendance', level: 1 });
    const [record] = [...repositories.records.get().values()];
    expect(window.location.pathname).toBe(`/assessments/${record?.id ?? ''}/patient`);
    expect(record?.resume).toEqual({ page: window.location.pathname, field: '' });
    // Long enough for the arrival step, which runs after the page's first render.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count.writes).toBe(0);
  });

  it('an assessment stored without it records the page on arrival, once', async () => {
    const earlier = createAssessment('attendance-1', new Date().toISOString(), FAKE_NURSE_IN_CHARGE);
    const repositories = fakeTablet({ unlockedAs: FAKE_NURSE_IN_CHARGE.id, attendances: [earlier] });
    const count = countWrites(repositories);
    renderApp(repositories, '/assessments/attendance-1/patient');
    await screen.findByRole('heading', { name: 'Patient and attendance', level: 1 });
    await waitFor(() => expect(repositories.records.get().get('attendance-1')?.resume.page).toBe('/assessments/attendance-1/patient'));
    expect(count.writes).toBe(1);
  });
});
