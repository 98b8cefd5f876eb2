// Where the policy comes from: an object, JSON text or a URL (npm), or the script tag's data-config /
// an inline <script type="application/json" id="assent-policy"> (script tag).
import { ownFetch } from './blocking';
import { AssentError } from './errors';

/** The policy's JSON text (the engine validates it). Named apart from engine.policyText(), the cookie section. */
export async function loadPolicyText(config: object | string | URL): Promise<string> {
  if (typeof config === 'object' && config !== null && !(config instanceof URL)) return JSON.stringify(config);
  const s = String(config ?? '');
  if (s.trim().startsWith('{')) return s;
  if (!s.trim())
    throw new AssentError('policy-missing', 'Assent: no policy given. Set data-config on the script tag, add <script type="application/json" id="assent-policy">, or pass init({ config }).');
  let res: Response;
  try {
    res = await ownFetch(s, { credentials: 'same-origin' });
  } catch (e) {
    throw new AssentError('policy-fetch', `Assent: could not fetch the policy from ${s} (${String(e)}).`);
  }
  if (!res.ok) throw new AssentError('policy-fetch', `Assent: the policy at ${res.url} answered HTTP ${res.status}. Check data-config.`);
  return res.text();
}

/** The policy named by the page: data-config on the script tag, else the inline #assent-policy block. */
export function pageConfig(script: HTMLScriptElement | null): string | null {
  const url = script?.getAttribute('data-config');
  if (url) return new URL(url, document.baseURI).href;
  const inline = document.getElementById('assent-policy');
  return inline && inline.textContent ? inline.textContent : null;
}
