/**
 * Enrolment, steps 6 and 7 (issue 23): a code display sent and activated with its serial number, its code and a new
 * password; the app activated with the one-time code the page shows. Each makes the identity, which then logs in
 * like any other, tells the person, and hands the bank a signed result that mitid-login/verify checks. Tried as a
 * fraudster and a hurried user would: wrong serial numbers and codes to the end, the first code again at login, a
 * step changed after activation, a result for another customer, used twice, or passed off as a login.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type EnrolmentView } from '../../protocol/enrol-api.js';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { AssertionError, EnrolmentResultError, verifyAssertion, verifyEnrolment } from '../../verify/index.js';
import { BANK_ORIGIN, NONCE, PUBLIC_URL, type TestBroker } from './support/broker.js';
import { CUSTOMER, createdToken, errorOf, step, type Keys } from './support/enrolment.js';
import { outbox } from './support/identity.js';
import { PASSWORD, USER_ID, useEnrolmentRig } from './support/enrolment-rig.js';

const rig = useEnrolmentRig();
const { readyEnrolment, sentDevice, postedSecret, recordedSecret, jwks, resultChecks, activate } = rig;
let broker: TestBroker;
let keys: Keys;
beforeEach(() => {
  ({ broker, keys } = rig);
});

describe('enrolment: a code display, sent and activated', () => {
  it('makes the identity, which logs in with the device and the password; the bank verifies the result', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const at = () => broker.clock.now();
    for (const [password, reason] of [
      ['kort', 'too-short'],
      ['sol.og.hav77 for evigt', 'user-id'],
      ['password2026', 'common'],
      ['0101901234abc', 'cpr'],
    ] as const) {
      const refused = await activate(token, { serial, code: device.code(at()), password });
      assert.equal(refused.statusCode, 400, password);
      assert.deepEqual([errorOf(refused).code, errorOf(refused).reason], ['password_refused', reason]);
    }
    const done = await activate(token, { serial, code: device.code(at()), password: PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    const view = done.json<EnrolmentView>();
    assert.ok(view.result, 'the signed result');

    const claims = await verifyEnrolment(view.result, await resultChecks());
    assert.deepEqual(claims.methods, ['code-display']);
    // The same result again is refused, and one for another customer too.
    await assert.rejects(
      verifyEnrolment(view.result, await resultChecks()),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'replayed',
    );
    await assert.rejects(
      verifyEnrolment(view.result, await resultChecks({ customerRef: 'K-999', replayStore: false })),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'wrong_customer',
    );
    // A result is no login assertion.
    await assert.rejects(
      verifyAssertion(view.result, {
        issuer: PUBLIC_URL,
        audience: 'netbank',
        nonce: NONCE,
        origin: BANK_ORIGIN,
        jwks: await jwks(),
        currentDate: new Date(at()),
        replayStore: false,
      }),
      (error: unknown) => error instanceof AssertionError,
    );

    // The new MitID logs in: the first code is used already, the next one works, and the sub is the result's.
    const session = await broker.createSession({ user_id: 'SOL.OG.HAV77' });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const again = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: device.code(at()),
    });
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'code_used');
    broker.clock.advance(30_000);
    const code = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: device.code(at()),
    });
    assert.equal(code.statusCode, 200, code.body);
    const login = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: PASSWORD,
    });
    assert.equal(login.statusCode, 200, login.body);
    const assertion = login.json<SessionStatusEvent>().assertion ?? '';
    const loginClaims = await verifyAssertion(assertion, {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks: await jwks(),
      currentDate: new Date(at()),
    });
    assert.equal(loginClaims.sub, claims.sub, 'the bank links the enrolment to the logins');
    await assert.rejects(
      verifyEnrolment(assertion, await resultChecks()),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'wrong_type',
      'a login assertion is no enrolment result',
    );
    assert.equal(loginClaims.name, CUSTOMER.name);

    // Told to the contact channel.
    const kinds = outbox(broker, 'sol.og.hav77').map((notice) => notice.notification.kind);
    assert.deepEqual(kinds, ['mitid-created']);
  });

  it('after activation the choices are made, the user ID is taken, and the result is shown again on a reload', async () => {
    const token = await readyEnrolment('code-reader');
    const { serial, device } = await sentDevice(token);
    const done = await activate(token, { serial, code: device.code(broker.clock.now()), password: PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    for (const [path, body] of [
      ['user-id', { user_id: 'mark.og.mose' }],
      ['method', { method: 'app' }],
      ['contact', { email: 'x@eksempel.dk' }],
    ] as const) {
      const late = await step(broker, token, path, body);
      assert.equal(late.statusCode, 409, path);
      assert.equal(errorOf(late).code, 'wrong_step', path);
    }
    const twice = await activate(token, { serial, code: device.code(broker.clock.now() + 30_000), password: PASSWORD });
    assert.equal(errorOf(twice).code, 'wrong_step');
    assert.equal(
      (await step(broker, token, 'current')).json<EnrolmentView>().result,
      done.json<EnrolmentView>().result,
    );
    const other = await createdToken(broker, keys);
    await step(broker, other, 'terms', { accepted: true });
    assert.equal(errorOf(await step(broker, other, 'user-id/check', { user_id: USER_ID })).code, 'user_id_taken');
  });

  it('activated twice at once with the same code: one identity; the other press hears the code is used', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const body = { serial, code: device.code(broker.clock.now()), password: PASSWORD };
    const answers = await Promise.all([activate(token, body), activate(token, body)]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    assert.deepEqual(statuses, [200, 400], answers.map((answer) => answer.body).join(' | '));
    const refused = answers.find((answer) => answer.statusCode !== 200)!;
    assert.equal(errorOf(refused).code, 'code_used');
    assert.ok((await step(broker, token, 'current')).json<EnrolmentView>().result, 'the enrolment is finished');
  });

  it('wrong serial numbers and codes are counted; the fifth ends the enrolment and frees the user ID', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const right = () => device.code(broker.clock.now());
    const wrongCode = () => String((Number(right()) + 1) % 1_000_000).padStart(6, '0');
    for (const [index, body] of [
      { serial: '0000-0000-00', code: right(), password: PASSWORD },
      { serial, code: wrongCode(), password: PASSWORD },
      { serial, code: wrongCode(), password: PASSWORD },
      { serial: '1234-5678-90', code: wrongCode(), password: PASSWORD },
    ].entries()) {
      const wrong = await activate(token, body);
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).code, 'wrong_code');
      assert.equal(wrong.json<{ error: { attempts_left: number } }>().error.attempts_left, 4 - index);
    }
    const last = await activate(token, { serial, code: wrongCode(), password: PASSWORD });
    assert.equal(last.statusCode, 410);
    assert.equal(errorOf(last).code, 'enrolment_expired');
    assert.equal(
      errorOf(await activate(token, { serial, code: right(), password: PASSWORD })).code,
      'enrolment_expired',
    );
    const next = await readyEnrolment('code-display');
    assert.ok(next, 'the user ID could be reserved again');
  });

  it('a device is sent only when steps 2 to 5 are done, for a code method, three times at most; the last one counts', async () => {
    const token = await createdToken(broker, keys);
    await step(broker, token, 'terms', { accepted: true });
    await step(broker, token, 'method', { method: 'code-display' });
    assert.equal(errorOf(await step(broker, token, 'device')).code, 'wrong_step', 'no contact details yet');
    const forApp = await readyEnrolment('app', 'mark.og.mose');
    assert.equal(errorOf(await step(broker, forApp, 'device')).code, 'wrong_step', 'the app needs no device');
    const ready = await readyEnrolment('code-display', 'hav.og.sol.22');
    const first = await sentDevice(ready);
    const second = await sentDevice(ready);
    assert.notEqual(first.serial, second.serial);
    assert.equal((await step(broker, ready, 'device')).statusCode, 200);
    assert.equal(errorOf(await step(broker, ready, 'device')).code, 'rate_limited');
    const old = await activate(ready, {
      serial: first.serial,
      code: first.device.code(broker.clock.now()),
      password: PASSWORD,
    });
    assert.equal(errorOf(old).code, 'wrong_code', 'a device sent before no longer works');
  });

  it('each device sent goes to the post with the contact details of the enrolment; the post holds what the record holds', async () => {
    const token = await readyEnrolment('code-reader');
    const sent: Array<{ serial: string; method: string; to: unknown }> = [];
    const post = broker.app.broker.devicePost;
    const send = post.send.bind(post);
    post.send = async (device, to) => {
      sent.push({ serial: device.serial, method: device.method, to });
      await send(device, to);
    };
    const { serial } = await sentDevice(token);
    assert.deepEqual(sent, [{ serial, method: 'code-reader', to: { email: 'maja@eksempel.dk', phone: '20304050' } }]);
    assert.equal(postedSecret(serial), await recordedSecret(token));
    assert.equal(
      errorOf(await step(broker, token, 'device/activate', { serial, code: '000000', password: PASSWORD })).code,
      'wrong_code',
    );
  });
});
