/**
 * Demo Netbank's page. It shows nothing about the user until its own back end has verified the assertion, and a
 * transfer is only booked once the back end has verified an approval of the text the back end itself built.
 */
import { ApiError, getJson, postJson, sendJson } from './shared/api.js';
import { announce, byId, el, fill, focusHeading } from './shared/dom.js';
import { createMitidLogin, type RpSessionInfo, type VerifiedUser } from './shared/mitid.js';
import { refusal } from './shared/verify-errors.js';
import { IdentityAccessClient } from './netbank/identity-access.js';
import { myMitidSection } from './netbank/my-mitid.js';
import { newDeviceSection } from './netbank/new-device.js';
import type { TransactionDetails } from '../../protocol/transaction.js';

interface Account {
  id: string;
  name: string;
  number: string;
  balance: string;
}

interface Posting {
  text: string;
  amount: string;
  at: string;
}

interface Approved {
  text: string;
  sha256: string;
  name: string;
  user: VerifiedUser;
  at: string;
}

/** What the back end answers a new transfer with: its text to approve, a nonce, and the login's hint if it has one. */
interface TransferStarted {
  transfer_id: string;
  details: TransactionDetails;
  text: string;
  nonce: string;
  login_hint?: string;
}

const API = '/netbank/api';
const status = byId('page-status');
const loginView = byId('login-view');
const bankView = byId('bank-view');
const logoutButton = byId<HTMLButtonElement>('logout');
const form = byId<HTMLFormElement>('transfer-form');
const transferError = byId('transfer-error');
const approval = byId('approval');
const receipt = byId('receipt');

let session: RpSessionInfo;
let pendingTransfer: string | undefined;
const identityAccess = new IdentityAccessClient(() => session.broker);
const newDevice = newDeviceSection(identityAccess);
const myMitid = myMitidSection(identityAccess);

function message(error: unknown): string {
  return error instanceof ApiError ? refusal(error.code) : 'Der skete en fejl. Prøv igen.';
}

