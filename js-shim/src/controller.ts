// One Assent instance per page: asks the engine, stores its record, releases what is granted, renders the
// banner/dialog and emits events. Policy logic lives in the engine; this only acts on its decisions.
import { configureInterceptor, lintTags, refreshInterceptor, tagOf, watchTagged, type EmbedElement } from './blocking';
import { domReady } from './dom-ready';
import { buildContext, type PageSignals } from './context';
import { configureCookieGuard, installCookieGuard, refreshCookieGuard } from './cookie-guard';
import { deleteCookies } from './cookies';
import { deleteDatabases } from './site-storage';
import { forgetDecision } from './decision-cache';
import type { Early } from './early';
import { PolicySections } from './policy-sections';
import { ReceiptSender, receiptView } from './receipts';
import { enforceStrictCsp } from './strict-csp';
import type { Engine } from './engine';
import { AssentError, asAssentError, errorDetail } from './errors';
import { pushEvent, pushUndecided, pushUpdate } from './gcm';
import { declaredIn, grantedIn, releaseFor } from './release';
import { shared } from './shared-state';
import { RecordStore } from './storage';
import type { Action, AssentErrorDetail, AssentInstance, ButtonId, ChangeDetail, Decision, EventName, PolicySummary } from './types';
import { renderBanner } from './ui/banner';
import { adoptHost, applyTheme, createHost, type Host } from './ui/host';
import { renderPlaceholder } from './ui/placeholder';
import { renderDialog, trapFocus } from './ui/preferences';

type Listener = (arg: never) => void;

/** The focused element, looking inside shadow roots (document.activeElement stops at the shadow host). */
function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

