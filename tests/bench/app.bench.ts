/**
 * The app as a nurse meets it, in Chromium at 4x CPU slowdown where the budget says so
 * (PRODUCT.md section 10):
 * - JavaScript on first load (gzip), for a new tablet and for one already set up;
 * - offline cold start to an interactive lock screen, and unlocking (PBKDF2 by design);
 * - main-thread time per keystroke and per radio answer in a filled-in section page, against
 *   the same page's markup served as plain HTML with no script.
 */
import { test } from '@playwright/test';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { dateOfBirthForAge, fillPatient, fillPeopleWithMother, fillSafeguardingPrompts, NURSE, setUpTablet, startAssessment, unlock, waitForSaved, waitForServiceWorker } from '../browser/support';
import { firstLoadJs } from '../browser/first-load-js';
import { median, recordFigures } from './results';
import { profiled } from './profile';

/** `BENCH_PROFILE=<folder>`: also profile one extra round of radio answers on each page (tests/bench/profile.ts). */
const PROFILE = process.env.BENCH_PROFILE;
/** `BENCH_PROFILE_ROUNDS=<n>`: how many rounds the profile covers (1 unless set): a sampled profile of one round is a few hundred samples. */
const PROFILE_ROUNDS = Math.max(1, Number(process.env.BENCH_PROFILE_ROUNDS ?? 1));

/** Cold starts per run (median reported): 9, as a 2-core machine shared with other work is noisy. */
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 9);

/**
 * `BENCH_COLD_START_SLOWDOWN=<n>`: the CPU slowdown of the cold starts and unlocks (4, the
 * budget's, unless set). The budget is met on the host that runs it; a higher rate asks whether
 * it would still be met on a host (or a tablet) slower than this one. Figures at another rate
 * are printed with it, never as the budget's.
 */
const COLD_START_SLOWDOWN = Number(process.env.BENCH_COLD_START_SLOWDOWN ?? 4);

/**
 * Main-thread time (ms) spent while `action` runs, from Chrome's own accounting
 * (Performance.getMetrics TaskDuration): script, style, layout, paint, IndexedDB callbacks,
 * and the autosave the typing causes all count.
 */
async function mainThreadMs(cdp: CDPSession, action: () => Promise<void>): Promise<number> {
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
  };
  const before = await read();
  await action();
  return ((await read()) - before) * 1000;
}

/**
 * When the lock screen could take a PIN, by the app's own User Timing mark, polled from the
 * main world after load: a Playwright locator here would inject its script into the page
 * while the app starts.
 */
async function lockScreenTiming(tab: Page): Promise<{ ready: number; start: number; html: number; scripts: number }> {
  return tab.evaluate(
    async (mark) =>
      new Promise<{ ready: number; start: number; html: number; scripts: number }>((resolve) => {
        const check = () => {
          const entry = performance.getEntriesByName(mark)[0];
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          if (entry) resolve({ ready: entry.startTime, start: navigation?.startTime ?? 0, html: navigation?.responseEnd ?? 0, scripts: navigation?.domContentLoadedEventEnd ?? 0 });
          else setTimeout(check, 20);
        };
        check();
      }),
    'lock-screen-ready',
  );
}

/**
 * The page's markup, with no script at all: the baseline the budgets compare with. Loaded
 * into about:blank (not through the app's origin, where the service worker would answer
 * with the app), with a <base> so the same stylesheet applies. Vite marks the stylesheet
 * link `crossorigin`, and a CORS request from about:blank's null origin is refused: until 29
 * November 2026 the control was an unstyled page (no NHS.UK radios, no focus rings, no
 * layout), which made every ratio look worse than it was. The attribute is dropped, and the
 * control is checked to be styled like the app before measuring. Typed values and ticks are
 * not in the markup: the caller does the same Playwright actions on the twin.
 */
