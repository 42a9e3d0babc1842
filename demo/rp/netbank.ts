/**
 * Kystbanken's back end (the demo net bank) under /netbank/api/: login, an account overview, and transfers that
 * are only carried out after the user has approved the bank's own payment in MitID and the bank has verified that
 * approval (PSD2 dynamic linking: the approved amount and payee, field by field, must be the ones the bank built).
 * A transfer is one payment, or a batch of two when a second payee is filled in.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CookieSessions } from './cookie-session.js';
import { transactionDetailsProblem } from '../../protocol/rules.js';
import { transactionRendering, type TransactionDetails } from '../../protocol/transaction.js';
import { formatKroner, parseAccount, parseKroner, paymentOf } from './money.js';
import {
  assertionOf,
  isJson,
  newNonce,
  registerRelyingParty,
  sendError,
  type RelyingPartyContext,
} from './relying-party.js';
import type { BankKey } from './bank-key.js';
import { registerNetbankEnrol, type EnrollingSession } from './netbank-enrol.js';
import { BrokerDirectory, type AssertionChecker } from './verifier.js';

interface Account {
  id: string;
  name: string;
  number: string;
  balanceOre: number;
}

interface PendingTransfer {
  id: string;
  fromId: string;
  amountOre: number;
  /** What the user approves, as data; `text` is the broker's rendering of it in Danish. */
  details: TransactionDetails;
  text: string;
  nonce: string;
}

interface Posting {
  text: string;
  amount: string;
  at: string;
}

interface NetbankSession extends EnrollingSession {
  accounts?: Account[];
  pending?: PendingTransfer;
  postings?: Posting[];
}

/** Postings a session shows at most (the newest): a session's data stays bounded however many transfers it books. */
const MAX_POSTINGS = 50;

function openingAccounts(): Account[] {
  return [
    { id: 'loen', name: 'Lønkonto', number: '9070 1234567890', balanceOre: 2_845_050 },
    { id: 'opsparing', name: 'Opsparing', number: '9070 1234567891', balanceOre: 11_250_000 },
    { id: 'budget', name: 'Budgetkonto', number: '9070 1234567892', balanceOre: 412_575 },
  ];
}

type PaymentField = { ore: number; payment: ReturnType<typeof paymentOf> } | { error: string; message: string };

/** One payee's fields of the form (`amount`, `reg`, `account`, `name`, with `suffix` for the second payee). */
function payment(body: Record<string, unknown>, suffix: string): PaymentField {
  const ore = parseKroner(String(body[`amount${suffix}`] ?? ''));
  if (ore === null) return { error: 'invalid_amount', message: 'Skriv et beløb, fx 2.300,00.' };
  const to = parseAccount(String(body[`reg${suffix}`] ?? ''), String(body[`account${suffix}`] ?? ''));
  if (!to) return { error: 'invalid_account', message: 'Skriv et registreringsnummer på 4 cifre og et kontonummer.' };
  const name = String(body[`name${suffix}`] ?? '')
    .trim()
    .normalize('NFC');
  if (!name || name.length > 70) return { error: 'invalid_payee', message: 'Skriv modtagerens navn.' };
  return { ore, payment: paymentOf(ore, to, name) };
}

function present(accounts: Account[]) {
  return accounts.map(({ id, name, number, balanceOre }) => ({ id, name, number, balance: formatKroner(balanceOre) }));
}