export class Controller implements AssentInstance {
  decision!: Decision;
  private readonly store: RecordStore;
  private readonly sections: PolicySections;
  /** Posts each choice to the site's receipts server, when the policy names one. */
  private readonly receipts: ReceiptSender | null;
  private readonly listeners: Record<EventName, Set<Listener>> = { ready: new Set(), change: new Set(), error: new Set() };
  private host: Host | null = null;
  private banner: HTMLElement | null = null;
  private dialog: HTMLElement | null = null;
  private untrap: (() => void) | null = null;
  private opener: HTMLElement | null = null;
  /** What had focus before the visitor moved into the banner (focus returns there after a choice). */
  private beforeUi: HTMLElement | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly policy: PolicySummary,
    private readonly signals: PageSignals,
    private readonly ui: { enabled: boolean; root: HTMLElement | null },
    private readonly strictCsp = false,
    /** Keeps the engine's decision for this context, for the next page's early start (decision-cache.ts). */
    private readonly remember: (context: object, decision: Decision) => void = () => undefined,
    /** The full engine (assent-full.wasm) with this policy loaded: the cookie-section renderer lives there only. */
    fullEngine?: (language: string) => Promise<Engine>,
  ) {
    this.store = new RecordStore(policy.storage);
    this.sections = new PolicySections(fullEngine, () => this.decision.language, (e) => this.report(e));
    this.receipts = policy.receipts ? new ReceiptSender(policy.receipts.url, (e) => this.report(e)) : null;
  }

  /**
   * First decision, release what it grants, show the banner if needed, start watching the page. With a
   * server's decision (early.ts) the engine is not asked again; with a cached one it is, and its answer wins.
   */
  start(early?: Early): void {
    shared().started = true;
    const context = buildContext(this.signals, this.store.read());
    this.decision = early?.source === 'server' ? early.decision : this.engine.decide(context);
    if (this.enforceCsp()) return location.reload(); // the cached policy of an earlier page was narrower
    if (early?.source === 'cache' && this.grantedEarlyOnly(early.decision).length) {
      // Cannot happen for the same inputs and engine build; if it does, what ran must not stay: start over.
      forgetDecision();
      return location.reload();
    }
    if (early?.source !== 'server') this.remember(context, this.decision);
    configureInterceptor(this.policy.services, (id) => this.has(id));
    installCookieGuard(); // here, not in the prologue: see cookie-guard.ts
    configureCookieGuard(this.policy.services, (id) => this.has(id), this.policy.storage.cookie);
    this.act(null, !!early && JSON.stringify(early.decision.gcm.update) === JSON.stringify(this.decision.gcm.update));
    void domReady().then(() => {
      this.adoptServerBanner();
      if (this.decision.showBanner && !this.banner) this.showBanner();
      this.safely(() => this.sections.watch());
      this.releaseGranted(); // embeds and tags the parser added since
      this.replayClicks();
      void this.receipts?.flush(); // what earlier pages could not send
    });
    document.addEventListener('click', (e) => {
      const trigger = (e.target as Element | null)?.closest?.('[data-assent-open]');
      if (!trigger) return;
      e.preventDefault();
      this.showPreferences(trigger as HTMLElement);
    });
    watchTagged((roots) => this.releaseGranted(roots));
    this.store.watch((record) => this.safely(() => this.followOtherTab(record)));
    this.emit('ready', this.decision); // only assent:ready listeners exist yet: on('ready') replays it below
  }

  /** Ids an early decision granted that the engine's own decision does not. */
  private grantedEarlyOnly(early: Decision): string[] {
    const now = grantedIn(this.decision);
    return [...early.categories, ...early.services].filter((x) => x.granted && !now(x.id)).map((x) => x.id);
  }

  /** The banner the server painted (a declarative shadow root) becomes this controller's, buttons wired. */
  private adoptServerBanner(): void {
    const element = document.querySelector('assent-banner');
    const section = element?.shadowRoot?.querySelector<HTMLElement>('section.banner');
    if (!element || !section || this.host) return;
    if (!this.decision.showBanner || !this.ui.enabled) return element.remove();
    this.host = adoptHost(element as HTMLElement);
    applyTheme(this.host, this.decision, this.policy.theme);
    this.banner = section;
    this.watchFocusEntry(section);
    section.removeAttribute('aria-busy');
    section.querySelectorAll<HTMLElement>('[data-action]').forEach((b) =>
      b.addEventListener('click', () => this.bannerAction(b.getAttribute('data-action') as ButtonId)));
  }

  /** Clicks on the server's banner made before the core arrived (early.ts), in order. */
  private replayClicks(): void {
    const state = shared();
    const queue = state.clicks;
    state.clicks = undefined;
    queue?.stop();
    for (const id of queue?.ids || []) this.bannerAction(id as ButtonId);
  }

  private bannerAction(id: ButtonId): void {
    if (id === 'preferences') this.showPreferences();
    else void this.choose({ type: id });
  }

  has(id: string): boolean {
    return grantedIn(this.decision)(id);
  }

  acceptAll(): Promise<Decision> {
    return this.choose({ type: 'accept-all' });
  }

  rejectAll(): Promise<Decision> {
    return this.choose({ type: 'reject-all' });
  }

  set(choice: { categories?: string[]; services?: string[] }): Promise<Decision> {
    return this.choose({ type: 'custom', categories: choice.categories || [], services: choice.services || [] });
  }

  grant(choice: { categories?: string[]; services?: string[] }): Promise<Decision> {
    return this.choose({ type: 'grant', categories: choice.categories || [], services: choice.services || [] });
  }

  async reset(): Promise<Decision> {
    const before = this.decision;
    this.store.clear();
    forgetDecision();
    this.decision = this.guard(() => this.engine.decide(buildContext(this.signals, null)));
    // A withdrawal like Reject all: what is denied now loses its cookies, Consent Mode and listeners hear of it.
    this.changed(before, this.denied('cookies'), this.denied('storage'), this.revokedSince(before));
    if (this.decision.showBanner) this.showBanner();
    return this.decision;
  }

  on(event: EventName, fn: Listener): void {
    this.listeners[event].add(fn);
    if (event !== 'ready') return;
    // Whoever holds the instance subscribes after start(): like .then on a settled promise, the listener is
    // called once, asynchronously, with the decision at subscription (unless off() came first).
    const decision = this.decision;
    queueMicrotask(() => this.listeners.ready.delete(fn) && (fn as (d: Decision) => void)(decision));
  }

  off(event: EventName, fn: Listener): void {
    this.listeners[event].delete(fn);
  }

  hide(): void {
    this.closeDialog(false);
    this.banner?.remove();
    this.banner = null;
  }

  showPreferences(opener?: HTMLElement): void {
    if (!this.ui.enabled) return;
    if (!this.ui.root && !document.body) return void domReady().then(() => this.showPreferences(opener));
    const host = this.ensureHost();
    this.closeDialog(false);
    this.opener = opener || deepActiveElement();
    if (this.banner) this.banner.hidden = true;
    this.dialog = renderDialog(this.decision, {
      // The dialog has a switch per category only: the engine keeps the services granted on their own.
      save: (categories) => void this.choose({ type: 'custom', categories, keepServices: true }),
      acceptAll: () => void this.acceptAll(),
      rejectAll: () => void this.rejectAll(),
      close: () => this.closeDialog(true),
    }, this.receipts ? receiptView(this.store.read()) : null);
    host.root.append(this.dialog);
    this.untrap = trapFocus(this.dialog, host.element.shadowRoot!, () => this.closeDialog(true));
    this.dialog.querySelector<HTMLElement>('[role="switch"]:not([aria-disabled="true"]), button')?.focus();
  }

  /** Settles with the new decision; a failure was reported first (see report), so UI callers drop it. */
  private choose(action: Action): Promise<Decision> {
    const done = new Promise<Decision>((resolve) => resolve(this.applyChoice(action)));
    done.catch(() => undefined);
    return done;
  }

  private applyChoice(action: Action): Decision {
    const before = this.decision;
    const context = buildContext(this.signals, this.store.read());
    const result = this.guard(() => this.engine.choose(context, action));
    this.store.write(result.record, result.maxAgeSeconds);
    void this.receipts?.send(result.record); // its answer sets the same cookie from the server
    // The engine's decision after a choice is its decide() with the new record: the next page's own call.
    if (this.store.read() === result.record) this.remember({ ...context, record: result.record }, result.decision);
    else forgetDecision();
    if (this.store.read() !== result.record)
      this.report(new AssentError('storage-write', `Assent: the choice could be stored neither as the cookie "${this.policy.storage.cookie}" nor in localStorage: it holds for this page only, and the banner will ask again.`));
    this.decision = result.decision;
    const focusBack = this.focusInUi() ? this.focusAfterUi() : null;
    this.changed(before, result.deleteCookies, result.deleteStorage, result.revoked);
    focusBack?.focus({ preventScroll: true });
    if (result.reload || this.enforceCsp()) location.reload();
    return this.decision;
  }

  /**
   * Every change of decision after start, choice or withdrawal alike: cookies and storage of what is denied
   * now go, the guard follows, the UI closes, what is granted is released, Consent Mode and the change event follow.
   */
  private changed(before: Decision, cookieGlobs: string[], storageGlobs: string[], revoked: string[]): void {
    deleteCookies(cookieGlobs);
    void deleteDatabases(storageGlobs); // web storage keys: refreshCookieGuard() below
    refreshCookieGuard();
    this.hide();
    this.act(before);
    this.emit('change', { decision: this.decision, revoked });
  }

  /** The cookie or storage globs of every service the decision denies (the engine's deleteCookies and
   *  deleteStorage, without a choice). */
  private denied(kind: 'cookies' | 'storage'): string[] {
    return this.policy.services.filter((s) => !this.has(s.id)).flatMap((s) => s[kind] ?? []);
  }

  /** Categories granted in `before` and denied now. */
  private revokedSince(before: Decision): string[] {
    return before.categories.filter((c) => c.granted && !this.has(c.id)).map((c) => c.id);
  }

  /** Whether the visitor is in the banner or the dialog (focus inside the host's shadow root). */
  private focusInUi(): boolean {
    return !!this.host && document.activeElement === this.host.element;
  }

  /**
   * Where focus goes when the banner or dialog closes on a choice: what opened the dialog, else what had
   * focus before the banner took it, else the page's main landmark (never <body>: the visitor would start over).
   */
  private focusAfterUi(): HTMLElement | null {
    for (const el of [this.opener, this.beforeUi])
      if (el?.isConnected && !this.host?.root.contains(el) && el !== document.body) return el;
    const main = document.querySelector<HTMLElement>('main, [role="main"]');
    if (main && main.tabIndex < 0 && !main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    return main;
  }

  /** Everything that follows a decision: release, Consent Mode (unless an early start pushed it), dataLayer. */
  private act(before: Decision | null, gcmPushed = false): void {
    this.releaseGranted();
    if (this.decision.gcm.update && !gcmPushed) pushUpdate(this.decision.gcm.update);
    else if (before?.gcm.update && !this.decision.gcm.update) pushUndecided(); // a reset: tags must stop
    if (before) {
      const cats = Object.fromEntries(this.decision.categories.map((c) => [c.id, c.granted]));
      const svcs = Object.fromEntries(this.decision.services.map((s) => [s.id, s.granted]));
      pushEvent(cats, svcs);
    }
  }

  /** Releases what the decision grants: in the whole page, or only in subtrees just added to it. */
  private releaseGranted(roots: ParentNode[] = [document]): void {
    refreshInterceptor();
    const declared = declaredIn(this.decision);
    for (const root of roots) lintTags(root, declared);
    releaseFor(this.decision, roots, (el) =>
      renderPlaceholder(el, this.decision, tagOf(el, declared).category, () => void this.grantEmbed(el), this.policy.theme));
  }

  /** Strict mode: the CSP for the current decision in force; true when the page must reload to widen it. */
  private enforceCsp(): boolean {
    if (!this.strictCsp) return false;
    const record = this.store.read();
    return enforceStrictCsp(this.engine.csp(buildContext(this.signals, record)), this.policy.storage.cookie, record);
  }

  /** "Load content from Vendor": the engine grants just that service (or its category), keeping the rest. */
  private grantEmbed(el: EmbedElement): Promise<Decision> {
    const { category, service } = tagOf(el, declaredIn(this.decision));
    if (service && this.decision.services.some((s) => s.id === service)) return this.grant({ services: [service] });
    return this.grant({ categories: [category] });
  }

  private followOtherTab(record: string | null): void {
    const before = this.decision;
    const context = buildContext(this.signals, record);
    this.decision = this.engine.decide(context);
    this.remember(context, this.decision);
    refreshCookieGuard();
    const revoked = this.revokedSince(before);
    if ((revoked.length && this.policy.reloadOnRevoke) || this.enforceCsp()) return location.reload();
    this.changed(before, this.denied('cookies'), this.denied('storage'), revoked);
    if (this.decision.showBanner) this.showBanner();
  }

  renderPolicy(el: Element, lang?: string): Promise<void> {
    return this.sections.render(el, lang);
  }

  private showBanner(): void {
    if (!this.ui.enabled) return;
    if (!this.ui.root && !document.body) return void domReady().then(() => this.decision.showBanner && this.showBanner());
    const host = this.ensureHost();
    this.banner?.remove();
    this.banner = renderBanner(this.decision, (id) => this.bannerAction(id));
    this.watchFocusEntry(this.banner);
    host.root.append(this.banner);
  }

  /** Remembers the page element focus came from when it enters the banner (relatedTarget: the one losing it). */
  private watchFocusEntry(banner: HTMLElement): void {
    banner.addEventListener('focusin', (e) => {
      const from = e.relatedTarget;
      if (from instanceof HTMLElement && !this.host?.root.contains(from) && from !== this.host?.element) this.beforeUi = from;
    });
  }

  private closeDialog(restoreFocus: boolean): void {
    if (!this.dialog) return;
    this.untrap?.();
    this.dialog.remove();
    this.dialog = null;
    if (this.banner) this.banner.hidden = false;
    const opener = this.opener;
    this.opener = null;
    if (restoreFocus && opener?.isConnected) opener.focus();
    else if (restoreFocus && this.banner) this.banner.querySelector<HTMLElement>('button[data-action="preferences"]')?.focus();
  }

  private ensureHost(): Host {
    if (!this.host) this.host = createHost(this.ui.root || document.body);
    applyTheme(this.host, this.decision, this.policy.theme);
    return this.host;
  }

  /** A failure after start: the console, on('error') listeners and assent:error hear of it. */
  private report(e: unknown): AssentError {
    const err = asAssentError(e);
    console.error(err.message);
    this.emit('error', errorDetail(err));
    return err;
  }

  /** Runs fn; a failure is reported, then rethrown as an AssentError. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.report(e);
    }
  }

  /** Runs fn where nobody could catch a failure (event handlers, callbacks): it is reported, not thrown. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.report(e);
    }
  }

  private emit(event: 'ready', d: Decision): void;
  private emit(event: 'change', d: ChangeDetail): void;
  private emit(event: 'error', e: AssentErrorDetail): void;
  private emit(event: EventName, detail: unknown): void {
    for (const fn of this.listeners[event]) (fn as (x: unknown) => void)(detail);
    dispatchEvent(new CustomEvent(`assent:${event}`, { detail }));
  }
}
