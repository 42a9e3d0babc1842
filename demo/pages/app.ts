/**
 * The simulated MitID app (phone-sized). Activation makes a non-extractable P-256 key in this browser; after
 * that the app lists its pending requests, scans QR frames (without a camera), shows the service and the exact
 * text as plain text, asks for the app PIN, and signs the decision with the device key.
 */
import type { AppRequest } from '../../protocol/app-api.js';
import { AppApi } from './app/broker-api.js';
import { checkPin, generateDeviceKey, hashPin, publicJwk } from './app/crypto.js';
import { signDecision } from './app/decision.js';
import { clearActivation, loadActivation, saveActivation, type Activation } from './app/device-store.js';
import { explain } from './app/messages.js';
import { readQrFromImage, readQrFromScreen } from './app/qr-reader.js';
import { ApiError } from './shared/api.js';
import { announce, byId, el, fill, focusHeading } from './shared/dom.js';
import { loadIdentities, type TestIdentity } from './shared/identities.js';

type View = 'loading' | 'activate' | 'home' | 'request' | 'done';
const VIEWS: View[] = ['loading', 'activate', 'home', 'request', 'done'];
const POLL_MS = 1000;

const status = byId('app-status');
let activation: Activation | undefined;
let api: AppApi | undefined;
let current: AppRequest | undefined;
let pollTimer: number | undefined;

function show(view: View, heading?: string): void {
  for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
  if (view === 'home') schedulePoll(0);
  else window.clearTimeout(pollTimer);
  if (heading) focusHeading(byId(heading));
}

// ---- activation ------------------------------------------------------------------------------------------

async function showActivation(): Promise<void> {
  const select = byId<HTMLSelectElement>('pick-identity');
  let identities: TestIdentity[] = [];
  try {
    identities = (await loadIdentities()).filter((identity) => identity.methods.includes('app'));
  } catch {
    announce(status, 'Testbrugerne kunne ikke hentes. Skriv bruger-ID og adgangskode selv.', 'error');
  }
  fill(
    select,
    el('option', { value: '' }, 'Vælg …'),
    ...identities.map((identity) =>
      el('option', { value: identity.user_id }, `${identity.name} (${identity.user_id})`),
    ),
  );
  select.onchange = () => {
    const identity = identities.find((candidate) => candidate.user_id === select.value);
    byId<HTMLInputElement>('user-id').value = identity?.user_id ?? '';
    byId<HTMLInputElement>('password').value = identity?.password ?? '';
    byId('password-hint').textContent = identity ? `Demo-adgangskode: ${identity.password}` : '';
  };
  show('activate');
}

async function activate(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const error = byId('activate-error');
  const userId = byId<HTMLInputElement>('user-id').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  const pin = byId<HTMLInputElement>('new-pin').value;
  if (!userId || !password) return void (error.textContent = 'Skriv bruger-ID og adgangskode.');
  if (!/^\d{4,8}$/.test(pin)) return void (error.textContent = 'PIN-koden skal være 4 til 8 cifre.');
  error.textContent = '';
  try {
    const keyPair = await generateDeviceKey();
    const deviceName = `Demo-browser (${new Date().toLocaleDateString('da-DK')})`;
    const answer = await AppApi.activate({
      user_id: userId,
      password,
      device_public_key: await publicJwk(keyPair),
      device_name: deviceName,
    });
    activation = {
      userId,
      name: answer.name,
      deviceId: answer.device_id,
      deviceToken: answer.device_token,
      deviceName,
      keyPair,
      pin: await hashPin(pin),
      activatedAt: new Date().toISOString(),
    };
    await saveActivation(activation);
    api = new AppApi(activation.deviceToken);
    byId<HTMLFormElement>('activate-form').reset();
    announce(status, 'MitID app er aktiveret på denne enhed.', 'ok');
    await showHome();
  } catch (failure) {
    error.textContent = explain(failure);
  }
}

// ---- home: notices, requests, scanning ---------------------------------------------------------------------

