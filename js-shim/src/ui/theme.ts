// The policy's colours, radius and font (ui.theme, checked by the engine) as custom properties of a themed
// container. styles.ts reads them under the page's own --assent-* overrides. The engine's `dark` palette is
// already the one in force for the dark scheme (its own colours, else the top-level ones).
import type { PolicySummary, ThemeColours } from '../types';

const NAMES: Record<keyof ThemeColours, string> = { accent: 'accent', accentText: 'accent-fg', background: 'bg', text: 'fg' };

/** [custom property, value] for every value the policy set. */
export function themeProperties(theme: PolicySummary['theme'] | undefined): [string, string][] {
  const out: [string, string][] = [];
  if (!theme) return out;
  const set = (name: string, value: string | undefined) => value && out.push([`--policy-${name}`, value]);
  for (const key of Object.keys(NAMES) as (keyof ThemeColours)[]) {
    set(NAMES[key], theme[key]);
    set(`dark-${NAMES[key]}`, theme.dark?.[key]);
  }
  if (theme.radius !== undefined) set('radius', `${theme.radius}px`);
  set('font', theme.font);
  return out;
}

/** Through the CSSOM, which a strict CSP allows (a style attribute it would not). */
export function applyThemeStyle(el: HTMLElement, theme: PolicySummary['theme'] | undefined): void {
  for (const [name, value] of themeProperties(theme)) el.style.setProperty(name, value);
}
