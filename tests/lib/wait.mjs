// Waiting without wall-clock limits: a test waits for the state or event it needs, and one generous timeout
// (HANG_MS) only turns a hang into a failure with a message. Nothing here measures how fast something was.
export const HANG_MS = 30_000;

/**
 * Calls `fn` (sync or async) until it returns a truthy value, which is returned. Gives up after `timeout` ms
 * without success, or, with `progress`, after `timeout` ms in which progress() did not change (bulk work that
 * keeps moving is never cut off). The error names `message` and the last value.
 * `until(fn, 'message')` is short for `until(fn, { message })`.
 */
export async function until(fn, opts = {}) {
  const { message = 'condition', timeout = HANG_MS, interval = 50, progress } = typeof opts === 'string' ? { message: opts } : opts;
  let deadline = Date.now() + timeout;
  let seen = progress ? await progress() : undefined;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (progress) {
      const now = await progress();
      if (JSON.stringify(now) !== JSON.stringify(seen)) { seen = now; deadline = Date.now() + timeout; }
    }
    if (Date.now() > deadline) {
      const why = progress ? `no progress for ${timeout} ms (at ${JSON.stringify(seen)})` : `not reached within ${timeout} ms`;
      throw new Error(`${message}: ${why}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Resolves on the next `event` of a Node EventEmitter-like `target` whose payload satisfies `accept`. */
export function nextEvent(target, event, accept = () => true, { timeout = HANG_MS, message = event } = {}) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { target.off(event, on); reject(new Error(`${message}: no such event within ${timeout} ms`)); }, timeout);
    const on = (v) => { if (!accept(v)) return; clearTimeout(timer); target.off(event, on); resolve(v); };
    target.on(event, on);
  });
}
