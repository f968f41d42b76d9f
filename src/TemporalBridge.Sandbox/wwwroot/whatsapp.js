// The client's side on WhatsApp, drawn from the WhatsApp emulator (its users and /_control/chats/{user}) and redrawn
// whenever a call crosses the wire (timeline.js's 'wire-call'): no polling. What the client does goes through the
// emulator's control API, so the bridge receives Meta's webhooks exactly as from a real phone.
'use strict';

(() => {
  const { make, button, bubble, redraw } = window.sandboxPage;
  const control = '/whatsapp-emulator/_control';
  const element = (id) => document.getElementById(id);
  const picker = element('whatsapp-user');
  const title = element('whatsapp-chat-title');
  const typing = element('whatsapp-typing');
  const list = element('whatsapp-messages');
  const composer = element('whatsapp-composer');
  const text = element('whatsapp-text');
  const notice = element('whatsapp-notice');
  const replying = window.sandboxPage.replying(element('whatsapp-replying'), text);
  const typingEnds = window.sandboxPage.endsAt();

  function act(done, path, body) {
    return window.sandboxPage.act(notice, done, control + path, body);
  }

  // Sends what the user writes, as a reply when one is picked (Meta's `context`).
  async function send(done, message) {
    const replyTo = replying.id();
    const body = { from: picker.value, ...message, ...(replyTo ? { context: { id: replyTo } } : {}) };
    if (await act(done, '/messages', body)) {
      replying.clear();
      return true;
    }
    return false;
  }

  // What the user's app shows under a message: the business's ticks, or whether the business read the user's.
  function ticks(message) {
    if (message.from === 'user') {
      return message.read_by_business ? ['✓✓ Read', 'read'] : ['✓ Sent', ''];
    }
    const last = message.statuses[message.statuses.length - 1];
    if (last === 'read') {
      return ['✓✓ Read', 'read'];
    }
    return [last === 'delivered' ? '✓✓ Delivered' : last === 'sent' ? '✓ Sent' : last === 'failed' ? 'Not delivered' : 'Sending', ''];
  }

  function drawMessage(message, messages) {
    const [words, className] = ticks(message);
    const meta = make('span', `${message.from === 'user' ? 'You' : 'Business'} · `, 'meta');
    meta.append(make('span', words, className));
    const last = message.statuses[message.statuses.length - 1];
    if (message.from === 'business' && last !== 'read' && last !== 'failed') {
      meta.append(button('Read', () => act('Read: the business sees the blue ticks.', '/statuses', { wamid: message.wamid, status: 'read' }),
        `Read “${message.preview}”`));
    }
    meta.append(
      button('Reply', () => replying.pick(message.wamid, message.preview), `Reply to “${message.preview}”`),
      // A reaction is never a reply: it names its message itself.
      button('👍', () => act('Reacted.', '/messages', { from: picker.value, type: 'reaction', reaction: { message_id: message.wamid, emoji: '👍' } }),
        `React 👍 to “${message.preview}”`));
    return bubble(message, messages, (m) => m.wamid, meta);
  }

  async function drawChat() {
    const user = picker.value;
    composer.hidden = !user;
    if (!user) {
      title.textContent = 'No client yet';
      list.replaceChildren();
      typing.hidden = true;
      return;
    }
    const response = await fetch(`${control}/chats/${encodeURIComponent(user)}`);
    const chat = response.ok ? await response.json() : null;
    if (!chat || picker.value !== user) {
      // Another client was picked while this one's chat was on its way: that one's draw wins.
      return;
    }
    title.textContent = `${chat.name}'s chat with the business`;
    typing.hidden = !chat.staff_typing;
    // Meta's indicator ends by itself after 25 s, with nothing crossing the wire: look again then.
    typingEnds(chat.staff_typing_until, drawChat);
    redraw(list, chat.messages.map((m) => drawMessage(m, chat.messages)));
  }

  async function refresh(pick) {
    const response = await fetch(`${control}/users`);
    if (!response.ok) {
      return;
    }
    const users = (await response.json()).filter((u) => u.wa_id);
    const chosen = pick || picker.value || (users[0] && users[0].wa_id) || '';
    picker.replaceChildren(...users.map((u) => {
      const option = make('option', `${u.name} (+${u.wa_id})`);
      option.value = u.wa_id;
      return option;
    }));
    picker.value = chosen;
    await drawChat();
  }

  element('whatsapp-new-user').addEventListener('submit', async (event) => {
    event.preventDefault();
    const waId = element('whatsapp-number').value;
    if (await act('Client added.', '/users', { wa_id: waId, name: element('whatsapp-name').value })) {
      event.target.reset();
      await refresh(waId);
    }
  });
  picker.addEventListener('change', () => { replying.clear(); drawChat(); });
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await send('Sent to the business.', { type: 'text', text: { body: text.value } })) {
      text.value = '';
    }
  });
  // A photo (the emulator makes its bytes; the text, if any, is its caption) and a shared location, as the app's
  // attach menu sends them.
  element('whatsapp-photo').addEventListener('click', async () => {
    if (await send('Photo sent to the business.', { type: 'image', image: text.value ? { caption: text.value } : {} })) {
      text.value = '';
    }
  });
  element('whatsapp-location').addEventListener('click', () => send('Location sent to the business.',
    { type: 'location', location: { latitude: 40.7411, longitude: -73.9897, name: 'Flatiron Building', address: '175 5th Ave, New York, NY' } }));

  window.sandboxPage.onWireCall(() => refresh());
  refresh();
})();
