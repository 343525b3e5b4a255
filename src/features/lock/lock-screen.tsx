/**
 * The lock screen: choose who you are, enter your PIN or passphrase. Nothing about any
 * patient is rendered while locked. Wrong attempts are counted on the device and slowed
 * down after 5 (SECURITY.md).
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { formatClockTime } from '../../domain/shared/dates';
import { Button } from '../../components/content/button';
import { InsetText } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { Page } from '../../components/layout/page';
import { useRepositories, useStaffList } from '../../storage/repositories/react';
import type { LockReason, UnlockFailure } from '../../storage/repositories/types';
import { HARDWARE_FACTOR_LOCK_HINT } from '../../domain/settings/hardware-factor-hint';
import { recoverLinkText } from '../../domain/settings/recovery-key-link';
import { Form } from '../../components/form/form';
import { LOCK_SCREEN_HEADING, LOCK_SCREEN_TITLE, NOT_ON_THE_LIST, memberNamed } from './early-lock-screen';
import type { EarlyLockScreen } from './early-lock-screen';
import { LOCK_SCREEN_READY_MARK } from './lock-screen-mark';
// Recovery is rare and its form brings react-hook-form: loaded when asked for, not with the lock screen (PRODUCT.md section 10: first load).
const RecoverForm = lazy(() => import('./recover-form').then((module) => ({ default: module.RecoverForm })));

function failureMessage(failure: UnlockFailure): string {
  switch (failure.kind) {
    case 'wrong-secret':
      return failure.attemptsLeftBeforeDelay > 0
        ? `That is not the right PIN or passphrase. ${failure.attemptsLeftBeforeDelay} more ${failure.attemptsLeftBeforeDelay === 1 ? 'try' : 'tries'} before you have to wait.`
        : 'That is not the right PIN or passphrase.';
    case 'throttled':
      return `Too many wrong tries. Try again after ${formatClockTime(failure.retryAfter)}.`;
    case 'no-key':
    case 'other-device':
      return failure.message;
    case 'storage':
      return failure.failure.message;
  }
}

/** Why the app locked itself, in words; nothing for a lock the nurse chose or a fresh start. */
const lockReasonNotice: Partial<Record<LockReason, string>> = {
  idle: 'The app locked itself because it was not used for a while. Everything you entered was saved.',
  'other-tab': 'The app was locked in another tab, so every tab locked. Everything you entered was saved.',
  'session-limit': 'For safety the app asks for your PIN or passphrase again after the session limit the nurse in charge set. Everything you entered was saved.',
  'account-removed': 'The account that was signed in was removed by the nurse in charge, so the app locked. Everything entered was saved. Ask the nurse in charge if you need to use this tablet.',
};

/**
 * `early`: the lock screen drawn before React at a cold start (early-lock-screen.ts). Once the
 * staff list is read, this screen takes its place before the next paint, with the name
 * chosen, what was typed, the focused field, and an Unlock or "Recover" already pressed.
 */
