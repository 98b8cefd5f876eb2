// Keyboard-only navigation: what has focus (through shadow roots), and Tab until a named control has it.

/**
 * The deepest focused element: tag, role (the role attribute, else the tag name), accessible-ish name
 * (aria-label, the text of aria-labelledby, else the text), aria-checked, and where it is.
 */
export async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    let inShadow = false;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; inShadow = true; }
    if (!a) return null;
    const labelledBy = a.getAttribute('aria-labelledby');
    const labelText = labelledBy && a.getRootNode().getElementById?.(labelledBy)?.textContent;
    return {
      tag: a.tagName.toLowerCase(),
      role: a.getAttribute('role') || a.tagName.toLowerCase(),
      name: (a.getAttribute('aria-label') || labelText || a.textContent || '').trim().replace(/\s+/g, ' '),
      checked: a.getAttribute('aria-checked'),
      inShadow,
      inDialog: !!a.closest('[role="dialog"]'),
      isBody: a === document.body,
      dataAssentOpen: a.hasAttribute('data-assent-open'),
    };
  });
}

const CONTROLS = new Set(['button', 'a', 'link', 'switch', 'checkbox']);

/**
 * Presses Tab until the focused element is named `name` (and has `role`, if given; otherwise any button, link
 * or switch). Returns the focused element. Throws after `max` presses, naming where focus went.
 */
export async function tabTo(page, name, { role, max = 40 } = {}) {
  const seen = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && f.name === name && (role ? f.role === role : CONTROLS.has(f.role))) return { ...f, presses: i };
    seen.push(f ? `${f.role} "${f.name.slice(0, 30)}"` : 'nothing');
  }
  throw new Error(`Tab never reached ${role ?? 'a control'} "${name}" in ${max} presses; focus went to: ${seen.join(', ')}`);
}
