// `--now` as the native CLI reads it (wasm/cli/time_arg.cpp): unix seconds (up to 11 digits), or an ISO date
// 2026-11-24, optionally with a time (T or space) 10:00[:00] and Z or ±hh:mm. Null when it is neither.
export function parseTime(s: string): number | null {
  if (/^\d{1,11}$/.test(s)) return Number(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return null;
  const zone = m[7];
  const offset = !zone || zone === 'Z' ? 0 : (zone[0] === '+' ? 1 : -1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  // Date.UTC rolls an out-of-range day over as the native days_from_civil does (2026-02-31 → 3 March).
  return Date.UTC(y, mo - 1, 1) / 1000 + (d - 1) * 86400 + h * 3600 + mi * 60 + sec - offset;
}
