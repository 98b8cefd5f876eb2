// The engine benchmark shared by Node and Chromium (ES module, no dependencies): the same string-in,
// string-out calls the shim makes, timed one by one. `now()` returns milliseconds (performance.now()).
// Operations match engine/bench_native.cpp: load, decide (first visit in DE), decideReturning (with the
// record of an accept-all), choose (accept-all).

export const CTX_FIRST = {
  region: 'DE', timeZone: 'Europe/Berlin', languages: ['en-US', 'en'], gpc: false, dnt: false,
  now: 1795000000, nonce: '0123456789abcdef',
};
export const ACCEPT_ALL = { type: 'accept-all' };

function stats(samplesMs, totalMs) {
  const s = Float64Array.from(samplesMs).sort();
  const us = (x) => x * 1000;
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    iterations: s.length,
    opsPerSec: s.length / (totalMs / 1000),
    medianUs: us(s[Math.floor(s.length / 2)]),
    p99Us: us(s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]),
    meanUs: us(sum / s.length),
    minUs: us(s[0]),
  };
}

/** Times fn() for at least minMs and minIter calls after a warm-up (JIT tier-up included in the warm-up). */
export function measure(fn, now, minMs, minIter) {
  let sink = 0;
  for (let i = 0; i < 20; i++) sink += fn();
  const samples = [];
  const start = now();
  for (;;) {
    const t0 = now();
    sink += fn();
    const t1 = now();
    samples.push(t1 - t0);
    if (t1 - start >= minMs && samples.length >= minIter) break;
  }
  const total = now() - start;
  if (sink < 0) throw new Error('unreachable');
  return stats(samples, total);
}

/** The returning visitor's context: the first-visit context plus the record an accept-all produced. */
export function contexts(m) {
  const first = JSON.stringify(CTX_FIRST);
  const chosen = JSON.parse(m.choose(first, JSON.stringify(ACCEPT_ALL)));
  if (!chosen.record) throw new Error(`choose failed: ${JSON.stringify(chosen).slice(0, 300)}`);
  const returning = JSON.stringify({ ...CTX_FIRST, now: CTX_FIRST.now + 600, record: chosen.record });
  if (JSON.parse(m.decide(returning)).showBanner) throw new Error('returning visitor still sees the banner');
  return { first, returning, action: JSON.stringify(ACCEPT_ALL) };
}

/** The first calls on a fresh instance (what a page pays once): load, decide, choose, cold. */
export function coldCalls(m, policyText, now) {
  const t0 = now();
  const r = JSON.parse(m.load(policyText));
  const t1 = now();
  if (!r.ok) throw new Error(`policy invalid: ${JSON.stringify(r.errors).slice(0, 300)}`);
  const first = JSON.stringify(CTX_FIRST);
  const t2 = now();
  m.decide(first);
  const t3 = now();
  m.choose(first, JSON.stringify(ACCEPT_ALL));
  const t4 = now();
  return { loadMs: t1 - t0, decideMs: t3 - t2, chooseMs: t4 - t3 };
}

/** Steady-state throughput and latency of every operation on one policy. */
export function run(m, policyText, now, { minMs = 1000, label = '' } = {}) {
  const r = JSON.parse(m.load(policyText));
  if (!r.ok) throw new Error(`policy invalid: ${JSON.stringify(r.errors).slice(0, 300)}`);
  const c = contexts(m);
  const ops = {};
  ops.load = measure(() => m.load(policyText).length, now, minMs, 20);
  ops.decide = measure(() => m.decide(c.first).length, now, minMs, 200);
  ops.decideReturning = measure(() => m.decide(c.returning).length, now, minMs, 200);
  ops.choose = measure(() => m.choose(c.first, c.action).length, now, minMs, 200);
  return { policy: label, policyBytes: policyText.length, services: r.policy.services?.length ?? null, ops };
}
