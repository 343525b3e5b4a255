/**
 * What the lock screen's one remaining long task is (issue 13), measured rather than argued.
 * Opt-in (BENCH_LIGHTHOUSE_CONTROL=1): it is evidence about the Lighthouse figure, not a
 * PRODUCT.md section 10 budget, and takes about two minutes.
 *
 * In lighthouse.bench.ts the lock screen is measured right after set-up in the same tab. The
 * navigation then lands in the renderer process that held the app a moment before: the
 * service worker still runs there, and Chromium places a navigation its worker serves in the
 * worker's process. Lighthouse has the Debugger and Profiler domains on, and the browser turns
 * them on again in that renderer before the new document is committed; V8 then walks the whole
 * heap, which still holds the previous page's code, and re-parses every function for its
 * source positions (Debug::UpdateState and Coverage::SelectMode,
 * CollectSourcePositionsForAllBytecodeArrays) and deoptimises everything. That is one task
 * with no script, parsing or style in it, before the lock screen's first byte is parsed.
 *
 * Three ways of loading the same lock screen, each from the home screen of the unlocked app
 * (the heavy page, as after set-up in lighthouse.bench.ts); the task's length read from each
 * trace, with the renderer's process id (the same id load after load: the same process):
 * - `lighthouse`: as lighthouse.bench.ts, in the browser that set the tablet up;
 * - `tracingOnly`: the same navigation in the same browser, traced with no Lighthouse (so no
 *   Debugger or Profiler domain turned on in the renderer);
 * - `relaunched`: Lighthouse as in the bench, in a browser started afresh on the set-up
 *   tablet's profile (the worker is started by the app's navigation, not by set-up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { navigation } from 'lighthouse';
import type { Config, Flags } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';
import { setUpTablet, unlock } from '../browser/support';
import { recordFigures } from './results';

const config: Config = { extends: 'lighthouse:default', settings: { onlyCategories: ['performance'] } };
const keep: Flags = { disableStorageReset: true };
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink.user_timing', 'loading', 'toplevel'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string; processId?: number; documentLoaderURL?: string }; beginData?: { url?: string } };
}

interface Load {
  /** The longest main-thread task between the navigation's start and its commit (ms, measured). */
  preCommitTaskMs: number;
  /** The page's renderer process: the same id in every load means the same process each time. */
  rendererPid: number | undefined;
  performance?: number | undefined;
  totalBlockingTimeMs?: number | undefined;
  /** Lighthouse's long tasks (simulated at 4x): duration, start and script. */
  longTasks?: string[];
}

/** The page's renderer in a trace, and its longest task before the document was committed. */
function preCommit(events: readonly TraceEvent[]): Pick<Load, 'preCommitTaskMs' | 'rendererPid'> {
  const committed = events.find((event) => event.name === 'FrameCommittedInBrowser' && event.args?.data?.url?.startsWith('http'));
  const pid = committed?.args?.data?.processId;
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.pid === pid && event.args?.name === 'CrRendererMain');
  const first = (matches: (event: TraceEvent) => boolean) => Math.min(...events.filter((event) => event.pid === pid && matches(event)).map((event) => event.ts));
  const start = first((event) => event.name === 'navigationStart' && Boolean(event.args?.data?.documentLoaderURL)); // Infinity: not in the trace
  // A renderer started for this navigation may miss its first marks in a trace begun just before it.
  const marked = first((event) => event.name === 'commitNavigationEnd');
  const commit = Number.isFinite(marked) ? marked : first((event) => event.name === 'ParseHTML' && Boolean(event.args?.beginData?.url?.startsWith('http')));
  if (!main) return { preCommitTaskMs: Number.NaN, rendererPid: pid };
  const from = Number.isFinite(start) ? start : Number.NEGATIVE_INFINITY;
  const tasks = events.filter((event) => event.pid === pid && event.tid === main.tid && event.name === 'RunTask' && event.ts >= from && event.ts < commit);
  return {
    preCommitTaskMs: Math.round(Math.max(0, ...tasks.map((task) => (task.dur ?? 0) / 1000))),
    rendererPid: pid,
  };
}