async function plainTwinOf(page: Page, context: BrowserContext, baseURL: string): Promise<Page> {
  const html = await page.content();
  const plainHtml = html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]+rel="modulepreload"[^>]*>/g, '')
    .replace(/(<link[^>]+rel="stylesheet"[^>]*?)\s+crossorigin(="[^"]*")?/g, '$1')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace('<head>', `<head><base href="${baseURL}/">`);
  const plain = await context.newPage();
  await plain.setContent(plainHtml, { waitUntil: 'load' });
  const looks = (target: Page) =>
    target.evaluate(() => {
      const label = document.querySelector('.nhsuk-label, .nhsuk-radios__label, .nhsuk-checkboxes__label');
      const style = label ? getComputedStyle(label) : undefined;
      return `${style?.fontFamily ?? ''} ${style?.paddingLeft ?? ''} ${getComputedStyle(document.body).backgroundColor}`;
    });
  const [appLooks, plainLooks] = [await looks(page), await looks(plain)];
  if (appLooks !== plainLooks) throw new Error(`The plain HTML control is not styled like the app (${plainLooks} against ${appLooks})`);
  return plain;
}

test('first load, cold start, unlock', async ({ page, context, baseURL }) => {
  // The same measure as the size check in npm test (tests/browser/first-load-budget.spec.ts).
  const fresh = await firstLoadJs(page, async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Set up this tablet' }).waitFor();
  });
  await setUpTablet(page);
  await waitForServiceWorker(page);

  const second = await context.newPage();
  const lockScreen = await firstLoadJs(second, async () => {
    await second.goto('/');
    await second.getByRole('heading', { name: 'Unlock Safeguarding Triage' }).waitFor();
  });
  await second.close();

  // Offline cold start at 4x CPU slowdown: navigation to a lock screen that takes input.
  await context.setOffline(true);
  const coldStarts: number[] = [];
  const phases: { html: number; scripts: number; storageAndRender: number }[] = [];
  const unlocks: number[] = [];
  const toUnlocked: number[] = [];
  for (let run = 0; run < COLD_STARTS; run += 1) {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: COLD_START_SLOWDOWN });
    await tab.goto(`${baseURL ?? ''}/`);
    const timing = await lockScreenTiming(tab);
    coldStarts.push(timing.ready - timing.start);
    // Where each run's time went: the page from the service worker, the scripts run, then
    // storage opened and the lock screen rendered.
    phases.push({ html: Math.round(timing.html - timing.start), scripts: Math.round(timing.scripts - timing.html), storageAndRender: Math.round(timing.ready - Math.max(timing.scripts, timing.html)) });
    const start = Date.now();
    await unlock(tab, NURSE.pin);
    unlocks.push(Date.now() - start);
    // From the navigation to the first page after the PIN: the lock screen drawn before React
    // (features/lock/early-lock-screen.ts) takes a PIN while React and storage load behind it,
    // so the unlock alone now includes their loading, and this is the figure to compare.
    toUnlocked.push(timing.ready - timing.start + (Date.now() - start));
    await tab.close();
  }
  if (PROFILE) {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const summary = await profiled(cdp, PROFILE, 'cold-start', async () => {
      await tab.goto('about:blank');
      await tab.goto(`${baseURL ?? ''}/`);
      await lockScreenTiming(tab);
    });
    process.stdout.write(`Profile of an offline cold start to the lock screen: ${JSON.stringify(summary, null, 1)}\n`);
    await tab.close();
  }
  await context.setOffline(false);
  recordFigures('firstLoad', { newTabletJsGzipKb: fresh.gzipKb, setUpTabletJsGzipKb: lockScreen.gzipKb, files: lockScreen.files });
  // The budget holds "in every run": every run is kept, and the worst is what is judged.
  recordFigures('startup', {
    offlineColdStartToLockScreenMs4x: median(coldStarts),
    offlineColdStartWorstMs4x: Math.max(...coldStarts),
    offlineColdStartRunsMs4x: coldStarts.map((ms) => Math.round(ms)),
    offlineColdStartPhasesMs4x: phases,
    unlockMs4xIncludingPbkdf2: median(unlocks),
    offlineColdStartToUnlockedMs4x: median(toUnlocked),
    runs: coldStarts.length,
    // The keys say 4x, the budget's rate; this says the rate they were taken at.
    cpuSlowdown: COLD_START_SLOWDOWN,
  });
});

