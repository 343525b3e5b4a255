/**
 * Renders the app into its root element, and brings storage's modules with the app's: the
 * last stages of the staged start (main.tsx).
 *
 * The first render runs as a transition, so React renders it in slices that yield to the
 * browser (an ordinary update renders in one go): on a slow tablet the first screen is
 * built in short tasks rather than one long one (PRODUCT.md section 10: Lighthouse
 * performance, total blocking time). Nothing is on screen before it, so there is nothing
 * a transition could keep showing instead.
 *
 * Around it all, the app's error boundary (app-error-boundary.tsx): a screen that fails shows
 * a page that says what to do, takes away the lock screen drawn before React if it is still
 * there, and locks the app.
 */
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AppErrorBoundary } from './app-error-boundary';
import type { Repositories } from '../storage/repositories/types';
import type { EarlyLockScreen } from '../features/lock/early-lock-screen';

// Storage comes in the same stage as the app (main.tsx): opening it is the next stage.
export { createRepositories } from '../storage/repositories/create-repositories';

export function renderApp(root: HTMLElement, repositories: Repositories, earlyLockScreen?: EarlyLockScreen): void {
  const reactRoot = createRoot(root);
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <AppErrorBoundary
          onFailure={() => {
            earlyLockScreen?.release();
            void repositories.session.lock('app-error');
          }}
        >
          <App repositories={repositories} earlyLockScreen={earlyLockScreen} />
        </AppErrorBoundary>
      </StrictMode>,
    );
  });
}
