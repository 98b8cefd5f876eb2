// Stand-in for a blocked embed: same size as the embed (no layout shift), the service and its vendor named,
// one button that loads just this service.
import type { Decision, PolicySummary } from '../types';
import type { EmbedElement } from '../blocking';
import { h, richText } from './dom';
import { adoptStyles } from './styles';
import { applyThemeStyle } from './theme';

export function renderPlaceholder(el: EmbedElement, d: Decision, tagged: string, onLoad: () => void, theme?: PolicySummary['theme']): HTMLElement {
  const service = d.services.find((s) => s.id === el.getAttribute('data-service'));
  const category = tagged || service?.category || '';
  const vendor = service?.vendor || d.texts[`category.${category}.title`] || category;
  // {name}: the service's name from the policy (its words), else its id; an embed tagged by category only has
  // neither, so the category stands in for both.
  const name = service?.name || service?.id || vendor;
  const host = document.createElement('assent-placeholder');
  const width = el.getAttribute('width');
  const height = el.getAttribute('height');
  host.setAttribute('data-assent', 'placeholder');
  // Sized like the embed through attributes the page already set; no inline style (strict CSP).
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const button = h('button', { type: 'button', class: 'primary' }, d.texts['placeholder.load'].replace('{vendor}', vendor).replace('{name}', name));
  button.addEventListener('click', onLoad);
  const box = h('div', { class: 'root placeholder', 'data-theme': d.ui.theme, lang: d.language }, h('p', {}, richText(d.texts['placeholder.text'], { vendor, name })), button);
  applyThemeStyle(box, theme);
  shadow.append(box);
  if (width || height) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`:host { display: block; ${width ? `width: ${parseInt(width, 10) || 0}px;` : ''} ${height ? `height: ${parseInt(height, 10) || 0}px;` : ''} max-width: 100%; }`);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  }
  return host;
}
