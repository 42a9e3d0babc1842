// Structured approvals end to end through the broker (issue 21): a payment or a batch goes in as data, the broker
// renders it in the session's language, the app device signs its canonical hash, the assertion carries it, and the
// relying party's verifier compares it field by field. Every tampering a fraudster could try is refused with a code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { decodeJwt, type JSONWebKeySet } from 'jose';
import type { AppRequest } from '../../protocol/app-api.js';
import type { AssertionClaims, CreateSessionResponse } from '../../protocol/page-api.js';
import { canonicalJson, type BatchDetails, type PaymentDetails } from '../../protocol/transaction.js';
import { AssertionError, verifyAssertion, type VerifyOptions } from '../../verify/index.js';
import type { AppDevice } from '../../testing/node/index.js';
import { activateByLetter } from './support/identity.js';
import {
  BANK_ORIGIN,
  identity,
  NONCE,
  PUBLIC_URL,
  startBroker,
  TEST_CLIENTS,
  type TestBroker,
} from './support/broker.js';

const PAYMENT: PaymentDetails = {
  kind: 'payment',
  amount: { value: '2300.00', currency: 'DKK' },
  payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
};

const BATCH: BatchDetails = {
  kind: 'batch',
  payments: [
    { amount: PAYMENT.amount, payee: PAYMENT.payee, reference: 'Husleje' },
    {
      amount: { value: '150.25', currency: 'DKK' },
      payee: { name: 'Karen Jensen', account: { iban: 'DK5000400440116243' } },
    },
  ],
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('structured approvals (payment and batch)', () => {
  let broker: TestBroker;
  let phone: AppDevice;
  let jwks: JSONWebKeySet;
  before(async () => {
    broker = await startBroker({
      settings: { parallelAppRequests: 'allow' },
      clients: [
        ...TEST_CLIENTS,
        { id: 'mitidbank', name: 'MitID-bank', origins: [BANK_ORIGIN], mitidCompatible: true },
      ],
    });
    phone = await activateByLetter(broker, identity('anna.app').userId, 'Annas telefon');
    jwks = (await broker.call('GET', '/.well-known/jwks.json', undefined)).json<JSONWebKeySet>();
  });
  after(() => broker.close());

  function create(transaction: unknown, extra: object = {}) {
    return broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin: BANK_ORIGIN },
      payload: { client_id: 'netbank', mode: 'approve', user_id: 'anna.app', nonce: NONCE, transaction, ...extra },
    });
  }

  /** A session for `details` up to the request open in the app. */
  async function openRequest(details: unknown, extra: object = {}) {
    const created = await create({ details }, extra);
    assert.equal(created.statusCode, 201, created.body);
    const session = created.json<CreateSessionResponse>();
    const chosen = await broker.call('POST', `/v1/sessions/${session.session_id}/method`, session.session_token, {
      method: 'app',
    });
    assert.equal(chosen.statusCode, 200, chosen.body);
    const qr = await broker.call('GET', `/v1/sessions/${session.session_id}/qr`, session.session_token);
    const request = (await phone.scan(qr.json<{ frame: string }>().frame)).json<AppRequest>();
    assert.equal((await phone.open(request.request_id)).status, 200);
    return { session, request };
  }

  async function assertionOf(session: CreateSessionResponse): Promise<string> {
    const status = await broker.status(session.session_id, session.session_token);
    assert.equal(status.status, 'complete');
    return status.assertion ?? '';
  }

  function verify(jws: string, extra: Partial<VerifyOptions>) {
    return verifyAssertion(jws, {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks,
      replayStore: false,
      ...extra,
    });
  }

  async function verifyCode(jws: string, extra: Partial<VerifyOptions>): Promise<string> {
    try {
      await verify(jws, extra);
    } catch (error) {
      assert.ok(error instanceof AssertionError, String(error));
      return error.code;
    }
    return 'accepted';
  }

  it('a payment: rendered for the page and the app, signed over its hash, carried and verified', async () => {
    const text = 'Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456';
    const { session, request } = await openRequest(PAYMENT);
    assert.deepEqual(session.transaction, { text, details: PAYMENT });
    assert.equal(request.transaction_text, text);
    assert.deepEqual(request.transaction_details, PAYMENT);
    assert.equal((await phone.decide(request, 'approve')).status, 200);
    const jws = await assertionOf(session);
    assert.deepEqual(decodeJwt<AssertionClaims>(jws).txn, {
      text,
      sha256: sha256(text),
      details: PAYMENT,
      details_sha256: sha256(canonicalJson(PAYMENT)),
    });
    const claims = await verify(jws, { expectedTransaction: PAYMENT });
    assert.deepEqual(claims.txn?.details, PAYMENT);
    // Both expectations at once, and members written in another order, verify alike.
    const reordered = { payee: PAYMENT.payee, amount: PAYMENT.amount, kind: 'payment' as const };
    await verify(jws, { expectedTransaction: reordered, expectedTransactionText: text });
  });

  it('renders in the session language: English when the page asks for it', async () => {
    const created = await create({ details: PAYMENT }, { lang: 'en' });
    assert.equal(
      created.json<CreateSessionResponse>().transaction?.text,
      'Transfer of DKK 2,300.00 to Jens Hansen, account 9978 000123456',
    );
    assert.equal((await create({ details: PAYMENT }, { lang: 'de' })).json().error.code, 'invalid_request');
  });

  it('a batch: count, total per currency and every payee; verified payment by payment', async () => {
    const { session, request } = await openRequest(BATCH);
    assert.equal(
      request.transaction_text,
      '2 overførsler på i alt 2.450,25 kr.:\n2.300,00 kr. til Jens Hansen, konto 9978 000123456, tekst »Husleje«\n' +
        '150,25 kr. til Karen Jensen, konto DK50 0040 0440 1162 43',
    );
    assert.equal((await phone.decide(request, 'approve')).status, 200);
    const jws = await assertionOf(session);
    await verify(jws, { expectedTransaction: BATCH });
    // The RP meant another second payee: refused, whatever else matches.
    const otherPayee = structuredClone(BATCH);
    otherPayee.payments[1]!.payee.account = { iban: 'GB82WEST12345698765432' };
    assert.equal(await verifyCode(jws, { expectedTransaction: otherPayee }), 'transaction_mismatch');
    const fewer: BatchDetails = { kind: 'batch', payments: BATCH.payments.slice(0, 1) };
    assert.equal(await verifyCode(jws, { expectedTransaction: fewer }), 'transaction_mismatch');
    assert.equal(await verifyCode(jws, { expectedTransaction: PAYMENT }), 'transaction_mismatch');
  });

  it('page → broker: one digit of the amount or the account changed is approved as changed, and the RP refuses it', async () => {
    // A script on the page (or a proxy) changes the details on their way to the broker. The user sees and signs
    // the changed payment, so the RP, checking what it meant, refuses the assertion.
    for (const tampered of [
      { ...PAYMENT, amount: { value: '2800.00', currency: 'DKK' } },
      { ...PAYMENT, payee: { ...PAYMENT.payee, account: { reg: '9978', number: '000123457' } } },
      { ...PAYMENT, amount: { value: '2300.00', currency: 'EUR' } },
    ]) {
      const { session, request } = await openRequest(tampered);
      assert.equal((await phone.decide(request, 'approve')).status, 200);
      const jws = await assertionOf(session);
      assert.equal(await verifyCode(jws, { expectedTransaction: PAYMENT }), 'transaction_mismatch');
      await assert.rejects(
        verify(jws, { expectedTransaction: PAYMENT }),
        /differs from the expected one at (amount|payee)/,
      );
    }
  });

  it('broker → app: a signature over other details (or over the right text with other details) is refused', async () => {
    const { session, request } = await openRequest(PAYMENT);
    const changedAmount = { ...PAYMENT, amount: { value: '2300.01', currency: 'DKK' } };
    const changedAccount = { ...PAYMENT, payee: { ...PAYMENT.payee, account: { reg: '9978', number: '000123450' } } };
    for (const shown of [changedAmount, changedAccount]) {
      const signature = phone.signature(request, 'approve', request.transaction_text, shown);
      assert.equal((await phone.decide(request, 'approve', signature)).errorCode(), 'invalid_signature');
    }
    // A v1 signature over the text alone does not do for a structured approval either.
    const textOnly = phone.signature(request, 'approve', request.transaction_text, null);
    assert.equal((await phone.decide(request, 'approve', textOnly)).errorCode(), 'invalid_signature');
    assert.equal((await broker.status(session.session_id, session.session_token)).status, 'pending');
    assert.equal((await phone.decide(request, 'approve')).status, 200);
  });

  it('a batch where the app was shown one payee changed is refused', async () => {
    const { request } = await openRequest(BATCH);
    const shown = structuredClone(BATCH);
    shown.payments[1]!.payee.name = 'Karen Jensens Svindel ApS';
    const signature = phone.signature(request, 'approve', request.transaction_text, shown);
    assert.equal((await phone.decide(request, 'approve', signature)).errorCode(), 'invalid_signature');
  });

  it('in the assertion: a digit changed in txn.details breaks the signature (bad_signature)', async () => {
    const { session, request } = await openRequest(PAYMENT);
    await phone.decide(request, 'approve');
    const jws = await assertionOf(session);
    const [header, payload, signature] = jws.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as AssertionClaims;
    claims.txn!.details = { ...PAYMENT, amount: { value: '23000.00', currency: 'DKK' } };
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    assert.equal(await verifyCode(forged, { expectedTransaction: claims.txn!.details }), 'bad_signature');
  });

  it('refuses bad details with invalid_transaction, the rule and the field', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ ...PAYMENT, amount: { value: 2300, currency: 'DKK' } }, 'shape', 'amount'],
      [{ ...PAYMENT, amount: { value: '2300.00', currency: 'Dkk' } }, 'currency', 'amount'],
      [
        { ...PAYMENT, payee: { ...PAYMENT.payee, account: { iban: 'DK5000400440116244' } } },
        'iban-checksum',
        'payee.account.iban',
      ],
      [{ kind: 'batch', payments: [BATCH.payments[0]] }, 'batch-size', 'payments'],
      // The registries, which only the broker checks: three capital letters that are no ISO 4217 currency, an IBAN
      // one digit longer than Denmark's 18 characters and one of no country, each with check digits that hold.
      [{ ...PAYMENT, amount: { value: '2300.00', currency: 'XYZ' } }, 'currency', 'amount'],
      [
        { ...PAYMENT, payee: { ...PAYMENT.payee, account: { iban: 'DK47004004401162430' } } },
        'iban-format',
        'payee.account.iban',
      ],
      [
        { ...PAYMENT, payee: { ...PAYMENT.payee, account: { iban: 'XX2500400440116243' } } },
        'iban-format',
        'payee.account.iban',
      ],
      [
        {
          kind: 'batch',
          payments: [BATCH.payments[0], { ...BATCH.payments[1], amount: { value: '1.00', currency: 'DEM' } }],
        },
        'currency',
        'payments[1].amount',
      ],
    ];
    for (const [details, reason, path] of cases) {
      const response = await create({ details });
      assert.equal(response.statusCode, 400);
      const { error } = response.json<{ error: { code: string; reason: string; path: string } }>();
      assert.deepEqual([error.code, error.reason, error.path], ['invalid_transaction', reason, path]);
    }
    assert.equal((await create({ text: 'Godkend', details: PAYMENT })).json().error.code, 'invalid_request');
    assert.equal((await create({})).json().error.code, 'invalid_request');
  });

  it('a login is never taken for a structured approval, nor a free text for a payment', async () => {
    const text = 'Overførsel af 2.300,00 kr. til Jens Hansen, konto 9978 000123456';
    const created = await create({ text });
    const session = created.json<CreateSessionResponse>();
    await broker.call('POST', `/v1/sessions/${session.session_id}/method`, session.session_token, { method: 'app' });
    const qr = await broker.call('GET', `/v1/sessions/${session.session_id}/qr`, session.session_token);
    const request = (await phone.scan(qr.json<{ frame: string }>().frame)).json<AppRequest>();
    await phone.open(request.request_id);
    await phone.decide(request, 'approve');
    // The same words as a free text are not the payment: the RP that meant a payment refuses it.
    assert.equal(
      await verifyCode(await assertionOf(session), { expectedTransaction: PAYMENT }),
      'transaction_mismatch',
    );
  });

  it('MitID-compatible client: texts over 130 characters are refused with mitid_text_too_long', async () => {
    const forMitid = (transaction: unknown, clientId = 'mitidbank') =>
      broker.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { origin: BANK_ORIGIN },
        payload: { client_id: clientId, mode: 'approve', user_id: 'anna.app', nonce: NONCE, transaction },
      });
    assert.equal((await forMitid({ details: PAYMENT })).statusCode, 201);
    assert.equal((await forMitid({ text: 'x'.repeat(130) })).statusCode, 201);
    const long = await forMitid({ text: 'x'.repeat(131) });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(long.json().error, {
      code: 'mitid_text_too_long',
      message: "The text to approve is 131 characters; MitID's reference text holds at most 130.",
      length: 131,
      limit: 130,
    });
    const batch = await forMitid({ details: BATCH });
    assert.equal(batch.json().error.code, 'mitid_text_too_long');
    // The same batch is fine for a client that did not ask for MitID's limit.
    assert.equal((await forMitid({ details: BATCH }, 'netbank')).statusCode, 201);
  });
});
