// Renders the engine's cookie-policy document into elements marked data-assent-policy, as DOM text (never
// HTML). The settings link becomes a button that opens the preferences dialog.
import { h, safeHref } from './dom';

interface InlineRun {
  type: 'text' | 'link' | 'settings';
  text: string;
  href?: string;
}
type DocBlock =
  | { type: 'heading'; level: number; content: InlineRun[] }
  | { type: 'paragraph'; content: InlineRun[] }
  | { type: 'table'; header: string[]; rows: string[][] };
export interface PolicyDocument {
  language: string;
  blocks: DocBlock[];
}

function runs(content: InlineRun[]): Node[] {
  return content.map((r) => {
    if (r.type === 'settings') return h('button', { type: 'button', 'data-assent-open': true }, r.text);
    const href = r.type === 'link' && r.href ? safeHref(r.href) : null;
    return href ? h('a', { href }, r.text) : document.createTextNode(r.text);
  });
}

export function renderPolicySection(target: Element, doc: PolicyDocument): void {
  // Headings start at the level the page asks for (data-heading-level, default 2).
  const base = Math.min(Math.max(parseInt(target.getAttribute('data-heading-level') || '2', 10) || 2, 1), 6);
  const nodes = doc.blocks.map((b) => {
    if (b.type === 'table') {
      return h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...b.header.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, ...b.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
      );
    }
    if (b.type === 'heading') {
      const level = Math.min(base + b.level - 2, 6);
      return h(`h${level}` as 'h2', {}, ...runs(b.content));
    }
    return h('p', {}, ...runs(b.content));
  });
  target.setAttribute('lang', doc.language);
  target.replaceChildren(...nodes);
}
