/* Fake analytics (a third party in the "analytics" category), served by the demo's third-party server.
   Like the real thing it sets first-party _ga-style cookies and reports a page view to its own server,
   which counts page views in memory. It adds a badge to the page so you can see that it ran. */
(function () {
  var origin = '{{TP}}';
  function run() {
    var now = Math.floor(Date.now() / 1000);
    var year = 365 * 24 * 3600;
    if (!/(?:^|;\s*)_ga=/.test(document.cookie)) {
      document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now + '; path=/; max-age=' + 2 * year + '; samesite=lax';
    }
    document.cookie = '_ga_DEMO=GS1.1.' + now + '.1; path=/; max-age=' + 2 * year + '; samesite=lax';
    var item = badge('analytics', 'Analytics ran');
    fetch(origin + '/collect?page=' + encodeURIComponent(location.pathname), { method: 'POST', mode: 'cors' })
      .then(function (r) { return r.json(); })
      .then(function (d) { if (item) item.textContent = 'Analytics ran (page view #' + d.pageViews + ')'; })
      .catch(function () { /* a real tracker fails silently too */ });
  }
  whenReady(run);
})();
