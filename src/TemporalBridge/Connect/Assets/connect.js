// The connect page: the business's channels, kept live, and Meta's dialogs for connecting accounts.
// Plain script, no build step. Everything it needs is on <body> and the provider sections (data-*).
'use strict';

(() => {
  const body = document.body;
  const csrf = body.dataset.csrf;
  const dialogOrigins = body.dataset.dialogOrigins.split(',').map((origin) => origin.trim());
  const problemBox = document.getElementById('problem');
  const noticeBox = document.getElementById('notice');
  const table = document.getElementById('channels');
  const empty = document.getElementById('channels-empty');

  const states = {
    creating: 'Waiting for vcita',
    pending: 'Waiting for vcita',
    active: 'Active',
    inactive: 'Inactive',
    deleted: 'Disconnected',
  };
  // Refresh often while something is on its way, seldom otherwise: the state shown stays live.
  const busyRefreshMs = 2000;
  const idleRefreshMs = 15000;
  // How long Embedded Signup's FINISH message may trail the login callback.
  const finishWaitMs = 10000;
  let refreshTimer = null;
  // Channels asked to disconnect, shown as such until they are gone from the list.
  const disconnecting = new Set();
  const keyOf = (channel) => `${channel.provider}/${channel.account_id}`;

  function showProblem(title, detail) {
    problemBox.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = title;
    const text = document.createElement('p');
    text.textContent = detail || '';
    problemBox.append(heading, text);
    problemBox.hidden = false;
    noticeBox.textContent = '';
    problemBox.focus();
  }

  function showNotice(text) {
    problemBox.hidden = true;
    noticeBox.textContent = text;
  }

  async function call(method, path, json) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      init.headers['X-CSRF-Token'] = csrf;
    }
    if (json !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      showProblem('The bridge did not answer', 'Check your connection and try again. Nothing was changed.');
      return null;
    }
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (response.status === 401) {
      window.location.assign('/oauth/vcita/start');
      return null;
    }
    if (!response.ok) {
      showProblem(answer?.title || `The bridge answered ${response.status}`, answer?.detail || '');
      return null;
    }
    return answer ?? {};
  }

  function stateOf(channel) {
    if (disconnecting.has(keyOf(channel))) {
      return 'Disconnecting';
    }
    if (channel.needs_reconnection) {
      return 'Needs reconnection';
    }
    return states[channel.status] || channel.status;
  }

  function button(label, name, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.setAttribute('aria-label', `${label} ${name}`);
    element.addEventListener('click', onClick);
    return element;
  }

  function render(channels) {
    const rows = channels.map((channel) => {
      const row = document.createElement('tr');
      row.dataset.provider = channel.provider;
      row.dataset.accountId = channel.account_id;
      // The channel's name as staff read it in vcita: the provider's title and the account's name.
      const name = channel.display_name;
      for (const value of [name, channel.account_id, stateOf(channel)]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      row.children[2].className = channel.needs_reconnection ? 'state attention' : 'state';
      const actions = document.createElement('td');
      if (document.querySelector(`section.provider[data-provider="${channel.provider}"][data-app-id]`)) {
        actions.append(button('Reconnect', name, () => connect(channel.provider)));
      }
      actions.append(button('Disconnect', name, () => disconnect(channel, name)));
      row.append(actions);
      return row;
    });
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
  }

  async function refresh() {
    clearTimeout(refreshTimer);
    const channels = await call('GET', '/connect/channels');
    if (channels) {
      const listed = new Set(channels.map(keyOf));
      for (const key of [...disconnecting]) {
        if (!listed.has(key)) {
          disconnecting.delete(key);
        }
      }
      render(channels);
      const busy = disconnecting.size > 0 || channels.some((channel) => channel.status === 'creating' || channel.status === 'pending');
      refreshTimer = setTimeout(refresh, busy ? busyRefreshMs : idleRefreshMs);
    }
  }

  async function disconnect(channel, name) {
    if (!window.confirm(`Disconnect ${name}? Its conversations stop reaching vcita.`)) {
      return;
    }
    const done = await call('POST', `/connect/channels/${encodeURIComponent(channel.provider)}/${encodeURIComponent(channel.account_id)}/disconnect`);
    if (done) {
      disconnecting.add(keyOf(channel));
      showNotice(`${name} is being disconnected.`);
      await refresh();
    }
  }

  // Meta's JavaScript SDK, loaded with the page: FB.login must run inside the click itself, or the browser blocks
  // its popup (developers.facebook.com/docs/whatsapp/embedded-signup/implementation).
  let FB = null;
  function loadSdk() {
    if (!document.querySelector('section.provider[data-app-id]')) {
      return;
    }
    window.fbAsyncInit = () => {
      FB = window.FB;
    };
    const script = document.createElement('script');
    script.src = body.dataset.sdkUrl;
    script.async = true;
    script.crossOrigin = 'anonymous';
    document.head.append(script);
  }

  function login(section, options) {
    if (!FB) {
      showProblem("Meta's login is not loaded", 'It may still be loading, or something in this browser blocks facebook.com. Try again in a moment.');
      return Promise.resolve(null);
    }
    FB.init({ appId: section.dataset.appId, version: body.dataset.sdkVersion, xfbml: false, autoLogAppEvents: true });
    return new Promise((resolve) => FB.login(resolve, { config_id: section.dataset.configId, ...options }));
  }

  // Embedded Signup tells the page which account and number were chosen by a window message.
  let signupEvent = null;
  let signupWaiter = null;
  window.addEventListener('message', (event) => {
    if (!dialogOrigins.includes(event.origin)) {
      return;
    }
    let message;
    try {
      message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    } catch {
      return;
    }
    if (message?.type !== 'WA_EMBEDDED_SIGNUP') {
      return;
    }
    signupEvent = message;
    signupWaiter?.(message);
  });

  function nextSignupEvent() {
    if (signupEvent) {
      return Promise.resolve(signupEvent);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), finishWaitMs);
      signupWaiter = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }

  async function connectWhatsApp(section) {
    signupEvent = null;
    const answer = await login(section, {
      response_type: 'code',
      override_default_response_type: true,
      // Meta's Embedded Signup, version 4 (developers.facebook.com/docs/whatsapp/embedded-signup/implementation).
      extras: { setup: {}, sessionInfoVersion: '3', version: 'v4' },
    });
    if (!answer) {
      return;
    }
    const event = await nextSignupEvent();
    signupWaiter = null;
    // CANCEL carries error_message when the person reported an error in Meta's window; ERROR is seen in the field too.
    if ((event?.event === 'CANCEL' && event.data?.error_message) || event?.event === 'ERROR') {
      showProblem('Meta reported an error', `${event.data?.error_message || 'No details.'} Nothing was connected. Try again, or give Meta's support the error id ${event.data?.error_id || 'its window showed'}.`);
      return;
    }
    if (event?.event === 'CANCEL') {
      const step = event.data?.current_step ? ` at the step "${event.data.current_step}"` : '';
      showProblem('You closed Meta\'s window', `Meta's window was closed${step}. Nothing was connected. Press "Connect a number" to start again.`);
      return;
    }
    if (!answer.authResponse?.code) {
      showProblem('You closed Meta\'s window', 'Meta gave no access to this bridge. Nothing was connected. Press "Connect a number" to start again.');
      return;
    }
    if (!event?.data?.phone_number_id || !event.data.waba_id) {
      showProblem('No number was chosen', 'Meta\'s window finished without a phone number. Add a number to your WhatsApp Business Account in Meta\'s window, then connect again.');
      return;
    }
    showNotice('Connecting your number…');
    const connected = await call('POST', '/connect/whatsapp', {
      code: answer.authResponse.code,
      phone_number_id: event.data.phone_number_id,
      waba_id: event.data.waba_id,
    });
    if (connected) {
      showNotice('Your number is connected. vcita confirms it in a moment.');
      await refresh();
    }
  }

  async function connectPages(section) {
    const answer = await login(section, {});
    if (!answer?.authResponse?.accessToken) {
      showProblem('You closed the Facebook login', 'Facebook gave no access to this bridge. Nothing was connected. Press "Connect a Facebook Page" to start again.');
      return;
    }
    const picker = await call('POST', '/connect/messenger/pages', { access_token: answer.authResponse.accessToken });
    if (!picker) {
      return;
    }
    const form = section.querySelector('form.picker');
    const choices = form.querySelector('.choices');
    choices.replaceChildren(...picker.pages.map((page) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'page_ids';
      box.value = page.id;
      box.disabled = page.connected === 'elsewhere';
      const note = page.connected === 'here' ? ' (connected: picking it reconnects it)' : page.connected === 'elsewhere' ? ' (connected to another business)' : '';
      label.append(box, ` ${page.name}${note}`);
      return label;
    }));
    if (picker.pages.length === 0) {
      showProblem('No Facebook Page', 'This Facebook login manages no Page, or did not share any with the app. Log in again and choose your Pages.');
      return;
    }
    form.dataset.ticket = picker.ticket;
    form.hidden = false;
    showNotice('Choose the Pages to connect.');
    choices.querySelector('input:not([disabled])')?.focus();
  }

  async function submitPages(form) {
    const pageIds = [...form.querySelectorAll('input[name="page_ids"]:checked')].map((box) => box.value);
    if (pageIds.length === 0) {
      showProblem('No Page chosen', 'Tick at least one Page, then connect.');
      return;
    }
    showNotice('Connecting your Pages…');
    const connected = await call('POST', `/connect/${form.dataset.provider}`, { ticket: form.dataset.ticket, page_ids: pageIds });
    if (connected) {
      form.hidden = true;
      showNotice(`${connected.length} Page(s) connected. vcita confirms them in a moment.`);
      await refresh();
    }
  }

  function connect(provider) {
    const section = document.querySelector(`section.provider[data-provider="${provider}"]`);
    return section.dataset.flow === 'PickedAfterLogin' ? connectPages(section) : connectWhatsApp(section);
  }

  for (const element of document.querySelectorAll('button.connect')) {
    element.addEventListener('click', () => connect(element.dataset.provider));
  }
  for (const form of document.querySelectorAll('form.picker')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitPages(form);
    });
  }
  document.getElementById('sign-out').addEventListener('click', async () => {
    if (await call('POST', '/connect/sign-out')) {
      window.location.assign('/oauth/vcita/start');
    }
  });
  problemBox.tabIndex = -1;
  loadSdk();
  refresh();
})();