export function registerNetbank(
  app: FastifyInstance,
  options: {
    checker: AssertionChecker;
    origin: () => string;
    brokerUrl: () => string;
    clientId: string;
    bankKey?: BankKey;
  },
): Promise<void> {
  const rp: RelyingPartyContext<NetbankSession> = {
    clientId: options.clientId,
    prefix: '/netbank',
    sessions: new CookieSessions<NetbankSession>('kystbanken_session', '/netbank/', () => ({})),
    checker: options.checker,
    origin: options.origin,
    brokerUrl: options.brokerUrl,
  };
  return registerRelyingParty(app, rp, (scope) => {
    registerNetbankEnrol(scope, {
      clientId: rp.clientId,
      sessions: rp.sessions,
      directory: new BrokerDirectory(options.brokerUrl),
      origin: options.origin,
      ...(options.bankKey ? { bankKey: options.bankKey } : {}),
    });
    scope.get('/netbank/api/accounts', async (request, reply) => {
      const session = rp.sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log på først.');
      session.accounts ??= openingAccounts();
      return { accounts: present(session.accounts), postings: session.postings ?? [] };
    });

    // Step 1 of a transfer: the bank checks the form, builds the text and a nonce for this one approval.
    scope.post('/netbank/api/transfers', async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
      const session = rp.sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log på først.');
      session.accounts ??= openingAccounts();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const from = session.accounts.find((account) => account.id === body.from);
      if (!from) return sendError(reply, 400, 'invalid_from', 'Vælg den konto, du vil overføre fra.');
      const first = payment(body, '');
      if ('error' in first) return sendError(reply, 400, first.error, first.message);
      const second = ['amount2', 'reg2', 'account2', 'name2'].some((key) => String(body[key] ?? '').trim())
        ? payment(body, '2')
        : null;
      if (second && 'error' in second) return sendError(reply, 400, second.error, `2. modtager: ${second.message}`);
      const amountOre = first.ore + (second?.ore ?? 0);
      if (amountOre > from.balanceOre) return sendError(reply, 400, 'insufficient_funds', 'Der er ikke dækning.');
      const details: TransactionDetails = second
        ? { kind: 'batch', payments: [first.payment, second.payment] }
        : { kind: 'payment', ...first.payment };
      const problem = transactionDetailsProblem(details);
      if (problem) return sendError(reply, 400, 'invalid_payee', 'Modtagerens navn kan ikke bruges.');
      session.pending = {
        id: randomUUID(),
        fromId: from.id,
        amountOre,
        details,
        text: transactionRendering(details, 'da'),
        nonce: newNonce(),
      };
      const { id, text, nonce } = session.pending;
      return {
        transfer_id: id,
        details,
        text,
        nonce,
        // The login's hint: the approval then asks for no user ID (and is verified against the logged-in `sub`).
        ...(session.loginHint ? { login_hint: session.loginHint } : {}),
      };
    });

    // Step 2: the approval comes back; the bank verifies it against its own text, nonce and logged-in user.
    scope.post('/netbank/api/transfers/:id/approve', async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
      const session = rp.sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log på først.');
      const pending = session.pending;
      const { id } = request.params as { id: string };
      if (!pending || pending.id !== id) return sendError(reply, 404, 'no_transfer', 'Overførslen findes ikke.');
      delete session.pending;
      const outcome = await rp.checker.check(assertionOf(request.body), {
        clientId: rp.clientId,
        nonce: pending.nonce,
        origin: rp.origin(request),
        expectedTransaction: pending.details,
        expectedSub: session.user.sub,
      });
      if (!outcome.ok && outcome.code === 'wrong_subject') {
        return sendError(reply, 403, 'other_user', 'Godkendelsen kom fra en anden bruger end den, der er logget på.');
      }
      if (!outcome.ok) return sendError(reply, 401, outcome.code, outcome.message);
      const from = session.accounts?.find((account) => account.id === pending.fromId);
      if (from) from.balanceOre -= pending.amountOre;
      const at = new Date().toISOString();
      session.postings = [
        { text: pending.text, amount: `-${formatKroner(pending.amountOre)}`, at },
        ...(session.postings ?? []),
      ].slice(0, MAX_POSTINGS);
      return {
        approved: {
          text: outcome.claims.txn?.text ?? '',
          sha256: outcome.claims.txn?.sha256 ?? '',
          name: outcome.claims.name,
          user: session.user,
          at,
        },
      };
    });

    // The user closed the element or the approval failed: forget the pending transfer, so its nonce dies with it.
    scope.delete('/netbank/api/transfers/:id', async (request) => {
      const session = rp.sessions.load(request);
      const { id } = request.params as { id: string };
      if (session.pending?.id === id) delete session.pending;
      return { ok: true };
    });
  });
}
