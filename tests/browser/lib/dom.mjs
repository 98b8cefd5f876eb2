// Reading and clicking the page the way a visitor sees it: links through shadow roots, clicks on characters.

/** Every <a> in the document and in open shadow roots: {href (resolved), raw (attribute), text}. Runs in the page. */
export function allLinks() {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'A') out.push({ href: el.href, raw: el.getAttribute('href'), text: el.textContent.trim() });
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}

/**
 * Click exactly on the characters `needle` of a text node (document or any open shadow root), not on the centre
 * of the element holding it (which could be a neighbouring link). Returns what was under the pointer.
 */
export async function clickText(page, needle) {
  const at = await page.evaluate((n) => {
    const find = (root) => {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = w.nextNode(); t; t = w.nextNode()) if (t.data.includes(n)) return t;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const t = find(el.shadowRoot); if (t) return t; }
      return null;
    };
    const t = find(document);
    if (!t) return null;
    t.parentElement.scrollIntoView({ block: 'center' });
    const r = document.createRange();
    const i = t.data.indexOf(n);
    r.setStart(t, i);
    r.setEnd(t, i + Math.min(n.length, 4)); // the first characters: the range may wrap onto several lines
    const b = r.getClientRects()[0];
    const x = b.left + b.width / 2;
    const y = b.top + b.height / 2;
    let el = document.elementFromPoint(x, y);
    while (el?.shadowRoot?.elementFromPoint(x, y) && el.shadowRoot.elementFromPoint(x, y) !== el) el = el.shadowRoot.elementFromPoint(x, y);
    return { x, y, tag: el?.tagName.toLowerCase(), inLink: !!el?.closest('a') };
  }, needle);
  if (!at) throw new Error(`text ${JSON.stringify(needle)} not found on the page`);
  await page.mouse.click(at.x, at.y);
  return at;
}
