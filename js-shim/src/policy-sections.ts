// The cookie section in the page: every [data-assent-policy] element, those present at start and those a
// single-page app renders later, filled once each; and renderPolicy(el, lang) on demand. The renderer is in
// the full engine only: a page with such an element loads assent-full.wasm, others never do.
import type { Engine } from './engine';
import { AssentError } from './errors';
import { renderPolicySection } from './ui/policy-section';

const SELECTOR = '[data-assent-policy]';

export class PolicySections {
  /** Sections rendered, or being rendered. */
  private readonly filled = new WeakSet<Element>();

  constructor(
    private readonly fullEngine: ((language: string) => Promise<Engine>) | undefined,
    /** The banner's language, the default for a section without its own. */
    private readonly language: () => string,
    /** Reports a failure (console, on('error')) and returns it as an AssentError. */
    private readonly report: (e: unknown) => AssentError,
  ) {}

  /** Fills the sections in the page now and as they appear (client-side routes). */
  watch(): void {
    this.fillIn(document);
    new MutationObserver((records) => {
      for (const r of records) r.addedNodes.forEach((n) => n instanceof Element && this.fillIn(n));
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  async render(el: Element, lang?: string): Promise<void> {
    if (!(el instanceof Element)) throw this.report(new AssentError('bad-options', 'Assent: renderPolicy(el) needs an Element.'));
    if (!this.fullEngine) throw this.report(new AssentError('internal', 'Assent: this build cannot render the cookie section.'));
    this.filled.add(el);
    const language = lang || el.getAttribute('data-assent-policy') || this.language();
    let full: Engine;
    try {
      full = await this.fullEngine(language);
      renderPolicySection(el, full.policyText(language));
    } catch (e) {
      this.filled.delete(el);
      throw this.report(e);
    }
  }

  /** Each section in `root` (or `root` itself) not filled yet, in the element's language or the banner's. */
  private fillIn(root: ParentNode): void {
    const found = root instanceof Element && root.matches(SELECTOR) ? [root] : [];
    found.push(...Array.from(root.querySelectorAll(SELECTOR)));
    for (const el of found) if (!this.filled.has(el)) this.render(el).catch(() => undefined); // reported
  }
}
