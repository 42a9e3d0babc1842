/**
 * The scripted broker's fake assertion has the claims a host page's code reads from the real one: for an approval of
 * a payment, `txn.details` and the rendering that was shown; for a free text, that text; for a login, no `txn`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock, ScriptedTransport, settle } from '../../../testing/index.js';
import { transactionRendering, type PaymentDetails } from '../../../protocol/transaction.js';
import type { CreateSessionRequest, SessionStatusEvent } from '../../../protocol/page-api.js';

const PAYMENT: PaymentDetails = {
  kind: 'payment',
  amount: { value: '2300.00', currency: 'DKK' },
  payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
};

async function claimsOf(request: CreateSessionRequest): Promise<Record<string, unknown>> {
  const clock = new FakeClock();
  const transport = new ScriptedTransport({ clock, app: [{ after: 10, complete: true }] });
  const created = await transport.createSession(request);
  const ref = { id: created.session_id, token: created.session_token };
  const statuses: SessionStatusEvent[] = [];
  transport.subscribe(ref, 0, { onStatus: (status) => statuses.push(status) }, new AbortController().signal);
  await transport.chooseMethod(ref, { method: 'app' });
  await clock.tick(10);
  await settle();
  const complete = statuses.find((status) => status.status === 'complete');
  assert.ok(complete?.assertion, `complete, after ${JSON.stringify(statuses)}`);
  const payload = complete.assertion.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const base = { client_id: 'demo-bank', nonce: 'n'.repeat(22) } as const;

describe('ScriptedTransport: the fake assertion', () => {
  it('an approval of a payment carries its details and the rendering shown, in the session’s language', async () => {
    for (const lang of ['da', 'en'] as const) {
      const claims = await claimsOf({
        ...base,
        mode: 'approve',
        user_id: 'anna',
        lang,
        transaction: { details: PAYMENT },
      });
      assert.deepEqual(claims.txn, { text: transactionRendering(PAYMENT, lang), details: PAYMENT });
    }
  });

  it('a free text is carried as it was given; a login has no txn', async () => {
    const text = 'Godkend samtykke til deling af dine kontooplysninger';
    const approval = await claimsOf({ ...base, mode: 'approve', user_id: 'anna', transaction: { text } });
    assert.deepEqual(approval.txn, { text });
    const login = await claimsOf({ ...base, mode: 'login', user_id: 'anna' });
    assert.equal('txn' in login, false);
    assert.equal(login.mode, 'login');
  });
});
