// The shape of `assent scan`'s JSON report (documented in config/scan-report.schema.json, shipped in the package as
// dist/scan-report.schema.json). Version 1: a field may be added, together with the schema (which refuses fields it
// does not name); none is renamed or removed without a new version.

export type Pass = 'before' | 'accept' | 'reject';

/** What the Open Cookie Database (config/data/open-cookie-database/) says of a cookie or key; null when unknown. */
export interface KnownAs {
  platform: string;
  /** The database's category (Analytics, Marketing, Functional, …). */
  category: string;
  purpose: string;
  retention: string;
  controller: string;
}

/** What the database says of a host (from its Domain column); null when unknown. */
export interface KnownHostAs {
  platforms: string[];
  controllers: string[];
  categories: string[];
}

export interface CookieSeen {
  name: string;
  domain: string;
  path: string;
  /** Seconds since the epoch; null for a session cookie. */
  expires: number | null;
  /** Whole days from the scan to expiry; null for a session cookie. */
  lifetimeDays: number | null;
  party: 'first' | 'third';
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  /** Who set it, where the browser tells: a response's Set-Cookie, or a script writing document.cookie. */
  setBy: { kind: 'response' | 'script'; url: string } | null;
  /** 'before' the consent click (or at the end of a pass without one), or only 'after' it. */
  firstSeen: 'before' | 'after';
  /** Present before the click and gone after it (deleted on the visitor's choice). */
  goneAfter: boolean;
  /**
   * Set during the run (a Set-Cookie header or a document.cookie write) but gone before the page was looked at,
   * e.g. removed by a consent banner: it still existed, and was sent with the requests made meanwhile.
   */
  transient: boolean;
  /** The policy's service whose cookie patterns match; null when none does (or there is no policy). */
  service: string | null;
  known: KnownAs | null;
}

export interface StorageSeen {
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  /** The origin of the frame whose storage holds it. */
  origin: string;
  key: string;
  firstSeen: 'before' | 'after';
  goneAfter: boolean;
  service: string | null;
  known: KnownAs | null;
}

export interface RequestSeen {
  url: string;
  /** Chromium's resource type: Document, Script, Image, Fetch, XHR, Stylesheet, … */
  type: string;
  method: string;
  /** Milliseconds from the start of navigation; relative to the consent click is `t - clickAt`. */
  t: number;
  /** HTTP status; 0 when the request failed or never got an answer. */
  status: number;
  /** Who caused it, nearest first: the script or document URLs, as Chromium's initiator records them. */
  initiators: string[];
  service: string | null;
}

export interface HostSeen {
  /** host[:port]; every host other than the scanned page's own. */
  host: string;
  service: string | null;
  known: KnownHostAs | null;
  requests: RequestSeen[];
}

export interface DataLayerEntry {
  t: number;
  /** gtag commands ('consent', 'config', 'js', 'event', 'set', …) or 'push' for a plain object with its event name. */
  command: string;
  /** For 'consent': 'default' or 'update'; for 'config'/'event': the id or event name. */
  detail: string;
  /** For 'consent': the consent state given. */
  state?: Record<string, string>;
}

export interface RunRecord {
  page: string;
  region: string;
  gpc: boolean;
  pass: Pass;
  status: 'ok' | 'skipped' | 'error';
  /** Why a run was skipped or failed, or what went wrong on the page (timeout, never idle, HTTP 500, …). */
  notes: string[];
  /** HTTP status of the page's document; 0 when there was no answer. */
  httpStatus: number;
  finalUrl: string;
  /** Milliseconds from the start of navigation to the click on Assent's button; null without a click. */
  clickAt: number | null;
  /** The button clicked (data-action of Assent's banner), or null. */
  clicked: string | null;
  /** The services granted, by the engine, before and after the click ('after' is null without a click). */
  granted: { before: string[]; after: string[] | null } | null;
  /** The categories granted, likewise: an undeclared tracker is judged by the category it is known for. */
  grantedCategories: { before: string[]; after: string[] | null } | null;
  cookies: CookieSeen[];
  storage: StorageSeen[];
  hosts: HostSeen[];
  dataLayer: DataLayerEntry[];
  /** Google tag commands pushed before any Consent Mode default (the tag acts without knowing consent). */
  consentReadBeforeDefault: DataLayerEntry[];
  /** Uncaught errors the page threw. */
  pageErrors: string[];
}

export interface Leak {
  kind: 'request' | 'cookie' | 'storage' | 'consent-order';
  page: string;
  region: string;
  gpc: boolean;
  pass: Pass;
  /** 'before' or 'after' the consent click. */
  when: 'before' | 'after';
  /** A URL, cookie name, storage key, or the gtag command. */
  item: string;
  /**
   * The service it belongs to, and its category. An undeclared cookie, key or host the Open Cookie Database knows
   * as analytics or marketing has no service and that category; a consent-order leak has neither.
   */
  service: string | null;
  category: string | null;
  reason: string;
}

export interface Undeclared {
  kind: 'cookie' | 'host';
  /** Cookie name or host. */
  name: string;
  pages: string[];
  known: KnownAs | KnownHostAs | null;
}

export interface Stale {
  service: string;
  category: string;
  /** What was looked for and never seen. */
  patterns: string[];
}

export interface SummaryRow {
  region: string;
  gpc: boolean;
  pass: Pass;
  runs: number;
  skipped: number;
  errors: number;
  /** Requests to other hosts, over all runs of the row. */
  requests: number;
  /** Distinct other hosts contacted, over all runs of the row. */
  thirdPartyHosts: number;
  cookies: number;
  leaks: number;
}

export interface ScanReport {
  version: 1;
  /** What ran the scan: the package's version, and the browser's ("Chromium 131.0.6778.85"). */
  tool: { name: 'assent scan'; version: string; browser: string };
  url: string;
  origin: string;
  startedAt: string;
  finishedAt: string;
  options: { pages: number; regions: string[]; gpc: boolean[]; timeoutMs: number; concurrency: number; failOn: Array<'leak' | 'undeclared' | 'stale'> };
  assent: { present: boolean; script: string | null };
  /** The policy audited against; null when the site has none and none was given. */
  policy: { source: 'data-config' | 'file'; location: string; revision: string | null; error: string | null } | null;
  pages: Array<{ url: string; httpStatus: number; notes: string[] }>;
  summary: SummaryRow[];
  leaks: Leak[];
  undeclared: Undeclared[];
  stale: Stale[];
  runs: RunRecord[];
  knowledge: { source: 'Open Cookie Database'; entries: number };
}