async function showHome(): Promise<void> {
  if (!activation || !api) return;
  byId('home-heading').textContent = `Hej, ${activation.name}`;
  show('home', 'home-heading');
  try {
    const notices = await api.notifications();
    fill(
      byId('notices'),
      ...notices.map((notice) =>
        el(
          'li',
          {},
          el('strong', {}, 'Ny enhed: '),
          `MitID app blev aktiveret på «${notice.device_name}» ${new Date(notice.at).toLocaleString('da-DK')}. `,
          'Var det ikke dig, så kontakt MitID support på tlf. 33 98 00 10.',
        ),
      ),
    );
  } catch {
    // Notices are a courtesy; the requests below matter more.
  }
}

function schedulePoll(delay = POLL_MS): void {
  window.clearTimeout(pollTimer);
  pollTimer = window.setTimeout(() => void poll(), delay);
}

async function poll(): Promise<void> {
  if (!api || byId('view-home').hidden) return;
  try {
    renderRequests(await api.requests());
  } catch (failure) {
    // The broker keeps devices in memory: after a restart it no longer knows this one. Start over cleanly.
    if (failure instanceof ApiError && failure.code === 'invalid_device') return forgetDevice();
    announce(status, explain(failure), 'error');
  }
  schedulePoll();
}

function renderRequests(requests: AppRequest[]): void {
  const list = byId('requests');
  const ids = requests.map((request) => request.request_id + String(request.qr_scanned)).join();
  if (list.dataset.ids === ids) return; // unchanged: keep focus and the screen reader's place
  list.dataset.ids = ids;
  if (requests.length === 0) return fill(list, el('li', { class: 'empty' }, 'Ingen anmodninger lige nu.'));
  fill(
    list,
    ...requests.map((request) => {
      const mustScan = request.needs_qr && !request.qr_scanned;
      const open = el('button', { type: 'button', class: 'wide' }, mustScan ? 'Scan QR-koden for at fortsætte' : 'Åbn');
      open.addEventListener('click', () =>
        mustScan ? byId('scan-text').focus() : void openRequest(request.request_id),
      );
      return el(
        'li',
        { 'data-request-id': request.request_id },
        el('p', { class: 'request-title' }, request.client_name),
        el('p', {}, request.mode === 'approve' ? 'Vil have dig til at godkende:' : 'Vil have dig til at logge på.'),
        request.transaction_text !== undefined
          ? el('p', { class: 'literal approve-text' }, request.transaction_text)
          : null,
        open,
      );
    }),
  );
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
    error.textContent = explain(failure);
  }
}

async function scanScreen(): Promise<void> {
  const error = byId('scan-error');
  if (!navigator.mediaDevices?.getDisplayMedia) {
    error.textContent = 'Denne browser kan ikke dele skærmen. Indsæt QR-kodens tekst i stedet.';
    return;
  }
  announce(status, 'Vælg det vindue, hvor QR-koden vises …');
  try {
    const frame = await readQrFromScreen(new AbortController().signal);
    if (frame) await scanFrame(frame);
    else error.textContent = 'Der blev ikke fundet nogen QR-kode.';
  } catch {
    error.textContent = 'Skærmen blev ikke delt.';
  }
  announce(status, '');
}

async function scanImage(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  input.value = '';
  if (file) await scanImageFile(file);
}

async function scanImageFile(file: Blob): Promise<void> {
  const frame = await readQrFromImage(file).catch(() => null);
  if (frame) await scanFrame(frame);
  else byId('scan-error').textContent = 'Der blev ikke fundet nogen QR-kode i billedet.';
}

// Ctrl+V / Cmd+V anywhere on the home view: a screenshot of the QR code in the clipboard is read with jsQR,
// and a frame's text is scanned as it is. (Pasting into the text field itself keeps the ordinary behaviour.)
function handlePaste(event: ClipboardEvent): void {
  if (byId('view-home').hidden || event.target === byId('scan-text')) return;
  const items = [...(event.clipboardData?.items ?? [])];
  const image = items.find((item) => item.kind === 'file' && item.type.startsWith('image/'))?.getAsFile();
  const text = event.clipboardData?.getData('text/plain').trim() ?? '';
  if (image) {
    event.preventDefault();
    void scanImageFile(image);
  } else if (text.startsWith('MQR')) {
    event.preventDefault();
    void scanFrame(text);
  }
}

