/* Fake retargeting tag (a third party in the "marketing" category). The page does not tag it: a page script
   inserts it with document.createElement('script'), and Assent holds it back because its URL matches the
   policy's `scripts` pattern for the "demo-retarget" service. Sets _rt_uid and adds a badge when it runs. */
(function () {
  function run() {
    document.cookie = '_rt_uid=rt.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=' + 30 * 24 * 3600 + '; samesite=lax';
    badge('dynamic', 'Dynamic tracker ran');
  }
  whenReady(run);
})();
