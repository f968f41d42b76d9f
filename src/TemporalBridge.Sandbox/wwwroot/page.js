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

  // POSTs JSON to an emulator's control API and says in `notice` what happened: `done`, or what the emulator's
  // ProblemDetails refused (its fields first). True when it was done.
  async act(notice, done, url, body) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        const fields = problem.errors ? Object.entries(problem.errors).map(([k, v]) => `${k} ${v.join(', ')}`).join('; ') : '';
        throw new Error(fields || problem.detail || problem.title || `the emulator answered ${response.status}`);
      }
      notice.textContent = done;
      return true;
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
