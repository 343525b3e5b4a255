// Runs every benchmark and prints one table of figures. Never fails because something was
// slow: budgets are shown beside the figures for a person to judge (PRODUCT.md section 10).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const results = resolve(root, '.bench-out/results.json');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'Europe/London', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });

rmSync(results, { force: true });
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'tests/bench/vite.bench.config.ts']);
const extra = process.argv.slice(2);
try {
  run('npx', ['playwright', 'test', '-c', 'tests/bench/playwright.bench.config.ts', ...extra]);
} catch {
  console.error('A benchmark could not run to the end; the figures below are those that did.');
}
for (const script of ['tests/bench/letters.bench.mjs']) {
  if (existsSync(resolve(root, script))) run('node', [script]);
}
// Backup and restore at 10,000 attendances (issue 13), in its own page; BENCH_SKIP_BACKUP=1
// leaves it out. Run with the rest so a change that breaks it is seen (it went unnoticed from
// 29 to 30 November, when the nurse in charge stopped unlocking with a PIN).
if (process.env.BENCH_SKIP_BACKUP !== '1') {
  try {
    run('node', ['tests/bench/backup-bench.mjs']);
  } catch {
    console.error('The backup benchmark could not run to the end.');
  }
}
// The department server's load test: its own PostgreSQL and one server process, loopback only.
// BENCH_SKIP_SERVER=1 leaves it out (when only the app's own figures are wanted).
if (process.env.BENCH_SKIP_SERVER !== '1') {
  try {
    run('npm', ['run', '-s', 'server:build']);
    run('node', ['server/build/server/bench/load.js']);
  } catch {
    console.error('The department server load test could not run to the end.');
  }
}

