/**
 * Renders the app into its root element, and brings storage's modules with the app's: the
 * last stages of the staged start (main.tsx).
 *
 * The first render runs as a transition, so React renders it in slices that yield to the
 * browser (an ordinary update renders in one go): on a slow tablet the first screen is
 * built in short tasks rather than one long one (PRODUCT.md section 10: Lighthouse
 * performance, total blocking time). Nothing is on screen before it, so there is nothing
 * a transition could keep showing instead.
 */
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import type { Repositories } from '../storage/repositories/types';
import type { EarlyLockScreen } from '../features/lock/early-lock-screen';

// Storage comes in the same stage as the app (main.tsx): opening it is the next stage.
export { createRepositories } from '../storage/repositories/create-repositories';

export function renderApp(root: HTMLElement, repositories: Repositories, earlyLockScreen?: EarlyLockScreen): void {
  const reactRoot = createRoot(root);
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App repositories={repositories} earlyLockScreen={earlyLockScreen} />
      </StrictMode>,
    );
  });
}
