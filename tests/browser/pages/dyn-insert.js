// Page helper (served from the site origin, so allowed by script-src 'self'): inserts the dynamic tracker.
window.__dynOnload = false;
(function () {
  var s = document.createElement('script');
  s.src = '{{TRACKER}}/dynamic.js';
  s.onload = function () { window.__dynOnload = true; };
  document.body.appendChild(s);
})();
