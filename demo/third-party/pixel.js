/* Fake marketing pixel (a third party in the "marketing" category), served by the demo's third-party server.
   Sets a first-party _fbp cookie, fires a 1x1 image beacon and adds a badge so you can see that it ran. */
(function () {
  var origin = '{{TP}}';
  function run() {
    var id = 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9);
    document.cookie = '_fbp=' + id + '; path=/; max-age=' + 90 * 24 * 3600 + '; samesite=lax';
    new Image().src = origin + '/px?ev=PageView&page=' + encodeURIComponent(location.pathname);
    badge('pixel', 'Pixel ran');
  }
  whenReady(run);
})();
