// vcita's side of the conversations, drawn from the vcita emulator's state (/vcita-emulator/_control/state) and
// redrawn whenever a call crosses the wire (timeline.js's 'wire-call'): no polling. Staff actions are the emulator's
// callback triggers, so the bridge is called exactly as vcita would call it.
'use strict';

(() => {
  const { make, button } = window.sandboxPage;
  const control = '/vcita-emulator/_control';
  const element = (id) => document.getElementById(id);
  const channels = element('vcita-channels');
  const sessions = element('vcita-sessions');
  const messages = element('vcita-messages');
  const title = element('vcita-conversation-title');
  const composer = element('vcita-composer');
  const text = element('vcita-text');
  const typing = element('vcita-typing');
  const notice = element('vcita-notice');
  let picked = null;
  let state = null;

  function act(done, path, body) {
    return window.sandboxPage.act(notice, done, control + path, body);
  }

  function clientName(session) {
    const client = state.clients.find((c) => c.id === session.contact_uid);
    return client ? [client.first_name, client.last_name].filter(Boolean).join(' ') : 'A client';
  }

  function channelName(uid) {
    const channel = state.vcs.channels.find((c) => c.uid === uid);
    return channel ? channel.display_name : 'a removed channel';
  }

  function drawChannels() {
    channels.replaceChildren(...state.vcs.channels.map((c) => make('li', `${c.display_name} — ${c.status}`)));
    element('vcita-no-channels').hidden = state.vcs.channels.length > 0;
  }

  function drawSessions() {
    sessions.replaceChildren(...state.vcs.sessions.map((session) => {
      const pick = button(`${clientName(session)} · ${channelName(session.channel_uid)}`, () => { picked = session.uid; draw(); });
      pick.setAttribute('aria-pressed', String(session.uid === picked));
      const li = document.createElement('li');
      li.append(pick);
      return li;
    }));
    element('vcita-no-sessions').hidden = state.vcs.sessions.length > 0;
  }

  function drawMessage(session, message) {
    const fromStaff = message.direction === 'business_to_client';
    const li = make('li', message.message || '(an attachment)', fromStaff ? 'staff' : 'client');
    const meta = make('span', `${fromStaff ? 'Staff' : clientName(session)} · ${message.status}`, 'meta');
    if (!fromStaff && message.status !== 'read') {
      meta.append(button('Mark read', () => act('Marked read as staff.', '/callbacks/message-status',
        { channel_uid: message.channel_uid, message_uid: message.message_uid, status: 'read' })));
    }
    li.append(meta);
    return li;
  }

  function drawConversation() {
    const session = state.vcs.sessions.find((s) => s.uid === picked);
    composer.hidden = !session;
    if (!session) {
      title.textContent = 'No conversation picked';
      messages.replaceChildren();
      return;
    }
    title.textContent = `${clientName(session)} on ${channelName(session.channel_uid)}`;
    const external = session.external_uid;
    messages.replaceChildren(...state.vcs.messages
      .filter((m) => m.channel_uid === session.channel_uid && m.external_uid === external)
      .map((m) => drawMessage(session, m)));
  }

  function draw() {
    if (!state) {
      return;
    }
    if (picked === null && state.vcs.sessions.length > 0) {
      picked = state.vcs.sessions[0].uid;
    }
    drawChannels();
    drawSessions();
    drawConversation();
  }

  async function refresh() {
    const response = await fetch(`${control}/state`);
    if (response.ok) {
      state = await response.json();
      draw();
    }
  }

  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    await act('Sent as staff.', '/callbacks/staff-message', { session_uid: picked, message: text.value });
    text.value = '';
    // A staff message ends the typing indicator on the client's side: nothing to send for it.
    typing.checked = false;
    refresh();
  });
  typing.addEventListener('change', () => act(typing.checked ? 'Staff is typing.' : 'Staff stopped typing.',
    '/callbacks/typing', { session_uid: picked, typing: typing.checked }));

  window.sandboxPage.onWireCall(refresh);
  refresh();
})();
