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
};
