/**
 * Entry point: opens storage, registers the service worker and renders the app, unless the page
 * has been framed by another page (frame-guard.ts), where it does none of them.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.scss';
import { App } from './app/app';
import { createRepositories } from './storage/repositories/create-repositories';
import { startServiceWorker } from './pwa/service-worker';
import { isFramed, showFramedNotice } from './pwa/frame-guard';

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  // Department sharing: the engine loads and starts only once this tablet is enrolled (storage/sync/engine-start.ts).
  const repositories = createRepositories({ crossTabLock: true, sync: { onlineTarget: window } });
  startServiceWorker();
  createRoot(root).render(
    <StrictMode>
      <App repositories={repositories} />
    </StrictMode>,
  );
}

if (isFramed(window)) showFramedNotice(document, window.location.origin + '/');
else start();
