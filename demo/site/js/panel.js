// The demo's control panel — not part of Assent. It lets you play a visitor from another region, with another
// language or with Global Privacy Control, and shows what the engine decided and which cookies the page has.
// A change reloads the page with query parameters (?region=US-CA&lang=de&gpc=1); demo/serve.mjs turns them into
// data-region / data-lang on the Assent script tag and, for gpc=1, adds /js/gpc-on.js after it.
const REGIONS = [
  ['auto', 'Auto (browser time zone)'], ['DE', 'Germany (DE)'], ['GB', 'United Kingdom (GB)'],
  ['US-CA', 'California (US-CA)'], ['US-TX', 'Texas (US-TX)'], ['BR', 'Brazil (BR)'],
  ['CA-QC', 'Quebec (CA-QC)'], ['JP', 'Japan (JP)'],
];
const LANGUAGES = [
  ['auto', 'Browser languages'], ['en', 'English'], ['de', 'Deutsch'], ['fr', 'Français'], ['es', 'Español'],
  ['it', 'Italiano'], ['nl', 'Nederlands'], ['pt', 'Português'], ['pl', 'Polski'],
];
const DEMO_PARAMS = ['region', 'lang', 'gpc'];
const params = new URLSearchParams(location.search);

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== false && v != null) el.setAttribute(k, v === true ? '' : v);
  el.append(...children.flat().filter((c) => c != null));
  return el;
}

function reloadWith(name, value) {
  const q = new URLSearchParams(location.search);
  if (!value || value === 'auto') q.delete(name);
  else q.set(name, value);
  const search = q.toString();
  location.assign(location.pathname + (search ? `?${search}` : '') + location.hash);
}

/** Internal links keep the demo parameters, so the chosen visitor stays the same from page to page. */
function keepParamsOnLinks() {
  const keep = DEMO_PARAMS.filter((k) => params.has(k));
  if (!keep.length) return;
  for (const a of document.querySelectorAll('a[href]:not([href^="#"])')) {
    const url = new URL(a.getAttribute('href'), location.href);
    if (url.origin !== location.origin) continue;
    for (const k of keep) url.searchParams.set(k, params.get(k));
    a.setAttribute('href', url.pathname + url.search + url.hash);
  }
}

/** Forget the consent record and every cookie the page can see, then start over. */
function clearConsent() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0].trim();
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
  for (const key of Object.keys(localStorage)) if (key.startsWith('assent:')) localStorage.removeItem(key);
  location.reload();
}

function select(name, label, options) {
  const current = params.get(name) || 'auto';
  const el = h('select', { id: `demo-${name}`, name },
    options.map(([value, text]) => h('option', { value, selected: value === current }, text)));
  el.addEventListener('change', () => reloadWith(name, el.value));
  return h('div', { class: 'demo-field' }, h('label', { for: `demo-${name}` }, label), el);
}

function gpcToggle() {
  const box = h('input', { type: 'checkbox', id: 'demo-gpc', checked: params.get('gpc') === '1' });
  box.addEventListener('change', () => reloadWith('gpc', box.checked ? '1' : ''));
  return h('div', { class: 'demo-field demo-field--check' }, box, h('label', { for: 'demo-gpc' }, 'Send Global Privacy Control'));
}

const decisionBox = h('div', { 'data-demo': 'decision' }, h('p', {}, 'Waiting for Assent…'));
const receiptBox = h('div', { 'data-demo': 'receipt' }, h('p', {}, 'No receipt yet: make a choice in the banner.'));
const cookieList = h('ul', { class: 'demo-cookies', 'data-demo': 'cookies' });

