/**
 * Messages that are not errors: inset text, warning callout, notification banner and
 * confirmation panel (NHS.UK components), plus a tag for statuses.
 */
import type { ReactNode } from 'react';

export function InsetText({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

/** Something the nurse must act on (an escalation, a mandatory referral). */
export function WarningCallout({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <div className="nhsuk-warning-callout" id={id}>
      <h3 className="nhsuk-warning-callout__label">
        {/* role="text" (NHS.UK frontend markup) makes VoiceOver read "Important:" and the title as one phrase. */}
        {/* eslint-disable-next-line jsx-a11y/aria-role */}
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {title}
        </span>
      </h3>
      {children}
    </div>
  );
}

export function NotificationBanner({
  title = 'Important',
  variant = 'default',
  children,
  id = 'notification-banner',
}: {
  title?: string;
  variant?: 'default' | 'success';
  children: ReactNode;
  id?: string;
}) {
  const titleId = `${id}-title`;
  return (
    <div
      className={`nhsuk-notification-banner${variant === 'success' ? ' nhsuk-notification-banner--success' : ''}`}
      role={variant === 'success' ? 'alert' : 'region'}
      aria-labelledby={titleId}
      id={id}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          {title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function Panel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-panel">
      <h1 className="nhsuk-panel__title">{title}</h1>
      {children ? <div className="nhsuk-panel__body">{children}</div> : null}
    </div>
  );
}

export type TagColour = 'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{summary}</span>
      </summary>
      <div className="nhsuk-details__text">{children}</div>
    </details>
  );
}

/** A failure in plain words, announced as an alert; nothing when there is none. */
export function FailureAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="app-save-status app-save-status--failed" role="alert">
      {message}
    </div>
  );
}

/**
 * What saving a form did: a success banner, or the failure in plain words as an alert. The
 * settings, "Change your PIN or passphrase" and the authenticator page all say it this way.
 */
export function SaveOutcome({ message }: { message: { ok: boolean; text: string } | undefined }) {
  if (!message) return null;
  return message.ok ? (
    <NotificationBanner title="Success" variant="success">
      <p className="nhsuk-notification-banner__heading">{message.text}</p>
    </NotificationBanner>
  ) : (
    <FailureAlert message={message.text} />
  );
}
