// Runs in every frame of a scanned page before the page's own scripts (Playwright's init script), and records
// what only the page can see: each write to document.cookie with the scripts on the stack, and each dataLayer
// entry (gtag commands, Consent Mode calls) in order. It also plays the visitor: GPC on, and the region hint
// on Assent's script tag (data-region, read when that script runs), so the banner decides for the scanned region.
// Serialised into the page: it must not refer to anything outside itself.

export interface ProbeConfig {
  gpc: boolean;
  region: string | null;
}

export interface ProbeLog {
  /** Each write as written (its attributes say whether it deletes), with the scripts on the stack. */
  cookieWrites: Array<{ name: string; line: string; stack: string[]; at: number }>;
  dataLayer: Array<{ at: number; command: string; detail: string; state?: Record<string, string> }>;
}

export function probe(cfg: ProbeConfig): void {
  const log: ProbeLog = { cookieWrites: [], dataLayer: [] };
  Object.defineProperty(window, '__assentScan', { value: log });
  const now = () => performance.timeOrigin + performance.now();

  if (cfg.gpc) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true });

  if (cfg.region) {
    const region = cfg.region;
    const hint = (node: Node) => {
      if (node instanceof HTMLScriptElement && node.hasAttribute('data-config') && !node.hasAttribute('data-region')) node.setAttribute('data-region', region);
    };
    // Parser-inserted: the parser runs microtasks before it runs a script, so the attribute is there in time.
    new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(hint))).observe(document, { childList: true, subtree: true });
  }

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.get && cookie.set) {
    const { get, set } = cookie;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: true,
      get() {
        return get.call(this);
      },
      set(value: unknown) {
        try {
          const stack = (new Error().stack ?? '').match(/https?:\/\/[^\s()]+?(?=:\d+:\d+)/g) ?? [];
          const line = String(value).slice(0, 4096);
          log.cookieWrites.push({ name: line.split(';')[0].split('=')[0].trim(), line, stack: stack.slice(0, 16), at: now() });
        } catch {
          // The page must work as it would without the scan.
        }
        set.call(this, value);
      },
    });
  }

  const record = (item: unknown) => {
    try {
      if (!item || typeof item !== 'object') return;
      const it = item as Record<string | number, unknown>;
      if (typeof it.length === 'number' && typeof it[0] === 'string') {
        const command = it[0] as string;
        const entry: ProbeLog['dataLayer'][number] = { at: now(), command, detail: typeof it[1] === 'string' ? it[1] : '' };
        if (command === 'consent' && it[2] && typeof it[2] === 'object') {
          entry.state = {};
          for (const [k, v] of Object.entries(it[2] as object)) if (typeof v === 'string') entry.state[k] = v;
        }
        log.dataLayer.push(entry);
      } else log.dataLayer.push({ at: now(), command: 'push', detail: typeof it.event === 'string' ? it.event : '' });
    } catch {
      // As above: never break the page.
    }
  };
  const wrapped = new WeakSet<object>();
  const watch = (layer: unknown) => {
    if (!Array.isArray(layer) || wrapped.has(layer)) return;
    wrapped.add(layer);
    layer.forEach(record);
    let inner = layer.push;
    const push = function (this: unknown[], ...items: unknown[]) {
      items.forEach(record);
      return inner.apply(this, items);
    };
    // gtag.js replaces push with its own: the setter keeps recording in front of it.
    Object.defineProperty(layer, 'push', { configurable: true, get: () => push, set: (f: typeof inner) => void (inner = f) });
  };
  let layer: unknown;
  Object.defineProperty(window, 'dataLayer', {
    configurable: true,
    enumerable: true,
    get: () => layer,
    set: (value: unknown) => {
      layer = value;
      watch(value);
    },
  });
}
