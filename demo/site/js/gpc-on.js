// Served only with ?gpc=1 (demo/serve.mjs adds it right after the Assent tag): simulates a browser that sends
// Global Privacy Control. Assent reads navigator.globalPrivacyControl when it decides, after this has run.
Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
