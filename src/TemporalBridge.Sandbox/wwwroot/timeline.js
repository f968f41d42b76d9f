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
  // Where a call's workflow opens in the Temporal UI (/sandbox/timeline/settings); null: no links.
  let workflows = null;

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
      make('span', `${call.duration_ms} ms`, 'took'),
      workflowLink(call.workflow));
    list.prepend(item);
    while (list.children.length > kept) {
      list.lastElementChild.remove();
    }
    empty.hidden = true;
  }

  function workflowLink(id) {
    if (!id || !workflows) {
      return make('span', '');
    }
    const link = make('a', 'Workflow');
    link.href = workflows + encodeURIComponent(id);
    link.target = '_blank';
    link.rel = 'noopener';
    link.setAttribute('aria-label', `Workflow ${id} in the Temporal UI`);
    link.title = id;
    return link;
  }

  async function listen() {
    const settings = await fetch('/sandbox/timeline/settings').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
    workflows = settings.workflows || null;
    const events = new EventSource('/sandbox/timeline');
    events.addEventListener('open', () => { state.textContent = 'Live'; });
    events.addEventListener('error', () => { state.textContent = 'Reconnecting…'; });
    events.addEventListener('call', (event) => {
      const call = JSON.parse(event.data);
      show(call);
      // The other panels redraw on this (sandboxPage.onWireCall).
      document.dispatchEvent(new CustomEvent('wire-call', { detail: call }));
    });
  }

  listen();
})();