function showDecision(d) {
  const source = { hint: 'from the page', timezone: 'from the time zone', fallback: 'unknown: policy fallback' }[d.regionSource] || d.regionSource;
  const row = (label, value, key) => [h('dt', {}, label), h('dd', { 'data-demo': key }, value)];
  decisionBox.replaceChildren(
    h('dl', { class: 'demo-facts' },
      row('Model', d.model, 'model'),
      row('Region', `${d.region ?? 'none'} (${source})`, 'region'),
      row('Language', d.language, 'language'),
      row('Banner', d.showBanner ? `shown (${d.reason})` : `not shown (${d.reason})`, 'banner'),
      row('GPC', d.gpc ? 'on' : 'off', 'gpc')),
    h('table', { class: 'demo-categories' },
      h('caption', {}, 'Categories'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Reason'))),
      h('tbody', {}, d.categories.map((c) => h('tr', { 'data-category': c.id },
        h('th', { scope: 'row' }, c.id),
        h('td', { class: c.granted ? 'on' : 'off' }, c.granted ? 'granted' : 'denied'),
        h('td', {}, c.reason))))),
  );
}

function showError(detail) {
  decisionBox.replaceChildren(h('p', { class: 'demo-error' }, `Assent failed (${detail.code}): ${detail.message}`));
}

function showCookies() {
  const cookies = document.cookie.split(';').map((c) => c.trim()).filter(Boolean);
  const items = cookies.map((c) => {
    const i = c.indexOf('=');
    const value = c.slice(i + 1);
    return h('li', {}, h('code', {}, c.slice(0, i)), ` ${value.length > 28 ? `${value.slice(0, 27)}…` : value}`);
  });
  cookieList.replaceChildren(...(items.length ? items : [h('li', {}, 'No cookies')]));
}

// The receipt the banner got from the site's receipts server (assent serve) after the last choice, checked here
// as any visitor or auditor could: the server's public key (/assent/receipts/key) and WebCrypto's Ed25519.
let shownReceipt = '';
async function verify(token) {
  const { jwk, kid } = await (await fetch('/assent/receipts/key')).json();
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['verify']);
  const [header, payload, signature] = token.split('.');
  const bytes = (b64url) => Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const valid = await crypto.subtle.verify('Ed25519', key, bytes(signature), new TextEncoder().encode(`${header}.${payload}`));
  return { valid, kid, claims: JSON.parse(new TextDecoder().decode(bytes(payload))) };
}

async function showReceipt() {
  let stored = null;
  try { stored = JSON.parse(localStorage.getItem('assent:receipt') || 'null'); } catch { /* none */ }
  const queued = JSON.parse(localStorage.getItem('assent:receipts:queue') || '[]').length;
  const key = `${stored?.receipt ?? ''}|${queued}`;
  if (key === shownReceipt) return;
  shownReceipt = key;
  if (!stored) {
    receiptBox.replaceChildren(h('p', {}, queued ? `${queued} choice(s) waiting to reach the receipts server.` : 'No receipt yet: make a choice in the banner.'));
    return;
  }
  const row = (label, value, k) => [h('dt', {}, label), h('dd', { 'data-demo': k }, value)];
  let check;
  try {
    const { valid, kid, claims } = await verify(stored.receipt);
    const cookie = decodeURIComponent(document.cookie.match(/(?:^|; )assent=([^;]*)/)?.[1] ?? '');
    check = [row('Signature', valid ? `valid (key ${kid})` : 'NOT valid', 'verify'),
      row('Record', claims.record === cookie ? 'the consent cookie\'s' : 'an earlier choice\'s', 'record'),
      row('Accepted', new Date(claims.iat * 1000).toISOString().replace('.000', ''), 'time')];
  } catch (e) {
    check = [row('Signature', `cannot check: ${e.message}`, 'verify')];
  }
  receiptBox.replaceChildren(h('dl', { class: 'demo-facts' }, row('Receipt', stored.id, 'receipt-id'), ...check,
    queued ? row('Queued', `${queued} choice(s) waiting`, 'queued') : null));
}

function panel() {
  const clear = h('button', { type: 'button', class: 'button button--quiet' }, 'Clear my consent');
  clear.addEventListener('click', clearConsent);
  const form = h('form', { class: 'demo-form' },
    select('region', 'Visitor region', REGIONS), select('lang', 'Language', LANGUAGES), gpcToggle(), clear);
  form.addEventListener('submit', (e) => e.preventDefault());
  const details = h('details', { open: sessionStorage.getItem('demo-panel') !== 'closed' },
    h('summary', {}, 'Demo controls'),
    h('div', { class: 'demo-body' },
      form,
      h('h2', {}, 'Decision'), decisionBox,
      h('h2', {}, 'Consent receipt'), receiptBox,
      h('h2', {}, 'Cookies'), cookieList));
  details.addEventListener('toggle', () => sessionStorage.setItem('demo-panel', details.open ? 'open' : 'closed'));
  return h('aside', { class: 'demo-panel', 'aria-label': 'Demo controls' }, details);
}

document.body.append(panel());
keepParamsOnLinks();
showCookies();
setInterval(showCookies, 1000);
void showReceipt();
setInterval(() => void showReceipt(), 1000);
addEventListener('assent:change', (e) => { showDecision(e.detail.decision); showCookies(); });
addEventListener('assent:error', (e) => showError(e.detail));
if (window.Assent) window.Assent.ready.then((assent) => showDecision(assent.decision), () => {});
else showError({ code: 'not-loaded', message: 'assent.js did not load.' });