// ---- one request: read, PIN, swipe or press, or reject -----------------------------------------------------

async function openRequest(requestId: string): Promise<void> {
  if (!api) return;
  try {
    current = await api.open(requestId);
  } catch (failure) {
    announce(status, explain(failure), 'error');
    return show('home');
  }
  const approving = current.mode === 'approve';
  byId('request-heading').textContent = approving ? 'Godkend følgende?' : `Log på hos ${current.client_name}?`;
  byId('request-service').textContent = current.client_name;
  byId('request-text-box').hidden = !approving;
  byId('request-text').textContent = current.transaction_text ?? '';
  byId('decide-error').textContent = '';
  byId<HTMLInputElement>('pin').value = '';
  byId<HTMLInputElement>('swipe').value = '0';
  byId('approve').textContent = approving ? 'Godkend' : 'Log på';
  show('request', 'request-heading');
}

async function decide(decision: 'approve' | 'reject'): Promise<void> {
  const error = byId('decide-error');
  const request = current;
  if (!request || !activation || !api) return;
  if (decision === 'approve') {
    const pin = byId<HTMLInputElement>('pin');
    if (!(await checkPin(pin.value, activation.pin))) {
      byId<HTMLInputElement>('swipe').value = '0';
      error.textContent = 'Forkert PIN-kode.';
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
    byId('done-heading').textContent = decision === 'approve' ? 'Godkendt' : 'Afvist';
    byId('done-text').textContent =
      decision === 'approve'
        ? `Du har godkendt hos ${request.client_name}. Gå tilbage til browseren.`
        : `Du har afvist anmodningen fra ${request.client_name}. Intet er godkendt.`;
    show('done', 'done-heading');
  } catch (failure) {
    error.textContent = explain(failure);
  }
}

async function forgetDevice(): Promise<void> {
  await clearActivation();
  activation = undefined;
  api = undefined;
  await showActivation();
  announce(status, 'MitID kender ikke længere denne enhed (er demoen genstartet?). Aktivér appen igen.', 'error');
}

async function deactivate(): Promise<void> {
  await clearActivation();
  activation = undefined;
  api = undefined;
  announce(status, 'MitID er fjernet fra denne enhed.');
  await showActivation();
}

// ---- start ---------------------------------------------------------------------------------------------------

function requestFromLink(): string | null {
  const match = /^#request=([\w-]+)$/.exec(location.hash);
  if (match) history.replaceState(null, '', location.pathname);
  return match?.[1] ?? null;
}

async function start(): Promise<void> {
  byId<HTMLFormElement>('activate-form').addEventListener('submit', (event) => void activate(event));
  byId<HTMLFormElement>('scan-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void scanFrame(byId<HTMLInputElement>('scan-text').value);
  });
  byId('scan-screen').addEventListener('click', () => void scanScreen());
  document.addEventListener('paste', handlePaste);
  byId<HTMLInputElement>('scan-image').addEventListener(
    'change',
    (event) => void scanImage(event.target as HTMLInputElement),
  );
  byId<HTMLFormElement>('decide-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void decide('approve');
  });
  byId('reject').addEventListener('click', () => void decide('reject'));
  const swipe = byId<HTMLInputElement>('swipe');
  swipe.addEventListener('change', () => {
    if (Number(swipe.value) >= 95) void decide('approve');
    else swipe.value = '0';
  });
  byId('done-back').addEventListener('click', () => void showHome());
  byId('deactivate').addEventListener('click', () => void deactivate());

  // A same-device link may arrive while the app is open (only the fragment changes, the page stays).
  window.addEventListener('hashchange', () => {
    const requestId = requestFromLink();
    if (requestId && api) void openRequest(requestId);
  });

  const linked = requestFromLink();
  activation = await loadActivation().catch(() => undefined);
  if (!activation) return showActivation();
  api = new AppApi(activation.deviceToken);
  await showHome();
  if (linked) await openRequest(linked);
}

void start();
