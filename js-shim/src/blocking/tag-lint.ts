// Tagging mistakes are loud: each gets one console warning per element, naming the element and the fix.
// Categories are matched case-insensitively against the declared ids (tagOf), so "Analytics" still works.
// Sites whose markup already uses data-category for something else can tag with data-assent-category.
import { isAssentOwned, mustHold, serviceOf } from './hold-state';
import { within } from './time-slice';

export interface Declared {
  categories: string[];
  services: string[];
}

const warned = new WeakSet<Element>();
function warn(el: Element, problem: string): void {
  if (warned.has(el)) return;
  warned.add(el);
  const attrs = ['data-assent-category', 'data-category', 'data-service', 'type', 'src', 'data-src']
    .filter((a) => el.hasAttribute(a)).map((a) => ` ${a}="${el.getAttribute(a)}"`).join('');
  console.warn(`Assent: <${el.localName}${attrs}>: ${problem}`, el);
}

/** The element's category (declared spelling) and service, as Assent acts on them. */
export function tagOf(el: Element, declared: Declared): { category: string; service: string | null } {
  const raw = el.getAttribute('data-assent-category') ?? el.getAttribute('data-category') ?? '';
  const category = declared.categories.find((c) => c.toLowerCase() === raw.trim().toLowerCase());
  if (raw && category && category !== raw) warn(el, `write the category as "${category}", as the policy declares it.`);
  if (raw && !category) warn(el, `"${raw}" is no category of the policy (declared: ${declared.categories.join(', ')}); this element stays blocked. Fix the name, or declare the category.`);
  const service = el.getAttribute('data-service');
  if (service && !declared.services.includes(service)) warn(el, `"${service}" is no service of the policy (declared: ${declared.services.join(', ') || 'none'}); only its category applies.`);
  return { category: category ?? raw, service };
}

/** A tagged URL that belongs to a service without consent waits for that service, whatever the tag says. */
export function heldByService(el: Element, url: string | null): boolean {
  if (!url || !mustHold(url)) return false;
  warn(el, `its URL belongs to the service "${serviceOf(url) ?? '(unknown: the policy is still loading)'}", which is not granted, so it waits for that service. Tag it with that service's category.`);
  return true;
}

const MISTAKES: [string, string][] = [
  ['script[data-category]:not([type="text/plain"]), script[data-assent-category]:not([type="text/plain"]), script[data-service]:not([type="text/plain"])',
    'it has no type="text/plain", so the browser runs it at once, without consent. Add type="text/plain" (and data-type="module" for a module).'],
  ['script[data-src]', 'a script\'s URL goes in src, with type="text/plain"; data-src is for iframes, images and embeds, so this script never runs.'],
];

/** Warns about the tagging mistakes in `root` (and checks every tag's category and service names). */
export function lintTags(root: ParentNode, declared: Declared): void {
  for (const [selector, problem] of MISTAKES)
    for (const el of within(root, selector)) if (!isAssentOwned(el)) warn(el, problem);
  for (const el of within(root, 'script[type="text/plain"][data-category], script[type="text/plain"][data-assent-category], script[type="text/plain"][data-service], [data-src][data-category], [data-src][data-assent-category], [data-src][data-service]'))
    if (!isAssentOwned(el)) tagOf(el, declared);
}
