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
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type * as z from 'zod/mini';
import type { AssessmentContext } from '../../domain/assessment/context';
import { deriveContext } from '../../domain/assessment/derive-context';
import { fieldId } from '../../domain/assessment/issues';
import type { Issue } from '../../domain/assessment/issues';
import { addendumAnswers, addendumConcernIssue, changedSections, REVISIT_CONCERN_FIELD, withAddendumDraft, withConfirmedSection, withSectionAnswers } from '../../domain/assessment/lifecycle';
import type { Addendum, Answers, SectionId } from '../../domain/assessment/record';
import type { SectionDefinition } from '../../domain/rules/sections';
import { blocksSigning, completionIssues, sectionById } from '../../domain/rules/sections';
import { Button, ButtonGroup } from '../../components/content/button';
import { InsetText, NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { ErrorSummary, focusField } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Textarea } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { Link, navigationFocusTarget, useLocation, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import type { OpenAssessment } from './assessment-context';
import { useDeviceSettings } from '../../storage/repositories/react';
import { PatientHeading } from './patient-heading';
import { SaveStatusLine } from './save-status-line';
import { useAutosave } from './use-autosave';
import { EditLeaseBanner } from './edit-lease-banner';
import { Form } from '../../components/form/form';

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
/** Where problems in the addendum's other sections are shown: the links to those sections. */
const OTHER_SECTIONS_FIELD = 'addendumOtherSections';

const nowIso = () => new Date().toISOString();

/** `form.formState` read when a property is read, not when the object was made. */
function currentFormState<T extends FieldValues>(form: UseFormReturn<T>): UseFormReturn<T>['formState'] {
  return new Proxy(form.formState, { get: (_target, key) => Reflect.get(form.formState, key) as unknown });
}

/**
 * Focuses a field once it is on the page: the lower part of a long form renders a moment
 * after the rest (components/layout/after-first-paint.tsx), so a field a "Change" link or a
 * resume points at may not be there in the first frame. Gives up after about a second.
 */
function focusFieldOnceRendered(target: string, framesLeft = 60): void {
  requestAnimationFrame(() => {
    if (document.getElementById(fieldId(target)) || framesLeft <= 0) focusField(target);
    else focusFieldOnceRendered(target, framesLeft - 1);
  });
}

export function SectionPage<K extends SectionId>({ open, section, schema, children, intro, mode = 'edit' }: SectionPageProps<K>) {
  const { editor, status } = open;
  const navigate = useNavigate();
  const location = useLocation();
  const initial = editor.record();
  const addendum = mode === 'addendum';
  const readOnly = editor.readOnly || (addendum ? initial.status !== 'signed' : initial.status !== 'in-progress');
  // An addendum may span several sections (a concern recorded here, the level revisited on the
  // outcome): each page starts from the answers as the addendum in progress leaves them.
  const startingAnswers = addendum ? addendumAnswers(initial) : initial.answers;
  const form = useForm({
    defaultValues: {
      ...(startingAnswers[section.id] as object),
      ...(addendum ? { [REASON_FIELD]: initial.addendumDraft?.reason ?? '' } : {}),
    } as DefaultValues<FieldValues>,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  // The form's methods as its fields read them (useFormContext): one value for the page's life.
  // FormProvider hands its fields a new value whenever the form state changes, and react-hook-form
  // changes it as the form mounts (isReady, in a layout effect): every field rendered again in the
  // task that mounted them (48 components at 4x CPU on the patient page, PRODUCT.md section 10).
  // No field here reads the form state from the context; react-hook-form's own hooks
  // (useController, useFormState, useWatch) subscribe to the control. What reads `formState`
  // through the context gets its current values, as it would after a render.
  const formMethods = useMemo(() => ({ ...form, formState: currentFormState(form) }), [form]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const lastField = useRef('');
  // The last field focused, for resuming there. Heard in the capture phase: a radio answer's
  // events stop at the radio (components/form/native-answer.ts).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return undefined;
    const onFocus = (event: FocusEvent) => {
      const name = event.target instanceof Element ? event.target.getAttribute('name') : null;
      if (name) lastField.current = name;
    };
    form.addEventListener('focusin', onFocus, true);
    return () => form.removeEventListener('focusin', onFocus, true);
  }, []);

  const settings = useDeviceSettings();
  // Keyed on the triggers' ids, not the array: the settings arrive a moment after the page
  // (nothing, then the stored list), and a new context builds every field again.
  const triggersOffKey = (settings?.thinkFamilyTriggersOff ?? []).join(' ');
  const triggersOff = useMemo(() => (triggersOffKey === '' ? [] : triggersOffKey.split(' ')), [triggersOffKey]);
  const ctx = useMemo(() => deriveContext(startingAnswers, nowIso(), { thinkFamilyTriggersOff: triggersOff }), [startingAnswers, triggersOff]);

  // The fields, built again only when the section or its context changes: a render of this page
  // for its own state (the form state, the issues, the save status) leaves them be.
  const fields = useMemo(() => children(ctx), [children, ctx]);

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
    if (target) focusFieldOnceRendered(target);
    if (!readOnly && !addendum && initial.resume.page !== location.pathname) {
      void editor.update((record) => ({ ...record, resume: { page: location.pathname, field: '' } }));
    }
    // Only on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The changes this addendum makes: this page's answers and any other section changed in it. */
  const addendumChanges = (): Addendum['changes'] => {
    const record = editor.record();
    const draft = schema.parse(structuredClone(form.getValues()));
    const changes: Addendum['changes'] = { ...(record.addendumDraft?.changes ?? {}), [section.id]: draft };
    const kept = new Set<SectionId>([...changedSections(record, changes), section.id]);
    return Object.fromEntries(Object.entries(changes).filter(([key]) => kept.has(key as SectionId)));
  };

  const validateNow = (): Issue[] => {
    const values = form.getValues();
    const now = nowIso();
    if (!addendum) {
      const answers = { ...editor.record().answers, [section.id]: schema.parse(structuredClone(values)) };
      return section.validate(answers, deriveContext(answers, now, { thinkFamilyTriggersOff: triggersOff }));
    }
    const changes = addendumChanges();
    const answers = { ...addendumAnswers(editor.record()), [section.id]: schema.parse(structuredClone(values)) };
    const ctxNow = deriveContext(answers, now, { thinkFamilyTriggersOff: triggersOff });
    const found = completionIssues(section, answers, ctxNow, 'addendum');
    // The concern-level rules hold for addenda (PRODUCT.md 4.9): a new concern on a record whose
    // level contradicts it needs the level revisited in this addendum. On the outcome page the
    // level's own check says so.
    if (section.id !== 'outcome') {
      const revisit = addendumConcernIssue(editor.record(), changes, now);
      if (revisit) found.push(revisit);
    }
    const others = (Object.keys(changes) as SectionId[]).filter((id) => id !== section.id && completionIssues(sectionById(id), answers, ctxNow, 'addendum').length > 0);
    if (others.length > 0) found.push({ field: OTHER_SECTIONS_FIELD, message: `Finish the changes to ${others.map((id) => sectionById(id).title).join(' and ')} in this addendum` });
    if (String(values[REASON_FIELD] ?? '').trim() === '') found.push({ field: REASON_FIELD, message: 'Enter the reason for this change' });
    return found;
  };

  const onSaveAddendum = async () => {
    await autosave.flush();
    const found = validateNow();
    setIssues(found);
    if (found.length > 0) return;
    const values = form.getValues();
    const result = await editor.addAddendum(String(values[REASON_FIELD]).trim(), addendumChanges());
    if (result.ok) navigate(paths.record(editor.id));
  };

  /** Keeps everything typed in the addendum and goes to another of its sections. */
  const goToAddendumSection = async (slug: string) => {
    await autosave.flush();
    navigate(paths.addendumSection(editor.id, slug));
  };

  const revisit = issues.some((issue) => issue.field === REVISIT_CONCERN_FIELD);
  const otherSections = addendum ? changedSections(editor.record(), editor.record().addendumDraft?.changes ?? {}).filter((id) => id !== section.id) : [];

  const onContinue = async () => {
    if (addendum) {
      await onSaveAddendum();
      return;
    }
    await autosave.flush();
    const found = validateNow();
    setIssues(found);
    // Answers only the GP letter needs (the patient's address) do not keep the section from
    // being complete for signing; the task list still names them (rules/sections.ts completionIssues).
    const blocking = blocksSigning(section) ? found.filter((issue) => issue.requiredBefore !== 'gp-letter') : found;
    await editor.update((record) => withConfirmedSection(record, section.id, blocking.length === 0));
    await editor.noteChange(`${section.title}: ${blocking.length === 0 ? 'saved as complete' : `saved with ${blocking.length} question(s) to finish`}`);
    if (blocking.length === 0) navigate(paths.assessment(editor.id));
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
      {open.lease?.state.status === 'elsewhere' ? (
        <EditLeaseBanner lease={open.lease} />
      ) : editor.readOnly ? (
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
      <FormProvider {...formMethods}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onContinue} ref={formRef}>
            <fieldset className="app-plain-fieldset" disabled={readOnly}>
              {otherSections.length > 0 ? (
                <InsetText>
                  <p>This addendum also changes:</p>
                  <ul id={OTHER_SECTIONS_FIELD} tabIndex={-1}>
                    {otherSections.map((id) => {
                      const other = sectionById(id);
                      return (
                        <li key={id}>
                          <Link to={paths.addendumSection(editor.id, other.slug)}>{other.title}</Link>
                        </li>
                      );
                    })}
                  </ul>
                  <p>They are saved together when you save the addendum.</p>
                </InsetText>
              ) : null}
              {fields}
              {addendum ? <Textarea name={REASON_FIELD} label="Reason for this change" labelSize="m" hint="For example, the mother gave the correct date of birth later" rows={3} /> : null}
            </fieldset>
            {revisit ? (
              <WarningCallout title="Revisit the concern level" id="revisit-concern-level">
                <p>What this addendum records contradicts the concern level of the signed record. Choose the concern level again in this addendum: what you have typed here is kept.</p>
                <Button id={REVISIT_CONCERN_FIELD} variant="secondary" onClick={() => void goToAddendumSection(sectionById('outcome').slug)}>
                  Continue to Outcome and actions
                </Button>
              </WarningCallout>
            ) : null}
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
          </Form>
        </IssuesProvider>
      </FormProvider>
    </Page>
  );
}
