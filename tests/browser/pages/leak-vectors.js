// The leak sweep's vectors: every way a tag or careless page code reaches a third party, as data. One entry per
// vector: { id, ext, layer, desc, run(url, ctx) } (+ phases, page, available):
//   layer 'js'   the JavaScript blocker must hold it (asserted by the JS-only sweep)
//         'csp'  only a Content-Security-Policy can hold it (asserted only with the CSP layer on; its control,
//                the granted service reaching the tracker, is asserted everywhere)
//   phases       ['early', 'late'] by default ('early': run while the document is parsing and the policy loads;
//                'late': after Assent.ready); ['early'] for document.write; ['static'] for markup written in
//                leak.html itself (no run)
//   page         'main' (leak.html, default) or 'first' (leak-first.html: a page script runs before assent.js)
//   available()  true, or why the vector cannot run in this browser (then it is skipped and reported)
// Each run contacts {{TRACKER}}/leak/<service>/<id>-<phase>.<ext> (static: <id>.<ext>) for one service.
//
// Served to the page by the test site (templated: {{TRACKER}}), and read by leak-sweep.test.mjs in a node:vm
// context (only the table; nothing runs there), so the list exists once. Plain browser JS, no build.
(function (root) {
  'use strict';
  var SERVICES = ['analytics', 'marketing', 'preference'];
  var TRACKER = '{{TRACKER}}';
  var SVG = 'http://www.w3.org/2000/svg';
  var BLANK_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  var noop = function () {};
  var quiet = function (p) { if (p && typeof p.catch === 'function') p.catch(noop); return p; };

  // Where vectors put their elements: the page's sink (visible, so CSS and fonts are used), else body/head.
  function sink() { return document.getElementById('leak-sink') || document.body || document.head; }
  function head() { return document.head || document.documentElement; }
  /** A small visible box (CSS backgrounds are fetched for rendered elements only). */
  function box(tag) {
    var el = document.createElement(tag || 'div');
    el.style.display = 'inline-block';
    el.style.width = '4px';
    el.style.height = '4px';
    return el;
  }
  /** A fresh same-origin about:blank iframe (its own realm: its own fetch, Image, Document.prototype…). */
  function blankFrame(name) {
    var f = document.createElement('iframe');
    if (name) f.name = name;
    f.width = '4'; f.height = '4';
    f.title = 'leak helper';
    sink().appendChild(f);
    return f;
  }
  /** A class/family name unique to one run (CSS vectors). */
  function token(ctx) { return 'lk-' + ctx.id + '-' + ctx.service + '-' + ctx.phase; }
  var q = function (u) { return JSON.stringify(String(u)); }; // a quoted string for HTML attributes and CSS url()

  // What page globals Assent leaves might hand out: its state (original fetch, saved setters). Page code that
  // finds one can use it to go around the blocker; a vector that gets nothing falls back to the page's own API,
  // so its control still proves the vector ran.
  function assentState() {
    var found = [];
    var add = function (v) { if (v && (typeof v === 'object' || typeof v === 'function') && found.indexOf(v) < 0) found.push(v); };
    try { add(window.__assent); } catch (e) { /* a throwing getter hands out nothing */ }
    try { if (typeof window.__assentClaim === 'function') add(window.__assentClaim()); } catch (e) { /* refused */ }
    Object.getOwnPropertyNames(window).forEach(function (k) {
      if (!/assent/i.test(k) || k === 'Assent' || k === '__assentEvents' || k === '__assentClaim') return;
      try { add(window[k]); } catch (e) { /* ignore */ }
    });
    return found;
  }
  function originalFetch() {
    var states = assentState();
    for (var i = 0; i < states.length; i++) {
      var s = states[i];
      var c = [s.intercept && s.intercept.fetch, s.fetch, s.originals && s.originals.fetch];
      for (var j = 0; j < c.length; j++) if (typeof c[j] === 'function') return c[j];
    }
    return null;
  }
  function originalSetters() {
    var out = [];
    assentState().forEach(function (s) {
      var list = (s.intercept && s.intercept.setters) || s.setters || [];
      for (var k in list) if (list[k] && typeof list[k].set === 'function') out.push(list[k].set);
    });
    return out;
  }

  var notes = root.__leakNotes = root.__leakNotes || [];
  var skipped = root.__leakSkipped = root.__leakSkipped || [];
  function note(ctx, text) { notes.push({ id: ctx.id, phase: ctx.phase, service: ctx.service, note: text }); }

  var VECTORS = [
    // --- Markup in leak.html (tagged as Assent documents) and document.write while parsing -------------------
    { id: 'tag-script', ext: 'js', layer: 'js', phases: ['static'], desc: 'tagged `<script type="text/plain" data-category src>`' },
    { id: 'tag-inline', ext: 'gif', layer: 'js', phases: ['static'], desc: 'tagged inline `<script type="text/plain" data-category>` (sets `new Image().src`)' },
    { id: 'tag-iframe', ext: 'html', layer: 'js', phases: ['static'], desc: 'tagged `<iframe data-category data-src>`' },
    { id: 'tag-img', ext: 'gif', layer: 'js', phases: ['static'], desc: 'tagged `<img data-category data-src>`' },
    { id: 'write-script', ext: 'js', layer: 'js', phases: ['early'], desc: '`document.write(\'<script src>\')` while parsing',
      run: function (u) { document.write('<script src=' + q(u) + '><\/script>'); } },
    { id: 'write-img', ext: 'gif', layer: 'js', phases: ['early'], desc: '`document.write(\'<img src>\')` while parsing',
      run: function (u) { document.write('<img src=' + q(u) + ' alt="">'); } },

    // --- Elements made by code ----------------------------------------------------------------------------
    { id: 'create-script', ext: 'js', layer: 'js', desc: '`createElement(\'script\')` + `.src`',
      run: function (u) { var s = document.createElement('script'); s.src = u; head().appendChild(s); } },
    { id: 'setattr-script', ext: 'js', layer: 'js', desc: '`createElement(\'script\')` + `setAttribute(\'src\')`',
      run: function (u) { var s = document.createElement('script'); s.setAttribute('src', u); head().append(s); } },
    { id: 'setattrns-script', ext: 'js', layer: 'js', desc: '`<script>` + `setAttributeNS(null, \'src\')`',
      run: function (u) { var s = document.createElement('script'); s.setAttributeNS(null, 'src', u); head().appendChild(s); } },
    { id: 'setattrnode-img', ext: 'gif', layer: 'js', desc: '`<img>` + `setAttributeNode(document.createAttribute(\'src\'))`',
      run: function (u) {
        var img = document.createElement('img'); img.alt = '';
        var a = document.createAttribute('src'); a.value = u; img.setAttributeNode(a); sink().appendChild(img);
      } },
    { id: 'attrvalue-img', ext: 'gif', layer: 'js', desc: '`<img>` with a data: src, then `getAttributeNode(\'src\').value = url`',
      run: function (u) {
        var img = document.createElement('img'); img.alt = ''; img.setAttribute('src', BLANK_GIF);
        img.getAttributeNode('src').value = u; sink().appendChild(img);
      } },
    { id: 'create-iframe', ext: 'html', layer: 'js', desc: '`createElement(\'iframe\')` + `.src`',
      run: function (u) { var f = document.createElement('iframe'); f.src = u; f.width = '4'; f.height = '4'; sink().appendChild(f); } },
    { id: 'pixel', ext: 'gif', layer: 'js', desc: '`new Image().src` (pixel)',
      run: function (u) { new Image().src = u; } },
    { id: 'preload', ext: 'js', layer: 'js', desc: '`<link rel=preload as=script href>`',
      run: function (u) { var l = document.createElement('link'); l.rel = 'preload'; l.as = 'script'; l.href = u; head().appendChild(l); } },
    { id: 'stylesheet', ext: 'css', layer: 'js', desc: '`<link rel=stylesheet>` + `setAttribute(\'href\')`',
      run: function (u) { var l = document.createElement('link'); l.rel = 'stylesheet'; l.setAttribute('href', u); head().appendChild(l); } },
    { id: 'preload-imagesrcset', ext: 'gif', layer: 'js', desc: '`<link rel=preload as=image imagesrcset>` (no href)',
      run: function (u) { var l = document.createElement('link'); l.rel = 'preload'; l.as = 'image'; l.imageSrcset = u + ' 1x'; head().appendChild(l); } },
    { id: 'img-srcset', ext: 'gif', layer: 'js', desc: '`<img srcset>` without src',
      run: function (u) { var i = document.createElement('img'); i.alt = ''; i.srcset = u + ' 1x'; sink().appendChild(i); } },
    { id: 'img-srcset-src', ext: 'gif', layer: 'js', desc: '`<img>` with a data: src and a tracker `srcset`',
      run: function (u) { var i = document.createElement('img'); i.alt = ''; i.src = BLANK_GIF; i.srcset = u + ' 1x'; sink().appendChild(i); } },
    { id: 'picture-source', ext: 'gif', layer: 'js', desc: '`<picture><source srcset><img></picture>`',
      run: function (u) {
        var p = document.createElement('picture'); var s = document.createElement('source'); s.srcset = u;
        var i = document.createElement('img'); i.alt = ''; p.appendChild(s); p.appendChild(i); sink().appendChild(p);
      } },
    { id: 'input-image', ext: 'gif', layer: 'js', desc: '`<input type=image src>`',
      run: function (u) { var i = document.createElement('input'); i.type = 'image'; i.alt = 'x'; i.src = u; sink().appendChild(i); } },
    { id: 'svg-image', ext: 'gif', layer: 'js', desc: 'SVG `<image href>` made with `createElementNS`',
      run: function (u) {
        var svg = document.createElementNS(SVG, 'svg'); svg.setAttribute('width', '4'); svg.setAttribute('height', '4');
        var im = document.createElementNS(SVG, 'image'); im.setAttribute('width', '4'); im.setAttribute('height', '4');
        im.setAttribute('href', u); svg.appendChild(im); sink().appendChild(svg);
      } },
    { id: 'object-data', ext: 'html', layer: 'js', desc: '`<object data type=text/html>` made by script',
      run: function (u) { var o = document.createElement('object'); o.type = 'text/html'; o.data = u; o.width = '4'; o.height = '4'; sink().appendChild(o); } },
    { id: 'embed-src', ext: 'html', layer: 'js', desc: '`<embed src type=text/html>` made by script',
      run: function (u) { var e = document.createElement('embed'); e.type = 'text/html'; e.src = u; e.width = '4'; e.height = '4'; sink().appendChild(e); } },

    // --- Media ----------------------------------------------------------------------------------------------
    { id: 'video-src', ext: 'mp4', layer: 'js', desc: '`<video src>`',
      run: function (u) { var v = document.createElement('video'); v.muted = true; v.preload = 'auto'; v.src = u; sink().appendChild(v); } },
    { id: 'video-poster', ext: 'gif', layer: 'js', desc: '`<video poster>`',
      run: function (u) { var v = document.createElement('video'); v.width = 4; v.height = 4; v.poster = u; sink().appendChild(v); } },
    { id: 'video-source', ext: 'webm', layer: 'js', desc: '`<video><source src></video>`',
      run: function (u) {
        var v = document.createElement('video'); v.muted = true; v.preload = 'auto';
        var s = document.createElement('source'); s.src = u; v.appendChild(s); sink().appendChild(v);
      } },
    { id: 'audio-src', ext: 'mp3', layer: 'js', desc: '`<audio src>`',
      run: function (u) { var a = document.createElement('audio'); a.preload = 'auto'; a.src = u; sink().appendChild(a); } },
    { id: 'audio-ctor', ext: 'ogg', layer: 'js', desc: '`new Audio(url)` (never inserted)',
      run: function (u) { root.__leakKeep = (root.__leakKeep || []).concat([new Audio(u)]); } },
    { id: 'track-src', ext: 'vtt', layer: 'js', desc: '`<track default src>` in a `<video crossorigin>` without src (cross-origin tracks need CORS)',
      run: function (u) {
        var v = document.createElement('video'); v.crossOrigin = 'anonymous'; v.width = 4; v.height = 4;
        var t = document.createElement('track'); t.kind = 'subtitles'; t.srclang = 'en'; t.label = 'x'; t.default = true;
        t.src = u; v.appendChild(t); sink().appendChild(v);
        t.track.mode = 'hidden'; // a track loads once it is not disabled
      } },

    // --- HTML written or parsed by code ------------------------------------------------------------------------
    { id: 'fragment-script', ext: 'js', layer: 'js', desc: '`Range.prototype.createContextualFragment(\'<script src>\')`',
      run: function (u) { head().appendChild(document.createRange().createContextualFragment('<script src=' + q(u) + '><\/script>')); } },
    { id: 'html-iframe', ext: 'html', layer: 'js', desc: '`insertAdjacentHTML(\'<iframe src>\')`',
      run: function (u) { sink().insertAdjacentHTML('beforeend', '<iframe width="4" height="4" src=' + q(u) + '></iframe>'); } },
    { id: 'html-img', ext: 'gif', layer: 'js', desc: '`innerHTML = \'<img src>\'`',
      run: function (u) { var d = document.createElement('div'); d.innerHTML = '<img alt="" src=' + q(u) + '>'; sink().appendChild(d); } },
    { id: 'tpl-static-img', ext: 'gif', layer: 'js', desc: '`<template>` in the page HTML with an `<img src>`, `document.importNode(content, true)`',
      run: function (u, ctx) { sink().appendChild(document.importNode(ctx.template().content, true)); } },
    { id: 'tpl-static-script', ext: 'js', layer: 'js', desc: '`<template>` in the page HTML with a `<script src>`, `content.cloneNode(true)`',
      run: function (u, ctx) { head().appendChild(ctx.template().content.cloneNode(true)); } },
    { id: 'tpl-static-iframe', ext: 'html', layer: 'js', desc: '`<template>` in the page HTML with an `<iframe src>`, `document.importNode(content, true)`',
      run: function (u, ctx) { sink().appendChild(document.importNode(ctx.template().content, true)); } },
    { id: 'tpl-inner-img', ext: 'gif', layer: 'js', desc: '`template.innerHTML = \'<img src>\'`, `content.cloneNode(true)`',
      run: function (u) { var t = document.createElement('template'); t.innerHTML = '<img alt="" src=' + q(u) + '>'; sink().appendChild(t.content.cloneNode(true)); } },
    { id: 'tpl-inner-iframe', ext: 'html', layer: 'js', desc: '`template.innerHTML = \'<iframe src>\'`, `document.importNode(content, true)`',
      run: function (u) {
        var t = document.createElement('template'); t.innerHTML = '<iframe width="4" height="4" src=' + q(u) + '></iframe>';
        sink().appendChild(document.importNode(t.content, true));
      } },
    { id: 'domparser-adopt-img', ext: 'gif', layer: 'js', desc: '`DOMParser` `<img src>`, `document.adoptNode` + append',
      run: function (u) {
        var d = new DOMParser().parseFromString('<img alt="" src=' + q(u) + '>', 'text/html');
        sink().appendChild(document.adoptNode(d.body.firstChild));
      } },
    { id: 'domparser-append-img', ext: 'gif', layer: 'js', desc: '`DOMParser` `<img src>`, body children appended as they are',
      run: function (u) {
        var d = new DOMParser().parseFromString('<img alt="" src=' + q(u) + '>', 'text/html');
        sink().append.apply(sink(), Array.prototype.slice.call(d.body.childNodes));
      } },
    { id: 'domparser-import-iframe', ext: 'html', layer: 'js', desc: '`DOMParser` `<iframe src>`, `document.importNode` + append',
      run: function (u) {
        var d = new DOMParser().parseFromString('<iframe width="4" height="4" src=' + q(u) + '></iframe>', 'text/html');
        sink().appendChild(document.importNode(d.body.firstChild, true));
      } },
    { id: 'sethtmlunsafe-img', ext: 'gif', layer: 'js', desc: '`Element.prototype.setHTMLUnsafe(\'<img src>\')`',
      available: function () { return typeof Element.prototype.setHTMLUnsafe === 'function' || 'no Element.prototype.setHTMLUnsafe'; },
      run: function (u) { var d = document.createElement('div'); d.setHTMLUnsafe('<img alt="" src=' + q(u) + '>'); sink().appendChild(d); } },
    { id: 'sethtmlunsafe-iframe', ext: 'html', layer: 'js', desc: '`Element.prototype.setHTMLUnsafe(\'<iframe src>\')`',
      available: function () { return typeof Element.prototype.setHTMLUnsafe === 'function' || 'no Element.prototype.setHTMLUnsafe'; },
      run: function (u) { var d = document.createElement('div'); d.setHTMLUnsafe('<iframe width="4" height="4" src=' + q(u) + '></iframe>'); sink().appendChild(d); } },
    { id: 'parsehtmlunsafe-img', ext: 'gif', layer: 'js', desc: '`Document.parseHTMLUnsafe(\'<img src>\')`, body child appended',
      available: function () { return typeof Document.parseHTMLUnsafe === 'function' || 'no Document.parseHTMLUnsafe'; },
      run: function (u) { var d = Document.parseHTMLUnsafe('<img alt="" src=' + q(u) + '>'); sink().appendChild(d.body.firstChild); } },
    { id: 'parsehtmlunsafe-iframe', ext: 'html', layer: 'js', desc: '`Document.parseHTMLUnsafe(\'<iframe src>\')`, `document.importNode` + append',
      available: function () { return typeof Document.parseHTMLUnsafe === 'function' || 'no Document.parseHTMLUnsafe'; },
      run: function (u) {
        var d = Document.parseHTMLUnsafe('<iframe width="4" height="4" src=' + q(u) + '></iframe>');
        sink().appendChild(document.importNode(d.body.firstChild, true));
      } },
    { id: 'dsd-img', ext: 'gif', layer: 'js', desc: 'declarative shadow DOM via `setHTMLUnsafe`: `<div><template shadowrootmode=open><img src>`',
      available: function () { return typeof Element.prototype.setHTMLUnsafe === 'function' || 'no Element.prototype.setHTMLUnsafe'; },
      run: function (u) {
        var d = document.createElement('div');
        d.setHTMLUnsafe('<div><template shadowrootmode="open"><img alt="" src=' + q(u) + '></template></div>');
        sink().appendChild(d);
      } },
    { id: 'srcdoc-img', ext: 'gif', layer: 'js', desc: '`<iframe srcdoc>` containing an `<img src>`',
      run: function (u) { var f = document.createElement('iframe'); f.width = '4'; f.height = '4'; f.srcdoc = '<img alt="" src=' + q(u) + '>'; sink().appendChild(f); } },
    { id: 'srcdoc-script', ext: 'js', layer: 'js', desc: '`<iframe srcdoc>` containing a `<script src>`',
      run: function (u) { var f = document.createElement('iframe'); f.width = '4'; f.height = '4'; f.srcdoc = '<script src=' + q(u) + '><\/script>'; sink().appendChild(f); } },
    { id: 'blank-write-img', ext: 'gif', layer: 'js', desc: 'about:blank iframe written by script: `f.contentDocument.write(\'<img src>\')`',
      run: function (u) { var d = blankFrame().contentDocument; d.open(); d.write('<img alt="" src=' + q(u) + '>'); d.close(); } },

    // --- Requests without an element -------------------------------------------------------------------------
    { id: 'fetch', ext: 'gif', layer: 'js', desc: '`fetch()`',
      run: function (u) { quiet(fetch(u, { mode: 'no-cors' })); } },
    { id: 'beacon', ext: 'gif', layer: 'js', desc: '`navigator.sendBeacon()`',
      run: function (u) { navigator.sendBeacon(u, 'hit'); } },
    { id: 'beacon-proto', ext: 'gif', layer: 'js', desc: '`Navigator.prototype.sendBeacon.call(navigator, …)`',
      run: function (u) { Navigator.prototype.sendBeacon.call(navigator, u, 'hit'); } },
    { id: 'xhr', ext: 'txt', layer: 'js', desc: '`XMLHttpRequest` (async)',
      run: function (u) { var x = new XMLHttpRequest(); x.open('GET', u, true); x.onerror = noop; x.send(); } },
    { id: 'websocket', ext: 'ws', layer: 'js', desc: '`new WebSocket(\'ws://…\')`',
      run: function (u) { var w = new WebSocket(u.replace(/^http/, 'ws')); w.onerror = noop; } },
    { id: 'eventsource', ext: 'sse', layer: 'js', desc: '`new EventSource()` (text/event-stream)',
      run: function (u) { var es = new EventSource(u); es.onmessage = es.onerror = function () { es.close(); }; } },
    { id: 'fetchlater', ext: 'gif', layer: 'js', desc: '`fetchLater(url, { activateAfter: 0 })`',
      available: function () { return typeof window.fetchLater === 'function' || 'no window.fetchLater in this browser'; },
      run: function (u) { window.fetchLater(u, { activateAfter: 0 }); } },
    // (The realm-* vectors share one fresh frame per vector and phase for the three services: frames are costly.)
    { id: 'realm-fetch', ext: 'gif', layer: 'js', desc: '`fetch` of a fresh about:blank iframe: `f.contentWindow.fetch()`',
      run: function (u, ctx) { quiet(ctx.shared(blankFrame).contentWindow.fetch(u, { mode: 'no-cors' })); } },
    { id: 'realm-beacon', ext: 'gif', layer: 'js', desc: '`sendBeacon` of a fresh about:blank iframe: `f.contentWindow.navigator.sendBeacon()`',
      run: function (u, ctx) { ctx.shared(blankFrame).contentWindow.navigator.sendBeacon(u, 'hit'); } },
    { id: 'realm-image', ext: 'gif', layer: 'js', desc: '`new f.contentWindow.Image().src` (Image of a fresh about:blank iframe)',
      run: function (u, ctx) { var w = ctx.shared(blankFrame).contentWindow; new w.Image().src = u; } },
    { id: 'global-fetch', ext: 'gif', layer: 'js', desc: 'an original `fetch` from a page global Assent leaves (`window.__assent?.intercept?.fetch`, `__assentClaim()`, …); none found: `fetch()`',
      run: function (u, ctx) {
        var f = originalFetch();
        if (!f) { note(ctx, 'no page global hands out an original fetch (fell back to window.fetch)'); f = window.fetch; }
        else note(ctx, 'a page global handed out a fetch function');
        quiet(f.call(window, u, { mode: 'no-cors' }));
      } },
    { id: 'global-setter', ext: 'gif', layer: 'js', desc: 'a saved original `src` setter from a page global Assent leaves; none found: `new Image().src`',
      run: function (u, ctx) {
        var setters = originalSetters();
        var img = new Image();
        if (!setters.length) { note(ctx, 'no page global hands out saved setters (fell back to new Image().src)'); img.src = u; return; }
        note(ctx, 'a page global handed out ' + setters.length + ' setter(s)');
        var done = false;
        setters.forEach(function (set) { if (done) return; try { set.call(img, u); done = img.getAttribute('src') === u; } catch (e) { /* wrong kind */ } });
        if (!done) img.src = u;
      } },
    // Late only: a pop-up cannot wait for the policy, so before it is known window.open to another host is
    // refused (returns null, fail closed) whether or not the service is granted later (README).
    { id: 'window-open', ext: 'html', layer: 'js', phases: ['late'], desc: '`window.open(url)` after Assent.ready (the test closes the popups)',
      run: function (u) { root.__leakPopups = (root.__leakPopups || 0) + (window.open(u, '_blank') ? 1 : 0); } },

    // --- CSS and fonts -----------------------------------------------------------------------------------------
    { id: 'style-attr', ext: 'gif', layer: 'js', desc: '`style` attribute with `background-image:url()` on a visible element',
      run: function (u) {
        var d = document.createElement('div');
        d.setAttribute('style', 'display:inline-block;width:4px;height:4px;background-image:url(' + q(u) + ')'); sink().appendChild(d);
      } },
    { id: 'style-prop', ext: 'gif', layer: 'js', desc: '`el.style.backgroundImage = \'url()\'`',
      run: function (u) { var d = box(); d.style.backgroundImage = 'url(' + q(u) + ')'; sink().appendChild(d); } },
    { id: 'style-import', ext: 'css', layer: 'js', desc: '`<style>@import url()</style>`',
      run: function (u) { var s = document.createElement('style'); s.textContent = '@import url(' + q(u) + ');'; head().appendChild(s); } },
    { id: 'style-rule', ext: 'gif', layer: 'js', desc: '`<style>` rule with `url()` applied to a visible element',
      run: function (u, ctx) {
        var s = document.createElement('style'); s.textContent = '.' + token(ctx) + '{background-image:url(' + q(u) + ')}'; head().appendChild(s);
        var d = box(); d.className = token(ctx); sink().appendChild(d);
      } },
    { id: 'insert-rule', ext: 'gif', layer: 'js', desc: '`sheet.insertRule(\'… { background:url() }\')`',
      run: function (u, ctx) {
        var s = document.createElement('style'); head().appendChild(s);
        s.sheet.insertRule('.' + token(ctx) + '{background:url(' + q(u) + ')}', 0);
        var d = box(); d.className = token(ctx); sink().appendChild(d);
      } },
    { id: 'constructed-sheet', ext: 'gif', layer: 'js', desc: '`new CSSStyleSheet()` + `replaceSync()`, adopted by the document',
      run: function (u, ctx) {
        var sh = new CSSStyleSheet(); sh.replaceSync('.' + token(ctx) + '{background-image:url(' + q(u) + ')}');
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sh]);
        var d = box(); d.className = token(ctx); sink().appendChild(d);
      } },
    { id: 'font-face', ext: 'woff2', layer: 'js', desc: '`@font-face` in a `<style>`, used by visible text',
      run: function (u, ctx) {
        var s = document.createElement('style');
        s.textContent = '@font-face{font-family:"' + token(ctx) + '";src:url(' + q(u) + ') format("woff2")}.' + token(ctx) + '{font-family:"' + token(ctx) + '"}';
        head().appendChild(s);
        var t = document.createElement('span'); t.className = token(ctx); t.textContent = 'x'; sink().appendChild(t);
      } },
    { id: 'fontface-api', ext: 'woff2', layer: 'js', desc: '`new FontFace(\'x\', \'url()\').load()`',
      run: function (u, ctx) { quiet(new FontFace(token(ctx), 'url(' + q(u) + ')').load()); } },

    // --- Only a Content-Security-Policy can hold these --------------------------------------------------------
    { id: 'dynamic-import', ext: 'js', layer: 'csp', desc: 'dynamic `import(url)`',
      run: function (u) { quiet(import(u)); } },
    { id: 'inline-module', ext: 'js', layer: 'csp', desc: 'inline `<script type=module>` with `import "…"`, inserted by script',
      run: function (u) { var s = document.createElement('script'); s.type = 'module'; s.textContent = 'import ' + q(u) + ';'; head().appendChild(s); } },
    { id: 'worker-fetch', ext: 'gif', layer: 'csp', desc: 'blob: `Worker` that calls `fetch(url)`',
      run: function (u) { new Worker(blobScript('fetch(' + q(u) + ', { mode: "no-cors" }).catch(function () {});')); } },
    { id: 'worker-import', ext: 'js', layer: 'csp', desc: 'blob: `Worker` that calls `importScripts(url)`',
      run: function (u) { new Worker(blobScript('try { importScripts(' + q(u) + '); } catch (e) {}')); } },
    { id: 'sharedworker-fetch', ext: 'gif', layer: 'csp', desc: 'blob: `SharedWorker` that calls `fetch(url)`',
      available: function () { return typeof SharedWorker === 'function' || 'no SharedWorker'; },
      run: function (u) { new SharedWorker(blobScript('fetch(' + q(u) + ', { mode: "no-cors" }).catch(function () {});')); } },
    { id: 'sharedworker-import', ext: 'js', layer: 'csp', desc: 'blob: `SharedWorker` that calls `importScripts(url)`',
      available: function () { return typeof SharedWorker === 'function' || 'no SharedWorker'; },
      run: function (u) { new SharedWorker(blobScript('try { importScripts(' + q(u) + '); } catch (e) {}')); } },
    { id: 'first-fetch', ext: 'gif', layer: 'csp', page: 'first', desc: '`fetch` saved by a page script that runs before assent.js (leak-first.html)',
      run: function (u) { quiet(root.__savedBeforeAssent.fetch(u)); } },
    { id: 'first-img-setter', ext: 'gif', layer: 'csp', page: 'first', desc: '`HTMLImageElement.prototype` src setter saved before assent.js (leak-first.html)',
      run: function (u) { root.__savedBeforeAssent.imgSrc(u); } },
    { id: 'a-ping', ext: 'txt', layer: 'csp', desc: '`<a ping>` clicked by script (href: a same-origin page in a named iframe)',
      run: function (u, ctx) {
        var name = ctx.shared(function () { return blankFrame('lk-ping-' + ctx.phase); }).name; // one target per phase
        var a = document.createElement('a'); a.href = '/leak-blank.html'; a.target = name; a.ping = u; a.textContent = '.';
        sink().appendChild(a); a.click();
      } },
    { id: 'form-post', ext: 'html', layer: 'csp', desc: 'form POST to the tracker, targeting a hidden iframe',
      run: function (u, ctx) {
        var name = token(ctx); blankFrame(name);
        var f = document.createElement('form'); f.method = 'post'; f.action = u; f.target = name;
        var i = document.createElement('input'); i.type = 'hidden'; i.name = 'ev'; i.value = 'x'; f.appendChild(i);
        sink().appendChild(f); f.submit();
      } },
    { id: 'iframe-location', ext: 'html', layer: 'csp', desc: '`iframe.contentWindow.location = url` (same-origin about:blank iframe)',
      run: function (u) { blankFrame().contentWindow.location = u; } },
    // On leak-first.html, which opens no popup: Chromium does not start the prefetches of a tab that is not in front
    // (a window.open popup is), and does not retry them when it is again.
    { id: 'specrules-prefetch', ext: 'html', layer: 'js', page: 'first', desc: '`<script type=speculationrules>` list prefetch, inserted by script (on leak-first.html: a tab behind a popup prefetches nothing)',
      available: function () { return (HTMLScriptElement.supports && HTMLScriptElement.supports('speculationrules')) || 'no speculation rules'; },
      run: function (u) {
        var s = document.createElement('script'); s.type = 'speculationrules';
        s.textContent = JSON.stringify({ prefetch: [{ source: 'list', urls: [u] }] }); head().appendChild(s);
      } },
  ];

  function blobScript(text) { return URL.createObjectURL(new Blob([text], { type: 'text/javascript' })); }

  VECTORS.forEach(function (v) { v.phases = v.phases || ['early', 'late']; v.page = v.page || 'main'; });

  var helpers = {};

  /** The path a vector contacts for one service and phase. */
  function path(v, service, phase) { return '/leak/' + service + '/' + v.id + (phase === 'static' ? '' : '-' + phase) + '.' + v.ext; }

  /** Runs every vector of `page` for `phase`, for every service (?skip=id,id leaves some out, for debugging). */
  function run(phase, page) {
    var skip = (new URLSearchParams(location.search).get('skip') || '').split(',');
    VECTORS.forEach(function (v) {
      if (!v.run || v.page !== page || v.phases.indexOf(phase) < 0) return;
      var ok = skip.indexOf(v.id) >= 0 ? 'left out by ?skip= (ASSENT_LEAK_SKIP)' : v.available ? v.available() : true;
      if (ok !== true) { skipped.push({ id: v.id, phase: phase, why: String(ok) }); return; }
      var t0 = performance.now();
      SERVICES.forEach(function (s) {
        var ctx = {
          id: v.id, service: s, phase: phase,
          template: function () { return document.querySelector('template[data-leak="' + s + ':' + v.id + ':' + phase + '"]'); },
          // one helper (a fresh about:blank frame, a link target) for the three services of this vector and phase
          shared: function (make) { var k = v.id + ':' + phase; return k in helpers ? helpers[k] : (helpers[k] = make()); },
        };
        try { quiet(v.run(TRACKER + path(v, s, phase), ctx)); }
        catch (e) { note(ctx, 'threw ' + (e && e.name) + ': ' + (e && e.message)); }
      });
      var ms = performance.now() - t0;
      (root.__leakTimes = root.__leakTimes || []).push({ id: v.id, phase: phase, ms: Math.round(ms) });
    });
  }

  root.LeakVectors = {
    SERVICES: SERVICES,
    path: path,
    run: run,
    /** The table without code (what leak-sweep.test.mjs reads). */
    table: VECTORS.map(function (v) { return { id: v.id, ext: v.ext, layer: v.layer, desc: v.desc, phases: v.phases.slice(), page: v.page }; }),
  };
})(typeof window !== 'undefined' ? window : globalThis);
