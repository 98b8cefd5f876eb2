// The fake third parties of the browser suite, served from their own origin (another port of 127.0.0.1).
//   /analytics.js  analytics: sets _ga on the site (document.cookie), pings /collect?t=pageview
//   /pixel.js      marketing: sets _fbp (no Path attribute: the page's default path), pings /px
//   /chat.js       preference: sets chat_sid, pings /chat-ping
//   /dynamic.js    inserted by a page script with createElement('script'); sets window.__dynLoaded
//   /untagged.js   an untagged <script src> in a page; sets window.__untaggedLoaded
//   /embed.html    a video iframe (marketing)
//   /collect, /px, /chat-ping   beacons (1×1 gif)
//   /leak/<service>/<form>.<ext>   the leak sweep's trackers (scripts push their path onto globalThis.__leakRan); the
//                  body fits the extension (LEAK_BODIES: js, html, css, gif, txt, woff2, mp4/webm/mp3/ogg, vtt,
//                  sse = an event stream); a WebSocket upgrade to /leak/… is logged and its socket closed
// Each script pushes its name onto window.__order when it executes. Every response is no-store with CORS open.
import { extname } from 'node:path';
import { GIF, MIME, fail, send } from '../../lib/static-server.mjs';

/** The scripts, by path; `origin` is the tracker's own origin (for their pings). */
export function trackerScripts(origin) {
  const order = (name) => `(window.__order = window.__order || []).push(${JSON.stringify(name)});`;
  const ping = (path) => `(new Image()).src = ${JSON.stringify(origin + path)} + '&r=' + Math.random();`;
  return {
    '/analytics.js': `/* fake analytics (analytics category) */
${order('analytics')}
document.cookie = '_ga=GA1.1.' + Date.now() + '; path=/; max-age=63072000; samesite=lax';
window.__gaLoaded = true;
${ping('/collect?t=pageview')}
`,
    '/pixel.js': `/* fake marketing pixel (marketing category); cookie without Path = the page's default path */
${order('pixel')}
document.cookie = '_fbp=fb.1.' + Date.now() + '; max-age=7776000; samesite=lax';
window.__pixelLoaded = true;
${ping('/px?ev=PageView')}
`,
    '/chat.js': `/* fake chat widget (preference category) */
${order('chat')}
document.cookie = 'chat_sid=s' + Date.now() + '; path=/; max-age=86400; samesite=lax';
window.__chatLoaded = true;
${ping('/chat-ping?x=1')}
`,
    '/dynamic.js': `/* tracker inserted dynamically by a page script */
${order('dynamic')}
window.__dynLoaded = true;
`,
    '/untagged.js': `/* untagged <script src> that matches a policy pattern */
${order('untagged')}
window.__untaggedLoaded = true;
`,
  };
}

export const EMBED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake video</title></head>
<body style="margin:0;background:#222;color:#fff;font:14px sans-serif"><p>Fake video player</p></body></html>`;

const LEAK_TYPES = { '.js': MIME['.js'], '.html': MIME['.html'], '.css': MIME['.css'], '.gif': MIME['.gif'] };
const HEADERS = { 'Access-Control-Allow-Origin': '*' };
/** The leak sweep's other extensions: [Content-Type, body]. Only the request counts; a body need not decode. */
const MEDIA_BYTES = Buffer.alloc(64, 0);
const LEAK_BODIES = {
  '.txt': ['text/plain; charset=utf-8', 'x'],
  '.woff2': ['font/woff2', Buffer.from('wOF2 not really a font')],
  '.mp4': ['video/mp4', MEDIA_BYTES],
  '.webm': ['video/webm', MEDIA_BYTES],
  '.mp3': ['audio/mpeg', MEDIA_BYTES],
  '.ogg': ['audio/ogg', MEDIA_BYTES],
  '.vtt': ['text/vtt; charset=utf-8', 'WEBVTT\n'],
  // One event, then no reconnection for an hour (the page closes it anyway).
  '.sse': ['text/event-stream', 'retry: 3600000\ndata: x\n\n'],
};

/**
 * The tracker's route (for startServer). `origin()` is the tracker origin once known; /analytics.js is answered
 * `analyticsDelayMs` late (so that the execution order of released scripts is observable).
 */
export function trackerRoute({ origin, analyticsDelayMs }) {
  return async ({ req, res, path }) => {
    const script = trackerScripts(origin())[path];
    if (script) {
      if (path === '/analytics.js' && analyticsDelayMs > 0) await new Promise((r) => setTimeout(r, analyticsDelayMs));
      send(req, res, script, { type: MIME['.js'], headers: HEADERS });
    } else if (path.startsWith('/leak/')) {
      // Any /leak/<service>/<form>.<ext>: the body fits the extension, and a script records that it ran, so a
      // test can tell "requested" from "executed".
      // (globalThis: the same as window in a page, and also defined in a worker's importScripts.)
      const ext = extname(path);
      if (LEAK_BODIES[ext]) {
        const [type, body] = LEAK_BODIES[ext];
        send(req, res, body, { type, headers: HEADERS });
        return true;
      }
      const body = ext === '.js' ? `(globalThis.__leakRan = globalThis.__leakRan || []).push(${JSON.stringify(path)});`
        : ext === '.html' ? EMBED_HTML : ext === '.gif' ? GIF : '';
      send(req, res, body, { type: LEAK_TYPES[ext] ?? 'text/plain', headers: HEADERS });
    } else if (path === '/embed.html') {
      send(req, res, EMBED_HTML, { type: MIME['.html'], headers: HEADERS });
    } else if (['/collect', '/px', '/chat-ping'].includes(path)) {
      send(req, res, GIF, { type: MIME['.gif'], headers: HEADERS });
    } else {
      fail(res, 404, path);
    }
    return true;
  };
}

/**
 * The tracker's WebSocket endpoint (startServer's `upgrade`): the hit is already in the log; a WebSocket to a
 * /leak/… path is answered by closing the socket (the request is what counts), anything else too.
 */
export function trackerUpgrade() {
  return ({ socket }) => { socket.destroy(); };
}
