// The libraries under test: how each one goes into the shared page (pages/page.html), which files the site
// serves for it, and where its banner and its "Accept all" button are (for the in-page probe, lib/probe.js).
// Placement follows each project's own documentation: Assent synchronously first in <head> (its contract:
// Consent Mode default + blocker before any other script); the peers as their READMEs show, with `defer`
// where they allow it (the fastest documented way for them).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(benchDir, '..', '..');
const nm = join(benchDir, 'node_modules');

function version(pkg) {
  try {
    return JSON.parse(readFileSync(join(nm, pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Assent's version from js-shim/package.json (the build under test). */
function assentVersion() {
  return JSON.parse(readFileSync(join(repoRoot, 'js-shim', 'package.json'), 'utf8')).version;
}

// The two tagged third-party scripts, in each library's own markup. T = tracker origin.
const tagged = {
  assent: (T) => `<script type="text/plain" data-category="analytics" data-service="fake-analytics" src="${T}/analytics.js"></script>
<script type="text/plain" data-category="marketing" data-service="fake-pixel" src="${T}/marketing.js"></script>`,
  cc3: (T) => `<script type="text/plain" data-category="analytics" src="${T}/analytics.js"></script>
<script type="text/plain" data-category="marketing" src="${T}/marketing.js"></script>`,
  osano: (T) => `<script type="text/plain" data-category="analytics" src="${T}/analytics.js"></script>
<script type="text/plain" data-category="marketing" src="${T}/marketing.js"></script>`,
  klaro: (T) => `<script type="text/plain" data-type="text/javascript" data-name="fake-analytics" data-src="${T}/analytics.js"></script>
<script type="text/plain" data-type="text/javascript" data-name="fake-pixel" data-src="${T}/marketing.js"></script>`,
  orejime: (T) => `<template data-purpose="analytics"><script src="${T}/analytics.js"></script></template>
<template data-purpose="marketing"><script src="${T}/marketing.js"></script></template>`,
};

/**
 * id → { name, pkg, version, mounts: {urlPrefix: dir}, head(T), bodyEnd(T), banner: [selectors…], accept: [selectors…] }
 * Selector arrays pierce shadow roots: each further selector is queried in the previous match's shadowRoot.
 */
/** Assent's page: the build in `dir` served under `prefix`, optionally with preload hints (see assent_preload). */
function assentPage({ name, pkg = 'assent (js-shim/dist)', dir = join(repoRoot, 'js-shim', 'dist'), prefix = '/assent/', whatIf = false, hints = false, server = false }) {
  const preload = hints ? `<link rel="preload" href="${prefix}assent.wasm" as="fetch" crossorigin="anonymous">
<link rel="preload" href="/cfg/assent/policy.json" as="fetch" crossorigin="anonymous">
` : '';
  return {
    name, pkg, version: assentVersion(), whatIf,
    mounts: { [prefix]: dir },
    config: { '/cfg/assent/policy.json': join(benchDir, 'peers', 'assent', 'policy.json') },
    head: (T) => `${preload}<script src="${prefix}assent.js" data-config="/cfg/assent/policy.json" data-region="DE"></script>
${tagged.assent(T)}`,
    bodyEnd: () => '',
    banner: ['assent-banner', 'section.banner'],
    accept: ['assent-banner', 'button[data-action="accept-all"]'],
    // Server-assisted: the page goes through assent-consent/server (lib/server.mjs calls render), which puts
    // the engine's decision and the painted banner into the HTML. The site's region is given (a CDN header).
    ...(server ? { render: serverRender(dir) } : {}),
  };
}

/** (html, request headers, policy text) → the page as assent-consent/server sends it; one engine per build. */
function serverRender(dir) {
  let assent = null;
  return async (html, headers, policy) => {
    assent ??= import(join(dir, 'server.mjs')).then(({ assentServer }) => assentServer({ policy, wasmPath: join(dir, 'assent.wasm'), region: () => 'DE' }));
    const a = await assent;
    return a.inject(html, a.render(headers));
  };
}

export const LIBRARIES = {
  assent: assentPage({ name: 'Assent' }),
  // What-if (not a shipped configuration): Assent's page with preload hints, so that the wasm and the policy
  // download in parallel with assent.js instead of after it has run. Excluded from the smoke run.
  assent_preload: assentPage({ name: 'Assent + preload hints', hints: true }),
  // The server-assisted start (README "Server-assisted start"): decision and banner in the HTML.
  assent_server: assentPage({ name: 'Assent server-assisted', server: true }),
  // Another build of Assent, to compare two versions in the same run (e.g. before/after a change):
  //   ASSENT_COMPARE_DIST=/path/to/old/js-shim/dist [ASSENT_COMPARE_LABEL=before] tests/bench/run.sh --libs assent,assent_compare
  ...(process.env.ASSENT_COMPARE_DIST ? {
    assent_compare: assentPage({
      name: `Assent (${process.env.ASSENT_COMPARE_LABEL || 'compare'})`,
      pkg: `assent (${process.env.ASSENT_COMPARE_DIST})`,
      dir: process.env.ASSENT_COMPARE_DIST,
      prefix: '/assent-compare/',
      whatIf: true,
    }),
  } : {}),
  cc3: {
    name: 'vanilla-cookieconsent',
    pkg: 'vanilla-cookieconsent',
    version: version('vanilla-cookieconsent'),
    mounts: { '/lib/cc3/': join(nm, 'vanilla-cookieconsent', 'dist') },
    config: { '/cfg/cc3/config.js': join(benchDir, 'peers', 'cc3', 'config.js') },
    head: (T) => `<link rel="stylesheet" href="/lib/cc3/cookieconsent.css">
<script defer src="/lib/cc3/cookieconsent.umd.js"></script>
<script defer src="/cfg/cc3/config.js"></script>
${tagged.cc3(T)}`,
    bodyEnd: () => '',
    banner: ['#cc-main .cm'],
    accept: ['#cc-main .cm [data-role="all"]'],
  },
  osano: {
    name: 'cookieconsent (Osano)',
    pkg: 'cookieconsent',
    version: version('cookieconsent'),
    mounts: { '/lib/osano/': join(nm, 'cookieconsent', 'build') },
    config: { '/cfg/osano/config.js': join(benchDir, 'peers', 'osano', 'config.js') },
    head: (T) => `<link rel="stylesheet" href="/lib/osano/cookieconsent.min.css">
<script defer src="/lib/osano/cookieconsent.min.js"></script>
<script defer src="/cfg/osano/config.js"></script>
${tagged.osano(T)}`,
    bodyEnd: () => '',
    banner: ['.cc-window'],
    accept: ['.cc-window .cc-allow'],
  },
  klaro: {
    name: 'Klaro',
    pkg: 'klaro',
    version: version('klaro'),
    mounts: { '/lib/klaro/': join(nm, 'klaro', 'dist') },
    config: { '/cfg/klaro/config.js': join(benchDir, 'peers', 'klaro', 'config.js') },
    head: (T) => `<script defer src="/cfg/klaro/config.js"></script>
<script defer src="/lib/klaro/klaro.js"></script>
${tagged.klaro(T)}`,
    bodyEnd: () => '',
    banner: ['.klaro .cookie-notice'],
    accept: ['.klaro .cookie-notice .cm-btn-success'],
  },
  orejime: {
    name: 'Orejime',
    pkg: 'orejime',
    version: version('orejime'),
    mounts: { '/lib/orejime/': join(nm, 'orejime', 'dist') },
    config: { '/cfg/orejime/config.js': join(benchDir, 'peers', 'orejime', 'config.js') },
    head: (T) => `<link rel="stylesheet" href="/lib/orejime/orejime-standard.css">
<script defer src="/cfg/orejime/config.js"></script>
<script defer src="/lib/orejime/orejime-standard-en.js"></script>
${tagged.orejime(T)}`,
    bodyEnd: () => '',
    banner: ['.orejime-Banner'],
    accept: ['.orejime-Banner .orejime-Banner-saveButton'],
  },
};

/** A page with no consent library at all: the baseline for main-thread time, heap and CLS. */
export const BASELINE = {
  name: '(no banner: baseline)',
  pkg: null,
  version: null,
  mounts: {},
  config: {},
  head: () => '<!-- no consent library, no tracker -->',
  bodyEnd: () => '',
  banner: null,
  accept: null,
};
