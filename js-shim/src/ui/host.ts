// The one element Assent adds to the page: <assent-banner> with an open shadow root (so page CSS cannot
// break the banner and tests/axe can see inside), first in <body> so it comes early in the tab order.
import type { Decision, PolicySummary } from '../types';
import { isRtl } from './dom';
import { adoptStyles } from './styles';
import { applyThemeStyle } from './theme';

export interface Host {
  root: HTMLDivElement; // themed container inside the shadow root
  element: HTMLElement;
}

export function createHost(parent: HTMLElement): Host {
  const element = document.createElement('assent-banner');
  const shadow = element.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const root = document.createElement('div');
  root.className = 'root';
  shadow.append(root);
  parent.prepend(element);
  return { root, element };
}

/** The <assent-banner> a server painted with a declarative shadow root (assent-consent/server). */
export function adoptHost(element: HTMLElement): Host {
  return { element, root: element.shadowRoot!.querySelector<HTMLDivElement>('div.root')! };
}

export function applyTheme(host: Host, d: Decision, theme?: PolicySummary['theme']): void {
  applyThemeStyle(host.root, theme);
  host.root.setAttribute('data-theme', d.ui.theme);
  host.root.setAttribute('lang', d.language);
  host.root.setAttribute('dir', isRtl(d.language) ? 'rtl' : 'ltr');
}
