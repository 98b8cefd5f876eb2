// The first layer, per the engine's decision: which buttons (ui.buttons), the Do Not Sell link, the GPC
// notice and whether it is a one-line notice (ui.compact) come from the engine; this file only lays them out.
import type { ButtonId, Decision } from '../types';
import { h, richText, safeHref } from './dom';

const LABEL: Record<ButtonId, string> = {
  'accept-all': 'banner.acceptAll',
  'reject-all': 'banner.rejectAll',
  preferences: 'banner.preferences',
  acknowledge: 'banner.acknowledge',
  'opt-out': 'banner.optOut',
};

/** The banner's markup; every control carries data-action (the server's copy is wired up the same way). */
export function renderBanner(d: Decision, act: (id: ButtonId) => void): HTMLElement {
  const t = d.texts;
  // An opt-out banner without the opt-out button (nothing sold or shared: SPEC §Models) reads as a notice.
  const optOut = d.model === 'opt-out' && d.ui.buttons.includes('opt-out');
  const description = optOut ? t['banner.descriptionOptOut'] : d.model === 'opt-in' ? t['banner.description'] : t['banner.descriptionNotice'];
  const titleId = 'assent-banner-title';
  const buttons = d.ui.buttons.map((id) =>
    h('button', { type: 'button', class: id === 'preferences' ? 'secondary' : 'primary', 'data-action': id }, t[LABEL[id]]),
  );
  const policyHref = d.ui.policyUrl ? safeHref(d.ui.policyUrl) : null;
  const doNotSell = d.ui.doNotSellLink ? h('button', { type: 'button', class: 'linkish', 'data-action': 'opt-out' }, t['banner.doNotSell']) : null;
  for (const b of doNotSell ? [...buttons, doNotSell] : buttons)
    b.addEventListener('click', () => act(b.getAttribute('data-action') as ButtonId));
  if (d.ui.compact)
    // The signal was already honoured (ui.compact): one line that says so, OK and the settings; nothing to ask.
    return h(
      'section',
      { class: `banner compact ${d.ui.layout} ${d.ui.position}`, role: 'region', 'aria-labelledby': titleId },
      h('div', { class: 'text' }, h('p', { id: titleId, class: 'notice' }, t['banner.gpcHonoured'])),
      h('div', { class: 'buttons' }, ...buttons),
    );
  return h(
    'section',
    { class: `banner ${d.ui.layout} ${d.ui.position}`, role: 'region', 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'text' },
      h('h2', { id: titleId }, t['banner.title']),
      h('p', {}, richText(description), policyHref ? ' ' : null, policyHref ? h('a', { href: policyHref }, t['banner.policyLink']) : null),
      d.ui.gpcNotice ? h('p', { class: 'notice', role: 'status' }, t['banner.gpcNotice']) : null,
      doNotSell ? h('p', {}, doNotSell) : null,
    ),
    h('div', { class: 'buttons' }, ...buttons),
  );
}