if (!existsSync(results)) process.exit(1);
const figures = JSON.parse(readFileSync(results, 'utf8'));
const rows = [];
const add = (what, value, budget) => rows.push([what, value === undefined ? 'not measured' : String(value), budget]);
const f = (n, digits = 1) => (typeof n === 'number' ? n.toFixed(digits) : undefined);
add('JS on first load, set-up tablet (gzip kB)', f(figures.firstLoad?.setUpTabletJsGzipKb), '<= 160 (aim 110)');
add('JS on first load, new tablet (gzip kB)', f(figures.firstLoad?.newTabletJsGzipKb), '<= 160 (aim 110)');
// BENCH_COLD_START_SLOWDOWN (app.bench.ts) may take the cold starts at another rate: say which.
const startRate = figures.startup?.cpuSlowdown ?? 4;
add(`Offline cold start to lock screen, ${startRate}x CPU, worst run (ms)`, f(figures.startup?.offlineColdStartWorstMs4x, 0), startRate === 4 ? '< 1000 in every run' : '(budget is at 4x)');
add('  median (ms)', f(figures.startup?.offlineColdStartToLockScreenMs4x, 0), 'aim 700');
add('  every run (ms)', figures.startup?.offlineColdStartRunsMs4x?.join(' '), 'reference');
add(`Unlock incl. PBKDF2 600k, ${startRate}x CPU (ms)`, f(figures.startup?.unlockMs4xIncludingPbkdf2, 0), 'by design');
add('Keystroke, text input: app / plain (x)', figures.typing?.ratio?.textInput, '<= 1.15');
add('Keystroke, textarea: app / plain (x)', figures.typing?.ratio?.textarea, '<= 1.15');
add('Radio answer: app / plain (x)', figures.typing?.ratio?.radio, '<= 1.25');
add('  app / plain, ms per tap, 4x CPU', figures.typing?.msPerKeystrokeApp?.radio === undefined ? undefined : `${f(figures.typing.msPerKeystrokeApp.radio)} / ${f(figures.typing.msPerKeystrokePlain?.radio)}`, 'reference');
for (const [key, what] of [
  ['checkbox', 'Checkbox answer (tap)'],
  ['select', 'Select answer (arrow key)'],
  ['date', 'Date answer (day, month, year typed)'],
]) {
  const control = figures.controls?.[key];
  add(`${what}: app / plain (x)`, control?.ratio, '<= 1.25');
  add('  app / plain, ms an answer, 4x CPU', control?.msApp === undefined ? undefined : `${f(control.msApp)} / ${f(control.msPlain)}`, 'reference');
}
const s = figures.storage;
add(`Attendances stored (encrypted)`, s?.count, '100,000');
add('Unlock, 1x CPU (ms)', f(s?.unlockMs, 0), 'by design');
add('Autosave of one change, sealed (ms)', f(s?.autosaveMs?.sealed, 2), '< 20');
add('Autosave of one change, unencrypted put (ms)', f(s?.autosaveMs?.plain, 2), 'reference');
add('Patient look-up by NHS number (ms)', f(s?.lookupNhsMs, 2), '< 50');
add('Patient look-up by name + date of birth (ms)', f(s?.lookupNameDobMs, 2), '< 50');
add('Look-up page search by NHS number: both index rounds, matching, flags (ms)', f(s?.patientLookUpMs?.byNhs, 2), '< 50');
add('Look-up page search by name + date of birth (ms)', f(s?.patientLookUpMs?.byNameDob, 2), '< 50');
add(`Today's list, sealed summaries (ms)`, f(s?.todayListMs?.sealed, 2), '< 100');
add(`Today's list, rows only, no decryption (ms)`, f(s?.todayListMs?.plain, 2), 'reference');
add('In-progress list (ms)', f(s?.inProgressListMs, 2), '< 100');
add('Home screen: all four lists (ms)', f(s?.homeListsMs, 2), '< 100');
add('  of which GP letters due alone (ms)', f(s?.homeListMs?.gpLettersDue, 2), 'reference');
add('  of which referrals to make alone (ms)', f(s?.homeListMs?.referralsToMake, 2), 'reference');
add('Summary version check after unlock, background (s)', f(s?.summaryCheckSeconds, 1), 'reference');
add(`Liaison review list, one week (${s?.liaisonWeekMs?.attendances ?? '?'} attendances, ${s?.liaisonWeekMs?.onList ?? '?'} on the list) (ms)`, f(s?.liaisonWeekMs?.total, 2), '< 100');
add('  of which storage fetch (ms)', f(s?.liaisonWeekMs?.fetch, 2), 'reference');
add('Home screen liaison overdue count, four weeks (ms)', f(s?.liaisonOverdueCountMs, 2), 'reference');
add(`Compliance audit, 30 days (${s?.complianceAudit30DaysMs?.attendances ?? '?'} attendances) (ms)`, f(s?.complianceAudit30DaysMs?.total, 1), '< 1000');
add('  of which storage: the sealed per-day index (ms)', f(s?.complianceAudit30DaysMs?.inputs, 1), 'reference');
add('  the index read alone: 30 day rows and the arrival keys (ms)', f(s?.complianceAuditDayIndexMs, 1), 'reference');
add('Per-day index build after the upgrade, background (s)', f(s?.dayIndexBuildSeconds, 1), 'reference');
const lh = figures.lighthouse;
const lhScores = (...parts) => (parts.some((part) => part !== undefined) ? parts.map((part) => part ?? '-').join(' / ') : undefined);
// Each page's figure is its median run (lighthouse.bench.ts); every run's performance score on the line below it.
const lhRuns = (scores) => (scores?.runs?.length ? scores.runs.map((score) => score ?? '-').join(' ') : undefined);
const lhMedianOf = lh?.runs ? `, median of ${lh.runs}` : '';
add(`Lighthouse mobile${lhMedianOf}, set-up page: perf / a11y / best pr.`, lhScores(lh?.setUpPage?.performance, lh?.setUpPage?.accessibility, lh?.setUpPage?.bestPractices), '95 / 100 / 100');
add('  performance, every run', lhRuns(lh?.setUpPage), 'reference');
add(`Lighthouse mobile${lhMedianOf}, lock screen (app opened): perf / a11y / best pr.`, lhScores(lh?.lockScreen?.performance, lh?.lockScreen?.accessibility, lh?.lockScreen?.bestPractices), '95 / 100 / 100');
add('  performance, every run', lhRuns(lh?.lockScreen), 'reference');
add('  in the tab that set the tablet up (Lighthouse debugger task)', lhScores(lh?.lockScreenAfterSetUp?.performance, lh?.lockScreenAfterSetUp?.accessibility, lh?.lockScreenAfterSetUp?.bestPractices), 'reference');
// A navigation would land on the lock screen: performance over a timespan from unlocking to
// the filled-in page, accessibility and best practices from a snapshot of the page.
add(`Lighthouse mobile${lhMedianOf}, assessment page: perf / a11y / best pr.`, lhScores(lh?.unlockToAssessment?.performance, lh?.assessmentPage?.accessibility, lh?.assessmentPage?.bestPractices), '95 / 100 / 100');
add('  performance, every run', lhRuns(lh?.unlockToAssessment), 'reference');
add('Letter generation, slowest of the golden letters (ms)', f(figures.letters?.medianMs, 2), '< 50');
add('Letter PDF, slowest (ms)', f(figures.letters?.pdfMedianMs, 2), 'reference');
const sv = figures.server;
add('Department server: pushes per second, one process', f(sv?.pushesPerSecond, 0), '>= 2 (50 tablets)');
add(`Department server: p95 of a small push, ${f(sv?.smallPushAtDesignLoad?.backgroundPushesPerSecond, 1) ?? '?'} pushes/s around it (ms)`, f(sv?.smallPushAtDesignLoad?.p95Ms, 1), '< 50');
add(`Department server: p95 of a small push, ${f(sv?.smallPushUnderLoad?.backgroundPushesPerSecond, 0) ?? '?'} pushes/s around it (ms)`, f(sv?.smallPushUnderLoad?.p95Ms, 1), '< 50');
add('Department server: first pull of 100,000 summaries (s)', f(sv?.firstPull?.seconds, 1), '< 60');
const width = Math.max(...rows.map((row) => row[0].length));
console.log('\nBenchmark figures (Chromium, this machine)\n');
for (const [what, value, budget] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(14)}   budget ${budget}`);
for (const [page, scores] of Object.entries(lh ?? {}).filter(([key]) => key !== 'runs')) {
  if (scores?.below?.length) console.log(`\nLighthouse, ${page}, audits below full marks: ${scores.below.join('; ')}`);
  if (scores?.longTasks?.length) console.log(`Lighthouse, ${page}, long tasks: ${scores.longTasks.join('; ')}`);
}
// Opt-in (BENCH_LIGHTHOUSE_CONTROL=1, lighthouse-control.bench.ts): the lock screen's task before commit, with and without Lighthouse.
for (const [how, loads] of Object.entries(figures.lighthouseControl ?? {})) {
  const each = loads.map((load) => `${load.preCommitTaskMs} ms (renderer ${load.rendererPid})${load.performance === undefined ? '' : ` perf ${load.performance}, long tasks ${load.longTasks?.join(', ') || 'none'}`}`);
  console.log(`Lighthouse control, lock screen, ${how}: longest task before commit ${each.join('; ')}`);
}
console.log(`\nRaw figures: ${results}`);
