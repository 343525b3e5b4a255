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
  const repositories = createRepositories({ crossTabLock: true });
  startServiceWorker();
  createRoot(root).render(
    <StrictMode>
      <App repositories={repositories} />
    </StrictMode>,
  );
}

if (isFramed(window)) showFramedNotice(document, window.location.origin + '/');
else start();
