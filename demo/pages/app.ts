/**
 * The simulated MitID app (phone-sized). Activation (./app/activation.ts) takes the letter's code or a ticket from
 * the net bank and makes a non-extractable P-256 key in this browser. The home view shows whether the app may
 * approve yet (a ticket's waiting period), the identity's notices, authenticators and history (./app/identity-view.ts),
 * and the requests this device has scanned or opened: a cross-device one appears by scanning its QR code
 * (./app/scanning.ts), a same-device one by its link `#request=<id>&secret=<secret>`. A request shows the service
 * and the exact text as plain text, asks for the app PIN (a few wrong tries, then the app is locked and must be
 * activated again: ./app/pin-tries.ts), and the decision, by the swipe (./app/swipe.ts) or a button, is signed with
 * the device key. The status line says what just happened and goes when it stops being true: at the next screen or
 * the next thing the user does.
 */
import type { ActivateDeviceResponse, AppRequest } from '../../protocol/app-api.js';
import { startActivation } from './app/activation.js';
import { AppApi } from './app/broker-api.js';
import { signDecision } from './app/decision.js';
import { clearActivation, clearPinLock, loadActivation, loadPinLock, type Activation } from './app/device-store.js';
import { IdentityView, showDeviceState, type DeviceState } from './app/identity-view.js';
import { startedWhereAndWhen, when } from './app/labels.js';
import { explain } from './app/messages.js';
import { wirePairing } from './app/pairing.js';
import { pinMessage, showLocked, tellBrokerLocked, tryPin } from './app/pin-tries.js';
import { wireScanning } from './app/scanning.js';
import { showRequests, showWaiting } from './app/request-list.js';
import { wireSwipe, type Swipe } from './app/swipe.js';
import { wireUseNotices } from './app/use-notices.js';
import { showPaymentFields } from './app/payment-fields.js';
import { ApiError } from './shared/api.js';
import { announce, byId, fillIsolated, focusHeading } from './shared/dom.js';

type View = 'loading' | 'activate' | 'home' | 'request' | 'done';
const VIEWS: View[] = ['loading', 'activate', 'home', 'request', 'done'];
const POLL_MS = 1000;
/** The notices and authenticators are read every this many polls (and whenever something changed here). */
const IDENTITY_EVERY = 5;

const status = byId('app-status');
let activation: Activation | undefined;
let api: AppApi | undefined;
let identity: IdentityView | undefined;
let device: DeviceState = { state: 'active' };
let current: AppRequest | undefined;
let pollTimer: number | undefined;
let polls = 0;
let swipe: Swipe | undefined;

/** Shows one view. What the status line said belonged to the screen before: it goes (announce after this). */
function show(view: View, heading?: string): void {
  const changed = byId(`view-${view}`).hidden;
  for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
  if (changed) announce(status, '');
  if (view === 'home') {
    polls = 0;
    schedulePoll(0);
  } else window.clearTimeout(pollTimer);
  if (heading) focusHeading(byId(heading));
}

function useActivation(next: Activation | undefined): void {
  activation = next;
  api = next ? new AppApi(next.deviceToken) : undefined;
  identity = api
    ? new IdentityView(api, {
        announce: (message, kind) => announce(status, message, kind),
        onRemovedSelf: () => void forgetLocally('MitID app er fjernet fra denne enhed.', 'ok'),
      })
    : undefined;
  const activeFrom = next?.activeFrom;
  device =
    activeFrom && Date.parse(activeFrom) > Date.now() ? { state: 'pending', until: activeFrom } : { state: 'active' };
}

async function activated(next: Activation, answer: ActivateDeviceResponse): Promise<void> {
  useActivation(next);
  await clearPinLock().catch(() => undefined);
  byId('pin-locked').hidden = true;
  await showHome();
  announce(
    status,
    answer.state === 'pending'
      ? `MitID app er tilføjet på denne enhed. Den kan godkende fra ${when(answer.active_from)}.`
      : 'MitID app er aktiveret på denne enhed.',
    'ok',
  );
}

// ---- home: this device's state, the identity, and the requests -----------------------------------------------

const useNotices = wireUseNotices({
  api: () => api,
  announce: (message, kind) => announce(status, message, kind),
});

async function showHome(): Promise<void> {
  if (!activation) return;
  byId('home-heading').textContent = `Hej, ${activation.name}`;
  showDeviceState(device);
  identity?.reset();
  void useNotices.show();
  show('home', 'home-heading');
}