test('typing and answering in a filled-in section, against plain HTML', async ({ page, context, baseURL }) => {
  await setUpTablet(page);
  if (PROFILE) {
    // Opening a new assessment's first page at 4x (Lighthouse's assessment-page timespan).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const summary = await profiled(cdp, PROFILE, 'start-assessment', async () => {
      await page.getByRole('link', { name: 'Home', exact: true }).click();
      await startAssessment(page);
    });
    process.stdout.write(`Profile of starting an assessment: ${JSON.stringify(summary.longTasks, null, 1)}\n`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  } else {
    await startAssessment(page);
  }
  await fillPatient(page, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth: dateOfBirthForAge(14), reason: 'Injury', detail: 'Fell from a bike' });
  await waitForSaved(page);

  const plain = await plainTwinOf(page, context, baseURL ?? '');
  // The same Playwright actions on both pages before measuring: Playwright leaves listeners
  // in a page it has acted on, and they must not count for one page and not the other.
  await fillPatient(plain, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth: dateOfBirthForAge(14), reason: 'Injury', detail: 'Fell from a bike' });

  // Both pages are measured round by round, in turn (app, then plain, then app…): on a
  // machine shared with other work, the load changes from minute to minute, and measuring
  // all of one page before the other made the ratio follow the load, not the pages.
  const text = 'The quick brown fox jumps over the lazy dog ';
  // Nine rounds, the median taken: on the shared 2-core machine one page's rounds ranged 30–80 ms
  // a tap (an autosave or a garbage collection falling in one round and not the next), and with
  // five the median of either page could move the ratio by 0.3 from run to run.
  const ROUNDS = 9;
  const pages = await Promise.all(
    [
      { target: page, label: 'app' },
      { target: plain, label: 'plain HTML' },
    ].map(async ({ target, label }) => {
      const cdp = await context.newCDPSession(target);
      await cdp.send('Performance.enable');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      return { target, label, cdp, samples: { textInput: [] as number[], textarea: [] as number[], radio: [] as number[] } };
    }),
  );
  for (const [name, field] of [
    ['textInput', 'Last name'],
    ['textarea', 'Describe the reason for attendance'],
  ] as const) {
    for (const { target } of pages) {
      const locator = target.getByLabel(field);
      await locator.click();
      await locator.press('End');
      await target.keyboard.type('warm', { delay: 30 });
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { target, cdp, samples } of pages) {
        const ms = await mainThreadMs(cdp, async () => {
          await target.keyboard.type(text, { delay: 40 });
          await target.waitForTimeout(1200); // includes the autosave the typing causes
        });
        samples[name].push(ms / text.length);
      }
    }
  }
  // Clicks go to fixed coordinates through the browser's input pipeline, so Playwright's
  // own element look-ups (run in the page) are not counted as the app's work.
  const answering = await Promise.all(
    pages.map(async ({ target }) => {
      const boxes: ({ x: number; y: number; width: number; height: number } | null)[] = [];
      for (const name of ['Male', 'Female']) {
        const radio = target.getByRole('radio', { name, exact: true });
        await radio.scrollIntoViewIfNeeded();
        boxes.push(await radio.boundingBox());
      }
      const points = boxes.map((box) => (box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : { x: 0, y: 0 }));
      return async () => {
        for (let i = 0; i < 10; i += 1) {
          const point = points[i % 2] ?? { x: 0, y: 0 };
          await target.mouse.click(point.x, point.y);
          await target.waitForTimeout(60);
        }
        await target.waitForTimeout(1200);
      };
    }),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, { cdp, samples }] of pages.entries()) {
      const tenAnswers = answering[index];
      if (tenAnswers) samples.radio.push((await mainThreadMs(cdp, tenAnswers)) / 10);
    }
  }
  for (const [index, { cdp, label }] of pages.entries()) {
    const tenAnswers = answering[index];
    if (PROFILE && tenAnswers) {
      const summary = await profiled(cdp, PROFILE, `radio-${label.replace(/\W+/g, '-')}`, tenAnswers);
      process.stdout.write(`Profile of ten radio answers, ${label}: ${JSON.stringify(summary, null, 1)}\n`);
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }

  const medians = (samples: Record<'textInput' | 'textarea' | 'radio', number[]>) => ({ textInput: median(samples.textInput), textarea: median(samples.textarea), radio: median(samples.radio) });
  const app = medians(pages[0]?.samples ?? { textInput: [], textarea: [], radio: [] });
  const baseline = medians(pages[1]?.samples ?? { textInput: [], textarea: [], radio: [] });
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : undefined);
  recordFigures('typing', {
    msPerKeystrokeApp: { textInput: app.textInput, textarea: app.textarea, radio: app.radio },
    msPerKeystrokePlain: { textInput: baseline.textInput, textarea: baseline.textarea, radio: baseline.radio },
    ratio: { textInput: ratio(app.textInput, baseline.textInput), textarea: ratio(app.textarea, baseline.textarea), radio: ratio(app.radio, baseline.radio) },
    // Every round, app and plain side by side (ms per tap), to see the spread.
    radioRoundsMs: { app: pages[0]?.samples.radio.map((ms) => Math.round(ms * 10) / 10), plain: pages[1]?.samples.radio.map((ms) => Math.round(ms * 10) / 10) },
  });
});

