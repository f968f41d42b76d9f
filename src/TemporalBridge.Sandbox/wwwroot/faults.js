// The fault buttons: each adds a fault to an emulator's control API, so the next call of its kind fails as the real
// service fails it (the codes are the emulators' own, from Meta's and vcita's error references).
'use strict';

(() => {
  const notice = document.getElementById('faults-notice');
  const whatsapp = '/whatsapp-emulator/_control/faults';
  const messenger = '/messenger-emulator/_control/faults';
  const vcita = '/vcita-emulator/_control';

  // What each button does: [what the visitor is told, url, body, method].
  const faults = {
    'whatsapp-throttled': ['The next WhatsApp send is throttled (130429): the bridge waits and tries again.', whatsapp, { code: 130429, operation: 'send' }],
    'whatsapp-window': ['The next WhatsApp send is outside the 24-hour window (131047): staff see it failed.', whatsapp, { code: 131047, operation: 'send' }],
    'whatsapp-token': ['The next WhatsApp send has its token rejected (190): the number needs reconnecting, and the message waits for it or an operator\'s retry.', whatsapp, { code: 190, operation: 'send' }],
    'messenger-throttled': ['The next Messenger send is throttled (613): the bridge waits and tries again.', messenger, { code: 613, operation: 'send' }],
    'messenger-window': ['The next Messenger send is outside the 24-hour window (10/2018278): staff see it failed.', messenger, { code: 10, subcode: 2018278, operation: 'send' }],
    'messenger-token': ['The next Messenger send has its token rejected (190): the Page needs reconnecting, and the message waits for it or an operator\'s retry.', messenger, { code: 190, operation: 'send' }],
    'vcita-500': ['The next client message to vcita gets a 500: the bridge tries again.', `${vcita}/faults`, { endpoint: 'messages.create', status: 500 }],
    'vcita-late': ['vcita\'s next call to the bridge (a staff message, a confirmation) comes 10 s late.', `${vcita}/callbacks/hold-next`, { count: 1, delay_ms: 10_000 }, 'PUT'],
  };

  async function clearAll() {
    try {
      const answers = await Promise.all([
        ...[whatsapp, messenger, `${vcita}/faults`].map((url) => fetch(url, { method: 'DELETE' })),
        fetch(`${vcita}/callbacks/hold-next`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 0, delay_ms: 0 }) }),
      ]);
      notice.textContent = answers.every((a) => a.ok) ? 'Every fault cleared: calls succeed again.' : 'Not done: an emulator refused to clear its faults.';
    } catch (error) {
      notice.textContent = `Not done: ${error.message}`;
    }
  }

  for (const button of document.querySelectorAll('[data-fault]')) {
    button.addEventListener('click', () => {
      if (button.dataset.fault === 'clear') {
        clearAll();
        return;
      }
      const [done, url, body, method] = faults[button.dataset.fault];
      window.sandboxPage.act(notice, done, url, body, method);
    });
  }
})();
