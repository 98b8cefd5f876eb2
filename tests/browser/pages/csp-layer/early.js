// Runs before assent.js: keeps the browser's own fetch, XMLHttpRequest (with its open/send), WebSocket and
// Worker, as a script that loads first (or a framework that saved them) would. Calls through these are what Assent's JavaScript layer
// cannot see; only the Content-Security-Policy decides about them (csp-layer.test.mjs).
const { open, send } = XMLHttpRequest.prototype;
window.__native = { fetch: window.fetch.bind(window), XMLHttpRequest, open, send, WebSocket, Worker };
