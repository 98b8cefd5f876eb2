// Element building without HTML parsing: config text only ever becomes text nodes. Links in texts use an
// explicit form, [label](url), and only http(s), mailto and same-site paths become <a href>.
type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

// The document elements are made in: the page's; on a server, a string-building stand-in (server/markup.ts),
// so the server paints the very banner the browser would.
let doc: Pick<Document, 'createElement' | 'createDocumentFragment'> | undefined;

/** Server rendering: build elements with this document instead of the page's. */
export function useDocument(d: Pick<Document, 'createElement' | 'createDocumentFragment'>): void {
  doc = d;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = (doc || document).createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

export function safeHref(url: string): string | null {
  const u = url.trim();
  // Browsers drop tabs/newlines and read "\" as "/": "/\\evil.example" would leave the site.
  if (/[\s\\\x00-\x1f\x7f]/.test(u)) return null;
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if (u.startsWith('/') && !u.startsWith('//')) return u;
  return null;
}

/** Text with {placeholders} filled and [label](url) links made safe. */
export function richText(text: string, vars: Record<string, string> = {}): DocumentFragment {
  const filled = text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k] : m));
  const frag = (doc || document).createDocumentFragment();
  const link = /\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = link.exec(filled); m; m = link.exec(filled)) {
    frag.append(filled.slice(last, m.index));
    const href = safeHref(m[2]);
    frag.append(href ? h('a', { href, target: /^https?:/i.test(href) ? '_blank' : undefined, rel: 'noopener' }, m[1]) : m[0]);
    last = m.index + m[0].length;
  }
  frag.append(filled.slice(last));
  return frag;
}

/** Right-to-left scripts among the languages a policy may declare. */
export function isRtl(language: string): boolean {
  return /^(ar|he|fa|ur|ps|yi|dv|ckb)(-|$)/i.test(language);
}
