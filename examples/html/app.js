// @ts-check
/**
 * The plain-HTML example: no framework, no build. One `<mitid-login>` serves the login and the approval: the
 * page sets its properties and listens to its events with addEventListener, and talks to its own back end
 * (/examples/api/, demo/rp/examples.ts), which makes every nonce and verifies every assertion. Every text from
 * outside goes in as textContent.
 *
 * @typedef {import('mitid-login').MitidLogin} MitidLogin
 * @typedef {import('mitid-login').MitidSuccessEvent} MitidSuccessEvent
 * @typedef {import('mitid-login').MitidErrorEvent} MitidErrorEvent
 */

const api = '/examples/api';
const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const element = /** @type {MitidLogin} */ (byId('mitid-login'));
let user = '';

/**
 * Calls the bank's back end (GET without a body, else POST); a refusal becomes the alert's text and `undefined`.
 * @param {string} path
 * @param {unknown} [body]
 */
async function call(path, body) {
  byId('problem').textContent = '';
  try {
    const response = await fetch(`${api}/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.ok) return answer;
    byId('problem').textContent = answer.error?.message ?? 'Banken svarede med en fejl.';
  } catch {
    byId('problem').textContent = 'Banken kan ikke nås lige nu. Tjek forbindelsen, og prøv igen.';
  }
  return undefined;
}

/**
 * Shows one view (the element's section serves both `login` and `approve`) and moves focus to its heading, so
 * screen readers hear where they are.
 * @param {'login' | 'home' | 'approve' | 'approved'} view
 * @param {string} heading
 */
function show(view, heading, focus = true) {
  byId('mitid').hidden = view !== 'login' && view !== 'approve';
  byId('home').hidden = view !== 'home';
  byId('approved').hidden = view !== 'approved';
  byId('view-heading').textContent = heading;
  if (focus) byId('view-heading').focus();
}

const welcome = () => show('home', `Velkommen, ${user}`);

/** One line of the event log, newest first (the framework examples use logLine() from shared/bank.ts). */
function log(/** @type {string} */ line) {
  const list = byId('event-log');
  const item = document.createElement('li');
  item.textContent = line;
  list.prepend(item);
  while (list.children.length > 8) list.lastElementChild?.remove();
}

/** A fresh nonce for every login or approval, from the server; `reset()` takes the element back to its start. */
async function startLogin(focus = true) {
  const session = await call('session', {});
  if (!session) return;
  Object.assign(element, { mode: 'login', transactionText: '', broker: session.broker, nonce: session.nonce });
  element.reset();
  show('login', 'Log på', focus);
}

async function startApproval() {
  const approval = await call('approval', {});
  if (!approval) return;
  element.mode = 'approve';
  // A property, like the nonce: the exact text the server built, shown to the user word for word.
  element.transactionText = approval.text;
  element.broker = approval.broker;
  element.nonce = approval.nonce;
  element.reset();
  show('approve', 'Godkend overførslen');
}

element.addEventListener('mitid-state', (event) => log(`mitid-state: ${event.detail.step}`));

element.addEventListener('mitid-success', async (event) => {
  log(`mitid-success: ${event.detail.mode} (${event.detail.method ?? '-'})`);
  if (event.detail.mode === 'login') {
    const answer = await call('login', { assertion: event.detail.assertion });
    if (!answer) return startLogin();
    user = answer.user.name;
    return welcome();
  }
  const answer = await call('approval/verify', { assertion: event.detail.assertion });
  if (!answer) return welcome();
  byId('approved-text').textContent = answer.approved.text;
  show('approved', 'Overførslen er godkendt');
});

// The element shows the error itself and offers "Start forfra"; the page gives it a fresh nonce for that.
element.addEventListener('mitid-error', async (event) => {
  log(`mitid-error: ${event.detail.code}`);
  const fresh = element.mode === 'login' ? await call('session', {}) : await call('approval', {});
  if (fresh) element.nonce = fresh.nonce;
});

element.addEventListener('mitid-cancel', (event) => {
  log(`mitid-cancel: ${event.detail.step}`);
  if (element.mode === 'approve') welcome();
});

byId('transfer').addEventListener('click', () => void startApproval());
byId('back').addEventListener('click', welcome);
byId('logout').addEventListener('click', async () => {
  await call('logout', {});
  await startLogin();
});

customElements.whenDefined('mitid-login').then(() => startLogin(false));
