// The banner's CSS, adopted into its shadow root as a constructable stylesheet (allowed under a strict CSP,
// unlike <style> or style=""). Theme through custom properties on the host page:
//   --assent-bg, --assent-fg, --assent-muted, --assent-accent, --assent-accent-fg, --assent-border,
//   --assent-radius, --assent-font, --assent-z. Under those, the policy's ui.theme (--policy-*, ui/theme.ts),
// then the built-in colours, which meet WCAG AA (≥ 4.5:1) in both schemes (wasm/core/theme.cpp has them too).
const DARK = `--bg: var(--assent-bg, var(--policy-dark-bg, #1d1d22)); --fg: var(--assent-fg, var(--policy-dark-fg, #f1f1f4));
  --muted: var(--assent-muted, var(--policy-dark-fg, #c4c4cf)); --border: var(--assent-border, var(--policy-dark-fg, #9a9aa6));
  --accent: var(--assent-accent, var(--policy-dark-accent, #a8c7fa)); --accent-fg: var(--assent-accent-fg, var(--policy-dark-accent-fg, #0a1a33));
  --focus: var(--assent-focus, var(--policy-dark-accent, #a8c7fa));`;
export const CSS = `
:host { all: initial; }
.root {
  --bg: var(--assent-bg, var(--policy-bg, #ffffff)); --fg: var(--assent-fg, var(--policy-fg, #1b1b1f));
  --muted: var(--assent-muted, var(--policy-fg, #4a4a55)); --border: var(--assent-border, var(--policy-fg, #767680));
  --accent: var(--assent-accent, var(--policy-accent, #0b57d0)); --accent-fg: var(--assent-accent-fg, var(--policy-accent-fg, #ffffff));
  --focus: var(--assent-focus, var(--policy-accent, #0b57d0)); --radius: var(--assent-radius, var(--policy-radius, 10px));
  font: 15px/1.45 var(--assent-font, var(--policy-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif));
  color: var(--fg);
}
.root[data-theme="dark"] { ${DARK} }
@media (prefers-color-scheme: dark) { .root[data-theme="auto"] { ${DARK} } }
[hidden] { display: none !important; }
.banner {
  position: fixed; z-index: var(--assent-z, 2147483000); box-sizing: border-box;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius);
  box-shadow: 0 8px 28px rgba(0,0,0,.25); padding: 18px 20px; max-height: 90vh; overflow: auto;
  animation: assent-in .18s ease-out;
}
.banner.box { width: min(420px, calc(100vw - 32px)); }
.banner.box.bottom-right { right: 16px; bottom: 16px; } .banner.box.bottom-left { left: 16px; bottom: 16px; }
.banner.box.top-right { right: 16px; top: 16px; } .banner.box.top-left { left: 16px; top: 16px; }
.banner.box.bottom, .banner.box.top { left: 50%; transform: translateX(-50%); }
.banner.box.bottom { bottom: 16px; } .banner.box.top { top: 16px; }
.banner.box.center { left: 50%; top: 50%; transform: translate(-50%, -50%); }
.banner.bar { left: 0; right: 0; border-radius: 0; border-width: 1px 0; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
.banner.bar.top, .banner.bar.top-left, .banner.bar.top-right { top: 0; }
.banner.bar:not(.top):not(.top-left):not(.top-right) { bottom: 0; }
/* ui.compact: a one-line notice (GPC already honoured), text and buttons side by side where they fit. */
.banner.compact { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; } .banner.compact .text p { margin: 0; }
.banner.bar .text { flex: 1 1 420px; }
h2 { font-size: 17px; margin: 0 0 6px; font-weight: 650; }
p { margin: 0 0 12px; }
a { color: var(--accent); text-decoration: underline; }
/* Equal columns: buttons on one row share it, stacked ones are all as wide as the box. */
.buttons { display: grid; gap: 8px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 9.5em), 1fr)); }
.banner.bar .buttons { flex: 1 1 28em; }
button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: calc(var(--radius) - 4px);
  padding: 9px 16px; min-height: 40px; min-width: 44px; border: 2px solid var(--accent);
}
/* Accept and reject look the same: equal prominence (EDPB, CNIL, CCPA §7004). */
button.primary { background: var(--accent); color: var(--accent-fg); }
button.secondary { background: transparent; color: var(--fg); border-color: var(--border); }
button:focus-visible, a:focus-visible, summary:focus-visible, [role="switch"]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.linkish { background: none; border: none; padding: 4px 0; min-height: 0; color: var(--accent); text-decoration: underline; font-weight: 600; }
.notice { font-size: 14px; color: var(--muted); border-left: 3px solid var(--accent); padding-left: 10px; }
.backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.45); z-index: var(--assent-z, 2147483000); display: grid; place-items: center; padding: 16px; }
/* Head and footer stay put; only the list between them scrolls, so the choices are always in view. */
.dialog {
  background: var(--bg); color: var(--fg); border-radius: var(--radius); border: 1px solid var(--border);
  width: min(640px, 100%); max-height: calc(100vh - 32px); max-height: calc(100dvh - 32px); box-sizing: border-box;
  display: flex; flex-direction: column; overflow: hidden; animation: assent-in .18s ease-out;
}
.dialog > * { padding: 0 22px; }
.head { display: flex; justify-content: space-between; align-items: center; gap: 12px; padding-top: 14px; }
.head h2 { margin: 0; }
.body { overflow: auto; flex: 1 1 auto; min-height: 48px; padding-top: 8px; }
.close { background: transparent; color: var(--fg); border-color: transparent; padding: 0; font-size: 26px; line-height: 1; min-width: 44px; min-height: 44px; }
.category { border-top: 1px solid var(--border); padding: 12px 0; }
.category .row { display: flex; justify-content: space-between; align-items: center; gap: 16px; }
.category h3 { font-size: 15px; margin: 0; }
.category p { color: var(--muted); font-size: 14px; margin: 4px 0 6px; }
[role="switch"] {
  position: relative; width: 52px; min-width: 52px; height: 30px; min-height: 30px; padding: 0; border-radius: 15px;
  background: var(--bg); border: 2px solid var(--border);
}
[role="switch"]::after {
  content: ""; position: absolute; top: 3px; left: 3px; width: 20px; height: 20px; border-radius: 50%;
  background: var(--muted); transition: transform .15s;
}
[role="switch"][aria-checked="true"] { background: var(--accent); border-color: var(--accent); }
[role="switch"][aria-checked="true"]::after { transform: translateX(22px); background: var(--accent-fg); }
/* Required: not an ordinary "on" switch but a muted, padlocked one, beside the words "Always on". */
[role="switch"][aria-disabled="true"] { cursor: not-allowed; background: transparent; border: 2px dashed var(--border); }
[role="switch"][aria-disabled="true"]::after { width: 12px; height: 9px; top: 12px; left: 27px; border-radius: 2px; background: var(--muted); transform: none; }
[role="switch"][aria-disabled="true"]::before {
  content: ""; position: absolute; top: 5px; left: 29px; width: 4px; height: 6px;
  border: 2px solid var(--muted); border-bottom: 0; border-radius: 4px 4px 0 0;
}
.always { color: var(--muted); font-size: 14px; margin-inline-start: auto; }
:host([dir="rtl"]) [role="switch"]::after, .root[dir="rtl"] [role="switch"]::after { left: auto; right: 3px; }
.root[dir="rtl"] [role="switch"][aria-checked="true"]::after { transform: translateX(-22px); }
.root[dir="rtl"] [role="switch"][aria-disabled="true"]::before { left: 13px; }
details { font-size: 14px; margin-top: 4px; }
summary { cursor: pointer; color: var(--fg); font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 10px; }
dt { color: var(--muted); } dd { margin: 0; }
.service { border-left: 2px solid var(--border); padding-left: 10px; margin-top: 8px; }
.service h4 { margin: 0; font-size: 14px; }
.dialog .footer { border-top: 1px solid var(--border); padding-top: 14px; padding-bottom: 16px; flex: none; }
@media (max-width: 480px), (max-height: 480px) { .backdrop { padding: 8px; } .dialog { max-height: calc(100dvh - 16px); } .dialog > * { padding-inline: 14px; } }
.placeholder {
  box-sizing: border-box; display: flex; flex-direction: column; align-items: center; justify-content: center;
  gap: 10px; padding: 16px; text-align: center; background: var(--bg); color: var(--fg);
  border: 1px dashed var(--border); border-radius: var(--radius); width: 100%; height: 100%;
}
@keyframes assent-in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) {
  .banner, .dialog { animation: none; }
  [role="switch"]::after { transition: none; }
}
`;

let sheet: CSSStyleSheet | null = null;

/** Gives a shadow root the stylesheet; falls back to a <style> element where adoptedStyleSheets is missing. */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}
