// "What crossed the wire": the sandbox's server-sent events (/sandbox/timeline), one list item per call, newest
// first. EventSource reconnects by itself and sends the last id it saw, so nothing is shown twice or missed.
'use strict';

(() => {
  const { make } = window.sandboxPage;
  const kept = 200;
  const names = { whatsapp: 'WhatsApp', messenger: 'Messenger', vcita: 'vcita', meta: 'Meta' };
  const list = document.getElementById('timeline');
  const empty = document.getElementById('wire-empty');
  const state = document.getElementById('wire-state');

  function show(call) {
    const service = names[call.service] || call.service;
    const item = document.createElement('li');
    const at = new Date(call.at);
    const time = make('time', at.toLocaleTimeString([], { hour12: false }));
    time.dateTime = call.at;
    item.append(
      time,
      make('span', call.direction === 'to_bridge' ? `${service} → bridge` : `bridge → ${service}`),
      make('code', `${call.method} ${call.path}`),
      make('span', call.status === null ? 'no answer' : String(call.status),
        call.status !== null && call.status < 300 ? 'answer' : 'answer refused'),
      make('span', `${call.duration_ms} ms`, 'took'));
    list.prepend(item);
    while (list.children.length > kept) {
      list.lastElementChild.remove();
    }
    empty.hidden = true;
  }

  const events = new EventSource('/sandbox/timeline');
  events.addEventListener('open', () => { state.textContent = 'Live'; });
  events.addEventListener('error', () => { state.textContent = 'Reconnecting…'; });
  events.addEventListener('call', (event) => {
    const call = JSON.parse(event.data);
    show(call);
    // The other panels redraw on this (sandboxPage.onWireCall).
    document.dispatchEvent(new CustomEvent('wire-call', { detail: call }));
  });
})();
