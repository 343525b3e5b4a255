/**
 * Entry point: opens storage, registers the service worker and renders the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.scss';
import { App } from './app/app';
import { createRepositories } from './storage/repositories/create-repositories';
import { startServiceWorker } from './pwa/service-worker';

const repositories = createRepositories();
startServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App repositories={repositories} />
    </StrictMode>,
  );
}
