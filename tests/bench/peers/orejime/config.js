// Orejime 3.2.1 (standard theme, English build): four purposes (essential is mandatory), opt-in, the shared
// texts. Its tagged markup wraps the untouched tags: <template data-purpose="analytics"><script src=…>.
window.orejimeConfig = {
  privacyPolicyUrl: '/privacy',
  cookie: { name: 'orejime', duration: 182 },
  translations: {
    banner: {
      title: 'We value your privacy',
      description: 'We use cookies that the site needs to work, and, with your consent, cookies for preferences, analytics and marketing. You can change your choice at any time in Cookie settings.',
      accept: 'Accept all',
      decline: 'Reject all',
      configure: 'Preferences'
    },
    modal: {
      title: 'Cookie preferences',
      description: 'Choose which cookies we may use. Essential cookies are always on because the site cannot work without them.',
      saveInfo: 'Save choices'
    }
  },
  purposes: [
    { id: 'essential', title: 'Essential', description: 'Needed for the site to work: security, sign-in, load balancing and remembering your cookie choice. They cannot be switched off.', cookies: ['orejime'], isMandatory: true },
    { id: 'preference', title: 'Preferences', description: 'Remember your settings, such as language or region, and power features like chat.', cookies: [] },
    { id: 'analytics', title: 'Analytics', description: 'Help us understand how visitors use the site, so we can improve it. The data is aggregated.', cookies: ['_ga', /^_ga_/] },
    { id: 'marketing', title: 'Marketing', description: 'Used by us and our advertising partners to show you relevant ads and measure campaigns, on this site and elsewhere.', cookies: ['_fbp'] }
  ]
};
