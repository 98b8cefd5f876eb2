// The CSP layer's worker (csp-layer.test.mjs): fetches the URL it is sent, under its own response's CSP, and
// answers "ok", or "csp" when its securitypolicyviolation event fired (no script of the page runs here).
let refused = false;
self.addEventListener('securitypolicyviolation', () => { refused = true; });
self.onmessage = (e) => fetch(e.data, { mode: 'no-cors' }).then(
  () => postMessage('ok'),
  () => setTimeout(() => postMessage(refused ? 'csp' : 'network')),
);
