// osano/cookieconsent 3.1.1 (npm "cookieconsent"): it has no categories and no script tagging (only
// callbacks, its issue #407), so the closest equivalent is type "opt-in" (Decline / Allow) plus the activation of
// the tagged scripts that its README leaves to the site, done here in its onInitialise/onStatusChange
// callbacks. Same texts; "Preferences" has no equivalent (it has no second layer).
(function () {
  function release() {
    var tags = document.querySelectorAll('script[type="text/plain"][data-category]');
    for (var i = 0; i < tags.length; i++) {
      var s = document.createElement('script');
      s.src = tags[i].getAttribute('src');
      if (tags[i].hasAttribute('async')) s.async = true;
      tags[i].parentNode.replaceChild(s, tags[i]);
    }
  }
  window.cookieconsent.initialise({
    type: 'opt-in',
    position: 'bottom-right',
    theme: 'classic',
    palette: { popup: { background: '#ffffff', text: '#1d232a' }, button: { background: '#243b53', text: '#ffffff' } },
    content: {
      header: 'We value your privacy',
      message: 'We use cookies that the site needs to work, and, with your consent, cookies for preferences, analytics and marketing. You can change your choice at any time in Cookie settings.',
      allow: 'Accept all',
      deny: 'Reject all',
      link: 'Cookie policy',
      href: '/privacy'
    },
    layout: 'basic-header',
    onInitialise: function (status) { if (this.hasConsented()) release(); },
    onStatusChange: function (status) { if (this.hasConsented()) release(); }
  });
})();
