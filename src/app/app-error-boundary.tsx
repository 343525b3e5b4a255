/**
 * The app's last line: when a screen fails to render (a bug, or a file of the app that cannot
 * be loaded after an update), a plain page in place of a blank one, with the words of
 * start-failure.ts, and the app locked.
 *
 * Why it locks: the page that failed is gone, and with it the idle lock and the session
 * limit (they live in the unlocked app), so the keys would stay in memory with nothing to
 * take them away. The screen that failed writes what it had pending as it goes
 * (use-autosave.ts writes on unmount), before the lock (which waits for those writes).
 * Why it releases the early lock screen: a failure before the hand-over left that screen on
 * top, saying "Unlocking…" for ever, and this page hidden beneath it.
 */
import { Component, useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { SERVICE_NAME } from '../components/layout/brand';
import { APP_FAILURE_ACTION, APP_FAILURE_DETAILS, APP_FAILURE_FALLBACK, APP_FAILURE_SAVED, APP_FAILURE_TITLE, describeFailure } from './start-failure';
import type { FailureDetail } from './start-failure';

interface Props {
  children: ReactNode;
  /** Called once with the first failure caught: main.tsx releases the early lock screen and locks the app. */
  onFailure: (error: unknown) => void;
  reload?: () => void;
}

interface State {
  failure: FailureDetail | undefined;
}

export class AppErrorBoundary extends Component<Props, State> {
  override state: State = { failure: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { failure: describeFailure(error) };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onFailure(error);
  }

  override render(): ReactNode {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    return <AppFailurePage failure={failure} reload={this.props.reload ?? (() => window.location.reload())} />;
  }
}

function AppFailurePage({ failure, reload }: { failure: FailureDetail; reload: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${APP_FAILURE_TITLE} – ${SERVICE_NAME}`;
    heading.current?.focus();
  }, []);
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1 ref={heading} tabIndex={-1}>
              {APP_FAILURE_TITLE}
            </h1>
            <p>A screen of the app failed, so the app has locked. Reload it and unlock it to carry on: an assessment opens where it was left.</p>
            <p>{APP_FAILURE_SAVED}</p>
            <button className="nhsuk-button" type="button" onClick={reload}>
              {APP_FAILURE_ACTION}
            </button>
            <p>{APP_FAILURE_FALLBACK}</p>
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{APP_FAILURE_DETAILS}</span>
              </summary>
              <div className="nhsuk-details__text">
                <p>
                  {failure.name}: {failure.message}
                </p>
                <p>At {failure.at}</p>
              </div>
            </details>
          </div>
        </div>
      </main>
    </div>
  );
}