function setDeviceState(next: DeviceState): void {
  const wasPending = device.state === 'pending';
  device = next;
  showDeviceState(next);
  if (wasPending && next.state === 'active') {
    announce(status, 'MitID app er nu aktiv på denne enhed. Du kan godkende med den.', 'ok');
  }
}

function schedulePoll(delay = POLL_MS): void {
  window.clearTimeout(pollTimer);
  pollTimer = window.setTimeout(() => void poll(), delay);
}

async function poll(): Promise<void> {
  if (!api || !identity || byId('view-home').hidden) return;
  const waitingIsOver = device.state === 'pending' && Date.parse(device.until ?? '') <= Date.now();
  try {
    if (polls % IDENTITY_EVERY === 0 || waitingIsOver) {
      const mine = await identity.refresh();
      if (mine) setDeviceState({ state: mine.state, until: mine.until });
    }
    polls += 1;
    if (device.state === 'pending') showWaiting();
    else showRequests(await api.requests(), (requestId) => void openRequest(requestId));
  } catch (failure) {
    if (failure instanceof ApiError && failure.code === 'invalid_device') return forgetDevice();
    if (failure instanceof ApiError && failure.code === 'device_pending') {
      const until = failure.details.active_from;
      setDeviceState({ state: 'pending', until: typeof until === 'string' ? until : undefined });
    } else announce(status, explain(failure), 'error');
  }
  schedulePoll();
}

async function scanFrame(frame: string): Promise<void> {
  const error = byId('scan-error');
  error.textContent = '';
  if (!api) return;
  try {
    const request = await api.scan(frame.trim());
    byId<HTMLInputElement>('scan-text').value = '';
    await openRequest(request.request_id);
  } catch (failure) {
    if (await handledFailure(failure)) return;
    error.textContent = explain(failure);
  }
}

/**
 * The answers that end more than one step: two requests at once (both stopped), and a device the broker no longer
 * knows (`invalid_device` also answers a QR code of another MitID, so the device is checked first).
 */
async function handledFailure(failure: unknown): Promise<boolean> {
  if (!(failure instanceof ApiError) || !api) return false;
  if (failure.code === 'parallel_session') {
    showDone('Anmodningerne er stoppet', explain(failure));
    return true;
  }
  if (failure.code === 'invalid_device') {
    const known = await api.authenticators().then(
      () => true,
      (check: unknown) => !(check instanceof ApiError && check.code === 'invalid_device'),
    );
    if (!known) await forgetDevice();
    return !known;
  }
  return false;
}

// ---- one request: read, PIN, swipe or press, or reject -----------------------------------------------------

async function openRequest(requestId: string, linkSecret?: string): Promise<void> {
  if (!api) return;
  try {
    current = await api.open(requestId, linkSecret);
  } catch (failure) {
    if (await handledFailure(failure)) return;
    show('home');
    return announce(status, explain(failure), 'error');
  }
  const approving = current.mode === 'approve';
  byId('request-heading').textContent = approving ? 'Godkend følgende?' : `Log på hos ${current.client_name}?`;
  byId('request-service').textContent = current.client_name;
  byId('request-origin').textContent = startedWhereAndWhen(current);
  byId('request-text-box').hidden = !approving;
  byId('request-warning').textContent = approving
    ? 'Godkend kun, hvis du selv har startet det, og teksten svarer til det, du vil gøre. ' +
      'Hverken banken eller supporten ringer og beder dig om at godkende noget.'
    : 'Log kun på, hvis du selv er ved at logge på lige nu. ' +
      'Hverken banken eller supporten ringer og beder dig om at logge på.';
  fillIsolated(byId('request-text'), current.transaction_text ?? '');
  showPaymentFields(byId('request-payment'), approving ? current.transaction_details : undefined);
  byId('decide-error').textContent = '';
  byId<HTMLInputElement>('pin').value = '';
  swipe?.reset();
  byId('approve').textContent = approving ? 'Godkend' : 'Log på';
  show('request', 'request-heading');
}

