// Script-tag entry (IIFE): <script src=".../assent.js" data-config="/policy.json" [data-region] [data-lang]
// [data-wasm]>. Runs synchronously where it is placed (first in <head>), so the Consent Mode default and the
// interceptor are in place before any other script; then starts itself from the tag's attributes.
import { boot, prologue } from './boot';
import { pageConfig } from './config';
import type { AssentInstance, InitOptions } from './types';

const script = document.currentScript as HTMLScriptElement | null;
const attr = (name: string) => script?.getAttribute(name) || undefined;
const wasmUrl = new URL(attr('data-wasm') || 'assent.wasm', script?.src || document.baseURI).href;

prologue(wasmUrl);

function init(options: InitOptions): Promise<AssentInstance> {
  return boot({ ...options, wasmUrl: new URL(String(options.wasmUrl || wasmUrl), document.baseURI).href, localesUrl: options.localesUrl ? new URL(String(options.localesUrl), document.baseURI).href : undefined });
}

const config = pageConfig(script);
const ready: Promise<AssentInstance> = config
  ? init({ config, region: attr('data-region'), languages: attr('data-lang')?.split(',') })
  : new Promise(() => undefined); // waits for Assent.init() from the page
ready.catch(() => undefined); // already reported as assent:error + console

window.Assent = { init, ready };
