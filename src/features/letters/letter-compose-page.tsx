/**
 * Preparing one letter: what it still needs (the Issue button is described by that list, and
 * pressing it shows the list as an error summary), the nurse's own words in the marked
 * places, the restricted-content choice with its reason, a live preview rendered from the
 * document model, and Issue.
 *
 * Restricted content (PRODUCT.md section 5): left out of the GP and health visitor / school
 * nurse letters unless the nurse includes it and says why; the MASH referral always has it.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { currentAnswers } from '../../domain/assessment/lifecycle';
import { patientBannerFacts } from '../../domain/assessment/patient-banner';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { Issue } from '../../domain/assessment/issues';
import type { LetterChoices } from '../../domain/letters/facts';
import { composeFullLetter, composeLetter, letterIdentityLabel, letterReadiness, restrictedContentOf } from '../../domain/letters/letters';
import type { ReadinessProblem } from '../../domain/letters/letters';
import { letterFacts } from '../../domain/letters/facts';
import type { LetterKind } from '../../domain/letters/model';
import { documentSlots } from '../../domain/letters/model';
import { alwaysCarriesRestricted, restrictedCategoryLabels } from '../../domain/letters/restricted';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { Button, ButtonGroup } from '../../components/content/button';
import { InsetText, WarningCallout } from '../../components/content/feedback';
import { PatientBanner } from '../../components/content/patient-banner';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Radios } from '../../components/form/radios';
import { Textarea } from '../../components/form/text-input';
import { Page } from '../../components/layout/page';
import { Link, useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import { LetterView } from './letter-view';
import { Form } from '../../components/form/form';

interface FormValues {
  slots: Record<string, string>;
  restrictedInclude: 'no' | 'yes' | '';
  restrictedReason: string;
}

const choicesFrom = (values: Partial<FormValues>): LetterChoices => ({
  slots: { ...(values.slots ?? {}) },
  restricted: { include: values.restrictedInclude === 'yes', reason: values.restrictedReason ?? '' },
});

/** Where each problem is fixed: a field on this page, or a link to another page. */
/**
 * The window title of a letter being prepared: no kind and no child (issue 11), because
 * Chromium keeps titles in its History and session files; the heading names the letter.
 */
const LETTER_WINDOW_TITLE = 'Prepare and issue a letter';

function problemTarget(problem: ReadinessProblem, record: AssessmentRecord): { field: string } | { to: string; focus?: string; text: string } {
  switch (problem.fix.to) {
    case 'slot':
      return { field: `slots.${problem.fix.slotId}` };
    case 'restricted-reason':
      return { field: 'restrictedReason' };
    case 'sign':
      return { to: paths.assessment(record.id), text: problem.message };
    case 'settings':
      return { to: paths.settings(), text: problem.message };
    case 'section':
      // A signed record changes by addendum; an unsigned one on the section page.
      return record.status === 'signed'
        ? { to: paths.addendumSection(record.id, problem.fix.slug), focus: problem.fix.field, text: problem.message }
        : { to: paths.section(record.id, problem.fix.slug), focus: problem.fix.field, text: problem.message };
  }
}

interface ComposeProps {
  record: AssessmentRecord;
  settings: DeviceSettings;
  kind: LetterKind;
  /** The child a notification is about (Think Family); absent for the patient's own letters. */
  childId?: string;
}

/** Loads the nurse's unfinished words for this letter first, so the form starts with them. */
export function LetterComposePage(props: ComposeProps) {
  const { letters } = useRepositories();
  const [draft, setDraft] = useState<{ loaded: false } | { loaded: true; choices: LetterChoices | undefined }>({ loaded: false });
  useEffect(() => {
    let cancelled = false;
    void letters.loadDraft(props.record.id, props.kind, props.childId).then((choices) => {
      if (!cancelled) setDraft({ loaded: true, choices });
    });
    return () => {
      cancelled = true;
    };
  }, [letters, props.record.id, props.kind, props.childId]);
  if (!draft.loaded) {
    return (
      <Page title={LETTER_WINDOW_TITLE}>
        <p role="status">Opening the letter…</p>
      </Page>
    );
  }
  return <ComposeForm {...props} draft={draft.choices} />;
}

/**
 * Saves the nurse's words, sealed, shortly after each change and when the page is hidden
 * (PRODUCT.md principle 2: nothing typed is lost). Once the letter is being issued
 * (`issuing.current`), nothing more is saved: issuing keeps the words in the letter and
 * deletes the draft, and a save as the page closes would put it back (issue 11).
 */
function useDraftAutosave(attendanceId: string, kind: LetterKind, choices: LetterChoices, childId: string | undefined, issuing: { readonly current: boolean }): void {
  const { letters } = useRepositories();
  const key = JSON.stringify(choices);
  const last = useRef(key);
  const latest = useRef(choices);
  useEffect(() => {
    latest.current = choices;
  });
  useEffect(() => {
    if (key === last.current) return undefined;
    const timer = setTimeout(() => {
      if (issuing.current) return;
      last.current = key;
      void letters.saveDraft(attendanceId, kind, latest.current, childId);
    }, 300);
    return () => {
      clearTimeout(timer);
    };
  }, [key, letters, attendanceId, kind, childId, issuing]);
  useEffect(() => {
    const onHide = () => {
      if (!issuing.current && JSON.stringify(latest.current) !== last.current) void letters.saveDraft(attendanceId, kind, latest.current, childId);
    };
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      onHide();
    };
  }, [letters, attendanceId, kind, childId, issuing]);
}