async function lighthousePage(browser: PuppeteerBrowser, page: Page): Promise<PuppeteerPage> {
  const marker = `lighthouse-${Date.now()}`;
  await page.evaluate((title) => {
    document.title = title;
  }, marker);
  for (const candidate of await browser.pages()) if ((await candidate.title()) === marker) return candidate;
  throw new Error('Lighthouse could not find the tab');
}

test('Lighthouse control: where the lock screen pre-commit task comes from', async ({ baseURL }) => {
  test.skip(process.env.BENCH_LIGHTHOUSE_CONTROL !== '1', 'opt-in: BENCH_LIGHTHOUSE_CONTROL=1');
  test.setTimeout(15 * 60_000);
  const origin = baseURL ?? '';
  const rounds = Number(process.env.BENCH_LIGHTHOUSE_CONTROL_ROUNDS ?? 3);
  const profile = mkdtempSync(join(tmpdir(), 'lighthouse-control-'));
  let port = 9600 + Math.floor(Math.random() * 300);
  let context: BrowserContext | undefined;
  let connection: PuppeteerBrowser | undefined;
  const open = async () => {
    port += 1;
    context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...ARGS, `--remote-debugging-port=${port}`], serviceWorkers: 'allow', locale: 'en-GB', timezoneId: 'Europe/London', viewport: null });
    connection = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('about:blank');
    return { page, tab: await lighthousePage(connection, page) };
  };
  const close = async () => {
    await connection?.disconnect();
    await context?.close();
  };
  const withLighthouse = async (tab: PuppeteerPage): Promise<Load> => {
    const result = await navigation(tab, `${origin}/`, { config, flags: keep });
    const score = result?.lhr.categories.performance?.score;
    const trace = (result?.artifacts as { Trace?: { traceEvents: TraceEvent[] } } | undefined)?.Trace;
    if (result?.lhr.runtimeError) process.stderr.write(`Lighthouse control: ${result.lhr.runtimeError.message}\n`);
    const items = (result?.lhr.audits['long-tasks']?.details as { items?: { url?: string; duration?: number; startTime?: number }[] } | undefined)?.items ?? [];
    return {
      ...preCommit(trace?.traceEvents ?? []),
      performance: typeof score === 'number' ? Math.round(score * 100) : undefined,
      totalBlockingTimeMs: Math.round(result?.lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN),
      longTasks: items.map((item) => `${Math.round(item.duration ?? 0)} ms at ${Math.round(item.startTime ?? 0)} ms ${(item.url ?? '').split('/').pop() ?? ''}`),
    };
  };

  const figures: Record<'lighthouse' | 'tracingOnly' | 'relaunched', Load[]> = { lighthouse: [], tracingOnly: [], relaunched: [] };
  try {
    let { page, tab } = await open();
    await setUpTablet(page, origin);
    // As in lighthouse.bench.ts: the browser that set the tablet up, the home screen before the lock screen.
    for (let round = 0; round < rounds; round++) {
      await page.goto(`${origin}/`);
      await unlock(page);
      figures.lighthouse.push(await withLighthouse(tab));

      await page.goto(`${origin}/`);
      await unlock(page);
      await page.goto('about:blank');
      await tab.tracing.start({ categories: TRACE_CATEGORIES });
      await tab.goto(`${origin}/`);
      await page.getByRole('heading', { name: 'Unlock Safeguarding Triage' }).waitFor();
      await page.waitForTimeout(1000);
      const traced = await tab.tracing.stop();
      figures.tracingOnly.push(preCommit((JSON.parse(Buffer.from(traced ?? new Uint8Array()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents));
    }
    for (let round = 0; round < rounds; round++) {
      await close();
      ({ page, tab } = await open());
      await page.goto(`${origin}/`);
      await unlock(page);
      await page.goto('about:blank');
      figures.relaunched.push(await withLighthouse(tab));
    }
  } finally {
    await close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
  recordFigures('lighthouseControl', figures);
});
