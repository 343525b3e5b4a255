/**
 * Gives the browser a turn: resolves in a new task, so whatever the caller does next is not
 * part of the task that ran before (input, rendering and other tasks may run in between).
 * `scheduler.yield()` where the browser has it (it resumes ahead of other queued tasks),
 * otherwise a message to self, which unlike setTimeout is never clamped or throttled.
 */
interface YieldingScheduler {
  yield: () => Promise<void>;
}

export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
