// The leak sweep's untagged forms: how page code (or a tag manager) reaches a third party without asking Assent.
// Each call contacts {{TRACKER}}/leak/<service>/<form>-<phase>.<ext> for every service.
window.LeakForms = (function () {
  var SERVICES = ['analytics', 'marketing', 'preference'];
  var base = function (s) { return '{{TRACKER}}/leak/' + s + '/'; };
  var target = function () { return document.body || document.head; };
  var FORMS = {
    'create-script': function (u) { var s = document.createElement('script'); s.src = u + '.js'; document.head.appendChild(s); },
    'setattr-script': function (u) { var s = document.createElement('script'); s.setAttribute('src', u + '.js'); document.head.append(s); },
    'fragment-script': function (u) {
      document.head.appendChild(document.createRange().createContextualFragment('<script src="' + u + '.js"><\/script>'));
    },
    'create-iframe': function (u) { var f = document.createElement('iframe'); f.src = u + '.html'; target().appendChild(f); },
    'html-iframe': function (u) { target().insertAdjacentHTML('beforeend', '<iframe src="' + u + '.html"></iframe>'); },
    'html-img': function (u) { var d = document.createElement('div'); d.innerHTML = '<img src="' + u + '.gif" alt="">'; target().appendChild(d); },
    'pixel': function (u) { new Image().src = u + '.gif'; },
    'preload': function (u) { var l = document.createElement('link'); l.rel = 'preload'; l.as = 'script'; l.href = u + '.js'; document.head.appendChild(l); },
    'fetch': function (u) { fetch(u + '.gif', { mode: 'no-cors' }).catch(function () {}); },
    'beacon': function (u) { navigator.sendBeacon(u + '.gif', 'hit'); },
    'stylesheet': function (u) { var l = document.createElement('link'); l.rel = 'stylesheet'; l.setAttribute('href', u + '.css'); document.head.appendChild(l); },
  };
  return {
    FORMS: Object.keys(FORMS),
    WRITE_FORMS: ['write-script', 'write-img'],
    dynamic: function (phase) {
      SERVICES.forEach(function (s) {
        Object.keys(FORMS).forEach(function (f) { FORMS[f](base(s) + f + '-' + phase); });
      });
    },
    // document.write only works while the document is parsing.
    write: function () {
      SERVICES.forEach(function (s) {
        document.write('<script src="' + base(s) + 'write-script.js"><\/script>');
        document.write('<img src="' + base(s) + 'write-img.gif" alt="">');
      });
    },
  };
})();
