// Releasing thousands of tagged elements must not freeze the page: the release queues call slice() between
// elements, which returns at once while the current task has run less than SLICE_MS, and otherwise yields
// to the event loop (input, rendering, the released scripts themselves) before the next element.
// 30 ms stays under the 50 ms of a long task; 8 ms slices made the whole release 1.5-2.6x slower, as every
// yield waits behind the loads the release itself started (tests/bench/release.mjs).
const SLICE_MS = 30;
let started = 0;
let open = false; // a slice is running in the current task (reset by a task queued when it opened)

// A new task at normal priority, so input, timers and rendering get their turn before the release goes on
// (scheduler.yield() would put the release ahead of them; setTimeout is clamped to 4 ms when nested).
let channel: MessageChannel | null = null;
const resumes: (() => void)[] = [];
const nextTask = (): Promise<void> => new Promise((resolve) => {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => resumes.shift()?.();
  }
  resumes.push(resolve);
  channel.port2.postMessage(null);
});

function openSlice(): void {
  open = true;
  started = performance.now();
  void nextTask().then(() => (open = false));
}

/** Call between units of work: undefined while the slice lasts, else a promise of the next task. */
export function slice(): Promise<void> | undefined {
  if (!open) return void openSlice();
  if (performance.now() - started < SLICE_MS) return undefined;
  return nextTask().then(openSlice);
}

/** Elements matching `selector` in `root`, `root` itself included. */
export function within<T extends Element>(root: ParentNode, selector: string): T[] {
  const found = Array.from(root.querySelectorAll<T>(selector));
  return root instanceof Element && root.matches(selector) ? [root as T, ...found] : found;
}
