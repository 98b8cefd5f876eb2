// Klaro 0.7.22: services grouped by purpose (essential/preference/analytics/marketing), opt-in (default
// false), "Accept all" on the notice, the shared texts. Its tagged markup: <script type="text/plain"
// data-type="text/javascript" data-name="fake-analytics" data-src=…>.
var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  styling: { theme: ['light', 'bottom', 'right'] },
  noAutoLoad: false,
  htmlTexts: false,
  groupByPurpose: true,
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 182,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  hideLearnMore: false,
  showNoticeTitle: true,
  lang: 'en',
  translations: {
    en: {
      privacyPolicyUrl: '/privacy',
      consentNotice: {
        title: 'We value your privacy',
        description: 'We use cookies that the site needs to work, and, with your consent, cookies for preferences, analytics and marketing. You can change your choice at any time in Cookie settings.',
        learnMore: 'Preferences'
      },
      acceptAll: 'Accept all',
      decline: 'Reject all',
      ok: 'Accept all',
      consentModal: { title: 'Cookie preferences', description: 'Choose which cookies we may use. Essential cookies are always on because the site cannot work without them.' },
      acceptSelected: 'Save choices',
      purposes: {
        essential: { title: 'Essential', description: 'Needed for the site to work: security, sign-in, load balancing and remembering your cookie choice. They cannot be switched off.' },
        preference: { title: 'Preferences', description: 'Remember your settings, such as language or region, and power features like chat.' },
        analytics: { title: 'Analytics', description: 'Help us understand how visitors use the site, so we can improve it. The data is aggregated.' },
        marketing: { title: 'Marketing', description: 'Used by us and our advertising partners to show you relevant ads and measure campaigns, on this site and elsewhere.' }
      },
      'consent-store': { title: 'Consent storage', description: 'Remembers your cookie choice.' },
      'site-preferences': { title: 'Site preferences', description: 'Remembers your language and region.' },
      'fake-analytics': { title: 'Fake Analytics', description: 'Counts page views.' },
      'fake-pixel': { title: 'Fake Pixel', description: 'Measures ad conversions.' }
    }
  },
  services: [
    { name: 'consent-store', purposes: ['essential'], required: true },
    { name: 'site-preferences', purposes: ['preference'] },
    { name: 'fake-analytics', purposes: ['analytics'], cookies: [/^_ga/] },
    { name: 'fake-pixel', purposes: ['marketing'], cookies: ['_fbp'] }
  ]
};
