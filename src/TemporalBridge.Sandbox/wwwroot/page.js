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
  // (null when none), `clear()` ends it; its Cancel button clears it too.
  replying(line) {
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
          window.sandboxPage.button('Cancel', clear, 'Cancel the reply'));
        line.hidden = false;
      },
      id: () => picked,
      clear,
    };
  },

  // The quoted line a reply shows above its own text, found among the chat's `messages` by `idOf`.
  quote(messages, replyTo, idOf) {
    const quoted = replyTo && messages.find((m) => idOf(m) === replyTo);
    return quoted ? window.sandboxPage.make('span', `↩ ${quoted.preview}`, 'quote') : null;
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
