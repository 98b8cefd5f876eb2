/* Shared by the demo's fake third parties. serve.mjs wraps every third-party script with this, so each one
   still arrives as a single self-contained file, as a real vendor's would. */
function badge(kind, text) {
  var list = document.getElementById('tp-badges');
  if (!list) return null;
  var item = document.createElement('li');
  item.className = 'tp-badge';
  item.setAttribute('data-badge', kind);
  item.textContent = text;
  list.append(item);
  return item;
}
function whenReady(run) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}