/**
 * The other controls PRODUCT.md section 10 names beside the radio: "answering a radio,
 * checkbox, select or date … at most 1.25× the same control on the plain HTML page". Each
 * is measured where a nurse meets it, in a filled-in assessment, against that page's markup
 * with no script (made as in the test above), the pages taking turns round by round:
 * - a date: the patient's date of birth typed whole (day, month, year), the day alternating
 *   so every answer changes it;
 * - a select: "How do they have parental responsibility?" on the people page, moved one
 *   option down and back up with the arrow keys (no option between reveals anything);
 * - a checkbox: "Parental mental illness" among the household risks on the safeguarding
 *   prompts page, ticked and unticked by taps.
 */
test('answering a date, a select and a checkbox in a filled-in assessment, against plain HTML', async ({ page, context, baseURL }) => {
  await setUpTablet(page);
  await startAssessment(page);
  const dateOfBirth = dateOfBirthForAge(14);
  await fillPatient(page, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth });
  await waitForSaved(page);
  const ROUNDS = 9;

  /** The app page and its plain twin, each with its own DevTools session at 4x; the twin has had `prepare` done to it as the app page has. */
  const pair = async (prepare: (target: Page) => Promise<void>) => {
    const plain = await plainTwinOf(page, context, baseURL ?? '');
    await prepare(plain);
    const sides = await Promise.all(
      [page, plain].map(async (target) => {
        const cdp = await context.newCDPSession(target);
        await cdp.send('Performance.enable');
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        return { target, cdp, samples: [] as number[] };
      }),
    );
    return {
      plain,
      /** Rounds of `answers` answers on each page in turn; the median ms an answer, app and plain, and their ratio. */
      measure: async (answers: number, act: (target: Page, round: number) => Promise<void>, label = '') => {
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const side of sides) {
            const ms = await mainThreadMs(side.cdp, async () => {
              await act(side.target, round);
              await side.target.waitForTimeout(1200); // includes the autosave the answers cause
            });
            side.samples.push(ms / answers);
          }
        }
        const [app, plainSide] = sides;
        if (PROFILE && label) {
          // Both sides, so what the app adds can be read off against what the browser does anyway.
          for (const [side, name] of [
            [app, 'app'],
            [plainSide, 'plain'],
          ] as const) {
            if (!side) continue;
            const summary = await profiled(side.cdp, PROFILE, `${label}-${name}`, async () => {
              for (let round = 0; round < PROFILE_ROUNDS; round += 1) {
                await act(side.target, ROUNDS + round);
                if (round + 1 < PROFILE_ROUNDS) await side.target.waitForTimeout(1200);
              }
            });
            process.stdout.write(`Profile of ${label} answers, ${name}: ${JSON.stringify(summary, null, 1)}\n`);
          }
        }
        const appMs = median(app?.samples ?? []);
        const plainMs = median(plainSide?.samples ?? []);
        for (const side of sides) {
          await side.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
          await side.cdp.detach();
        }
        await plain.close();
        return { msApp: appMs, msPlain: plainMs, ratio: plainMs ? Math.round((appMs / plainMs) * 100) / 100 : undefined, roundsMs: { app: app?.samples.map((ms) => Math.round(ms * 10) / 10), plain: plainSide?.samples.map((ms) => Math.round(ms * 10) / 10) } };
      },
    };
  };

  // A date: two answers a round, typed from the day field (focused before measuring).
  const days = [dateOfBirth[0], String(Number(dateOfBirth[0]) === 1 ? 2 : Number(dateOfBirth[0]) - 1)];
  const focusDay = (target: Page) => target.getByRole('group', { name: 'Date of birth' }).getByLabel('Day').focus();
  const dates = await pair(async (plain) => {
    await fillPatient(plain, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth });
  });
  for (const target of [page, dates.plain]) await focusDay(target);
  const date = await dates.measure(2, async (target, round) => {
    for (let answer = 0; answer < 2; answer += 1) {
      const day = days[(round * 2 + answer) % 2] ?? dateOfBirth[0];
      for (const [value, last] of [
        [day, false],
        [dateOfBirth[1], false],
        [dateOfBirth[2], true],
      ] as const) {
        await target.keyboard.press('ControlOrMeta+A');
        await target.keyboard.type(value, { delay: 40 });
        if (!last) await target.keyboard.press('Tab');
      }
      await target.keyboard.press('Shift+Tab');
      await target.keyboard.press('Shift+Tab');
    }
  }, 'date');

  // A select, on the people page.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Next of kin and who came with the patient', exact: true }).click();
  await page.getByRole('heading', { name: 'Next of kin and who came with the patient', level: 1 }).waitFor();
  await fillPeopleWithMother(page, { youngPerson: true });
  await waitForSaved(page);
  const basis = (target: Page) => target.getByLabel('How do they have parental responsibility?');
  const selects = await pair(async (plain) => {
    await basis(plain).selectOption('birth-mother');
  });
  for (const target of [page, selects.plain]) await basis(target).focus();
  const select = await selects.measure(10, async (target) => {
    for (let answer = 0; answer < 10; answer += 1) {
      await target.keyboard.press(answer % 2 === 0 ? 'ArrowDown' : 'ArrowUp');
      await target.waitForTimeout(60);
    }
  }, 'select');

  // A checkbox, on the safeguarding prompts page.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Safeguarding prompts', exact: true }).click();
  await page.getByRole('heading', { name: 'Safeguarding prompts', level: 1 }).waitFor();
  // Filled in, then "None known" unticked, so ticking a risk unticks nothing else (that
  // answer stands alone: the app would untick it, the plain page cannot).
  const household = (target: Page) => target.getByRole('group', { name: 'Known risks in the household' });
  const fillPrompts = async (target: Page) => {
    await fillSafeguardingPrompts(target, {});
    await household(target).getByRole('checkbox', { name: 'None known' }).uncheck();
  };
  await fillPrompts(page);
  await waitForSaved(page);
  const risk = (target: Page) => household(target).getByRole('checkbox', { name: 'Parental mental illness', exact: true });
  const points = new Map<Page, { x: number; y: number }>();
  const checkboxes = await pair(fillPrompts);
  for (const target of [page, checkboxes.plain]) {
    await risk(target).scrollIntoViewIfNeeded();
    const box = await risk(target).boundingBox();
    points.set(target, box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : { x: 0, y: 0 });
  }
  const checkbox = await checkboxes.measure(10, async (target) => {
    const point = points.get(target) ?? { x: 0, y: 0 };
    for (let answer = 0; answer < 10; answer += 1) {
      await target.mouse.click(point.x, point.y);
      await target.waitForTimeout(60);
    }
  }, 'checkbox');
  recordFigures('controls', { date, select, checkbox });
});
