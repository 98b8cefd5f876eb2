// vanilla-cookieconsent 3 (orestbida): four categories, opt-in, the shared texts (peers/TEXTS.md).
// Tagged scripts use its own markup: <script type="text/plain" data-category="analytics" src=…>.
(function () {
  var TEXT = 'We use cookies that the site needs to work, and, with your consent, cookies for preferences, analytics and marketing. You can change your choice at any time in Cookie settings.';
  CookieConsent.run({
    mode: 'opt-in',
    hideFromBots: false, // headless Chromium's user agent says "HeadlessChrome"; the default hides the banner from it
    guiOptions: { consentModal: { layout: 'box', position: 'bottom right' } },
    categories: {
      essential: { enabled: true, readOnly: true },
      preference: {},
      analytics: { autoClear: { cookies: [{ name: /^_ga/ }] } },
      marketing: { autoClear: { cookies: [{ name: '_fbp' }] } }
    },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: 'We value your privacy',
            description: TEXT,
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Preferences'
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save choices',
            closeIconLabel: 'Close',
            sections: [
              { title: 'Essential', description: 'Needed for the site to work: security, sign-in, load balancing and remembering your cookie choice. They cannot be switched off.', linkedCategory: 'essential' },
              { title: 'Preferences', description: 'Remember your settings, such as language or region, and power features like chat.', linkedCategory: 'preference' },
              { title: 'Analytics', description: 'Help us understand how visitors use the site, so we can improve it. The data is aggregated.', linkedCategory: 'analytics' },
              { title: 'Marketing', description: 'Used by us and our advertising partners to show you relevant ads and measure campaigns, on this site and elsewhere.', linkedCategory: 'marketing' }
            ]
          }
        }
      }
    }
  });
})();
