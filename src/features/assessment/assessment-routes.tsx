/**
 * Everything under /assessments/:id: opens the assessment once (one editor, one editing
 * lock, one save status) and shows the page the rest of the path names.
 */
import { memo, useEffect, useMemo } from 'react';
import { sectionBySlug } from '../../domain/rules/sections';
import type { SectionId } from '../../domain/assessment/record';
import { addendumAnswers } from '../../domain/assessment/lifecycle';
import { ButtonLink } from '../../components/content/button';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useNavigate } from '../../components/navigation/router';
import { useAssessmentEditor, useDeviceSettings, useEditLease } from '../../storage/repositories/react';
import { leaseReadOnlyEditor } from '../../storage/sync/lease-editor';
import { leaseMakesReadOnly } from '../../domain/sync/lease';
import { AddendumStartPage } from './addendum-start-page';
import { OpenAssessmentContext } from './assessment-context';
import type { OpenAssessment } from './assessment-context';
import { CheckAnswersPage } from './check-answers-page';
import { RecordPage } from './record-page';
import { SaveStatusStore } from './save-status';
import { sectionForms } from './section-forms';
import type { SectionForm } from './section-forms';
import { SectionPage } from './section-page';
import { TaskListPage } from './task-list-page';

function NotFound({ id }: { id: string }) {
  return (
    <Page title="Page not found" backLink={{ to: paths.assessment(id) }}>
      <h1>Page not found</h1>
      <p>This part of the assessment does not exist.</p>
      <ButtonLink to={paths.assessment(id)}>Go to the assessment</ButtonLink>
    </Page>
  );
}

/** Goes back to the page the nurse was on (the field is focused by that page). */
function Resume({ open }: { open: OpenAssessment }) {
  const navigate = useNavigate();
  const record = open.editor.record();
  const target = record.status === 'in-progress' && record.resume.page.startsWith(paths.assessment(record.id)) ? record.resume.page : paths.assessment(record.id);
  useEffect(() => {
    navigate(target, { replace: true });
  }, [navigate, target]);
  return null;
}

/**
 * Memoised: the routes render again when the lease or the settings change, and a section page
 * rendered with them builds every field again (a whole-page render of 95 components at 4x CPU
 * as the patient page first appears, PRODUCT.md section 10). It changes with `open` and the path.
 */
const AssessmentPage = memo(function AssessmentPage({ open, rest }: { open: OpenAssessment; rest: string[] }) {
  const record = open.editor.record();
  const [first = '', second = ''] = rest;
  if (first === '') return record.status === 'signed' ? <RecordPage open={open} /> : <TaskListPage open={open} />;
  if (first === 'resume') return <Resume open={open} />;
  if (first === 'check-answers') return <CheckAnswersPage open={open} />;
  if (first === 'record') return <RecordPage open={open} />;
  const addendum = first === 'addendum';
  if (addendum && second === '') return <AddendumStartPage open={open} />;
  const section = sectionBySlug(addendum ? second : first);
  if (!section) return <NotFound id={record.id} />;
  if (record.status === 'signed' && !addendum) return <RecordPage open={open} />;
  const form = sectionForms[section.id] as unknown as SectionForm<SectionId> | undefined;
  if (!form) return <NotFound id={record.id} />;
  const answers = addendum ? addendumAnswers(record) : record.answers;
  return (
    <SectionPage key={`${section.id}-${addendum ? 'addendum' : 'edit'}`} open={open} section={section} schema={form.schema} mode={addendum ? 'addendum' : 'edit'}>
      {(ctx) => form.render(ctx, answers, addendum ? 'addendum' : 'triage')}
    </SectionPage>
  );
});

export function AssessmentRoutes({ id, rest }: { id: string; rest: string[] }) {
  const state = useAssessmentEditor(id);
  const status = useMemo(() => new SaveStatusStore(), []);
  // The edit lease (issue 14): taken for an assessment in progress this tab may edit; another tablet's lease makes it read-only here.
  const settings = useDeviceSettings();
  const editable = state.status === 'ready' && !state.editor.readOnly && state.editor.record().status === 'in-progress';
  // Letting the lease go finishes the editor's pending writes first, so the revision pushed then is the newest (storage/sync/lease.ts).
  const flush = useMemo(() => (state.status === 'ready' ? () => state.editor.flush() : undefined), [state]);
  const { state: leaseState, takeOver } = useEditLease(id, settings?.idleLockMinutes, editable, flush);
  const leaseReadOnly = leaseMakesReadOnly(leaseState);
  const editor = useMemo(() => (state.status === 'ready' ? (leaseReadOnly ? leaseReadOnlyEditor(state.editor) : state.editor) : undefined), [state, leaseReadOnly]);
  // The pages show the lease only when another tablet holds it (the banner, read only): they get
  // it then, and the same `open` while it goes from checking to held or not shared, so the page
  // is not built again for a change it does not show.
  const elsewhere = leaseReadOnly ? leaseState : undefined;
  const lease = useMemo(() => (elsewhere ? { state: elsewhere, takeOver } : undefined), [elsewhere, takeOver]);
  const open = useMemo(() => (editor ? { editor, status, lease } : undefined), [editor, status, lease]);
  if (state.status === 'loading') {
    return (
      <Page title="Opening assessment">
        <p role="status">Opening the assessment…</p>
      </Page>
    );
  }
  if (state.status === 'failed' || !open) {
    return (
      <Page title="Assessment could not be opened" backLink={{ to: paths.home(), text: 'Home' }}>
        <h1>The assessment could not be opened</h1>
        <p>{state.status === 'failed' ? state.failure.message : ''}</p>
        <ButtonLink to={paths.home()}>Go to the home screen</ButtonLink>
      </Page>
    );
  }
  return (
    <OpenAssessmentContext.Provider value={open}>
      <AssessmentPage open={open} rest={rest} />
    </OpenAssessmentContext.Provider>
  );
}
