/**
 * The frame every section page shares: one react-hook-form form over the section's draft,
 * autosave, the error summary on "Save and continue", read-only mode when another tab has
 * the assessment open, and focus on arrival from a "Change" link or on resume.
 *
 * Validation runs only when the nurse presses "Save and continue" (GOV.UK pattern), and
 * never stops saving: "Save and return later" always works (PRODUCT.md principle 4).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { DefaultValues, FieldValues } from 'react-hook-form';
import type * as z from 'zod/mini';
import type { AssessmentContext } from '../../domain/assessment/context';
import { deriveContext } from '../../domain/assessment/derive-context';
import type { Issue } from '../../domain/assessment/issues';
import { currentAnswers, withAddendumDraft, withConfirmedSection, withSectionAnswers } from '../../domain/assessment/lifecycle';
import type { Answers, SectionId } from '../../domain/assessment/record';
import type { SectionDefinition } from '../../domain/rules/sections';
import { Button, ButtonGroup } from '../../components/content/button';
import { NotificationBanner } from '../../components/content/feedback';
import { ErrorSummary, focusField } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Textarea } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { navigationFocusTarget, useLocation, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import type { OpenAssessment } from './assessment-context';
import { PatientHeading } from './patient-heading';
import { SaveStatusLine } from './save-status-line';
import { useAutosave } from './use-autosave';

export interface SectionPageProps<K extends SectionId> {
  open: OpenAssessment;
  section: SectionDefinition & { id: K };
  schema: z.ZodMiniType<Answers[K]>;
  /** Assessment context as of the saved answers (the patient page derives its own live). */
  children: (ctx: AssessmentContext) => ReactNode;
  /** Lead paragraph under the heading. */
  intro?: ReactNode;
  /** 'addendum': the record is signed; changes are saved as an addendum with a reason. */
  mode?: 'edit' | 'addendum';
}

/** Form key for the addendum reason: not a section answer, so the section schema strips it. */
const REASON_FIELD = 'addendumReason';

const nowIso = () => new Date().toISOString();

export function SectionPage<K extends SectionId>({ open, section, schema, children, intro, mode = 'edit' }: SectionPageProps<K>) {
  const { editor, status } = open;
  const navigate = useNavigate();
  const location = useLocation();
  const initial = editor.record();
  const addendum = mode === 'addendum';
  const readOnly = editor.readOnly || (addendum ? initial.status !== 'signed' : initial.status !== 'in-progress');
  const startingAnswers = addendum ? currentAnswers(initial) : initial.answers;
  const draftInProgress = addendum && initial.addendumDraft?.section === section.id ? initial.addendumDraft : undefined;
  const form = useForm({
    defaultValues: {
      ...((draftInProgress?.changes[section.id] ?? startingAnswers[section.id]) as object),
      ...(addendum ? { [REASON_FIELD]: draftInProgress?.reason ?? '' } : {}),
    } as DefaultValues<FieldValues>,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [issues, setIssues] = useState<Issue[]>([]);
  const lastField = useRef('');

  const ctx = useMemo(() => deriveContext(startingAnswers, nowIso()), [startingAnswers]);

  const autosave = useAutosave(
    form,
    (values) =>
      editor.update((record, stamp) => {
        const draft = schema.parse(structuredClone(values));
        if (addendum) return withAddendumDraft(record, section.id, draft, String(values[REASON_FIELD] ?? ''));
        const next = withSectionAnswers(record, section.id, draft, stamp.at, stamp.by);
        return { ...next, resume: { page: location.pathname, field: lastField.current } };
      }),
    status,
    !readOnly,
  );

  // Arriving from a "Change" link or resuming: focus that field; otherwise remember this page.
  useEffect(() => {
    const target = navigationFocusTarget() ?? (initial.resume.page === location.pathname ? initial.resume.field : '');
    if (target) requestAnimationFrame(() => focusField(target));
    if (!readOnly && !addendum && initial.resume.page !== location.pathname) {
      void editor.update((record) => ({ ...record, resume: { page: location.pathname, field: '' } }));
    }
    // Only on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const validateNow = (): Issue[] => {
    const values = form.getValues();
    const draft = schema.parse(structuredClone(values));
    const base = addendum ? currentAnswers(editor.record()) : editor.record().answers;
    const answers = { ...base, [section.id]: draft };
    const found = section.validate(answers, deriveContext(answers, nowIso()));
    if (addendum && String(values[REASON_FIELD] ?? '').trim() === '') found.push({ field: REASON_FIELD, message: 'Enter the reason for this change' });
    return found;
  };

  const onSaveAddendum = async () => {
    await autosave.flush();
    const found = validateNow();
    setIssues(found);
    if (found.length > 0) return;
    const values = form.getValues();
    const result = await editor.addAddendum(String(values[REASON_FIELD]).trim(), { [section.id]: schema.parse(structuredClone(values)) });
    if (result.ok) navigate(paths.record(editor.id));
  };

  const onContinue = async () => {
    if (addendum) {
      await onSaveAddendum();
      return;
    }
    await autosave.flush();
    const found = validateNow();
    setIssues(found);
    await editor.update((record) => withConfirmedSection(record, section.id, found.length === 0));
    await editor.noteChange(`${section.title}: ${found.length === 0 ? 'saved as complete' : `saved with ${found.length} question(s) to finish`}`);
    if (found.length === 0) navigate(paths.assessment(editor.id));
  };

  const onSaveForLater = async () => {
    await autosave.flush();
    await editor.noteChange(`${section.title}: saved to finish later`);
    navigate(paths.assessment(editor.id));
  };

  return (
    <Page
      title={addendum ? `Addendum: ${section.title}` : section.title}
      hasErrors={issues.length > 0}
      backLink={addendum ? { to: paths.record(editor.id), text: 'Back to the signed record' } : { to: paths.assessment(editor.id), text: 'Back to the assessment' }}
      focusHeading={issues.length === 0}
    >
      <ErrorSummary issues={issues} />
      {editor.readOnly ? (
        <NotificationBanner title="Read only">
          <p className="nhsuk-notification-banner__heading">This assessment is open in another tab or window.</p>
          <p>To avoid two versions, you can only read it here. Close the other tab to edit it here.</p>
        </NotificationBanner>
      ) : null}
      <PatientHeading patient={startingAnswers.patient} />
      <span className="nhsuk-caption-l">{addendum ? 'Addendum to a signed assessment' : 'Assessment'}</span>
      <h1>{section.title}</h1>
      {addendum ? (
        <p>The signed record stays as it was and can still be read. Your change is added as an addendum with your name, the time and your reason.</p>
      ) : (
        intro
      )}
      <SaveStatusLine store={status} />
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onContinue();
            }}
            onFocus={(event) => {
              const name = event.target.getAttribute('name');
              if (name) lastField.current = name;
            }}
          >
            <fieldset className="app-plain-fieldset" disabled={readOnly}>
              {children(ctx)}
              {addendum ? <Textarea name={REASON_FIELD} label="Reason for this change" labelSize="m" hint="For example, the mother gave the correct date of birth later" rows={3} /> : null}
            </fieldset>
            {readOnly ? null : addendum ? (
              <ButtonGroup>
                <Button type="submit">Save addendum</Button>
              </ButtonGroup>
            ) : (
              <ButtonGroup>
                <Button type="submit">Save and continue</Button>
                <Button variant="secondary" onClick={() => void onSaveForLater()}>
                  Save and return later
                </Button>
              </ButtonGroup>
            )}
          </form>
        </IssuesProvider>
      </FormProvider>
    </Page>
  );
}
