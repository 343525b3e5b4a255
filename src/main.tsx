/**
 * Entry point: opens storage, renders the app and registers the service worker, unless the
 * page has been framed by another page (frame-guard.ts), where it does none of them.
 *
 * Started in stages, each in a task of its own, with a yield to the browser between them
 * (PRODUCT.md section 10: offline cold start under 1 s at 4x CPU, Lighthouse performance
 * 95): a module graph imported statically is evaluated in one task, and the whole app's
 * was one long task on the lock screen (470 ms of total blocking time in Lighthouse's
 * mobile preset). The stages are React DOM, then the app's modules with storage's (one
 * stage: as two, the modules they share became some twenty more files, each fetched
 * through the service worker), then opening the database, then the first render. The
 * service worker is registered some seconds later (pwa/service-worker.ts). Every
 * stage's files are preloaded from the page (vite.config.ts, `preloadStartStages`), so
 * fetching and compiling them still starts at once; only their evaluation is spread out.
 * Each stage is one file (vite.config.ts, `groupStartStages`): some forty small files were
 * as many requests for the page to issue while it parsed.
 *
 * Before all of them, on a tablet that is set up, the lock screen is drawn from one read of
 * IndexedDB (app/early-lock.ts): React, storage and the app's modules took 0.5–0.8 s of the
 * cold start's budget at 4x CPU on their own. The React lock screen takes its place, and
 * carries what was entered, once it has the staff list. If a stage fails, a page says so and
 * what to do (app/start-failure.ts); once React renders, its error boundary does.
 */
import './styles/app.scss';
import { isFramed, showFramedNotice } from './pwa/frame-guard';
import { yieldToBrowser } from './app/yield';
import { startEarlyLockScreen } from './app/early-lock';
import { showStartFailure } from './app/start-failure';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const earlyLockScreen = await startEarlyLockScreen(root);
  let started = true;
  try {
    // Painted before React DOM's evaluation takes the main thread.
    await yieldToBrowser();
    await import('react-dom/client');
    await yieldToBrowser();
    const { createRepositories, renderApp } = await import('./app/render-app');
    await yieldToBrowser();
    // Department sharing: the engine loads and starts only once this tablet is enrolled (storage/sync/engine-start.ts).
    const repositories = createRepositories({ crossTabLock: true, sync: { onlineTarget: window } });
    await yieldToBrowser();
    renderApp(root, repositories, earlyLockScreen);
  } catch (error) {
    // A stage that cannot load (a file missing after an update, offline): a page that says so,
    // not a blank one. The service worker still starts: an update it brings may be the cure.
    showStartFailure(root, earlyLockScreen, error);
    started = false;
  }
  // Once the first screen has been up a while (pwa/service-worker.ts says why); at once after
  // a failed start, where there is no screen to slow and an update may be the cure.
  const { START_DELAY_MS, startServiceWorker } = await import('./pwa/service-worker');
  setTimeout(startServiceWorker, started ? START_DELAY_MS : 0);
}

if (isFramed(window)) showFramedNotice(document, window.location.origin + '/');
else void start();