async function decide(decision: 'approve' | 'reject'): Promise<void> {
  const error = byId('decide-error');
  const request = current;
  if (!request || !activation || !api) return;
  if (decision === 'approve') {
    const pin = byId<HTMLInputElement>('pin');
    const tried = await tryPin(activation, pin.value);
    if (tried.kind === 'locked') return lockApp(tried.deviceToken, tried.deviceId);
    if (tried.kind !== 'ok') {
      swipe?.reset();
      pin.value = '';
      error.textContent = pinMessage(tried);
      pin.focus();
      return;
    }
  }
  try {
    await api.decide(
      request.request_id,
      decision,
      await signDecision(activation.keyPair.privateKey, request, decision),
    );
    current = undefined;
    showDone(
      decision === 'approve' ? 'Godkendt' : 'Afvist',
      decision === 'approve'
        ? `Du har godkendt hos ${request.client_name}. Gå tilbage til browseren.`
        : `Du har afvist anmodningen fra ${request.client_name}. Intet er godkendt.`,
    );
  } catch (failure) {
    if (await handledFailure(failure)) return;
    error.textContent = explain(failure);
  }
}

function showDone(heading: string, text: string): void {
  current = undefined;
  byId('done-heading').textContent = heading;
  byId('done-text').textContent = text;
  show('done', 'done-heading');
}

// ---- leaving this device -------------------------------------------------------------------------------------

async function forgetLocally(message: string, kind: 'ok' | 'error' | 'info'): Promise<void> {
  await clearActivation();
  useActivation(undefined);
  byId('requests').dataset.ids = '';
  show('activate', 'activate-heading');
  announce(status, message, kind);
}

function forgetDevice(): Promise<void> {
  return forgetLocally(
    'MitID kender ikke længere denne enhed (den er fjernet, eller demoen er genstartet). Aktivér appen igen.',
    'error',
  );
}

/** Too many wrong PINs: the key is wiped already, the broker is told (./app/pin-tries.ts), activation is next. */
async function lockApp(deviceToken: string, deviceId: string): Promise<void> {
  useActivation(undefined);
  current = undefined;
  byId('requests').dataset.ids = '';
  showLocked();
  show('activate', 'activate-heading');
  await tellBrokerLocked(deviceToken, deviceId);
}

/** Removes the app here, and at the broker too (best effort: a pending app cannot, and a forgotten one need not). */
async function deactivate(): Promise<void> {
  const mine = activation;
  if (mine && api) await api.revoke(mine.deviceId).catch(() => undefined);
  await forgetLocally('MitID er fjernet fra denne enhed.', 'info');
}

// ---- start ---------------------------------------------------------------------------------------------------

/** A same-device link: `#request=<id>&secret=<one-time secret>` (taken out of the address at once). */
function requestFromLink(): { requestId: string; secret: string | undefined } | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const requestId = params.get('request');
  if (!requestId || !/^[\w-]+$/.test(requestId)) return null;
  history.replaceState(null, '', location.pathname);
  return { requestId, secret: params.get('secret') ?? undefined };
}

async function start(): Promise<void> {
  wireScanning(status, scanFrame);
  wirePairing(byId('scan'), {
    pair: (code) => (api ? api.pair(code) : Promise.reject(new Error('no device'))),
    open: (requestId) => openRequest(requestId),
    handled: handledFailure,
  });
  byId<HTMLFormElement>('decide-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void decide('approve');
  });
  byId('reject').addEventListener('click', () => void decide('reject'));
  swipe = wireSwipe(byId('swipe-track'), byId('swipe'), () => void decide('approve'));
  // The next thing the user does makes the last status line old news (its own answer comes after this).
  const main = byId('main');
  main.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element).closest('button, summary, label, [role="slider"]')) announce(status, '');
    },
    true,
  );
  main.addEventListener('submit', () => announce(status, ''), true);
  byId('done-back').addEventListener('click', () => void showHome());
  // The file input's own button speaks the browser's language: it stays hidden, and this button opens it.
  byId('scan-image-button').addEventListener('click', () => byId('scan-image').click());
  byId('deactivate').addEventListener('click', () => void deactivate());

  // A same-device link may arrive while the app is open (only the fragment changes, the page stays).
  window.addEventListener('hashchange', () => {
    const linked = requestFromLink();
    if (linked && api) void openRequest(linked.requestId, linked.secret);
  });

  const linked = requestFromLink();
  const stored = await loadActivation().catch(() => undefined);
  const activationForm = startActivation(activated);
  if (!stored) {
    const lock = await loadPinLock().catch(() => undefined);
    if (lock) showLocked();
    if (lock?.deviceToken) void tellBrokerLocked(lock.deviceToken, lock.deviceId);
    await activationForm;
    return show('activate');
  }
  useActivation(stored);
  await showHome();
  if (linked) await openRequest(linked.requestId, linked.secret);
  await activationForm;
}

void start();