function facts(list: HTMLElement, rows: [string, string][]): void {
  fill(list, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

function userFacts(user: VerifiedUser): [string, string][] {
  return [
    ['Navn', user.name],
    ['Sikringsniveau', user.level.da],
    ['Metode', user.method.da],
    ['Logget på', new Date(user.authTime).toLocaleString('da-DK')],
  ];
}

async function refreshSession(): Promise<void> {
  session = await postJson<RpSessionInfo>(`${API}/session`, {});
  if (session.user) await showBank(session.user);
  else showLogin();
}

function showLogin(): void {
  identityAccess.loggedOut();
  newDevice.loggedOut();
  myMitid.loggedOut();
  bankView.hidden = true;
  logoutButton.hidden = true;
  loginView.hidden = false;
  const element = createMitidLogin(
    { broker: session.broker, clientId: session.client_id, nonce: session.nonce },
    {
      onSuccess: (detail) => void finishLogin(detail.assertion),
    },
  );
  fill(byId('login-slot'), element);
}

async function finishLogin(assertion: string): Promise<void> {
  try {
    const { user } = await postJson<{ user: VerifiedUser }>(`${API}/login`, { assertion });
    announce(status, '');
    // Kept in memory for "Dit MitID", which trades it at the broker, once, for a short access.
    identityAccess.loggedIn(assertion);
    await showBank(user);
  } catch (error) {
    announce(status, message(error), 'error');
    await refreshSession();
  }
}

async function showBank(user: VerifiedUser): Promise<void> {
  loginView.hidden = true;
  fill(byId('login-slot'));
  bankView.hidden = false;
  logoutButton.hidden = false;
  byId('welcome').textContent = `Velkommen, ${user.name}`;
  facts(byId('verified-facts'), userFacts(user));
  await showAccounts();
  focusHeading(byId('welcome'));
}

async function showAccounts(): Promise<void> {
  const { accounts, postings } = await getJson<{ accounts: Account[]; postings: Posting[] }>(`${API}/accounts`);
  fill(
    byId('account-rows'),
    ...accounts.map((account) =>
      el(
        'tr',
        {},
        el('td', {}, account.name),
        el('td', {}, account.number),
        el('td', { class: 'amount' }, account.balance),
      ),
    ),
  );
  const from = byId<HTMLSelectElement>('from');
  const chosen = from.value;
  fill(
    from,
    ...accounts.map((account) => el('option', { value: account.id }, `${account.name} (${account.balance} kr.)`)),
  );
  if (chosen) from.value = chosen;
  fill(
    byId('postings'),
    ...(postings.length
      ? postings.map((posting) => el('li', {}, `${posting.text}: ${posting.amount} kr.`))
      : [el('li', {}, 'Ingen nye posteringer.')]),
  );
}

async function startTransfer(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  transferError.textContent = '';
  const data = new FormData(form);
  try {
    const transfer = await postJson<TransferStarted>(`${API}/transfers`, Object.fromEntries(data.entries()));
    pendingTransfer = transfer.transfer_id;
    showApproval(transfer);
  } catch (error) {
    transferError.textContent = error instanceof ApiError ? error.message : 'Overførslen kunne ikke oprettes.';
  }
}

function showApproval({ transfer_id: transferId, text, details, nonce, login_hint: loginHint }: TransferStarted): void {
  form.hidden = true;
  receipt.hidden = true;
  approval.hidden = false;
  byId('approval-text').textContent = text;
  // The payment goes to the element as data: the broker renders it, the app signs it, the bank compares its fields.
  const element = createMitidLogin(
    {
      broker: session.broker,
      clientId: session.client_id,
      nonce,
      mode: 'approve',
      transaction: details,
      // From the login: the approval asks for no user ID (and is only for the user who logged in).
      ...(loginHint ? { loginHint } : {}),
    },
    {
      onSuccess: (detail) => void finishApproval(transferId, detail.assertion),
      onCancel: () => void cancelTransfer(),
    },
  );
  fill(byId('approval-slot'), element);
  focusHeading(byId('approval-heading'));
}

async function finishApproval(transferId: string, assertion: string): Promise<void> {
  try {
    const { approved } = await postJson<{ approved: Approved }>(
      `${API}/transfers/${encodeURIComponent(transferId)}/approve`,
      { assertion },
    );
    pendingTransfer = undefined;
    fill(byId('approval-slot'));
    approval.hidden = true;
    receipt.hidden = false;
    facts(byId('receipt-facts'), [
      ['Godkendt tekst', approved.text],
      ['Godkendt af', approved.name],
      ['Sikringsniveau', approved.user.level.da],
      ['Metode', approved.user.method.da],
    ]);
    announce(status, 'Overførslen er godkendt og gennemført.', 'ok');
    await showAccounts();
    focusHeading(byId('receipt-heading'));
  } catch (error) {
    pendingTransfer = undefined;
    resetTransfer();
    transferError.textContent = message(error);
  }
}

async function cancelTransfer(): Promise<void> {
  if (pendingTransfer) {
    await sendJson('DELETE', `${API}/transfers/${encodeURIComponent(pendingTransfer)}`, {}).catch(() => undefined);
  }
  pendingTransfer = undefined;
  resetTransfer();
  announce(status, 'Overførslen er fortrudt. Intet er gennemført.');
}

function resetTransfer(): void {
  fill(byId('approval-slot'));
  approval.hidden = true;
  receipt.hidden = true;
  form.hidden = false;
  byId('amount').focus();
}

async function logout(): Promise<void> {
  await postJson(`${API}/logout`, {});
  announce(status, 'Du er logget af.');
  resetTransfer();
  await refreshSession();
  focusHeading(byId('login-heading'));
}

form.addEventListener('submit', (event) => void startTransfer(event));
byId('approval-cancel').addEventListener('click', () => void cancelTransfer());
byId('new-transfer').addEventListener('click', () => {
  form.reset();
  resetTransfer();
});
logoutButton.addEventListener('click', () => void logout());

refreshSession().catch(() => announce(status, 'Netbanken kunne ikke startes. Prøv at genindlæse siden.', 'error'));
