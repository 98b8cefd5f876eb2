// The CSP layer's script vectors (csp-layer.test.mjs): for each service, XHR, fetch, a WebSocket, a dynamic
// import() and a Worker's fetch to <tracker>/csp-layer/<service>/<vector>, started at once, through the
// browser's own constructors that early.js kept (so Assent's JavaScript layer never sees them). window.__vectors
// gets "<service>/<vector>" → how it ended ("ok", or the error's name; the worker says "csp" when its own
// securitypolicyviolation fired), so the test knows when every vector has run.
(() => {
  const tracker = '{{TRACKER}}';
  const { fetch, XMLHttpRequest, open, send, WebSocket, Worker } = window.__native;
  const ended = (window.__vectors = {});
  const run = (key, start) => new Promise(start).then(() => 'ok', (e) => String((e && e.name) || e)).then((how) => { ended[key] = how; });
  for (const service of ['analytics', 'marketing']) {
    const url = (vector) => `${tracker}/csp-layer/${service}/${vector}`;
    run(`${service}/xhr`, (resolve, reject) => {
      const x = new XMLHttpRequest();
      open.call(x, 'GET', url('xhr'));
      x.onload = resolve;
      x.onerror = () => reject(new Error('xhr'));
      send.call(x);
    });
    run(`${service}/fetch`, (resolve, reject) => fetch(url('fetch'), { mode: 'no-cors' }).then(resolve, reject));
    run(`${service}/websocket`, (resolve, reject) => {
      const ws = new WebSocket(url('websocket').replace(/^http/, 'ws'));
      ws.onopen = () => { ws.close(); resolve(); };
      ws.onerror = () => reject(new Error('websocket'));
    });
    run(`${service}/import`, (resolve, reject) => import(url('import.js')).then(resolve, reject));
    run(`${service}/worker`, (resolve, reject) => {
      const w = new Worker('/csp-layer/worker.js');
      w.onmessage = (e) => (e.data === 'ok' ? resolve() : reject(e.data));
      w.postMessage(url('worker-fetch'));
    });
  }
})();
