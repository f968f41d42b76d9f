// What the page's panels share; loaded before them (deferred scripts run in document order).
'use strict';

window.sandboxPage = {
  // An element with its text, never parsed as HTML (messages and paths come from outside), and its class if given.
  make(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) {
      element.className = className;
    }
    return element;
  },

  // A button that does `onClick`; `label` names it for screen readers when its text alone would be ambiguous (a
  // "Reply" under each message), and starts with that text so speech input still finds it.
  button(text, onClick, label) {
    const button = window.sandboxPage.make('button', text);
    button.type = 'button';
    if (label) {
      button.setAttribute('aria-label', label);
    }
    button.addEventListener('click', onClick);
    return button;
  },

  // The "Replying to …" line above a composer: `pick(id, preview)` shows it, `id()` is what the next message answers
  // (null when none), `clear()` ends it; its Cancel button clears it and puts the keyboard back in `input`.
  replying(line, input) {
    let picked = null;
    const clear = () => {
      picked = null;
      line.hidden = true;
      line.replaceChildren();
    };
    return {
      pick(id, preview) {
        picked = id;
        line.replaceChildren(window.sandboxPage.make('span', `Replying to “${preview}”`),
          window.sandboxPage.button('Cancel', () => { clear(); input.focus(); }, 'Cancel the reply'));
        line.hidden = false;
        input.focus();
      },
      id: () => picked,
      clear,
    };
  },

  // One message of a chat: the line it quotes (found among `messages` by `idOf`), its text, the client's reaction to
  // it, and under it `meta`'s text and buttons.
  bubble(message, messages, idOf, meta) {
    const { make } = window.sandboxPage;
    const li = document.createElement('li');
    li.className = message.from;
    const quoted = message.reply_to && messages.find((m) => idOf(m) === message.reply_to);
    if (quoted) {
      li.append(make('span', `↩ ${quoted.preview}`, 'quote'));
    }
    li.append(make('span', message.preview, 'text'));
    if (message.reaction) {
      li.append(make('span', message.reaction, 'reaction'));
    }
    li.append(meta);
    return li;
  },

  // Replaces `list`'s items, keeping the keyboard on the button it was on (found again by its accessible name):
  // a redraw must not throw a keyboard user back to the top of the page.
  redraw(list, items) {
    const focused = list.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
    list.replaceChildren(...items);
    const again = focused && [...list.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === focused);
    if (again) {
      again.focus();
    }
  },

  // One timer that calls `redraw` at `until` (an ISO time from the emulator; none: no timer): a typing indicator
  // ends by itself with nothing crossing the wire.
  endsAt() {
    let timer = null;
    return (until, redraw) => {
      clearTimeout(timer);
      if (until) {
        timer = setTimeout(redraw, Math.max(0, new Date(until) - Date.now()) + 50);
      }
    };
  },

  // Sends JSON (POST unless `method` says) to an emulator's control API and says in `notice` what happened: `done`, or what the emulator's
  // ProblemDetails refused (its fields first). When it was done, what the emulator answered (true for no body);
  // false when not.
  async act(notice, done, url, body, method = 'POST') {
    try {
      const response = await fetch(url, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const fields = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k} ${v.join(', ')}`).join('; ') : '';
        throw new Error(fields || problem.detail || problem.title || `the emulator answered ${response.status}`);
      }
      notice.textContent = done;
      return response.status === 204 ? true : await response.json().catch(() => true);
    } catch (error) {
      notice.textContent = `Not done: ${error.message}`;
      return false;
    }
  },

  // Calls `redraw` once after each burst of calls crossing the wire (timeline.js's 'wire-call'; several cross for one
  // message). Whatever changes in the sandbox, a call crosses the wire for it: the panels never poll.
  onWireCall(redraw) {
    let timer = null;
    document.addEventListener('wire-call', () => {
      clearTimeout(timer);
      timer = setTimeout(redraw, 100);
    });
  },
};