export function LockScreen({ reason, early }: { reason: LockReason; early?: EarlyLockScreen | undefined }) {
  const staff = useStaffList();
  const { session } = useRepositories();
  const active = (staff ?? []).filter((member) => member.active);
  const [staffId, setStaffId] = useState('');
  const [secret, setSecret] = useState('');
  const [issues, setIssues] = useState<{ field: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const chosen = memberNamed(active, staffId);
  const loaded = staff !== undefined;
  // A User Timing mark when the screen can take a PIN (staff known): lock-screen-mark.ts.
  // The early screen made the mark when it was drawn.
  useEffect(() => {
    if (loaded && !early) performance.mark(LOCK_SCREEN_READY_MARK);
  }, [loaded, early]);

  const submit = async (submittedStaffId: string, submittedSecret: string) => {
    const member = memberNamed(active, submittedStaffId);
    const found: { field: string; message: string }[] = [];
    if (!member) found.push({ field: 'staffId', message: 'Select your name' });
    if (submittedSecret === '') found.push({ field: 'secret', message: 'Enter your PIN or passphrase' });
    setIssues(found);
    if (!member || found.length) return;
    setBusy(true);
    const result = await session.unlock(member.id, submittedSecret);
    setBusy(false);
    setSecret('');
    if (!result.ok) setIssues([{ field: 'secret', message: failureMessage(result.error) }]);
  };

  // The hand-over from the early screen: in a layout effect, so its state is on screen
  // before the browser paints, and what was typed up to this moment is carried.
  useLayoutEffect(() => {
    if (!loaded || !early) return;
    const carried = early.release();
    if (!carried) return;
    // What was entered lives outside React until this moment, and is read once, here: a
    // render could not take it (release removes the early screen), and it must be on screen
    // before the next paint.
    /* eslint-disable react-hooks/set-state-in-effect */
    setStaffId(carried.staffId);
    setSecret(carried.secret);
    if (carried.focusedId) document.getElementById(carried.focusedId)?.focus({ preventScroll: true });
    if (carried.action === 'recover') setRecovering(true);
    else if (carried.action === 'unlock') void submit(carried.staffId, carried.secret);
    /* eslint-enable react-hooks/set-state-in-effect */
    // Once, at the first render with the staff list: `submit` is this render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, early]);

  if (recovering)
    {return (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <RecoverForm staff={active} onBack={() => setRecovering(false)} />
      </Suspense>
    );}

  const staffError = issues.find((issue) => issue.field === 'staffId')?.message;
  const secretError = issues.find((issue) => issue.field === 'secret')?.message;
  const pin = chosen?.secretKind !== 'passphrase';

  return (
    <Page title={LOCK_SCREEN_TITLE} hasErrors={issues.length > 0} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      <h1>{LOCK_SCREEN_HEADING}</h1>
      {lockReasonNotice[reason] ? <InsetText>{lockReasonNotice[reason]}</InsetText> : null}
      {/* The form once the staff list is read: drawn before it, the "Signed in as" line arriving
          would push the PIN field down as the nurse goes to tap it. */}
      {loaded ? (
        <>
          <Form onSubmit={() => submit(staffId, secret)}>
            {active.length > 1 ? (
              <div className={`nhsuk-form-group${staffError ? ' nhsuk-form-group--error' : ''}`}>
                <fieldset className="nhsuk-fieldset" aria-describedby={staffError ? 'staffId-error' : undefined}>
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Who are you?</legend>
                  {staffError ? (
                    <span className="nhsuk-error-message" id="staffId-error">
                      <span className="nhsuk-u-visually-hidden">Error:</span> {staffError}
                    </span>
                  ) : null}
                  <div className="nhsuk-radios">
                    {active.map((member, index) => {
                      const id = index === 0 ? 'staffId' : `staffId-${index + 1}`;
                      return (
                        <div className="nhsuk-radios__item" key={member.id}>
                          <input className="nhsuk-radios__input" id={id} name="staffId" type="radio" value={member.id} checked={staffId === member.id} onChange={() => setStaffId(member.id)} />
                          <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                            {member.name}
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              </div>
            ) : chosen ? (
              <p>
                Signed in as <strong>{chosen.name}</strong>
              </p>
            ) : null}
            <div className={`nhsuk-form-group${secretError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label nhsuk-label--m" htmlFor="secret">
                {pin ? 'PIN' : 'Passphrase'}
              </label>
              {chosen?.hardwareFactor ? (
                <div className="nhsuk-hint" id="secret-hint">
                  {HARDWARE_FACTOR_LOCK_HINT}
                </div>
              ) : null}
              {secretError ? (
                <span className="nhsuk-error-message" id="secret-error">
                  <span className="nhsuk-u-visually-hidden">Error:</span> {secretError}
                </span>
              ) : null}
              <input
                className={`nhsuk-input nhsuk-input--width-20${secretError ? ' nhsuk-input--error' : ''}`}
                id="secret"
                name="secret"
                type="password"
                inputMode={pin ? 'numeric' : 'text'}
                // Not current-password: the browser must not offer to save a PIN (see SecretInput).
                autoComplete="one-time-code"
                spellCheck={false}
                value={secret}
                aria-describedby={[chosen?.hardwareFactor ? 'secret-hint' : '', secretError ? 'secret-error' : ''].filter(Boolean).join(' ') || undefined}
                onChange={(event) => setSecret(event.target.value)}
              />
            </div>
            <Button type="submit" disabled={busy}>
              {busy ? 'Unlocking…' : 'Unlock'}
            </Button>
          </Form>
          <p className="nhsuk-body-s">{NOT_ON_THE_LIST}</p>
          <p className="nhsuk-body-s">{recoverLinkText.linkIntro}</p>
          <Button variant="secondary" onClick={() => setRecovering(true)}>
            {recoverLinkText.link}
          </Button>
        </>
      ) : null}
    </Page>
  );
}
