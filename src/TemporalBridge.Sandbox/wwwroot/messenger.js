// The client's side on Messenger, drawn from the Messenger emulator (its people and /_control/chats/{psid}) and redrawn
// whenever a call crosses the wire (timeline.js's 'wire-call'): no polling. What the person does goes through the
// emulator's control API, so the bridge receives Meta's Page webhooks exactly as from a real Messenger.
'use strict';

(() => {
  const { make, button, bubble, redraw } = window.sandboxPage;
  const control = '/messenger-emulator/_control';
  const element = (id) => document.getElementById(id);
  const picker = element('messenger-person');
  const pages = element('messenger-page');
  const title = element('messenger-chat-title');
  const typing = element('messenger-typing');
  const list = element('messenger-messages');
  const composer = element('messenger-composer');
  const text = element('messenger-text');
  const notice = element('messenger-notice');
  const replying = window.sandboxPage.replying(element('messenger-replying'), text);
  const typingEnds = window.sandboxPage.endsAt();
  let pageNames = {};

  function act(done, path, body) {
    return window.sandboxPage.act(notice, done, control + path, body);
  }

  // Sends what the person writes, as a reply when one is picked (Meta's `reply_to`).
  async function send(done, message) {
    const replyTo = replying.id();
    if (await act(done, '/messages', { psid: picker.value, ...message, ...(replyTo ? { reply_to: replyTo } : {}) })) {
      replying.clear();
      return true;
    }
    return false;
  }

  // Messenger shows under the person's message whether the Page has seen it; under the Page's, whether they read it.
  function drawMessage(chat, message) {
    const mine = message.from === 'person';
    const meta = make('span', mine ? `You · ${message.seen ? 'Seen' : 'Sent'}` : `${pageNames[chat.page_id] || 'The Page'} · ${message.seen ? 'Read' : 'New'}`, 'meta');
    if (!mine && !message.seen) {
      meta.append(button('Read', () => act('Read: the business sees it was read.', '/reads', { psid: chat.psid }), `Read “${message.preview}”`));
    }
    meta.append(
      button('Reply', () => replying.pick(message.mid, message.preview), `Reply to “${message.preview}”`),
      button('❤️', () => act('Reacted.', '/reactions', { psid: chat.psid, mid: message.mid, reaction: 'love', emoji: '❤️' }), `React ❤️ to “${message.preview}”`));
    return bubble(message, chat.messages, (m) => m.mid, meta);
  }

  async function drawChat() {
    const psid = picker.value;
    composer.hidden = !psid;
    if (!psid) {
      title.textContent = 'No person yet';
      list.replaceChildren();
      typing.hidden = true;
      return;
    }
    const response = await fetch(`${control}/chats/${encodeURIComponent(psid)}`);
    const chat = response.ok ? await response.json() : null;
    if (!chat || picker.value !== psid) {
      // Another person was picked while this one's conversation was on its way: that one's draw wins.
      return;
    }
    const page = pageNames[chat.page_id];
    title.textContent = `${chat.name}'s conversation with ${page || 'the Page'}`;
    typing.textContent = `${page || 'The Page'} is typing…`;
    typing.hidden = !chat.page_typing;
    // Meta turns the indicator off after 20 s, with nothing crossing the wire: look again then.
    typingEnds(chat.page_typing_until, drawChat);
    redraw(list, chat.messages.map((m) => drawMessage(chat, m)));
  }

  async function refresh(pick) {
    const [peopleAnswer, pagesAnswer] = await Promise.all([fetch(`${control}/people`), fetch(`${control}/pages`)]);
    if (!peopleAnswer.ok || !pagesAnswer.ok) {
      return;
    }
    const people = await peopleAnswer.json();
    const known = await pagesAnswer.json();
    pageNames = Object.fromEntries(known.map((p) => [p.page_id, p.name]));
    if (pages.options.length !== known.length) {
      pages.replaceChildren(...known.map((p) => {
        const option = make('option', p.name);
        option.value = p.page_id;
        return option;
      }));
    }
    const chosen = pick || picker.value || (people[0] && people[0].psid) || '';
    picker.replaceChildren(...people.map((p) => {
      const option = make('option', `${p.name} (on ${pageNames[p.page_id] || p.page_id})`);
      option.value = p.psid;
      return option;
    }));
    picker.value = chosen;
    await drawChat();
  }

  element('messenger-new-person').addEventListener('submit', async (event) => {
    event.preventDefault();
    const person = await act('Person added.', '/people',
      { page_id: pages.value, first_name: element('messenger-first-name').value, last_name: element('messenger-last-name').value || null });
    if (person) {
      event.target.reset();
      await refresh(person.psid);
    }
  });
  picker.addEventListener('change', () => { replying.clear(); drawChat(); });
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await send('Sent to the Page.', { text: text.value })) {
      text.value = '';
    }
  });
  // A photo, where Meta's CDN would serve it, and a location, as the app's attach menu sends them. Messenger has no
  // captions: what is in the text box stays there, to be sent as its own message.
  element('messenger-photo').addEventListener('click', () =>
    send('Photo sent to the Page.', { image_url: new URL('/photo.svg', window.location.href).href }));
  element('messenger-location').addEventListener('click', () =>
    send('Location sent to the Page.', { location: { lat: 40.7411, long: -73.9897 } }));

  window.sandboxPage.onWireCall(() => refresh());
  refresh();
})();
