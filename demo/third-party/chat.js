/* Fake support chat (a third party in the "preference" category), served by the demo's third-party server.
   Sets chat_sid, renders a chat bubble (a button that opens a small panel) and adds a badge. */
(function () {
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function run() {
    document.cookie = 'chat_sid=c' + Date.now().toString(36) + '; path=/; max-age=86400; samesite=lax';
    var widget = el('aside', { class: 'tp-chat', 'aria-label': 'Support chat' });
    var panel = el('div', { class: 'tp-chat__panel', id: 'tp-chat-panel', hidden: '' });
    panel.append(el('p', {}, 'Hi! I am a fake chat widget from ChatBox. Nothing you type goes anywhere.'));
    var bubble = el('button', { type: 'button', class: 'tp-chat__bubble', 'aria-expanded': 'false', 'aria-controls': 'tp-chat-panel' }, 'Chat with us');
    bubble.addEventListener('click', function () {
      var open = bubble.getAttribute('aria-expanded') !== 'true';
      bubble.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
    });
    widget.append(panel, bubble);
    document.body.append(widget);
    badge('chat', 'Chat loaded');
  }
  whenReady(run);
})();
