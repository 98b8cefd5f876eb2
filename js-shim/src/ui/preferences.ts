// The preferences dialog: a switch per category (required ones locked on), each category's services with
// vendor, purpose, cookies and retention, and Save / Accept all / Reject all. Modal: focus is trapped,
// Escape closes, and focus returns to whatever opened it. No <header>/<footer>: inside a dialog they would
// be a second banner/contentinfo landmark beside the page's own.
import type { Decision } from '../types';
import { h, richText } from './dom';

export interface DialogActions {
  save(categories: string[]): void;
  acceptAll(): void;
  rejectAll(): void;
  close(): void;
}

/** The latest choice's consent receipt (receipts.ts): its number and a download, or that it is still to be sent. */
export type ReceiptView = { id: string; download(): void } | { pending: true } | null;

function serviceDetails(d: Decision, category: string): HTMLElement | null {
  const t = d.texts;
  const services = d.services.filter((s) => s.category === category);
  if (!services.length) return null;
  return h(
    'details',
    {},
    h('summary', {}, `${t['prefs.services']} (${services.length})`),
    ...services.map((s) =>
      h(
        'div',
        { class: 'service' },
        h('h4', {}, s.name || s.vendor),
        h(
          'dl',
          {},
          h('dt', {}, t['prefs.vendor']),
          h('dd', {}, s.vendor),
          s.purpose ? h('dt', {}, t['prefs.purpose']) : null,
          s.purpose ? h('dd', {}, s.purpose) : null,
          s.cookies.length ? h('dt', {}, t['prefs.cookies']) : null,
          s.cookies.length ? h('dd', {}, s.cookies.join(', ')) : null,
          s.retention ? h('dt', {}, t['prefs.retention']) : null,
          s.retention ? h('dd', {}, s.retention) : null,
        ),
      ),
    ),
  );
}

function receiptSection(d: Decision, receipt: ReceiptView, button: (label: string, cls: string, fn: () => void) => HTMLElement): HTMLElement | null {
  if (!receipt) return null;
  const t = d.texts;
  return h(
    'div',
    { class: 'receipt' },
    h('h3', {}, t['prefs.receipt']),
    'pending' in receipt ? h('p', {}, t['prefs.receiptPending']) : h('p', {}, richText(t['prefs.receiptId'], { id: receipt.id })),
    'pending' in receipt ? null : button(t['prefs.receiptDownload'], 'secondary', receipt.download),
  );
}

export function renderDialog(d: Decision, act: DialogActions, receipt: ReceiptView = null): HTMLElement {
  const t = d.texts;
  const switches: HTMLButtonElement[] = [];
  const categories = d.categories.map((c) => {
    const titleId = `assent-cat-${c.id}`;
    const descId = `assent-cat-${c.id}-desc`;
    const sw = h('button', {
      type: 'button',
      role: 'switch',
      'aria-checked': String(c.granted || c.locked),
      'aria-labelledby': titleId,
      'aria-describedby': descId,
      'aria-disabled': c.locked ? 'true' : undefined,
      'data-category': c.id,
    });
    if (!c.locked) sw.addEventListener('click', () => sw.setAttribute('aria-checked', String(sw.getAttribute('aria-checked') !== 'true')));
    switches.push(sw);
    return h(
      'div',
      { class: 'category' },
      h('div', { class: 'row' }, h('h3', { id: titleId }, t[`category.${c.id}.title`] || c.id), c.locked ? h('span', { class: 'always' }, t['prefs.alwaysOn']) : null, sw),
      h('p', { id: descId }, richText(t[`category.${c.id}.description`] || '')),
      serviceDetails(d, c.id),
    );
  });
  const button = (label: string, cls: string, fn: () => void, name?: string) => {
    const b = h('button', { type: 'button', class: cls, 'aria-label': name }, label);
    b.addEventListener('click', fn);
    return b;
  };
  const chosen = () => switches.filter((s) => s.getAttribute('aria-checked') === 'true').map((s) => s.getAttribute('data-category')!);
  const dialog = h(
    'div',
    { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'assent-prefs-title', 'aria-describedby': 'assent-prefs-desc' },
    h('div', { class: 'head' }, h('h2', { id: 'assent-prefs-title' }, t['prefs.title']), button('×', 'close', act.close, t['prefs.close'])),
    h('div', { class: 'body' }, h('p', { id: 'assent-prefs-desc' }, richText(t['prefs.description'])), ...categories, receiptSection(d, receipt, button)),
    h(
      'div',
      { class: 'footer buttons' },
      button(t['prefs.acceptAll'], 'primary', act.acceptAll),
      button(t['prefs.rejectAll'], 'primary', act.rejectAll),
      button(t['prefs.save'], 'secondary', () => act.save(chosen())),
    ),
  );
  return h('div', { class: 'backdrop' }, dialog);
}

const FOCUSABLE = 'button:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside `container` and closes on Escape. Returns a function that undoes it. */
export function trapFocus(container: HTMLElement, shadow: ShadowRoot, onEscape: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null || el === shadow.activeElement);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = shadow.activeElement;
    if (e.shiftKey && (active === first || !container.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !container.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };
  container.addEventListener('keydown', onKey);
  return () => container.removeEventListener('keydown', onKey);
}
