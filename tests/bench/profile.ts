/**
 * Where a page's main-thread time goes while an action runs, from Chrome's own records, for
 * the benchmarks (`BENCH_PROFILE=<folder>` in app.bench.ts): a trace (Tracing, the DevTools
 * timeline categories) and a sampled JavaScript profile (Profiler) taken together over the
 * same action (two rounds of it), written as `<name>.trace.json` / `<name>.cpuprofile` (both open in DevTools),
 * and summarised: self time by trace event on the renderer's main thread (style, layout,
 * paint, event dispatch, timers, IndexedDB…) and self time by JavaScript function and file.
 *
 * Profiling slows the page, so a profiled round is never one of the measured rounds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Wall time covered, ms. */
  spanMs: number;
  /** Self time of the renderer main thread's trace events, ms, largest first. */
  byTraceEvent: [string, number][];
  /** Self time of JavaScript by function (file:name), ms, largest first; idle and program left out. */
  byFunction: [string, number][];
  /** Self time of JavaScript by file, ms. */
  byFile: [string, number][];
  /** The main thread's tasks of 50 ms or more, in order: their length and what filled them (self time by event, ms). */
  longTasks: { ms: number; at: number; parts: [string, number][] }[];
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel'].join(',');

const top = (totals: Map<string, number>, count: number): [string, number][] =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => [key, Math.round(ms * 100) / 100]);

/** The complete events of the renderer main thread that did the most work (the page's), in order. */
function mainThreadEvents(events: TraceEvent[]): TraceEvent[] {
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  // Of the renderers traced, the one that did the most work is the page's.
  const work = new Map<string, number>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (mainThreads.has(thread) && event.ph === 'X' && event.name === 'RunTask') work.set(thread, (work.get(thread) ?? 0) + (event.dur ?? 0));
  }
  const busiest = [...work.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((event) => `${event.pid}:${event.tid}` === busiest && event.ph === 'X' && typeof event.dur === 'number').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** Self time per event name over `complete` (ordered, nested complete events of one thread). */
function traceSelfTimes(complete: TraceEvent[]): Map<string, number> {
  const totals = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= until) {
      const done = stack.pop();
      if (done) totals.set(done.name, (totals.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  // The DevTools session's own messages (starting and stopping the recording) are not the page's work.
  let skipUntil = 0;
  for (const event of complete) {
    if (event.ts < skipUntil) continue;
    if (event.name === 'Receive mojo message' && JSON.stringify(event.args ?? {}).includes('DevToolsSession')) {
      skipUntil = event.ts + (event.dur ?? 0);
      continue;
    }
    close(event.ts);
    const parent = stack[stack.length - 1];
    const dur = event.dur ?? 0;
    if (parent) parent.self -= dur;
    const detail = event.name === 'EventDispatch' || event.name === 'TimerFire' ? ` ${event.args?.data?.type ?? ''}`.trimEnd() : '';
    stack.push({ end: event.ts + dur, name: `${event.name}${detail}`, self: dur });
  }
  close(Number.POSITIVE_INFINITY);
  return totals;
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Top-level tasks of 50 ms or more and the self time of what ran in each. */
function longTasks(complete: TraceEvent[]): ProfileSummary['longTasks'] {
  const first = complete[0]?.ts ?? 0;
  const found: ProfileSummary['longTasks'] = [];
  let end = 0;
  for (const [index, event] of complete.entries()) {
    if (event.ts < end || !TASKS.has(event.name)) continue;
    end = event.ts + (event.dur ?? 0);
    if ((event.dur ?? 0) < 50_000) continue;
    const inside: TraceEvent[] = [];
    for (let next = index; next < complete.length && (complete[next]?.ts ?? end) < end; next += 1) inside.push(complete[next] as TraceEvent);
    found.push({ ms: Math.round((event.dur ?? 0) / 100) / 10, at: Math.round((event.ts - first) / 1000), parts: top(traceSelfTimes(inside), 8) });
  }
  return found;
}

function profileSelfTimes(profile: CpuProfile): { byFunction: Map<string, number>; byFile: Map<string, number> } {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    if (!frame || ['(idle)', '(program)', '(root)'].includes(frame.functionName)) return;
    const file = frame.url ? (frame.url.split('/').pop() ?? frame.url) : frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    const key = `${file}:${frame.functionName || '(anonymous)'}:${frame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
  });
  return { byFunction, byFile };
}

/**
 * Runs `action` twice, once under a trace and once under a sampled profile (the profiler's
 * sampling would swell the trace's script time), writes both to `folder` and returns the summary.
 */
export async function profiled(cdp: CDPSession, folder: string, name: string, action: () => Promise<void>): Promise<ProfileSummary> {
  mkdirSync(folder, { recursive: true });
  const events: TraceEvent[] = [];
  const onData = ({ value }: { value: object[] }) => {
    events.push(...(value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  const started = Date.now();
  await action();
  const spanMs = Date.now() - started;
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', onData);

  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  writeFileSync(resolve(folder, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
  writeFileSync(resolve(folder, `${name}.cpuprofile`), JSON.stringify(profile));
  const js = profileSelfTimes(profile);
  const main = mainThreadEvents(events);
  const summary: ProfileSummary = { spanMs, byTraceEvent: top(traceSelfTimes(main), 25), byFunction: top(js.byFunction, 40), byFile: top(js.byFile, 15), longTasks: longTasks(main) };
  writeFileSync(resolve(folder, `${name}.summary.json`), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