function ComposeForm({ record, settings, kind, childId, draft }: ComposeProps & { draft: LetterChoices | undefined }) {
  const { letters } = useRepositories();
  const navigate = useNavigate();
  // One time for the whole visit: the preview stays still while the nurse types.
  const [at] = useState(() => new Date().toISOString());
  const form = useForm<FormValues>({
    defaultValues: {
      slots: { ...(draft?.slots ?? {}) },
      restrictedInclude: draft?.restricted.include ? 'yes' : 'no',
      restrictedReason: draft?.restricted.reason ?? '',
    },
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  // The preview follows typing at low priority, so keystrokes in a slot stay as cheap as in a plain field.
  const values = useDeferredValue(useWatch({ control: form.control }) as Partial<FormValues>);
  const choices = choicesFrom(values);
  const issuingRef = useRef(false);
  useDraftAutosave(record.id, kind, choices, childId, issuingRef);
  const input = { record, settings, at, choices, childId };
  const banner = useMemo(() => patientBannerFacts(currentAnswers(record).patient, at), [record, at]);
  const slots = useMemo(() => documentSlots(composeFullLetter(kind, letterFacts({ record, settings, at, childId, choices: { slots: {}, restricted: { include: false, reason: '' } } }))), [kind, record, settings, at, childId]);
  const restricted = useMemo(() => restrictedContentOf(kind, { record, settings, at, childId, choices: { slots: {}, restricted: { include: false, reason: '' } } }), [kind, record, settings, at, childId]);
  const preview = composeLetter(kind, input);
  const problems = letterReadiness(kind, input);
  const [shown, setShown] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [issuing, setIssuing] = useState(false);
  const label = letterIdentityLabel(currentAnswers(record), { kind, childId });

  const targets = problems.map((problem, index) => ({ problem, target: problemTarget(problem, record), id: `fix-${index}` }));
  const toIssues = (): Issue[] => targets.map(({ problem, target, id }) => ({ field: 'field' in target ? target.field : id, message: problem.message }));

  const onIssue = async () => {
    setFailure(undefined);
    const found = toIssues();
    setShown(found);
    if (found.length > 0) return;
    setIssuing(true);
    issuingRef.current = true;
    const frozen = choicesFrom(form.getValues());
    const result = await letters.issue({
      attendanceId: record.id,
      kind,
      childId,
      choices: frozen,
      compose: (issuedAt, version, issuedBy) => {
        const value = { record, settings, at: issuedAt, choices: frozen, version, issuedBy, childId };
        return { document: composeLetter(kind, value), restrictedCategories: restrictedContentOf(kind, value) };
      },
    });
    setIssuing(false);
    if (result.ok) navigate(paths.issuedLetter(record.id, result.value.id));
    else {
      // Not issued: the words are still only here, so autosave goes on.
      issuingRef.current = false;
      setFailure(result.error.message);
    }
  };

  const fieldIssues = shown.filter((issue) => !issue.field.startsWith('fix-'));

  return (
    <Page title={LETTER_WINDOW_TITLE} hasErrors={shown.length > 0} backLink={{ to: paths.letters(record.id), text: 'Back to the letters' }} focusHeading={shown.length === 0} wide>
      <ErrorSummary issues={shown} title="You cannot issue this letter yet" />
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <PatientBanner facts={banner} />
      <span className="nhsuk-caption-l">Letters</span>
      <h1>{label}</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          {problems.length > 0 ? (
            <WarningCallout title="Before you can issue this letter">
              <ul className="nhsuk-list nhsuk-list--bullet" id="letter-readiness">
                {targets.map(({ problem, target, id }) => (
                  <li key={id}>
                    {'field' in target ? (
                      problem.message
                    ) : (
                      <Link to={target.to} id={id} {...(target.focus ? { focus: target.focus } : {})}>
                        {target.text}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </WarningCallout>
          ) : null}
          <FormProvider {...form}>
            <IssuesProvider issues={fieldIssues}>
              <Form onSubmit={onIssue}>
                {slots.length > 0 ? (
                  <>
                    <h2 className="nhsuk-heading-m">Your own words</h2>
                    <p className="nhsuk-body-s">What you write here is saved on this device as you type, until you issue the letter.</p>
                  </>
                ) : null}
                {slots.map((entry) => (
                  <Textarea key={entry.slotId} name={`slots.${entry.slotId}`} label={entry.label} hint={entry.hint.replace(/^Optional\. /, '')} optional={!entry.required} rows={4} />
                ))}
                {restricted.length > 0 ? (
                  alwaysCarriesRestricted(kind) ? (
                    <InsetText>
                      <p>This referral includes restricted safeguarding information ({restricted.map((category) => restrictedCategoryLabels[category].toLowerCase()).join('; ')}). A referral to children&apos;s social care always carries it.</p>
                    </InsetText>
                  ) : (
                    <Radios
                      name="restrictedInclude"
                      legend="Restricted safeguarding information"
                      legendSize="m"
                      hint={`This record has restricted information: ${restricted.map((category) => restrictedCategoryLabels[category].toLowerCase()).join('; ')}. A parent, or the person causing harm, may read this letter. Left out, the letter says the hospital safeguarding team holds further information.`}
                      options={[
                        { value: 'no', label: 'Leave it out of this letter' },
                        { value: 'yes', label: 'Include it in this letter' },
                      ]}
                      conditional={{ yes: <Textarea name="restrictedReason" label="Why are you including it?" hint="For example, the young person asked for their GP to know" rows={3} /> }}
                    />
                  )
                ) : null}
                <ButtonGroup>
                  <Button type="submit" disabled={issuing} aria-describedby={problems.length > 0 ? 'letter-readiness' : undefined}>
                    Issue letter
                  </Button>
                </ButtonGroup>
              </Form>
            </IssuesProvider>
          </FormProvider>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <h2 className="nhsuk-heading-m">Preview</h2>
          <div className="app-letter-preview">
            <LetterView document={preview} level={2} />
          </div>
        </div>
      </div>
    </Page>
  );
}
